#!/usr/bin/env bash
# Compares `modelgate hash` (Native AOT) with `openssl dgst -sha256` (SHA-NI) on warm-cache files:
# one 2 GiB file, and 16 files of 128 MiB. Usage: bench/hash-vs-openssl.sh [DIR] (default /tmp/mg-bench).
# MG=path/to/modelgate picks another binary. Other builds on the machine skew the numbers: the load is printed; re-run when it is below 1.
set -euo pipefail
dir=${1:-/tmp/mg-bench}
repo=$(cd "$(dirname "$0")/.." && pwd)
mg=${MG:-/tmp/mg-aot/modelgate}
mkdir -p "$dir/many"
[ -f "$dir/big.bin" ] || head -c 2G /dev/urandom > "$dir/big.bin"
for i in $(seq -w 1 16); do
  [ -f "$dir/many/part-$i.bin" ] || head -c 128M /dev/urandom > "$dir/many/part-$i.bin"
done
[ -x "$mg" ] || dotnet publish "$repo/src/ModelGate.Cli" -c Release -r linux-x64 -o /tmp/mg-aot >/dev/null
# Same answer first: a fast wrong hash is worth nothing.
[ "$(openssl dgst -sha256 -r "$dir/big.bin" | cut -d' ' -f1)" = "$("$mg" hash "$dir/big.bin" | cut -d' ' -f1)" ] || { echo "digests differ" >&2; exit 1; }
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
cat "$dir/big.bin" "$dir"/many/*.bin > /dev/null   # warm the page cache
hyperfine --warmup 1 --runs 5 --export-markdown "$dir/one-file.md" \
  -n openssl "openssl dgst -sha256 $dir/big.bin" \
  -n modelgate "$mg hash $dir/big.bin" \
  -n 'modelgate sha256+git-blob' "$mg hash -a sha256 -a git-blob $dir/big.bin"
hyperfine --warmup 1 --runs 5 --export-markdown "$dir/many-files.md" \
  -n 'openssl (16 files, one process)' "openssl dgst -sha256 $dir/many/*.bin" \
  -n 'modelgate (folder)' "$mg hash $dir/many"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
