#!/usr/bin/env bash
# Signing benchmark (not run in CI). Measures msw against its peers in the same run, JVM start included:
#   (a) one 1 GiB file:            msw sign (openssl format)  vs  openssl dgst -sha256 -sign
#   (b) 64 files x 16 MiB folder:  msw sign (OMS bundle)      vs  model_signing sign key
# Each command runs RUNS times (default 5) on a warm page cache; the best wall time counts.
# Usage: bash bench/signing.sh            (MSW_VENV=... to use another venv; BENCH_DIR=... to keep the data)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="${MSW_VENV:-$root/.venv}"
model_signing="$venv/bin/model_signing"
runs="${RUNS:-5}"
work="${BENCH_DIR:-$(mktemp -d -t msw-bench-signing.XXXXXX)}"
mkdir -p "$work"
[[ -x "$model_signing" ]] || { echo "model_signing is missing from $venv: run 'bash .ci/test' once" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is not on PATH: apt-get install openssl" >&2; exit 1; }
if [[ ! -f target/msw.jar || ! -d target/lib ]]; then
  mvn -q -B -DskipTests package
fi

now() { date +%s.%N; }
# best_of CMD...: runs CMD $runs times (output discarded) and prints the fastest wall time in seconds
best_of() {
  local best="" t0 t1 dt
  for ((i = 0; i < runs; i++)); do
    t0=$(now)
    "$@" >/dev/null 2>&1
    t1=$(now)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [[ -z "$best" ]] || awk -v d="$dt" -v b="$best" 'BEGIN { exit !(d < b) }'; then best=$dt; fi
  done
  echo "$best"
}

key="$work/bench-p256.pem"
[[ -f "$key" ]] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null

# (a) one 1 GiB file
big="$work/model-1GiB.bin"
[[ -f "$big" ]] || head -c 1073741824 /dev/urandom >"$big"
cat "$big" >/dev/null
t_openssl=$(best_of openssl dgst -sha256 -sign "$key" -out "$work/openssl.sig" "$big")
t_msw_file=$(best_of "$root/msw" sign "$big" --key "$key" --format openssl -o "$work/msw-file.sig" --force)
openssl dgst -sha256 -verify <(openssl pkey -in "$key" -pubout) -signature "$work/msw-file.sig" "$big" >/dev/null

# (b) 64 files x 16 MiB
folder="$work/model-64x16MiB"
if [[ ! -d "$folder" ]]; then
  mkdir -p "$folder"
  for ((i = 0; i < 64; i++)); do head -c 16777216 /dev/urandom >"$folder/shard-$(printf %02d "$i").bin"; done
fi
cat "$folder"/* >/dev/null
t_model_signing=$(best_of "$model_signing" sign key "$folder" --private_key "$key" --signature "$work/py.sig")
t_msw_folder=$(best_of "$root/msw" sign "$folder" --key "$key" --signature "$work/msw-folder.sig" --force)
"$model_signing" verify key "$folder" --signature "$work/msw-folder.sig" \
  --public_key <(openssl pkey -in "$key" -pubout) >/dev/null

ratio_a=$(awk -v a="$t_msw_file" -v b="$t_openssl" 'BEGIN { print a / b }')
speedup_b=$(awk -v a="$t_model_signing" -v b="$t_msw_folder" 'BEGIN { print a / b }')
{
  echo "Signing benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), best of $runs"
  printf '(a) 1 GiB file:        openssl %ss, msw %ss  -> msw/openssl = %.2f (target <= 1.2)\n' "$t_openssl" "$t_msw_file" "$ratio_a"
  printf '(b) 64 x 16 MiB folder: model_signing %ss, msw %ss  -> msw is %.2fx faster (target >= 1.5)\n' \
    "$t_model_signing" "$t_msw_folder" "$speedup_b"
} | tee "$work/results.txt"
echo "data and results kept in $work" >&2
