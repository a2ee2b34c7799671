#!/usr/bin/python3
"""Writes safetensors fixtures by hand, following the huggingface/safetensors README "Format" section:
u64 LE header length N, N bytes of JSON, then the data section. Run from this folder."""
import json
import struct

def write(name, header, data, pad=True, raw_header=None):
    text = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":")).encode()
    if pad:
        text += b" " * ((8 - len(text) % 8) % 8)
    with open(name, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)

def f32(*values):
    return struct.pack("<%df" % len(values), *values)

# The layout safetensors.torch.save_file produces: tensors sorted by descending dtype alignment, then by name,
# contiguous offsets, header padded with spaces to a multiple of 8.
write("save-file-layout.safetensors", {
    "__metadata__": {"format": "pt"},
    "a.weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},
    "b.bias": {"dtype": "F32", "shape": [2], "data_offsets": [16, 24]},
    "c.half": {"dtype": "F16", "shape": [2], "data_offsets": [24, 28]},
    "d.mask": {"dtype": "BOOL", "shape": [3], "data_offsets": [28, 31]},
}, f32(1, 2, 3, 4) + f32(5, 6) + b"\0" * 4 + b"\1\0\1")
write("scalar-and-empty.safetensors", {
    "scalar": {"dtype": "I64", "shape": [], "data_offsets": [0, 8]},
    "empty": {"dtype": "F32", "shape": [0, 4], "data_offsets": [8, 8]},
}, struct.pack("<q", 7), pad=False)
write("f4-packed.safetensors", {"q": {"dtype": "F4", "shape": [4], "data_offsets": [0, 2]}}, b"\x12\x34")
write("overlapping.safetensors", {
    "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
    "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]},
}, b"\0" * 12)
write("hole.safetensors", {
    "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
    "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]},
}, b"\0" * 12)
write("trailing-bytes.safetensors", {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 4 + b"EVIL")
write("shape-overflow.safetensors", {"a": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 4]}}, b"\0" * 4)
write("unknown-dtype.safetensors", {"a": {"dtype": "PICKLE", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 4)
write("metadata-not-string.safetensors", {"__metadata__": {"n": 1, "nested": {"x": "y"}},
    "a": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1]}}, b"\0")
write("duplicate-key.safetensors", None, b"\0" * 4, raw_header=
    b'{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}')
write("extra-field.safetensors", {"a": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1], "code": "import os"}}, b"\0")
write("length-mismatch.safetensors", {"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, b"\0" * 8)
write("offset-beyond-data.safetensors", {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}, b"\0" * 8)
with open("lying-header-length.safetensors", "wb") as f:
    f.write(struct.pack("<Q", 1000) + b'{"a":1}')
with open("huge-header-length.safetensors", "wb") as f:
    f.write(struct.pack("<Q", 0xFFFFFFFF) + b'{}' + b" " * 6)
