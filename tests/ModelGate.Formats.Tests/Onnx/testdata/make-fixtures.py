#!/usr/bin/python3
"""Builds the ONNX fixtures with the onnx package (Debian python3-onnx). Run from this folder."""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 17)]


def save(model, name):
    with open(name, "wb") as f:
        f.write(model.SerializeToString())


def mlp():
    w1 = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(4, 3), "w1")
    b1 = numpy_helper.from_array(np.zeros(3, dtype=np.float32), "b1")
    w2 = numpy_helper.from_array(np.ones((3, 2), dtype=np.float32), "w2")
    nodes = [
        helper.make_node("MatMul", ["x", "w1"], ["h0"], name="fc1"),
        helper.make_node("Add", ["h0", "b1"], ["h1"], name="fc1_bias"),
        helper.make_node("Relu", ["h1"], ["h2"], name="relu"),
        helper.make_node("MatMul", ["h2", "w2"], ["y"], name="fc2"),
    ]
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])],
        [w1, b1, w2])
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="modelgate-fixtures")
    model.metadata_props.append(onnx.StringStringEntryProto(key="author", value="fixtures"))
    onnx.checker.check_model(model)
    return model


def external_data():
    model = mlp()
    os.makedirs("external", exist_ok=True)
    onnx.save_model(model, "external/mlp-external-data.onnx", save_as_external_data=True,
                    all_tensors_to_one_file=True, location="mlp-external-data.bin", size_threshold=0)


def if_subgraphs():
    then_graph = helper.make_graph(
        [helper.make_node("Constant", [], ["then_out"], name="then_const",
                          value=helper.make_tensor("then_value", TensorProto.FLOAT, [1], [1.0]))],
        "then_body", [], [helper.make_tensor_value_info("then_out", TensorProto.FLOAT, [1])])
    else_graph = helper.make_graph(
        [helper.make_node("Neg", ["x"], ["else_out"], name="else_neg")],
        "else_body", [], [helper.make_tensor_value_info("else_out", TensorProto.FLOAT, [1])])
    node = helper.make_node("If", ["cond"], ["y"], name="branch", then_branch=then_graph, else_branch=else_graph)
    graph = helper.make_graph(
        [node], "if_model",
        [helper.make_tensor_value_info("cond", TensorProto.BOOL, []),
         helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    model = helper.make_model(graph, opset_imports=OPSET)
    onnx.checker.check_model(model)
    return model


def custom_domain():
    nodes = [
        helper.make_node("Relu", ["x"], ["h"], name="relu"),
        helper.make_node("FusedGemm", ["h"], ["g"], name="fused", domain="com.microsoft"),
        helper.make_node("ShellExec", ["g"], ["y"], name="evil", domain="com.example.evil"),
    ]
    graph = helper.make_graph(
        nodes, "custom",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    opsets = OPSET + [helper.make_opsetid("com.microsoft", 1), helper.make_opsetid("com.example.evil", 1)]
    return helper.make_model(graph, opset_imports=opsets)


def local_function():
    fn = helper.make_function(
        "local.fns", "Double", ["a"], ["b"],
        [helper.make_node("Add", ["a", "a"], ["b"], name="double_add")],
        opset_imports=OPSET)
    graph = helper.make_graph(
        [helper.make_node("Double", ["x"], ["y"], name="call_double", domain="local.fns")], "with_function",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    return helper.make_model(graph, opset_imports=OPSET + [helper.make_opsetid("local.fns", 1)], functions=[fn])


def with_external_location(location, offset="0", length="48"):
    model = mlp()
    tensor = model.graph.initializer[0]
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", offset), ("length", length)):
        tensor.external_data.append(onnx.StringStringEntryProto(key=key, value=value))
    return model


def inconsistent_raw_data():
    model = mlp()
    model.graph.initializer[0].raw_data = b"\0" * 20  # dims [4, 3] FLOAT need 48 bytes
    return model


def huge_dims():
    model = mlp()
    tensor = model.graph.initializer[1]
    del tensor.dims[:]
    tensor.dims.extend([1 << 20, 1 << 20, 1 << 10])  # 2^50 floats inline in a file of a few hundred bytes
    return model


save(mlp(), "mlp.onnx")
external_data()
save(if_subgraphs(), "if-subgraphs.onnx")
save(custom_domain(), "custom-domain.onnx")
save(local_function(), "local-function.onnx")
save(with_external_location("../../etc/passwd"), "external-dotdot.onnx")
save(with_external_location("/etc/passwd"), "external-absolute.onnx")
save(with_external_location("file:///etc/passwd"), "external-url.onnx")
save(with_external_location("C:\\Windows\\win.ini"), "external-drive-letter.onnx")
save(with_external_location("weights.bin", offset="-5"), "external-negative-offset.onnx")
save(inconsistent_raw_data(), "inconsistent-raw-data.onnx")
save(huge_dims(), "huge-dims.onnx")
