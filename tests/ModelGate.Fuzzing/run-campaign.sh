#!/usr/bin/env bash
# Runs the built-in mutation campaign (no AFL) for every target, seeded from the committed fixtures,
# two targets at a time. Usage: run-campaign.sh [SECONDS-PER-TARGET] [OUTDIR] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
out=${2:-fuzz-findings}
shift $(( $# > 2 ? 2 : $# ))
f=tests/ModelGate.Formats.Tests
corpus=tests/ModelGate.Tests/Artifacts/testdata/corpus
declare -A seeds=(
  [pickle]=$f/Pickle/testdata
  [zip]=$f/Archives/testdata
  [tar]=$f/Archives/testdata
  [gzip]=$f/Archives/testdata
  [7z]=$f/Archives/testdata
  [safetensors]=$f/Safetensors/testdata
  [gguf]=$f/Gguf/testdata
  [npy]=$f/NumPy/testdata
  [chat-template]=$f/Templates/testdata
  [protobuf]=$f/Onnx/testdata:$f/TensorFlow/testdata
  [onnx]=$f/Onnx/testdata
  [savedmodel]=$f/TensorFlow/testdata
  [keras-config]=$f/Keras/testdata
  [hdf5]=$f/Hdf5/testdata
  [lock-file]=tests/ModelGate.Tests/Provenance/Locks/golden
  [hub-model-info]=tests/ModelGate.Fuzzing/seeds/hub-model-info
  [policy-file]=tests/ModelGate.Cli.Tests/testdata/policy-test/failing:tests/ModelGate.Fuzzing/seeds/policy-file
  [json-report]=tests/ModelGate.Cli.Tests/testdata/policy-test/failing
  [tuf-metadata]=tests/ModelGate.Fuzzing/seeds/tuf-metadata
  [model-card]=$f/ModelCards/testdata
  [model-config]=tests/ModelGate.Fuzzing/seeds/model-config
  [sigstore-bundle]=../shared/testdata/sigstore-conformance/bundle-verify
  [trusted-root]=../shared/testdata/sigstore-trust
  [scanner]=$corpus:$f/Archives/testdata:$f/Safetensors/testdata:$f/Gguf/testdata:$f/Onnx/testdata:$f/Hdf5/testdata:$f/Pickle/testdata:$f/NumPy/testdata:$f/TensorFlow/testdata
)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pickle zip tar gzip 7z safetensors gguf npy chat-template protobuf onnx savedmodel keras-config hdf5 scanner lock-file hub-model-info policy-file json-report tuf-metadata model-card model-config sigstore-bundle trusted-root)
dotnet build tests/ModelGate.Fuzzing -c Release -o "$out/bin" >/dev/null
mkdir -p "$out"
run() {
  DOTNET_GCHeapHardLimit=0x100000000 dotnet "$out/bin/ModelGate.Fuzzing.dll" --mutate "$1" "${seeds[$1]}" "$seconds" "$out/$1" >"$out/$1.log" 2>&1 || true
  grep -v '^\[' "$out/$1.log"
}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
  run "$t" &
done
wait
