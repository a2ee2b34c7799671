#!/usr/bin/python3
"""Writes GGUF fixtures by hand, following ggml docs/gguf.md (Debian has no python3-gguf). Run from this folder.
Layout: "GGUF", u32 version, tensor_count, kv_count (u64 in v2+, u32 in v1), key-value pairs, tensor infos,
padding to general.alignment (default 32), tensor data."""
import struct

UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, INT64, FLOAT64 = range(13)
F32, F16, Q8_0 = 0, 1, 8

class Writer:
    def __init__(self, version):
        self.version = version
        self.n = "<Q" if version >= 2 else "<I"

    def count(self, n):
        return struct.pack(self.n, n)

    def string(self, s):
        b = s.encode() if isinstance(s, str) else s
        return self.count(len(b)) + b

    def value(self, vtype, v):
        fmt = {UINT8: "<B", INT8: "<b", UINT16: "<H", INT16: "<h", UINT32: "<I", INT32: "<i", FLOAT32: "<f",
               BOOL: "<?", UINT64: "<Q", INT64: "<q", FLOAT64: "<d"}
        if vtype == STRING:
            return self.string(v)
        if vtype == ARRAY:
            etype, items = v
            return struct.pack("<I", etype) + self.count(len(items)) + b"".join(self.value(etype, i) for i in items)
        return struct.pack(fmt[vtype], v)

    def kv(self, key, vtype, v):
        return self.string(key) + struct.pack("<I", vtype) + self.value(vtype, v)

    def file(self, kvs, tensors, data=b"", alignment=32, pad=True):
        out = b"GGUF" + struct.pack("<I", self.version) + self.count(len(tensors)) + self.count(len(kvs))
        out += b"".join(self.kv(*kv) for kv in kvs)
        for name, dims, ttype, offset in tensors:
            out += self.string(name) + struct.pack("<I", len(dims))
            out += b"".join(self.count(d) for d in dims) + struct.pack("<IQ", ttype, offset)
        if pad:
            out += b"\0" * ((alignment - len(out) % alignment) % alignment)
        return out + data

TEMPLATE = ("{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + "
            "'<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")
EVIL = "{{ cycler.__init__.__globals__.os.popen('id').read() }}"

def base_kvs(template=TEMPLATE):
    return [("general.architecture", STRING, "llama"), ("general.name", STRING, "tiny"),
            ("llama.context_length", UINT32, 2048), ("general.file_type", UINT32, 1),
            ("tokenizer.ggml.tokens", ARRAY, (STRING, ["<s>", "</s>", "a", "b"])),
            ("tokenizer.ggml.scores", ARRAY, (FLOAT32, [0.0, 0.0, -1.0, -2.0])),
            ("tokenizer.chat_template", STRING, template)]

def tensors():
    # tok: F32 [4, 2] = 32 bytes at 0; q: Q8_0 [32] = 34 bytes at 32 (next multiple of 32 after 32).
    return [("tok.weight", [4, 2], F32, 0), ("q.weight", [32], Q8_0, 32)], b"\0" * 32 + b"\0" * 34

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

ts, data = tensors()
write("valid-v3.gguf", Writer(3).file(base_kvs(), ts, data))
write("valid-v2.gguf", Writer(2).file(base_kvs(), ts, data))
write("valid-v1.gguf", Writer(1).file(base_kvs()[:4], [("tok.weight", [4, 2], F32, 0)], b"\0" * 32))
write("named-templates.gguf", Writer(3).file(base_kvs() + [("tokenizer.chat_template.tool_use", STRING, EVIL)], ts, data))
write("evil-template.gguf", Writer(3).file(base_kvs(EVIL), ts, data))
write("alignment-64.gguf", Writer(3).file(base_kvs() + [("general.alignment", UINT32, 64)],
      [("tok.weight", [4, 2], F32, 0), ("q.weight", [32], Q8_0, 64)], b"\0" * 64 + b"\0" * 34, alignment=64))
write("bad-alignment.gguf", Writer(3).file(base_kvs() + [("general.alignment", UINT32, 48)], ts, data))
write("unaligned-offset.gguf", Writer(3).file(base_kvs(), [("tok.weight", [4, 2], F32, 0), ("q.weight", [32], Q8_0, 36)], b"\0" * 72))
write("overlapping-tensors.gguf", Writer(3).file(base_kvs(), [("a", [8], F32, 0), ("b", [8], F32, 0)], b"\0" * 32))
write("tensor-past-end.gguf", Writer(3).file(base_kvs(), [("a", [1024], F32, 0)], b"\0" * 32))
write("duplicate-key.gguf", Writer(3).file(base_kvs() + [("general.name", STRING, "again")], ts, data))
write("unknown-tensor-type.gguf", Writer(3).file(base_kvs(), [("a", [8], 4, 0)], b"\0" * 32))
write("block-size-mismatch.gguf", Writer(3).file(base_kvs(), [("a", [33], Q8_0, 0)], b"\0" * 64))
write("too-many-dims.gguf", Writer(3).file(base_kvs(), [("a", [1, 1, 1, 1, 8], F32, 0)], b"\0" * 32))
write("nested-array.gguf", Writer(3).file(base_kvs() + [("x.nested", ARRAY, (ARRAY, [(UINT8, [1, 2]), (STRING, ["a"])]))], ts, data))
w = Writer(3)
huge_array = b"GGUF" + struct.pack("<I", 3) + w.count(0) + w.count(1) + w.string("x") + struct.pack("<I", ARRAY) \
    + struct.pack("<I", UINT8) + struct.pack("<Q", 1 << 63)
write("array-count-2pow63.gguf", huge_array)
write("string-length-lie.gguf", b"GGUF" + struct.pack("<I", 3) + w.count(0) + w.count(1) + struct.pack("<Q", 0xFFFFFFFFFFFFFFFF) + b"abc")
write("unknown-value-type.gguf", b"GGUF" + struct.pack("<I", 3) + w.count(0) + w.count(1) + w.string("k") + struct.pack("<I", 99) + b"\0" * 8)
write("kv-count-lie.gguf", b"GGUF" + struct.pack("<I", 3) + w.count(0) + w.count(1 << 40))
