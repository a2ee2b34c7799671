#!/usr/bin/python3
"""Frozen TensorFlow GraphDefs (.pb without a SavedModel around them), hand-encoded per graph.proto and
node_def.proto (GraphDef.node = 1; NodeDef.name = 1, op = 2, input = 3), since Debian has no TensorFlow.

- frozen-matmul.pb   Placeholder, Const, MatMul, BiasAdd, Relu, Identity (clean)
- frozen-pyfunc.pb   the same graph plus a PyFunc node (dangerous op)
- not-a-graph.pb     a well-formed protobuf that is not a GraphDef (field 1 holds floats and strings)
"""


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def node(name, op, *inputs):
    return field(1, field(1, name.encode()) + field(2, op.encode()) + b"".join(field(3, i.encode()) for i in inputs))


def graph(nodes):
    return b"".join(nodes) + field(4, varint(1 << 3) + varint(1))  # versions { producer: 1 }


benign = [node("x", "Placeholder"), node("w", "Const"), node("b", "Const"), node("mm", "MatMul", "x", "w"),
          node("add", "BiasAdd", "mm", "b"), node("relu", "Relu", "add"), node("out", "Identity", "relu")]
with open("frozen-matmul.pb", "wb") as f:
    f.write(graph(benign))
with open("frozen-pyfunc.pb", "wb") as f:
    f.write(graph(benign + [node("hook", "PyFunc", "out")]))
# SentencePiece-like: pieces { piece: "a", score: 0.5 (fixed32) }.
pieces = b"".join(field(1, field(1, p.encode()) + varint(2 << 3 | 5) + b"\x00\x00\x00\x3f") for p in ["a", "b", "c"])
with open("not-a-graph.pb", "wb") as f:
    f.write(pieces)
