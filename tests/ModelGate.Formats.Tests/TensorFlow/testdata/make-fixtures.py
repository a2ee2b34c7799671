#!/usr/bin/python3
"""Builds SavedModel fixtures with a minimal protobuf writer (TensorFlow is not packaged for Debian).

Field numbers: tensorflow/core/protobuf/saved_model.proto, meta_graph.proto, tensorflow/core/framework/
graph.proto, node_def.proto, function.proto, op_def.proto, attr_value.proto; keras_metadata.pb:
tensorflow/python/keras/protobuf/saved_metadata.proto. The op set mirrors a Keras Dense model exported with
tf.saved_model.save (variables, a serving function called through StatefulPartitionedCall, the saver).
Run from this folder.
"""
import json


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def vint(field, n):
    return key(field, 0) + varint(n)


def ld(field, payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return key(field, 2) + varint(len(payload)) + payload


def attr_s(name, value):          # NodeDef.attr entry: key 1, value 2 = AttrValue.s (2)
    return ld(5, ld(1, name) + ld(2, ld(2, value)))


def attr_func(name, func):        # AttrValue.func (10) = NameAttrList.name (1)
    return ld(5, ld(1, name) + ld(2, ld(10, ld(1, func))))


def attr_type(name, dtype):       # AttrValue.type (6)
    return ld(5, ld(1, name) + ld(2, vint(6, dtype)))


def attr_tensor(name, raw):       # AttrValue.tensor (8) = TensorProto with tensor_content (4)
    return ld(5, ld(1, name) + ld(2, ld(8, vint(1, 1) + ld(4, raw))))


def node(name, op, inputs=(), *attrs):
    body = ld(1, name) + ld(2, op)
    for i in inputs:
        body += ld(3, i)
    for a in attrs:
        body += a
    return ld(1, body)            # GraphDef.node (1)


def function(name, nodes):
    signature = ld(1, ld(1, name))                      # FunctionDef.signature (1) = OpDef.name (1)
    body = signature + b"".join(fnode(n) for n in nodes)
    return ld(1, body)            # FunctionDefLibrary.function (1)


def fnode(graph_node):
    """Re-tags a GraphDef.node (1) as FunctionDef.node_def (3): the same NodeDef payload."""
    return ld(3, payload_of(graph_node))


def payload_of(field_bytes):
    i = 1
    length = 0
    shift = 0
    while True:
        b = field_bytes[i]
        length |= (b & 0x7F) << shift
        shift += 7
        i += 1
        if b < 0x80:
            break
    return field_bytes[i:i + length]


def saved_model(graph_nodes, functions, tags=("serve",), extra_ops=()):
    stripped = b"".join(ld(1, ld(1, op)) for op in extra_ops)
    meta_info = ld(4, tags[0]) + ld(5, "2.15.0") + (ld(2, stripped) if stripped else b"")
    library = ld(2, b"".join(functions)) if functions else b""
    graph_def = b"".join(graph_nodes) + library + ld(4, vint(1, 1575))
    meta_graph = ld(1, meta_info) + ld(2, graph_def) + ld(3, b"") + ld(5, b"")
    return vint(1, 1) + ld(2, meta_graph)


DT_FLOAT, DT_STRING, DT_RESOURCE = 1, 7, 20

variables = [
    node("dense/kernel", "VarHandleOp", (), attr_type("dtype", DT_FLOAT), attr_s("shared_name", "dense/kernel")),
    node("dense/bias", "VarHandleOp", (), attr_type("dtype", DT_FLOAT), attr_s("shared_name", "dense/bias")),
    node("serving_default_input", "Placeholder", (), attr_type("dtype", DT_FLOAT)),
    node("StatefulPartitionedCall", "StatefulPartitionedCall", ("serving_default_input", "dense/kernel", "dense/bias"),
         attr_func("f", "__inference_signature_wrapper_100")),
    node("saver_filename", "Placeholder", (), attr_type("dtype", DT_STRING)),
    node("StatefulPartitionedCall_1", "StatefulPartitionedCall", ("saver_filename",), attr_func("f", "__inference__traced_save_200")),
    node("StatefulPartitionedCall_2", "StatefulPartitionedCall", ("saver_filename",), attr_func("f", "__inference__traced_restore_300")),
    node("Const", "Const", (), attr_type("dtype", DT_FLOAT), attr_tensor("value", b"\0" * 4096)),
]

serving = function("__inference_signature_wrapper_100", [
    node("MatMul/ReadVariableOp", "ReadVariableOp", ("matmul_readvariableop_resource",)),
    node("MatMul", "MatMul", ("inputs", "MatMul/ReadVariableOp:value:0")),
    node("BiasAdd/ReadVariableOp", "ReadVariableOp", ("biasadd_readvariableop_resource",)),
    node("BiasAdd", "BiasAdd", ("MatMul:product:0", "BiasAdd/ReadVariableOp:value:0")),
    node("Relu", "Relu", ("BiasAdd:output:0",)),
    node("NoOp", "NoOp", ()),
    node("Identity", "Identity", ("Relu:activations:0",)),
])
save = function("__inference__traced_save_200", [
    node("StaticRegexFullMatch", "StaticRegexFullMatch", ("file_prefix",)),
    node("ShardedFilename", "ShardedFilename", ("StringJoin:output:0",)),
    node("SaveV2", "SaveV2", ("ShardedFilename:filename:0",)),
    node("MergeV2Checkpoints", "MergeV2Checkpoints", ("MergeV2Checkpoints/checkpoint_prefixes:output:0",)),
])
restore = function("__inference__traced_restore_300", [
    node("RestoreV2", "RestoreV2", ("file_prefix",)),
    node("AssignVariableOp", "AssignVariableOp", ("dense_kernel", "Identity:output:0")),
])

with open("keras-dense.saved_model.pb", "wb") as f:
    f.write(saved_model(variables, [serving, save, restore], extra_ops=("MatMul", "VarHandleOp", "SaveV2")))

pyfunc = function("__inference_evil_400", [
    node("PyFunc", "PyFunc", ("x",), attr_s("token", "pyfunc_0")),
    node("Identity", "Identity", ("PyFunc:output:0",)),
])
with open("pyfunc-in-function.saved_model.pb", "wb") as f:
    f.write(saved_model(variables[:4], [serving, pyfunc]))

file_ops = [
    node("filename", "Const", (), attr_type("dtype", DT_STRING)),
    node("ReadFile", "ReadFile", ("filename",)),
    node("WriteFile", "WriteFile", ("target", "ReadFile:0")),
    node("PrintV2", "PrintV2", ("ReadFile:0",), attr_s("output_stream", "file:///tmp/leak.txt")),
]
with open("read-write-file.saved_model.pb", "wb") as f:
    f.write(saved_model(file_ops, []))

with open("custom-op.saved_model.pb", "wb") as f:
    f.write(saved_model([node("x", "Placeholder"), node("shell", "ShellExecute", ("x",))], [], extra_ops=("ShellExecute",)))

# keras_metadata.pb: SavedMetadata.nodes (1) = SavedObject: node_id 2, node_path 3, identifier 4, metadata 5.
lambda_config = {"name": "lambda", "class_name": "Lambda", "config": {
    "name": "lambda", "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAADAAAAQwAAAHMIAAAAfABkARQAUwApAk7pAgAAAKkAKQHaAXhyAgAAAHICAAAA+gc8c3RkaW4++gg8bGFtYmRhPgEAAADzAAAAAA==", "defaults": None, "closure": None}},
    "function_type": "lambda"}}
objects = [
    (0, "root", "_tf_keras_sequential", {"name": "sequential", "class_name": "Sequential"}),
    (1, "root.layer-0", "_tf_keras_layer", lambda_config),
]
with open("keras_metadata.pb", "wb") as f:
    f.write(b"".join(ld(1, vint(2, i) + ld(3, p) + ld(4, ident) + ld(5, json.dumps(meta))) for i, p, ident, meta in objects))
