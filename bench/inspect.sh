#!/usr/bin/env bash
# Compares 'msw inspect' with picklescan, modelscan and fickling on the Inspect test corpus (built here, never
# unpickled): what each catches, misses and falsely flags, time per file, a 3-million-opcode pickle, and peak
# memory on a multi-gigabyte safetensors file. Not run in CI.
#
#   bash bench/inspect.sh            (writes target/bench-inspect/results.md)
#
# Needs: Java 17 + Maven (msw is built if needed), the test venv (.venv or $MSW_VENV, for numpy/scikit-learn/onnx
# used to build the corpus), and PyPI access the first time (the peers go into target/bench-inspect/venv).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/target/bench-inspect"
mkdir -p "$out"
venv_main="${MSW_VENV:-$here/.venv}"
peers="$out/venv"
if [[ ! -x "$peers/bin/picklescan" ]] || ! "$peers/bin/python" -c "import typing_extensions" 2>/dev/null; then
  [[ -x "$peers/bin/python" ]] || python3 -m venv "$peers"
  # fickling 0.1.12 imports typing_extensions without declaring it
  "$peers/bin/pip" install -q picklescan==1.0.5 modelscan==0.8.8 fickling==0.1.12 typing_extensions==4.16.0
fi
# always rebuild, so the numbers belong to the sources in the tree
(cd "$here" && mvn -q -B -o -DskipTests package)
rm -rf "$out/corpus"
"$venv_main/bin/python" "$here/src/test/python/make_inspect_corpus.py" "$out/corpus" > /dev/null
export MSW_CONFIG_DIR="$out/config"
"$peers/bin/python" "$here/bench/inspect_compare.py" "$here" "$out" "$peers"
