#!/usr/bin/python3
"""Keras HDF5 files whose root attributes sit in HDF5 dense storage (libver='latest' and more than eight
attributes), which ModelGate reads by locating the model config in the file's bytes.

- dense-attributes-lambda.h5  a Keras 2 model_config with a Lambda layer whose marshalled code calls
                              os.system (built with marshal from a lambda that is never called)
- dense-attributes-dense.h5   the same layout with only Dense layers (clean)
"""
import base64
import json
import marshal

import h5py


def write(name, layers):
    config = json.dumps({"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}).encode()
    with h5py.File(name, "w", libver="latest") as f:
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.11.0"
        for i in range(10):
            f.attrs[f"extra_{i}"] = i
        f.attrs["model_config"] = config
        f.create_group("model_weights")


dense = [{"class_name": "Dense", "config": {"name": f"dense_{i}", "units": 8, "activation": "relu"}} for i in range(3)]
code = compile("lambda x: __import__('os').system('true')", "<fixture>", "eval").co_consts[0]
lambda_layer = {"class_name": "Lambda", "config": {"name": "lambda", "function": [base64.b64encode(marshal.dumps(code)).decode(), None, None], "function_type": "lambda"}}
write("dense-attributes-dense.h5", dense)
write("dense-attributes-lambda.h5", dense + [lambda_layer])
