#!/usr/bin/python3
"""Writes Keras config fixtures shaped like Keras' own output (Keras itself is not packaged for Debian).

Keras 3 config.json objects: {"module", "class_name", "config", "registered_name"} (keras/src/saving/
serialization_lib.py); Keras 2 model_config: {"class_name", "config": {"layers": [...]}} with Lambda
functions dumped by func_dump as [base64(marshal.dumps(code)), defaults, closure] (keras/src/utils/
python_utils.py). The marshalled code is real: this interpreter's marshal of a lambda calling os.system.
Run from this folder.
"""
import codecs
import json
import marshal


def dump(fn):
    return codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")


EVIL = dump(lambda x: __import__("os").system("id") or x)
PRINT = dump(lambda x: print("hello") or x)


def k3(module, class_name, config, registered_name=None):
    return {"module": module, "class_name": class_name, "config": config, "registered_name": registered_name}


def dense3(name, units, activation="relu"):
    return k3("keras.layers", "Dense", {"name": name, "units": units, "activation": activation,
                                         "kernel_initializer": k3("keras.initializers", "GlorotUniform", {"seed": None}),
                                         "kernel_constraint": None, "trainable": True}, None)


def sequential3(layers, name="sequential"):
    return k3("keras", "Sequential", {"name": name, "trainable": True, "layers": layers}, None)


def write(name, obj):
    with open(name, "w") as f:
        json.dump(obj, f, indent=1)


write("keras3-sequential-dense.json", sequential3([
    k3("keras.layers", "InputLayer", {"batch_shape": [None, 4], "name": "input"}),
    dense3("dense", 8), dense3("dense_1", 2, "softmax")]))

write("keras3-lambda.json", sequential3([
    dense3("dense", 8),
    k3("keras.layers", "Lambda", {"name": "evil_lambda", "function":
        {"class_name": "__lambda__", "config": {"code": EVIL, "defaults": None, "closure": None}}, "arguments": {}})]))

write("keras3-foreign-module.json", sequential3([
    dense3("dense", 8, {"module": "builtins", "class_name": "function", "config": "eval", "registered_name": "function"}),
    k3("os", "system", {"name": "boom"}),
    k3("my_package.layers", "MyLayer", {"name": "mine"}, "Custom>MyLayer"),
    k3("keras.layers", "Dense", {"name": "relu_fn", "units": 1,
                                  "activation": {"module": "keras.activations", "class_name": "function", "config": "relu", "registered_name": "relu"}}),
    k3("keras_hub.src.models.bert.bert_backbone", "BertBackbone", {"name": "bert"}, "keras_hub>BertBackbone")]))

write("keras3-nested-functional.json", k3("keras", "Functional", {"name": "outer", "layers": [
    k3("keras.layers", "InputLayer", {"name": "in"}),
    sequential3([dense3("inner_dense", 3),
                 k3("keras.layers", "Lambda", {"name": "inner_lambda", "function":
                     {"class_name": "__lambda__", "config": {"code": PRINT, "defaults": None, "closure": None}}})], "inner"),
    {"module": "keras.layers", "class_name": "TFOpLambda", "config": {"name": "tf.math.add", "function": "math.add"}, "registered_name": None},
], "input_layers": [["in", 0, 0]], "output_layers": [["inner", 0, 0]]}))

write("keras2-h5-model-config.json", {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"class_name": "Dense", "config": {"name": "dense", "units": 8, "activation": "relu", "clip": float("inf")}},
    {"class_name": "Lambda", "config": {"name": "lambda", "function": [EVIL, None, None], "function_type": "lambda",
                                        "module": "__main__", "output_shape": None, "output_shape_type": "raw",
                                        "output_shape_module": None, "arguments": {}}},
    {"class_name": "Lambda", "config": {"name": "by_name", "function": "system", "function_type": "function",
                                        "module": "os", "output_shape": None, "output_shape_type": "raw", "arguments": {}}},
]}})
