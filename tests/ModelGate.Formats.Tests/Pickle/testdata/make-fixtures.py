#!/usr/bin/python3
"""Makes the pickle fixtures. Run from this folder: /usr/bin/python3 make-fixtures.py

Malicious pickles are written by hand as raw opcodes; nothing here pickles an object whose __reduce__
would run code, and nothing here loads a pickle. Benign fixtures come from the real libraries
(pickle, joblib, torch) so that the reader sees what they really write.
"""
import io
import os
import pickle
import pickletools

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def binunicode(text):
    raw = text.encode("utf-8")
    return b"X" + len(raw).to_bytes(4, "little") + raw


# The same dict at every protocol, written by CPython's pickle.
SAMPLE = {"a": 1, "b": [1.5, "x", b"y"], "c": (None, True, -7), "d": 2**70, "e": {1, 2}}
for protocol in range(0, 6):
    write(f"dict-protocol-{protocol}.pkl", pickle.dumps(SAMPLE, protocol=protocol))

# Hand-built payloads (raw opcodes).
OS_SYSTEM = b"cos\nsystem\n(S'echo hi'\ntR."
write("global-os-system.pkl", OS_SYSTEM)
write("inst-os-system.pkl", b"(S'echo hi'\nios\nsystem\n.")
write("obj-os-system.pkl", b"\x80\x02(cos\nsystem\n" + binunicode("echo hi") + b"o.")
write("newobj-ex.pkl", b"\x80\x04\x8c\x08builtins\x8c\x06object\x93)}\x92.")
write("stack-global-literal.pkl", b"\x80\x04\x8c\x02os\x8c\x06system\x93\x8c\x07echo hi\x85R.")
# Module and name stored in the memo first, fetched back for STACK_GLOBAL.
write("stack-global-memo.pkl",
      b"\x80\x04\x8c\x02os\x94\x8c\x06system\x94\x8c\x04junk0h\x00h\x01\x93\x8c\x07echo hi\x85R.")
# The module name is the result of a call (str.join), so STACK_GLOBAL imports a computed string.
write("stack-global-computed.pkl",
      b"\x80\x04\x8c\x00\x8c\x04join\x93\x8c\x00(\x8c\x01o\x8c\x01sl\x86R\x8c\x06system\x93\x8c\x07echo hi\x85R.")
# getattr(importlib.import_module('os'), 'system')('echo hi')
write("getattr-import-module.pkl",
      b"cbuiltins\ngetattr\n(cimportlib\nimport_module\n(S'os'\ntRS'system'\ntR(S'echo hi'\ntR.")
# operator.attrgetter('system')(importlib.import_module('os'))('id')
write("attrgetter.pkl",
      b"\x80\x02coperator\nattrgetter\nX\x06\x00\x00\x00system\x85Rcimportlib\nimport_module\nX\x02\x00\x00\x00os\x85R\x85RX\x02\x00\x00\x00id\x85R.")
# pkgutil.resolve_name('os:system')('id')
write("pkgutil-resolve-name.pkl", b"\x80\x02cpkgutil\nresolve_name\nX\t\x00\x00\x00os:system\x85RX\x02\x00\x00\x00id\x85R.")
# {'k': [1, os.system('echo hi')]}: the call nested in a list inside a dict.
write("nested-reduce-in-dict.pkl", b"\x80\x02}X\x01\x00\x00\x00k](K\x01cos\nsystem\nX\x07\x00\x00\x00echo hi\x85Res.")
write("ext1.pkl", b"\x80\x02\x82\x01)R.")
write("ext2.pkl", b"\x80\x02\x83\x01\x02)R.")
write("ext4.pkl", b"\x80\x02\x84\x01\x02\x03\x04)R.")
write("memo-get-before-put.pkl", b"\x80\x02h\x05.")
write("stack-underflow.pkl", b"\x80\x02R.")
write("payload-then-garbage.pkl", OS_SYSTEM + b"\xff\xfe\x00garbage")
write("three-pickles-payload-third.pkl", pickle.dumps(1, protocol=2) + pickle.dumps("x", protocol=2) + OS_SYSTEM)
write("pickle-then-zeros.pkl", pickle.dumps([1, 2], protocol=2) + b"\x00" * 64)


# A class instance: NEWOBJ then BUILD with its __dict__ state (collections.OrderedDict subclass free of code).
class Point:
    def __init__(self):
        self.x = 1



write("build-instance.pkl", pickle.dumps(Point(), protocol=2).replace(b"__main__", b"geometry"))

# joblib: arrays of several dtypes, protocols 2, 4 and 5, with and without numpy_array_alignment_bytes.
try:
    import joblib
    import joblib.numpy_pickle as jnp

    arrays = {
        "f8": np.arange(5, dtype="f8"),
        "i4": np.arange(6, dtype=">i4").reshape(2, 3),
        "u1": np.arange(3, dtype="u1"),
        "b1": np.array([True, False]),
        "c16": np.array([1 + 2j]),
        "U3": np.array(["ab", "xyz"]),
        "S2": np.array([b"ab"]),
        "M8": np.array(["2024-01-01"], dtype="M8[ns]"),
        "empty": np.zeros((0, 4)),
        "scalar": np.array(3.0),
    }
    for protocol in (2, 4, 5):
        buf = io.BytesIO()
        joblib.dump(arrays, buf, protocol=protocol)
        write(f"joblib-arrays-protocol-{protocol}.joblib", buf.getvalue())

    # joblib < 0.12 wrote no alignment padding: drop the attribute so write_array writes none.
    original = jnp.NumpyPickler._create_array_wrapper

    def without_alignment(self, array):
        wrapper = original(self, array)
        if hasattr(wrapper, "numpy_array_alignment_bytes"):
            del wrapper.numpy_array_alignment_bytes
        return wrapper

    jnp.NumpyPickler._create_array_wrapper = without_alignment
    buf = io.BytesIO()
    joblib.dump({"f8": np.arange(4, dtype="f8"), "tail": "end"}, buf, protocol=2)
    write("joblib-no-alignment.joblib", buf.getvalue())
    jnp.NumpyPickler._create_array_wrapper = original

    # An object array: joblib writes it as a nested protocol-2 pickle. Replace that nested pickle with a
    # hand-built payload, keeping the outer pickle intact around it.
    buf = io.BytesIO()
    joblib.dump({"o": np.array([1, "x"], dtype=object), "after": np.arange(2, dtype="i8")}, buf, protocol=2)
    data = buf.getvalue()
    write("joblib-object-array.joblib", data)
    start = data.index(b"\x80\x02cnumpy.core.multiarray\n_reconstruct")
    end = None
    for op, arg, pos in pickletools.genops(io.BytesIO(data[start:])):
        if op.name == "STOP":
            end = start + pos + 1
            break
    payload = b"\x80\x02cos\nsystem\nX\x07\x00\x00\x00echo hi\x85R."
    write("joblib-object-array-payload.joblib", data[:start] + payload + data[end:])
except ImportError:
    pass

# Legacy torch.save layout (five pickles, then raw storages), written by real torch.
try:
    import torch

    buf = io.BytesIO()
    torch.save({"w": torch.ones(2, 3), "b": torch.zeros(3, dtype=torch.int64)}, buf, _use_new_zipfile_serialization=False)
    write("torch-legacy.pt", buf.getvalue())
except ImportError:
    pass
