#!/usr/bin/env bash
# Encryption-at-rest benchmark: msw encrypt / decrypt against cp, openssl enc -aes-256-ctr and age on the same
# random file, in one run, with wall time, throughput, ratio to cp and peak RSS (/usr/bin/time -v).
# Usage: bash bench/artifacts.sh [SIZE_MIB (default 1024)] [RUNS (default 3, median reported)]
# Needs: /usr/bin/time (Debian package 'time'), openssl, age + age-keygen (Debian 'age'), a built msw.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${1:-1024}"
runs="${2:-3}"
for tool in /usr/bin/time openssl age age-keygen; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install time openssl age)" >&2; exit 2; }
done
[[ -f "$here/target/msw.jar" ]] || (cd "$here" && mvn -q -B -DskipTests package)

work="$(mktemp -d "${BENCH_DIR:-/tmp}/msw-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MSW_CONFIG_DIR="$work/config"
msw="$here/msw"
plain="$work/model.bin"
echo "bench: writing $size_mib MiB of random data to $plain" >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$plain"
printf 'bench keyring passphrase\n' > "$work/kp"
"$msw" keyring init --passphrase-file "$work/kp" >/dev/null
"$msw" key create bench --keyring-passphrase-file "$work/kp" >/dev/null
"$msw" encrypt "$plain" -o "$work/ref.msw" --key bench --keyring-passphrase-file "$work/kp" 2>/dev/null >/dev/null
age-keygen -o "$work/age.key" 2>/dev/null
age_recipient="$(age-keygen -y "$work/age.key")"
age -r "$age_recipient" -o "$work/ref.age" "$plain"
key_hex="$(openssl rand -hex 32)"; iv_hex="$(openssl rand -hex 16)"
cat "$plain" "$work/ref.msw" "$work/ref.age" > /dev/null   # warm the page cache for every input

# name|command (run with bash -c; $work, $plain… expanded now)
cases=(
  "cp|cp '$plain' '$work/out'"
  "msw encrypt|'$msw' encrypt '$plain' -o '$work/out' --key bench --keyring-passphrase-file '$work/kp'"
  "msw decrypt > /dev/null|'$msw' decrypt '$work/ref.msw' -o /dev/null --keyring-passphrase-file '$work/kp'"
  "msw decrypt > file|'$msw' decrypt '$work/ref.msw' -o '$work/out' --keyring-passphrase-file '$work/kp'"
  "openssl enc -aes-256-ctr|openssl enc -aes-256-ctr -K $key_hex -iv $iv_hex -in '$plain' -out '$work/out'"
  "age encrypt (X25519)|age -r $age_recipient -o '$work/out' '$plain'"
  "age decrypt > /dev/null|age -d -i '$work/age.key' -o /dev/null '$work/ref.age'"
)

declare -A secs cpus rss
for c in "${cases[@]}"; do
  name="${c%%|*}"; cmd="${c#*|}"
  times=()
  cpu_times=()
  max_rss=0
  for ((i = 0; i < runs; i++)); do
    rm -f "$work/out"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" bash -c "$cmd" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r t u s m < "$work/time"
    times+=("$t")
    cpu_times+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
    (( m > max_rss )) && max_rss=$m
  done
  secs[$name]="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
  cpus[$name]="$(printf '%s\n' "${cpu_times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
  rss[$name]="$max_rss"
  echo "bench: $name: wall ${times[*]} s, cpu ${cpu_times[*]} s" >&2
done

cp_s="${secs[cp]}"
cp_cpu="${cpus[cp]}"
echo
echo "Size: $size_mib MiB, $(nproc) cores, median of $runs runs, page cache warm, load average $(cut -d' ' -f1 /proc/loadavg). $(date -u +%F)"
echo
echo "| Command | Wall (s) | MB/s | Wall / cp | CPU user+sys (s) | CPU / cp | Peak RSS (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for c in "${cases[@]}"; do
  name="${c%%|*}"
  awk -v n="$name" -v s="${secs[$name]}" -v cp="$cp_s" -v u="${cpus[$name]}" -v cpc="$cp_cpu" -v r="${rss[$name]}" -v mib="$size_mib" 'BEGIN {
    printf "| %s | %.2f | %.0f | %.2f | %.2f | %.2f | %.0f |\n", n, s, (mib * 1048576 / 1e6) / (s > 0 ? s : 0.001),
      s / (cp > 0 ? cp : 0.001), u, u / (cpc > 0 ? cpc : 0.001), r / 1024 }'
done

# the same work in one warm JVM: the core's steady state, without start-up and JIT compilation
java -cp "$here/target/msw.jar:$here/target/lib/*" "$here/bench/ArtifactsWarm.java" "$plain" "$work"
