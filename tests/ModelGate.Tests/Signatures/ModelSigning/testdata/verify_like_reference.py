#!/usr/bin/python3
"""Checks a key-mode model signature the way the reference model_signing 1.x verifier does, independently of
ModelGate, with Debian's python3-cryptography (model_signing itself is not installable here).

Usage: /usr/bin/python3 verify_like_reference.py MODEL_DIR SIGNATURE PUBLIC_KEY_PEM [IGNORE ...]

Steps, each from the reference source (sigstore/model-transparency src/model_signing/):
* sign_sigstore_pb.Signature.read / Verifier: media type must be application/vnd.dev.sigstore.bundle.v0.3+json.
* sign_ec_key.Verifier._verify_bundle: the hint, if present, is sha256 hex of the key's SubjectPublicKeyInfo PEM;
  the DER ECDSA signature over pae(payload) verifies with the curve's hash (P-256 SHA-256, P-384 SHA-384).
* signing.Verifier.verify: payloadType application/vnd.in-toto+json, _type https://in-toto.io/Statement/v1.
* signing.dsse_payload_to_manifest: predicateType https://model_signing/signature/v1.0, one subject whose sha256
  is the sha256 over the resource digests' bytes in listed order.
* verifying.Config.verify + hashing.Config.hash + _serialization/file.py: rebuild with the git paths and the
  signature's ignore_paths ignored, hash every regular file with sha256, compare the two {name: digest} maps.
Prints OK and exits 0, or prints the first failure and exits 1.
"""

import base64
import hashlib
import json
import pathlib
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

PAYLOAD_TYPE = "application/vnd.in-toto+json"


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def main(model, signature, public_key, extra_ignore):
    bundle = json.loads(pathlib.Path(signature).read_text(encoding="utf-8"))
    if bundle["mediaType"] != "application/vnd.dev.sigstore.bundle.v0.3+json":
        fail("media type")
    key = serialization.load_pem_public_key(pathlib.Path(public_key).read_bytes())
    pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    hint = bundle["verificationMaterial"].get("publicKey", {}).get("hint")
    if hint and hint != hashlib.sha256(pem).hexdigest():
        fail("key hint mismatch")
    envelope = bundle["dsseEnvelope"]
    payload = base64.b64decode(envelope["payload"])
    sig = base64.b64decode(envelope["signatures"][0]["sig"])
    pae = b" ".join([f"DSSEv1 {len(PAYLOAD_TYPE)} {PAYLOAD_TYPE} {len(payload)}".encode(), payload])
    digest = {256: hashes.SHA256(), 384: hashes.SHA384(), 521: hashes.SHA512()}[key.curve.key_size]
    key.verify(sig, pae, ec.ECDSA(digest))  # raises InvalidSignature
    if envelope["payloadType"] != PAYLOAD_TYPE:
        fail("payload type")
    statement = json.loads(payload)
    if statement["_type"] != "https://in-toto.io/Statement/v1" or statement["predicateType"] != "https://model_signing/signature/v1.0":
        fail("statement or predicate type")
    (subject,) = statement["subject"]
    resources = statement["predicate"]["resources"]
    root = hashlib.sha256(b"".join(bytes.fromhex(r["digest"]) for r in resources)).hexdigest()
    if root != subject["digest"]["sha256"]:
        fail("root digest")
    serialization_args = statement["predicate"]["serialization"]
    if serialization_args["method"] != "files" or serialization_args["hash_type"] != "sha256":
        fail("this script rebuilds files/sha256 only")
    ignore = [".git", ".gitattributes", ".github", ".gitignore"] + serialization_args.get("ignore_paths", []) + extra_ignore
    root_dir = pathlib.Path(model)
    actual = {}
    for path in root_dir.rglob("*"):
        rel = path.relative_to(root_dir).as_posix()
        if any(rel == i or rel.startswith(i.rstrip("/") + "/") for i in ignore):
            continue
        if path.is_symlink():
            fail(f"symlink {rel}")
        if path.is_file():
            actual[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    expected = {r["name"]: r["digest"] for r in resources}
    if actual != expected:
        fail(f"manifest differs: missing {sorted(set(expected) - set(actual))}, extra {sorted(set(actual) - set(expected))}, "
             f"changed {sorted(n for n in expected if n in actual and actual[n] != expected[n])}")
    print(f"OK: {len(expected)} files, signed by key {hashlib.sha256(pem).hexdigest()}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
