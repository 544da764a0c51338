#!/usr/bin/env bash
# Key rotation benchmark: rewrapping a large artifact (default 1 GiB) against re-encrypting it (msw rekey) and
# against encrypting it with the peer tool age, in the same run. Prints the timings and ratios.
# Usage: bash bench/keys.sh [SIZE_MIB] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
work="${2:-$(mktemp -d)}"
command -v age >/dev/null || { echo "age is missing: apt-get install age" >&2; exit 1; }
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
echo "Key rotation benchmark, $(nproc) cores, $(java -version 2>&1 | head -1), work dir $work"
java -Xmx1g -cp "$cp" dev.msw.bench.KeyRotationBenchmark "$work" "$size" "$(command -v age)" "$(command -v age-keygen)"
rm -rf "$work"
