#!/usr/bin/python3
"""Writes HDF5 fixtures with h5py (Debian python3-h5py) that mimic Keras 2 legacy .h5 files.

Keras' legacy saver (keras/src/legacy/saving/legacy_h5_format.py) writes root attributes keras_version,
backend, model_config and training_config as UTF-8 *bytes* (fixed-length HDF5 strings) and the weights
under model_weights/<layer>/...; other tools write Python str attributes, which h5py stores as
variable-length UTF-8 strings in the global heap. libver='earliest' gives superblock v0 and v1 object
headers; libver='latest' gives superblock v3 and v2 ("OHDR") object headers. Run from this folder.
"""
import codecs
import json
import marshal

import h5py
import numpy as np


def lambda_code():
    fn = lambda x: print("hello") or x  # noqa: E731 - the point is a real lambda's bytecode
    return codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")


def model_config(with_lambda=False):
    layers = [{"class_name": "Dense", "config": {"name": "dense", "units": 4, "activation": "relu"}}]
    if with_lambda:
        layers.append({"class_name": "Lambda", "config": {"name": "lambda", "function": [lambda_code(), None, None],
                                                           "function_type": "lambda", "module": "__main__", "arguments": {}}})
    layers.append({"class_name": "Dense", "config": {"name": "dense_1", "units": 2, "activation": "softmax"}})
    return json.dumps({"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}})


TRAINING = json.dumps({"loss": "categorical_crossentropy", "metrics": ["accuracy"],
                       "optimizer_config": {"class_name": "Adam", "config": {"learning_rate": 0.001}}})


ENCODINGS = {
    "bytes": lambda s: s.encode("utf8"),       # h5py 3 stores scalar bytes as a variable-length ASCII string
    "str": lambda s: s,                        # variable-length UTF-8 string
    "fixed": lambda s: np.bytes_(s.encode()),  # fixed-length string, as older h5py stored Keras' bytes
}


def keras_file(name, libver, encoding, with_lambda=False, userblock=0):
    kwargs = {"libver": libver}
    if userblock:
        kwargs["userblock_size"] = userblock
    with h5py.File(name, "w", **kwargs) as f:
        enc = ENCODINGS[encoding]
        f.attrs["keras_version"] = enc("2.15.0")
        f.attrs["backend"] = enc("tensorflow")
        f.attrs["model_config"] = enc(model_config(with_lambda))
        f.attrs["training_config"] = enc(TRAINING)
        weights = f.create_group("model_weights")
        weights.attrs["layer_names"] = np.array([b"dense", b"dense_1"])
        dense = weights.create_group("dense").create_group("dense")
        dense.create_dataset("kernel:0", data=np.ones((3, 4), dtype=np.float32))


keras_file("keras2-bytes-earliest.h5", "earliest", "bytes")
keras_file("keras2-str-earliest.h5", "earliest", "str")
keras_file("keras2-fixed-earliest.h5", "earliest", "fixed")
keras_file("keras2-str-latest.h5", "latest", "str")
keras_file("keras2-fixed-latest.h5", "latest", "fixed")
keras_file("keras2-lambda-earliest.h5", "earliest", "bytes", with_lambda=True)
keras_file("keras2-userblock.h5", "earliest", "str", userblock=512)

with h5py.File("numeric-attrs.h5", "w", libver="earliest") as f:
    f.attrs["count"] = np.int64(-42)
    f.attrs["small"] = np.uint8(200)
    f.attrs["ratio"] = np.float64(0.5)
    f.attrs["half"] = np.float32(1.5)
    f.attrs["shape"] = np.array([3, 4], dtype=np.int32)
    f.attrs["names"] = np.array([b"a", b"bc"])
    f.attrs["big_endian"] = np.array(7, dtype=">i4")
    f.attrs["complex"] = np.complex64(1 + 2j)

with h5py.File("many-attrs-earliest.h5", "w", libver="earliest") as f:
    for i in range(40):
        f.attrs["attr_%02d" % i] = "value %d " % i * 20

with h5py.File("dense-attrs-latest.h5", "w", libver="latest") as f:
    for i in range(20):
        f.attrs["attr_%02d" % i] = "value %d" % i
