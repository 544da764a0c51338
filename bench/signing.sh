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
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is not on PATH: apt-get install openssl" >&2; exit 1; }
if [[ ! -f target/msw.jar || ! -d target/lib ]]; then
  mvn -q -B -DskipTests package
fi

# best_of NAME CMD...: runs CMD $runs times (output discarded); sets NAME_wall and NAME_cpu to the fastest wall
# time and the smallest CPU time (user + system) in seconds. CPU time is the steadier figure on a busy machine.
best_of() {
  local name=$1 best="" cpu="" out w c
  shift
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$work/time.txt" -f '%e %U %S' "$@" >/dev/null 2>&1
    out=$(tail -1 "$work/time.txt")
    w=$(awk '{ print $1 }' <<<"$out")
    c=$(awk '{ printf "%.2f", $2 + $3 }' <<<"$out")
    if [[ -z "$best" ]] || awk -v d="$w" -v b="$best" 'BEGIN { exit !(d < b) }'; then best=$w; fi
    if [[ -z "$cpu" ]] || awk -v d="$c" -v b="$cpu" 'BEGIN { exit !(d < b) }'; then cpu=$c; fi
  done
  printf -v "${name}_wall" '%s' "$best"
  printf -v "${name}_cpu" '%s' "$cpu"
}

key="$work/bench-p256.pem"
[[ -f "$key" ]] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null

# (a) one 1 GiB file
big="$work/model-1GiB.bin"
[[ -f "$big" ]] || head -c 1073741824 /dev/urandom >"$big"
cat "$big" >/dev/null
best_of t_openssl openssl dgst -sha256 -sign "$key" -out "$work/openssl.sig" "$big"
best_of t_msw_file "$root/msw" sign "$big" --key "$key" --format openssl -o "$work/msw-file.sig" --force
openssl dgst -sha256 -verify <(openssl pkey -in "$key" -pubout) -signature "$work/msw-file.sig" "$big" >/dev/null

# (b) 64 files x 16 MiB
folder="$work/model-64x16MiB"
if [[ ! -d "$folder" ]]; then
  mkdir -p "$folder"
  for ((i = 0; i < 64; i++)); do head -c 16777216 /dev/urandom >"$folder/shard-$(printf %02d "$i").bin"; done
fi
cat "$folder"/* >/dev/null
best_of t_model_signing "$model_signing" sign key "$folder" --private_key "$key" --signature "$work/py.sig"
best_of t_msw_folder "$root/msw" sign "$folder" --key "$key" --signature "$work/msw-folder.sig" --force
"$model_signing" verify key "$folder" --signature "$work/msw-folder.sig" \
  --public_key <(openssl pkey -in "$key" -pubout) >/dev/null

ratio_a=$(awk -v a="$t_msw_file_wall" -v b="$t_openssl_wall" 'BEGIN { printf "%.2f", a / b }')
speedup_b=$(awk -v a="$t_model_signing_wall" -v b="$t_msw_folder_wall" 'BEGIN { printf "%.2f", a / b }')
{
  echo "Signing benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), best of $runs"
  echo "(a) 1 GiB file:         openssl ${t_openssl_wall}s (cpu ${t_openssl_cpu}s), msw ${t_msw_file_wall}s (cpu ${t_msw_file_cpu}s)  -> msw/openssl = $ratio_a (target <= 1.2)"
  echo "(b) 64 x 16 MiB folder: model_signing ${t_model_signing_wall}s (cpu ${t_model_signing_cpu}s), msw ${t_msw_folder_wall}s (cpu ${t_msw_folder_cpu}s)  -> msw is ${speedup_b}x as fast (target >= 1.5)"
} | tee "$work/results.txt"
echo "data and results kept in $work" >&2
