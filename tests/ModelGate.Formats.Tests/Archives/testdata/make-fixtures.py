#!/usr/bin/python3
"""Builds the Archives test fixtures. Run from this folder: /usr/bin/python3 make-fixtures.py

Zip and tar fixtures come from Python's zipfile/tarfile, then byte patches where a case needs a lie no
library writes; compressed streams from gzip/zlib/bz2/lzma and the lz4/zstd command-line tools; 7z
fixtures from p7zip (apt-get install p7zip-full). Every fixture is a few hundred bytes.
"""
import bz2, gzip, io, lzma, os, struct, subprocess, tarfile, tempfile, zipfile, zlib

PICKLE = b"\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03."  # a tiny pickle payload
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def make_zip(members, compression=zipfile.ZIP_STORED, **kwargs):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression, **kwargs) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, compress_type=compression)
    return bytearray(buf.getvalue())


def local_offsets(data):
    """Offsets of every 'PK\\x03\\x04' (fixtures are small and contain no nested zips)."""
    out, i = [], data.find(b"PK\x03\x04")
    while i >= 0:
        out.append(i)
        i = data.find(b"PK\x03\x04", i + 4)
    return out


def central_offsets(data):
    out, i = [], data.find(b"PK\x01\x02")
    while i >= 0:
        out.append(i)
        i = data.find(b"PK\x01\x02", i + 4)
    return out


def patch16(data, at, value):
    data[at:at + 2] = struct.pack("<H", value)


def patch32(data, at, value):
    data[at:at + 4] = struct.pack("<I", value)


TORCH_LIKE = [("archive/data.pkl", PICKLE), ("archive/version", b"3\n"), ("archive/data/0", b"\x00" * 16)]

# --- zip -----------------------------------------------------------------------------------------
write("simple-deflate.zip", make_zip(TORCH_LIKE, zipfile.ZIP_DEFLATED))
write("simple-stored.zip", make_zip(TORCH_LIKE))
write("bzip2.zip", make_zip(TORCH_LIKE, zipfile.ZIP_BZIP2))
write("lzma.zip", make_zip(TORCH_LIKE, zipfile.ZIP_LZMA))

# CVE-2025-1944 class: the local header names another file than the central directory.
z = make_zip([("archive/data.pkl", PICKLE)])
z[30:30 + len("archive/data.pkl")] = b"archive/evil.pkl"
write("name-mismatch.zip", z)

# CVE-2025-1945 class: encryption bit set on a stored member (both headers); the bytes are plaintext.
z = make_zip([("archive/data.pkl", PICKLE)])
patch16(z, 6, 1)
patch16(z, central_offsets(z)[0] + 8, 1)
write("encrypted-flag-stored.zip", z)

# Flags differ: only the local header has bit 0.
z = make_zip([("archive/data.pkl", PICKLE)])
patch16(z, 6, 1)
write("flags-mismatch.zip", z)

# Local CRC, size and method differ from the central directory.
z = make_zip([("archive/data.pkl", PICKLE)])
patch32(z, 14, 0x12345678)
write("crc-field-mismatch.zip", z)
z = make_zip([("archive/data.pkl", PICKLE)])
patch32(z, 18, 7)
write("size-mismatch.zip", z)
z = make_zip([("archive/data.pkl", PICKLE)])
patch16(z, 8, 8)
write("method-mismatch.zip", z)

# Local header signature broken; PyTorch's getRecordOffset does not check it.
z = make_zip([("archive/data.pkl", PICKLE)])
z[0:4] = b"PK\x03\x05"
write("local-signature-missing.zip", z)

# Duplicate names: zipfile warns and writes both.
import warnings
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    write("duplicate-names.zip", make_zip([("archive/data.pkl", b"first"), ("archive/data.pkl", PICKLE)]))

# Both central entries point at one local header: overlapping entries.
z = make_zip([("a.pkl", PICKLE), ("b.pkl", PICKLE)])
cds = central_offsets(z)
patch32(z, cds[1] + 42, 0)
write("overlapping-entries.zip", z)

# CRC wrong in both headers: only reading the data shows it.
z = make_zip([("archive/data.pkl", PICKLE)])
patch32(z, 14, 0xDEADBEEF)
patch32(z, central_offsets(z)[0] + 16, 0xDEADBEEF)
write("bad-crc.zip", z)

# A member's local header and data left in the file, its central entry removed.
full = make_zip([("archive/version", b"3\n"), ("hidden.pkl", PICKLE)])
cds = central_offsets(full)
eocd = full.rfind(b"PK\x05\x06")
first_cd = bytes(full[cds[0]:cds[1]])
cd_offset = cds[0]
end = bytearray(full[eocd:eocd + 22])
patch16(end, 8, 1)
patch16(end, 10, 1)
patch32(end, 12, len(first_cd))
patch32(end, 16, cd_offset)
write("unlisted-local-entry.zip", bytes(full[:cd_offset]) + first_cd + bytes(end))

# Self-extracting style: a stub before an unmodified zip.
write("prepended-data.zip", b"#!/bin/sh\necho self-extracting stub\nexit 0\n" + bytes(make_zip(TORCH_LIKE)))

# Zip64: zip64 extra fields in both headers and a zip64 end record (limits lowered so a tiny file needs them).
saved = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
    for name, data in TORCH_LIKE:
        with zf.open(zipfile.ZipInfo(name, FIXED_TIME), "w", force_zip64=True) as f:
            f.write(data)
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved
write("zip64.zip", buf.getvalue())

# Unsafe names; the NUL is patched in (zipfile cuts names at NUL).
z = make_zip([("../evil.pkl", PICKLE), ("/abs.pkl", PICKLE), ("C:/drive.pkl", PICKLE), ("dir\\back.pkl", PICKLE), ("nul_x.pkl", PICKLE)])
for at in local_offsets(z) + central_offsets(z):
    pass
z = bytearray(bytes(z).replace(b"nul_x.pkl", b"nul\x00x.pkl"))
write("traversal-names.zip", z)

# Written to a forward-only stream, zipfile sets bit 3 and writes data descriptors.
class ForwardOnly(io.RawIOBase):
    def __init__(self):
        self.buf = bytearray()
    def writable(self):
        return True
    def write(self, b):
        self.buf += b
        return len(b)
    def seekable(self):
        return False
fo = ForwardOnly()
with zipfile.ZipFile(fo, "w", zipfile.ZIP_DEFLATED) as zf:
    with zf.open(zipfile.ZipInfo("archive/data.pkl", FIXED_TIME), "w") as f:
        f.write(PICKLE)
write("data-descriptor.zip", fo.buf)

# Method 97 (WavPack) in both headers: not decodable.
z = make_zip([("archive/data.pkl", PICKLE)])
patch16(z, 8, 97)
patch16(z, central_offsets(z)[0] + 10, 97)
write("unsupported-method.zip", z)

# Central compressed size larger than the file.
z = make_zip([("archive/data.pkl", PICKLE)])
patch32(z, central_offsets(z)[0] + 20, 100000)
patch32(z, 18, 100000)
write("data-beyond-eof.zip", z)

# End record counts 5 entries, the directory holds 3.
z = make_zip(TORCH_LIKE)
eocd = z.rfind(b"PK\x05\x06")
patch16(z, eocd + 8, 5)
patch16(z, eocd + 10, 5)
write("entry-count-mismatch.zip", z)

# Deflate64 (method 9) written by p7zip.
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "data.pkl"), "wb") as f:
        f.write(PICKLE * 50)
    out = os.path.abspath("deflate64.zip")
    if os.path.exists(out):
        os.remove(out)
    subprocess.run(["7z", "a", "-tzip", "-mm=Deflate64", out, "data.pkl"], cwd=d, check=True, stdout=subprocess.DEVNULL)

# --- tar -----------------------------------------------------------------------------------------
def make_tar(members, fmt=tarfile.USTAR_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tf:
        for info, data in members:
            info.mtime = 1704067200
            if data is not None:
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
            else:
                tf.addfile(info)
    return bytearray(buf.getvalue())


def info(name, type=tarfile.REGTYPE, linkname=""):
    i = tarfile.TarInfo(name)
    i.type = type
    i.linkname = linkname
    return i


write("simple.tar", make_tar([(info("model/data.pkl"), PICKLE), (info("model", tarfile.DIRTYPE), None), (info("model/version"), b"3\n")]))
# Legacy torch.save tar format (torch < 0.4 loader, torch.serialization._legacy_load): four members.
write("torch-legacy.tar", make_tar([(info("sys_info"), PICKLE), (info("pickle"), PICKLE), (info("tensors"), b"\x80\x02K\x00."), (info("storages"), b"\x80\x02K\x00.")]))
long_name = "model/" + "deep/" * 30 + "data.pkl"
write("gnu-longname.tar", make_tar([(info(long_name), PICKLE), (info("short.txt", linkname=""), b"x")], tarfile.GNU_FORMAT))
write("pax.tar", make_tar([(info(long_name), PICKLE), (info("caf\u00e9.pkl"), PICKLE)], tarfile.PAX_FORMAT))
t = make_tar([(info("first.pkl"), PICKLE), (info("second.pkl"), PICKLE)])
second = 512 + 512  # first header + one data block
t[second + 148:second + 156] = b"0000000\x00"
write("bad-checksum.tar", t)
write("symlink.tar", make_tar([
    (info("link.pkl", tarfile.SYMTYPE, "/etc/passwd"), None),
    (info("hard.pkl", tarfile.LNKTYPE, "link.pkl"), None),
    (info("dev", tarfile.CHRTYPE), None),
    (info("fifo", tarfile.FIFOTYPE), None),
]))
write("traversal-names.tar", make_tar([(info("../evil.pkl"), PICKLE), (info("/abs.pkl"), PICKLE)]))
t = make_tar([(info("visible.pkl"), PICKLE)])
t2 = make_tar([(info("hidden.pkl"), PICKLE)])
write("lone-zero-block.tar", bytes(t[:1024]) + b"\x00" * 512 + bytes(t2))
write("unknown-type.tar", make_tar([(info("odd.bin", b"Q"), PICKLE)]))

# --- single compressed streams -------------------------------------------------------------------
PAYLOAD = PICKLE * 20
write("sample.gz", gzip.compress(PAYLOAD, mtime=0))
write("multi-member.gz", gzip.compress(PAYLOAD, mtime=0) + gzip.compress(b"second member", mtime=0))
write("sample.zlib", zlib.compress(PAYLOAD))
write("sample.bz2", bz2.compress(PAYLOAD))
write("sample.xz", lzma.compress(PAYLOAD, format=lzma.FORMAT_XZ))
write("sample.lzma", lzma.compress(PAYLOAD, format=lzma.FORMAT_ALONE))
# joblib < 0.10 (numpy_pickle_compat.write_zfile): "ZF" + hex length padded to 19 + zlib stream.
write("joblib-zf.pkl", b"ZF" + hex(len(PAYLOAD)).encode().ljust(19) + zlib.compress(PAYLOAD))
with open("sample.tar.gz", "wb") as f:
    f.write(gzip.compress(bytes(make_tar([(info("model/data.pkl"), PICKLE), (info("model/version"), b"3\n")])), mtime=0))
with tempfile.TemporaryDirectory() as d:
    raw = os.path.join(d, "payload")
    with open(raw, "wb") as f:
        f.write(PAYLOAD)
    subprocess.run(["lz4", "-q", "-f", raw, os.path.abspath("sample.lz4")], check=True)
    subprocess.run(["zstd", "-q", "-f", raw, "-o", os.path.abspath("sample.zst")], check=True)

# --- 7z ------------------------------------------------------------------------------------------
with tempfile.TemporaryDirectory() as d:
    for name, data in [("data.pkl", PICKLE), ("version", b"3\n"), ("weights.bin", b"\x00" * 64)]:
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    for out, extra in [("solid.7z", ["-ms=on"]), ("encrypted.7z", ["-psecret", "-mhe=off"]), ("encrypted-headers.7z", ["-psecret", "-mhe=on"])]:
        path = os.path.abspath(out)
        if os.path.exists(path):
            os.remove(path)
        subprocess.run(["7z", "a", "-t7z", *extra, path, "data.pkl", "version", "weights.bin"], cwd=d, check=True, stdout=subprocess.DEVNULL)
