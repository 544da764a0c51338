#!/usr/bin/env bash
# Prediction console benchmark (not run in CI): 10,000 rows of the iris sample through
#   1. msw predict --batch (all twelve stages, batched inference, in-process time and wall time incl. JVM start)
#   2. a plain Python onnxruntime loop, one row per call, no checks (the peer), timed inside Python and also
#      as a whole process (interpreter start, imports and session creation included, as msw's wall time is)
#   3. Python onnxruntime on all rows in one call (for reference)
#   4. the same pipeline in a warm JVM (bench/ConsoleWarm.java, 4 passes, the last reported), 1 and 2 threads
# and the median per-row cost of the eleven non-inference stages, from the per-stage timings msw records.
# Usage: bash bench/console.sh   (from the repository root; needs MSW_VENV or .venv with onnxruntime)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${MSW_VENV:-.venv}"
PY="$VENV/bin/python"
ROWS="${ROWS:-10000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

mvn -q -B -o -DskipTests package
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# the one-shot run goes through the ./msw launcher, as a user runs it (class-data archive, serial GC);
# a first run after the build records the archive, so do that before the clock starts
./msw --version >/dev/null 2>&1
MSW=(./msw)

"$PY" - "$WORK/rows.jsonl" "$ROWS" <<'PYEOF'
import json, sys
import numpy as np
from sklearn.datasets import load_iris
rng = np.random.default_rng(7)
X = load_iris().data
rows = X[rng.integers(0, len(X), int(sys.argv[2]))] + rng.normal(0, 0.05, (int(sys.argv[2]), 4))
names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
with open(sys.argv[1], "w") as f:
    for r in rows:
        f.write(json.dumps({n: round(float(v), 2) for n, v in zip(names, r)}) + "\n")
PYEOF

start=$(date +%s%N)
"${MSW[@]}" predict --model sample-models/iris-classifier.onnx --batch "$WORK/rows.jsonl" --out "$WORK/results.jsonl" \
    --force --json > "$WORK/summary.json" 2>/dev/null || true   # exit 1 = some rows blocked, expected
end=$(date +%s%N)
WALL_MS=$(( (end - start) / 1000000 ))

# the peer as a process of its own, like the msw run above: start-up, imports, session, loop, one JSON line out
cat > "$WORK/loop.py" <<'PYEOF'
import json, sys
import numpy as np, onnxruntime as ort
contract = json.load(open("sample-models/iris-classifier.contract.json"))
mean = np.array(contract["normalization"]["mean"], dtype=np.float32)
std = np.array(contract["normalization"]["std"], dtype=np.float32)
sess = ort.InferenceSession("sample-models/iris-classifier.onnx", providers=["CPUExecutionProvider"])
names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]):
        d = json.loads(line)
        x = ((np.array([[d[n] for n in names]], dtype=np.float32) - mean) / std).astype(np.float32)
        out.write(json.dumps({"label": int(sess.run(None, {"features": x})[0][0])}) + "\n")
PYEOF
PY_PROC_MS=999999
for _ in 1 2 3; do
    start=$(date +%s%N)
    "$PY" "$WORK/loop.py" "$WORK/rows.jsonl" "$WORK/py-results.jsonl"
    end=$(date +%s%N)
    PY_PROC_MS=$(( (end - start) / 1000000 < PY_PROC_MS ? (end - start) / 1000000 : PY_PROC_MS ))
done

for t in 1 2; do
    java -cp "target/classes:$(cat "$WORK/cp.txt")" bench/ConsoleWarm.java "$WORK/rows.jsonl" "$t" | tail -1 > "$WORK/warm$t.txt"
done

"$PY" - "$WORK" "$WALL_MS" "$PY_PROC_MS" <<'PYEOF'
import json, statistics, sys, time
import numpy as np, onnxruntime as ort
work, wall_ms, py_proc_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
summary = json.load(open(f"{work}/summary.json"))
results = [json.loads(l) for l in open(f"{work}/results.jsonl")]
overhead = []
for r in results:
    st = r["stages"]
    if all(s["status"] != "skipped" for s in st):
        overhead.append(sum(s["durationMicros"] for s in st if s["id"] != "P3"))
inference = [s["durationMicros"] for r in results for s in r["stages"] if s["id"] == "P3" and s["status"] != "skipped"]
contract = json.load(open("sample-models/iris-classifier.contract.json"))
mean = np.array(contract["normalization"]["mean"], dtype=np.float32)
std = np.array(contract["normalization"]["std"], dtype=np.float32)
sess = ort.InferenceSession("sample-models/iris-classifier.onnx", providers=["CPUExecutionProvider"])
rows = [l for l in open(f"{work}/rows.jsonl")]
names = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
best_loop = best_batch = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    for line in rows:
        d = json.loads(line)
        x = ((np.array([[d[n] for n in names]], dtype=np.float32) - mean) / std).astype(np.float32)
        sess.run(None, {"features": x})
    best_loop = min(best_loop, time.perf_counter() - t0)
    t0 = time.perf_counter()
    X = ((np.array([[json.loads(l)[n] for n in names] for l in rows], dtype=np.float32) - mean) / std).astype(np.float32)
    sess.run(None, {"features": X})
    best_batch = min(best_batch, time.perf_counter() - t0)
msw_s = summary["totalMicros"] / 1e6
n = len(rows)
print(f"rows                                   {n}")
print(f"msw predict --batch, in-process        {msw_s:.3f} s  ({summary['totalMicros'] / n:.1f} µs/row; "
      f"{summary['allowed']} allowed, {summary['blocked']} blocked)")
print(f"msw predict --batch, wall incl. JVM    {wall_ms / 1000:.3f} s")
print(f"Python onnxruntime loop, 1 row/call    {best_loop:.3f} s  ({best_loop / n * 1e6:.1f} µs/row)")
print(f"Python loop as a process (best of 3)   {py_proc_ms / 1000:.3f} s  (interpreter, imports, session included)")
print(f"Python onnxruntime, one call           {best_batch:.3f} s")
print(f"ratio msw in-process / Python loop     {msw_s / best_loop:.2f}")
print(f"ratio msw wall / Python loop           {wall_ms / 1000 / best_loop:.2f}")
print(f"ratio msw wall / Python process        {wall_ms / py_proc_ms:.2f}")
print(f"eleven non-inference stages, per row   median {statistics.median(overhead):.0f} µs, "
      f"p90 {statistics.quantiles(overhead, n=10)[-1]:.0f} µs (rows that ran all twelve: {len(overhead)})")
print(f"P3 inference share per row (batched)   median {statistics.median(inference):.0f} µs")
for t in (1, 2):
    print(f"msw pipeline, warm JVM (last of 4)     " + open(f"{work}/warm{t}.txt").read().strip())
print("per stage (mean µs):", ", ".join(f"{s['id']} {s['meanMicros']:.1f}" for s in summary["stages"]))
PYEOF
