#!/usr/bin/python3
"""Builds the model-signing fixtures the way the reference model_signing writes them, from the format facts.

Run from this folder with Debian's python3-cryptography: /usr/bin/python3 make_fixtures.py
(ECDSA signatures are randomised, so every run writes different signature bytes; the tests only need them to
verify.) What is reproduced, and from where in sigstore/model-transparency:

* payload: the in-toto statement as protobuf MessageToJson prints it (json, two-space indent); subject = the
  model folder name and the sha256 over the resource digests' bytes in listed order (signing.Payload);
  predicateType https://model_signing/signature/v1.0; predicate.serialization as manifest._FileSerialization /
  _ShardSerialization record it; predicate.resources sorted by manifest key (component-wise path, then shard
  start and end).
* shards: file_shard._endpoints splits [0, size) at multiples of shard_size; names are path:start:end; the
  digest name is "sha256-sharded-{shard_size}" (io.ShardedFileHasher.digest_name).
* envelope: DSSE PAE "DSSEv1 <len> <type> <len> <payload>" signed with ECDSA over SHA-256 (P-256), DER
  signature (sign_ec_key.Signer.sign).
* bundle: media type application/vnd.dev.sigstore.bundle.v0.3+json, verificationMaterial.publicKey.hint =
  sha256 hex of the SubjectPublicKeyInfo PEM, tlogEntries [], keyid "" (sign_ec_key._get_verification_material).
"""

import base64
import hashlib
import json
import os
import pathlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

HERE = pathlib.Path(__file__).resolve().parent
KEY = HERE / "fixture-key.pem"
GIT_PATHS = [".git", ".gitattributes", ".github", ".gitignore"]


def load_key():
    if not KEY.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        KEY.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        (HERE / "fixture-key.pub.pem").write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return serialization.load_pem_private_key(KEY.read_bytes(), None)


def write_model(folder, files):
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def walk(folder, ignore):
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if any(rel == i or rel.startswith(i + "/") for i in ignore) or not path.is_file():
            continue
        out.append(rel)
    return out


def path_key(name):
    return name.split("/")


def statement(name, serialization_args, resources):
    root = hashlib.sha256(b"".join(bytes.fromhex(r["digest"]) for r in resources)).hexdigest()
    return {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": name, "digest": {"sha256": root}}],
        "predicateType": "https://model_signing/signature/v1.0",
        "predicate": {"serialization": serialization_args, "resources": resources},
    }


def sign(key, stmt, out):
    payload = json.dumps(stmt, indent=2).encode("utf-8")
    ptype = "application/vnd.in-toto+json"
    pae = b" ".join([f"DSSEv1 {len(ptype)} {ptype} {len(payload)}".encode("utf-8"), payload])
    sig = key.sign(pae, ec.ECDSA(hashes.SHA256()))
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    bundle = {
        "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
        "verificationMaterial": {"publicKey": {"hint": hashlib.sha256(pem).hexdigest()}, "tlogEntries": []},
        "dsseEnvelope": {
            "payload": base64.b64encode(payload).decode(),
            "payloadType": ptype,
            "signatures": [{"sig": base64.b64encode(sig).decode(), "keyid": ""}],
        },
    }
    out.write_text(json.dumps(bundle, separators=(",", ":")), encoding="utf-8")


def files_fixture(key):
    folder = HERE / "reference-style-files"
    write_model(folder, {
        "config.json": b'{"model_type": "bert"}\n',
        "weights/model-00001.bin": bytes(range(256)) * 40,
        "weights/model-00002.bin": b"\x00" * 1000,
        "tokenizer/vocab.txt": b"[PAD]\n[UNK]\nhello\n",
        "a-b.txt": b"dash sorts before slash in plain string order\n",
        "empty.txt": b"",
        "README.md": b"ignored by the signer\n",
    })
    ignore = sorted(set(GIT_PATHS + ["model.sig", "README.md"]))
    resources = []
    for rel in sorted(walk(folder, ignore), key=path_key):
        digest = hashlib.sha256((folder / rel).read_bytes()).hexdigest()
        resources.append({"name": rel, "algorithm": "sha256", "digest": digest})
    args = {"method": "files", "hash_type": "sha256", "allow_symlinks": False, "ignore_paths": ignore}
    sign(key, statement(folder.name, args, resources), folder / "model.sig")


def shards_fixture(key):
    folder = HERE / "reference-style-shards"
    write_model(folder, {
        "model.bin": bytes(range(10)),
        "nested/tensor.bin": b"abcdefgh",
        "small.bin": b"xyz",
    })
    shard = 4
    name = f"sha256-sharded-{shard}"
    items = []
    for rel in walk(folder, GIT_PATHS + ["model.sig"]):
        data = (folder / rel).read_bytes()
        ends = list(range(shard, len(data), shard)) + [len(data)]
        start = 0
        for end in ends:
            items.append(((path_key(rel), start, end), {"name": f"{rel}:{start}:{end}", "algorithm": name, "digest": hashlib.sha256(data[start:end]).hexdigest()}))
            start = end
    resources = [r for _, r in sorted(items, key=lambda t: t[0])]
    args = {"method": "shards", "hash_type": name, "shard_size": shard, "allow_symlinks": False}
    sign(key, statement(folder.name, args, resources), folder / "model.sig")


if __name__ == "__main__":
    k = load_key()
    files_fixture(k)
    shards_fixture(k)
