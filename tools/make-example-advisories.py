#!/usr/bin/python3
"""Writes the small offline advisory set that ships with an example (default examples/sklearn-pandas).

Facts (ids, aliases, affected ranges, fixed versions, CVSS vectors) come from the Python Packaging
Advisory Database (pypa/advisory-database, CC-BY-4.0), snapshot 3ccb612 as laid out in
../shared/testdata/pypa-advisory-db. Only the advisories that affect a version pinned in the
example's requirements.txt are written, reduced to the fields ModelGate matches on, as OSV JSON.

Run from the repository root:  /usr/bin/python3 tools/make-example-advisories.py [EXAMPLE-NAME]
Needs Debian's python3-packaging and python3-yaml.
"""
import json
import os
import re
import sys

import yaml
from packaging.version import InvalidVersion, Version

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNAPSHOT = os.path.join(ROOT, "..", "shared", "testdata", "pypa-advisory-db", "vulns")
EXAMPLE = os.path.join(ROOT, "examples", sys.argv[1] if len(sys.argv) > 1 else "sklearn-pandas")


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def affected(entry, version):
    v = Version(version)
    if version in entry.get("versions", []):
        return True
    for rng in entry.get("ranges", []):
        if rng["type"] != "ECOSYSTEM":
            continue
        events = rng["events"]
        state = False
        for event in sorted(events, key=lambda e: Version("0") if list(e.values())[0] == "0" else Version(list(e.values())[0])):
            kind, at = next(iter(event.items()))
            at_v = Version("0") if at == "0" else Version(at)
            if kind == "introduced" and v >= at_v:
                state = True
            elif kind == "fixed" and v >= at_v:
                state = False
            elif kind == "last_affected" and v > at_v:
                state = False
        if state:
            return True
    return False


def main():
    pins = {}
    with open(os.path.join(EXAMPLE, "requirements.txt")) as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s#;]+)", line)
            if m:
                pins[normalize(m.group(1))] = m.group(2)
    out_dir = os.path.join(EXAMPLE, "advisories")
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if old.endswith(".json"):
            os.remove(os.path.join(out_dir, old))
    written = 0
    for folder in sorted(os.listdir(SNAPSHOT)):
        if normalize(folder) not in pins:
            continue
        version = pins[normalize(folder)]
        for name in sorted(os.listdir(os.path.join(SNAPSHOT, folder))):
            with open(os.path.join(SNAPSHOT, folder, name)) as f:
                # BaseLoader keeps every scalar a string: 'fixed: 1.10' must not become the float 1.1.
                doc = yaml.load(f, Loader=yaml.BaseLoader)
            if doc.get("withdrawn"):
                continue
            entries = [a for a in doc.get("affected", []) if normalize(a["package"]["name"]) in pins
                       and a["package"].get("ecosystem") == "PyPI"]
            try:
                hit = any(affected(a, pins[normalize(a["package"]["name"])]) for a in entries)
            except InvalidVersion:
                hit = False
            if not hit:
                continue
            reduced = {
                "schema_version": "1.6.0",
                "id": doc["id"],
                "modified": doc.get("modified"),
                "published": doc.get("published"),
                "aliases": doc.get("aliases", []),
                "summary": (doc.get("summary") or doc.get("details", "")).split("\n")[0][:200],
                "affected": [{
                    "package": {"ecosystem": "PyPI", "name": a["package"]["name"]},
                    "ranges": [r for r in a.get("ranges", []) if r["type"] == "ECOSYSTEM"],
                    # Advisories with only GIT ranges list the affected releases instead.
                    **({"versions": a["versions"]} if a.get("versions") and not any(
                        r["type"] == "ECOSYSTEM" for r in a.get("ranges", [])) else {}),
                } for a in entries],
            }
            if doc.get("severity"):
                reduced["severity"] = doc["severity"]
            with open(os.path.join(out_dir, doc["id"] + ".json"), "w") as f:
                json.dump(reduced, f, indent=2, sort_keys=False)
                f.write("\n")
            written += 1
    print(f"wrote {written} advisories to {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
