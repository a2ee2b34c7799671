#!/usr/bin/python3
"""A false-positive sweep: writes many benign files with the real libraries into a folder (not committed).

    /usr/bin/python3 tools/make-benign-sweep.py /tmp/sweep
    modelgate model /tmp/sweep --format json

Every file must come out clean. It covers every scikit-learn estimator that fits on a small numeric
dataset (pickled at protocols 2, 4 and 5, and with joblib), torch modules and optimizers, pandas objects
and NumPy values; the committed corpus (tools/make-model-corpus.py) keeps a small selection of these.
"""
import io
import os
import pickle
import sys
import warnings

import joblib
import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/sweep"
os.makedirs(out, exist_ok=True)
warnings.filterwarnings("ignore")
count = 0


def save(name, obj, protocols=(2, 4, 5), with_joblib=True):
    global count
    for p in protocols:
        with open(os.path.join(out, f"{name}.p{p}.pkl"), "wb") as f:
            pickle.dump(obj, f, protocol=p)
        count += 1
    if with_joblib:
        joblib.dump(obj, os.path.join(out, f"{name}.joblib"))
        count += 1


def sklearn_models():
    from sklearn.utils import all_estimators
    rng = np.random.RandomState(0)
    X = rng.rand(40, 4)
    y = (X[:, 0] > 0.5).astype(int)
    yr = X[:, 1] * 3.0
    for name, cls in all_estimators():
        try:
            est = cls()
        except Exception:
            continue
        for target in (y, yr, None):
            try:
                est.fit(X, target) if target is not None else est.fit(X)
                break
            except Exception:
                continue
        else:
            continue
        try:
            save(f"sklearn-{name}", est)
        except Exception as e:
            print("skip", name, e)


def torch_models():
    import torch
    import torch.nn as nn
    torch.manual_seed(0)
    modules = {
        "linear": nn.Linear(4, 3), "conv1d": nn.Conv1d(2, 3, 3), "conv2d": nn.Conv2d(3, 4, 3), "conv3d": nn.Conv3d(1, 2, 2),
        "convt2d": nn.ConvTranspose2d(2, 2, 2), "bn1d": nn.BatchNorm1d(4), "bn2d": nn.BatchNorm2d(3), "ln": nn.LayerNorm(4),
        "gn": nn.GroupNorm(2, 4), "in2d": nn.InstanceNorm2d(3, affine=True), "emb": nn.Embedding(10, 4), "embbag": nn.EmbeddingBag(10, 4),
        "lstm": nn.LSTM(4, 3, 2), "gru": nn.GRU(4, 3), "rnn": nn.RNN(4, 3), "mha": nn.MultiheadAttention(4, 2),
        "tel": nn.TransformerEncoderLayer(8, 2, 16), "tdl": nn.TransformerDecoderLayer(8, 2, 16), "transformer": nn.Transformer(8, 2, 1, 1, 16),
        "seq": nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Dropout(0.1), nn.Linear(4, 2), nn.Softmax(dim=1)),
        "moddict": nn.ModuleDict({"a": nn.Linear(2, 2), "b": nn.GELU()}), "modlist": nn.ModuleList([nn.Tanh(), nn.Sigmoid(), nn.PReLU()]),
        "pixel": nn.PixelShuffle(2), "upsample": nn.Upsample(scale_factor=2), "flatten": nn.Flatten(), "identity": nn.Identity(),
        "maxpool": nn.MaxPool2d(2), "avgpool": nn.AdaptiveAvgPool2d(1), "bilinear": nn.Bilinear(2, 3, 4), "prelu": nn.PReLU(),
    }
    for name, m in modules.items():
        torch.save(m.state_dict(), os.path.join(out, f"torch-{name}-state.pt"))
        torch.save(m, os.path.join(out, f"torch-{name}-module.pt"))
        torch.save(m.state_dict(), os.path.join(out, f"torch-{name}-legacy.pt"), _use_new_zipfile_serialization=False)
    model = modules["seq"]
    for opt_name, opt in {"sgd": torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9), "adam": torch.optim.Adam(model.parameters()),
                          "adamw": torch.optim.AdamW(model.parameters()), "rmsprop": torch.optim.RMSprop(model.parameters())}.items():
        loss = model(torch.randn(3, 4)).sum()
        loss.backward()
        opt.step()
        sched = torch.optim.lr_scheduler.StepLR(opt, 2)
        torch.save({"epoch": 3, "model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                    "rng": torch.get_rng_state(), "np_rng": np.random.get_state(), "args": {"lr": 0.1, "name": "run"}},
                   os.path.join(out, f"torch-checkpoint-{opt_name}.pt"))
    tensors = {"f16": torch.randn(3).half(), "bf16": torch.randn(3).bfloat16(), "i8": torch.arange(4, dtype=torch.int8),
               "bool": torch.tensor([True, False]), "c64": torch.randn(2, dtype=torch.complex64), "sparse": torch.eye(3).to_sparse(),
               "q": torch.quantize_per_tensor(torch.randn(4), 0.1, 10, torch.quint8), "nested": [torch.ones(2), (torch.zeros(1), {"k": torch.ones(1)})]}
    torch.save(tensors, os.path.join(out, "torch-tensors.pt"))


def pandas_objects():
    import pandas as pd
    idx = pd.date_range("2024-01-01", periods=4, freq="D", tz="UTC")
    objects = {
        "frame": pd.DataFrame({"a": [1, 2, 3, 4], "b": [0.5, 1.5, None, 2.0], "c": list("wxyz"), "d": pd.Categorical(list("aabb")), "t": idx}),
        "series": pd.Series([1.0, 2.0], index=["x", "y"], name="s"),
        "multi": pd.DataFrame({"v": range(4)}, index=pd.MultiIndex.from_product([["a", "b"], [1, 2]])),
        "period": pd.Series(pd.period_range("2024-01", periods=3, freq="M")),
        "interval": pd.Series(pd.interval_range(0, 3)),
        "timedelta": pd.Series(pd.to_timedelta([1, 2], unit="h")),
        "nullable": pd.DataFrame({"i": pd.array([1, None], dtype="Int64"), "s": pd.array(["x", None], dtype="string"), "b": pd.array([True, None], dtype="boolean")}),
        "sparse": pd.Series(pd.arrays.SparseArray([0, 0, 1])),
        "tzlocal": pd.Series(pd.date_range("2024-01-01", periods=2, tz="Europe/Paris")),
    }
    for name, obj in objects.items():
        save(f"pandas-{name}", obj)


def numpy_values():
    values = {
        "floats": np.arange(6, dtype=np.float32).reshape(2, 3), "masked": np.ma.masked_array([1, 2, 3], mask=[0, 1, 0]),
        "matrix": np.matrix([[1, 2], [3, 4]]), "record": np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]),
        "datetime": np.array(["2024-01-01"], dtype="datetime64[D]"), "strings": np.array(["ab", "c"]), "objects": np.array([1, "x", None], dtype=object),
        "scalars": [np.float64(1.5), np.int32(3), np.bool_(True), np.complex128(1j)], "randomstate": np.random.RandomState(1),
        "generator": np.random.default_rng(2),
    }
    for name, obj in values.items():
        save(f"numpy-{name}", obj)
    np.save(os.path.join(out, "numpy-structured.npy"), np.zeros(3, dtype=[("x", "<f4"), ("y", "<i8", (2,))]))
    np.save(os.path.join(out, "numpy-objects.npy"), np.array([{"k": 1}, [1, 2]], dtype=object), allow_pickle=True)
    np.savez_compressed(os.path.join(out, "numpy-bundle.npz"), a=np.ones(3), b=np.array(["x"]))


sklearn_models()
torch_models()
pandas_objects()
numpy_values()
print(f"{count} pickle/joblib files plus torch and numpy files in {out}")
