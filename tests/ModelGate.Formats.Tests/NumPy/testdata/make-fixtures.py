#!/usr/bin/python3
"""Writes the .npy fixtures with real numpy (np.save / np.lib.format.write_array). Run from this folder."""
import numpy as np

def save(name, array, version=None, allow_pickle=False):
    with open(name, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=allow_pickle)

save("float64-v1.npy", np.arange(6, dtype="<f8").reshape(2, 3), version=(1, 0))
save("int32-v2.npy", np.arange(5, dtype="<i4"), version=(2, 0))
save("bool-v1.npy", np.array([True, False, True]), version=(1, 0))
save("unicode-v3.npy", np.array(["héllo", "wörld"], dtype="<U5"), version=(3, 0))
save("datetime-ns.npy", np.array(["2024-01-01T00:00:00"], dtype="M8[ns]"))
save("structured.npy", np.zeros(2, dtype=[("x", "<f4"), ("sub", "<i4", (2,))]))
save("fortran-order.npy", np.asfortranarray(np.ones((2, 2), dtype="<f4")))
save("object-array.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
save("structured-with-object.npy", np.array([(1, None)], dtype=[("n", "<i8"), ("o", "O")]), allow_pickle=True)
with open("float64-v1.npy", "rb") as f:
    good = f.read()
with open("truncated-data.npy", "wb") as f:
    f.write(good[:-8])
with open("trailing-data.npy", "wb") as f:
    f.write(good + b"\0" * 8)
