#!/usr/bin/python3
"""Makes the small model folder the CLI golden runs scan. Run from this folder with /usr/bin/python3.

- state_dict.pt     a real torch.save zip of a Linear layer's state dict (clean)
- tiny.safetensors  a valid safetensors file written per the format's layout (clean)
- payload.pkl       a hand-assembled protocol-2 pickle calling os.system('true') (malicious; never loaded)
- README.md         text, not a model file (not listed)
"""
import json
import struct
import zipfile

import torch

torch.manual_seed(0)
layer = torch.nn.Linear(2, 2)
torch.save(layer.state_dict(), "state_dict.pt")

# Rewrite the zip with fixed timestamps so the file is byte-for-byte reproducible.
with zipfile.ZipFile("state_dict.pt") as source:
    members = [(info, source.read(info.filename)) for info in source.infolist()]
with zipfile.ZipFile("state_dict.pt", "w", zipfile.ZIP_STORED) as target:
    for info, data in members:
        fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
        target.writestr(fixed, data)

# safetensors: u64 LE header length, JSON header padded with spaces to a multiple of 8, then the data.
weights = struct.pack("<4f", 1.0, 2.0, 3.0, 4.0)
header = {"__metadata__": {"format": "pt"}, "weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}}
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("tiny.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + weights)

# PROTO 2, GLOBAL 'os system', BINUNICODE 'true', TUPLE1, REDUCE, STOP.
payload = b"\x80\x02" + b"cos\nsystem\n" + b"X" + struct.pack("<I", 4) + b"true" + b"\x85" + b"R" + b"."
with open("payload.pkl", "wb") as f:
    f.write(payload)

with open("README.md", "w") as f:
    f.write("Fixtures for the `modelgate model` golden runs; see make-fixtures.py.\n")
