#!/usr/bin/python3
"""Independent reference for ModelGate's OSV matcher: writes expected.tsv.gz for AdvisoryDifferentialTests.

How it was run (Debian's packaging 23.0 and PyYAML 6.0, nothing from pip):

    apt-get update && apt-get install -y python3-packaging python3-yaml
    cd tests/ModelGate.Tests/Advisories/testdata
    /usr/bin/python3 make-expected.py ../../../../../shared/testdata/pypa-advisory-db > /dev/null

It reads every vulns/<package>/<ID>.yaml of the PyPA advisory database snapshot, derives probe versions
for every package (each event boundary exactly, one release below and above, .dev0/a1/.post1/+local/1!
variants, every enumerated version in two spellings, fixed probes, every legacy string found in the data,
and names in non-normalized spellings), and evaluates them with the osv-schema "Evaluation" pseudo-code
written afresh here:

  * IsVulnerable: any affected[] entry with package.ecosystem == "PyPI" and the PEP 503 name whose
    `versions` list holds the version (PEP 440 equality when both parse, else the exact string) or whose
    ECOSYSTEM/SEMVER ranges include it; GIT ranges are ignored; withdrawn advisories are skipped.
  * IncludedInRanges: events sorted (stable) by version, introduced "0" first; limit events ("*" = no
    limit) gate BeforeLimits.
  * Versions that are not PEP 440 sort before every valid one with setuptools' legacy key (the
    LegacyVersion of packaging < 22, re-implemented below).
  * An audited version that is not PEP 440 is only matched against `versions` lists by exact string;
    an advisory with ranges for the package is then "unevaluable" (column 4), never "not affected".

YAML is loaded with BaseLoader so every scalar stays the string written (3.10 is not the float 3.1).
Output: gzip (mtime 0, so reruns are byte-identical) of lines
    name <TAB> version <TAB> affected ids (comma-separated, sorted, or -) <TAB> unevaluable ids (or -)
"""
import functools
import glob
import gzip
import os
import re
import sys

import yaml
from packaging.version import InvalidVersion, Version

# --- legacy versions: packaging < 22 LegacyVersion._legacy_cmpkey --------------------------------------
_component = re.compile(r"(\d+|[a-z]+|\.|-)")
_replace = {"pre": "c", "preview": "c", "-": "final-", "rc": "c", "dev": "@"}


@functools.lru_cache(maxsize=None)
def legacy_key(text):
    def parts(s):
        for part in _component.split(s):
            part = _replace.get(part, part)
            if not part or part == ".":
                continue
            if part[:1] in "0123456789":
                yield part.zfill(8)
            else:
                yield "*" + part
        yield "*final"

    out = []
    for part in parts(text.lower()):
        if part.startswith("*"):
            if part < "*final":
                while out and out[-1] == "*final-":
                    out.pop()
            while out and out[-1] == "00000000":
                out.pop()
        out.append(part)
    return tuple(out)


@functools.lru_cache(maxsize=None)
def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


@functools.lru_cache(maxsize=None)
def key(text):
    """Total order: legacy strings before every valid PEP 440 version."""
    v = parse(text)
    return (1, v) if v is not None else (0, legacy_key(text))


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


# --- evaluation -----------------------------------------------------------------------------------------
_prepared = {}


def prepare(events):
    """(limit keys or None when unlimited, stably sorted (kind, value) pairs), computed once per range."""
    if id(events) not in _prepared:
        limits = [e["limit"] for e in events if "limit" in e]
        limit_keys = None if not limits or any("*" in v for v in limits) else [key(v) for v in limits]

        def event_key(pair):
            kind, value = pair
            return (-1,) if kind == "introduced" and value == "0" else key(value)

        pairs = [next(iter(e.items())) for e in events if "limit" not in e]
        _prepared[id(events)] = (events, limit_keys, sorted(pairs, key=event_key))
    return _prepared[id(events)]


def includes(vkey, events):
    _, limit_keys, pairs = prepare(events)
    if limit_keys is not None and not any(vkey < k for k in limit_keys):
        return False
    vulnerable = False
    for kind, value in pairs:
        if kind == "introduced" and (value == "0" or vkey >= key(value)):
            vulnerable = True
        elif kind == "fixed" and vkey >= key(value):
            vulnerable = False
        elif kind == "last_affected" and vkey > key(value):
            vulnerable = False
    return vulnerable


def evaluate(entries, text):
    valid = parse(text)
    unevaluable = False
    for entry in entries:
        for listed in entry.get("versions") or []:
            lv = parse(listed)
            if (valid == lv) if (valid is not None and lv is not None) else (listed == text):
                return "affected"
        for r in entry.get("ranges") or []:
            if r["type"] not in ("ECOSYSTEM", "SEMVER"):
                continue
            if valid is None:
                unevaluable = True
            elif includes((1, valid), r["events"]):
                return "affected"
    return "unevaluable" if unevaluable else None


# --- probes ---------------------------------------------------------------------------------------------
def neighbours(text):
    v = parse(text)
    if v is None:
        return []
    rel = list(v.release)
    epoch = f"{v.epoch}!" if v.epoch else ""
    out = [f"{text}.dev0", f"{text}a1", f"{text}rc1", f"{text}.post1", f"{text}+local.7", f"1!{text}", v.base_version]
    above = rel[:-1] + [rel[-1] + 1]
    out.append(epoch + ".".join(map(str, above)))
    out.append(epoch + ".".join(map(str, rel + [1])))
    out.append(epoch + ".".join(map(str, rel + [0])))
    for i in range(len(rel) - 1, -1, -1):
        if rel[i] > 0:
            below = rel[:i] + [rel[i] - 1] + [999] * (len(rel) - i - 1)
            out.append(epoch + ".".join(map(str, below)))
            break
    return out


def main(db):
    packages = {}  # normalized name -> list of (id, entries)
    spellings = {}
    legacy = set()
    for path in sorted(glob.glob(os.path.join(db, "vulns", "**", "*.yaml"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            adv = yaml.load(f, Loader=yaml.BaseLoader)
        if adv.get("withdrawn"):
            continue
        by_name = {}
        for entry in adv.get("affected") or []:
            pkg = entry.get("package") or {}
            if pkg.get("ecosystem") != "PyPI":
                continue
            name = normalize(pkg["name"])
            spellings.setdefault(name, pkg["name"])
            by_name.setdefault(name, []).append(entry)
            for r in entry.get("ranges") or []:
                if r["type"] != "GIT":
                    legacy.update(v for e in r["events"] for v in e.values() if parse(v) is None and v != "0")
            legacy.update(v for v in entry.get("versions") or [] if parse(v) is None)
        for name, entries in by_name.items():
            packages.setdefault(name, []).append((adv["id"], entries))

    fixed_probes = ["0", "0.0.0.dev0", "0.0.1", "1.0", "1.0.0", "2!0.1", "100.0", "9999.0.post3"]
    lines = []
    for n, name in enumerate(sorted(packages)):
        advisories = packages[name]
        probes = set(fixed_probes) | legacy
        for _, entries in advisories:
            for entry in entries:
                for listed in entry.get("versions") or []:
                    probes.add(listed)
                    v = parse(listed)
                    if v is not None:
                        probes.add(str(v) + ".0")
                for r in entry.get("ranges") or []:
                    if r["type"] == "GIT":
                        continue
                    for e in r["events"]:
                        for value in e.values():
                            if value == "0" or "*" in value:
                                continue
                            probes.add(value)
                            probes.update(neighbours(value))
        names = [name, spellings[name], name.upper(), name.replace("-", "_").title()]
        for i, probe in enumerate(sorted(probes)):
            affected, unevaluable = [], []
            for adv_id, entries in advisories:
                outcome = evaluate(entries, probe)
                if outcome == "affected":
                    affected.append(adv_id)
                elif outcome == "unevaluable":
                    unevaluable.append(adv_id)
            shown = names[(i + n) % len(names)]
            lines.append(f"{shown}\t{probe}\t{','.join(sorted(affected)) or '-'}\t{','.join(sorted(unevaluable)) or '-'}\n")

    data = "".join(lines).encode("utf-8")
    with open("expected.tsv.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    print(f"{len(lines)} probes over {len(packages)} packages; {len(legacy)} legacy strings", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../../../../../shared/testdata/pypa-advisory-db")
