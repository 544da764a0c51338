"""Runs msw inspect, picklescan, modelscan and fickling over the corpus and writes a markdown report."""
import json, os, statistics, struct, subprocess, sys, time

here, out, peers = sys.argv[1], sys.argv[2], sys.argv[3]
corpus = os.path.join(out, "corpus")
manifest = json.load(open(os.path.join(corpus, "manifest.json")))
msw = [os.path.join(here, "msw")]
bin_ = lambda name: os.path.join(peers, "bin", name)


def run(cmd, timeout=600):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), time.perf_counter() - t


def verdict_picklescan(path):
    code, o, e, dt = run([bin_("picklescan"), "-p", path])
    # 0 clean, 1 dangerous globals found, 2 scan error
    return ({0: "clean", 1: "flagged"}.get(code, "error"), dt)


def verdict_modelscan(path):
    code, o, e, dt = run([bin_("modelscan"), "-p", path])
    # 0 no issues, 1 issues found, 2 scan error, 3 no supported files
    return ({0: "clean", 1: "flagged", 3: "unsupported"}.get(code, "error"), dt)


FICKLING = ("import sys, fickling\n"
            "try:\n"
            "    print('clean' if fickling.is_likely_safe(sys.argv[1]) else 'flagged')\n"
            "except Exception as e:\n"
            "    print('error')\n")


def verdict_fickling(path):
    code, o, e, dt = run([bin_("python"), "-c", FICKLING, path])
    v = o.strip().splitlines()[-1] if o.strip() else "error"
    return (v, dt)


def verdict_msw(path, fail_on):
    code, o, e, dt = run(msw + ["inspect", "--fail-on", fail_on, path])
    return ({0: "clean", 1: "flagged"}.get(code, "error"), dt)


tools = {
    "msw inspect": lambda p: verdict_msw(p, "critical"),
    "msw (warnings too)": lambda p: verdict_msw(p, "warning"),
    "picklescan 1.0.5": verdict_picklescan,
    "modelscan 0.8.8": verdict_modelscan,
    "fickling 0.1.12": verdict_fickling,
}
rows = []
stats = {t: {"caught": 0, "missed": 0, "false": 0, "clean": 0, "times": []} for t in tools}
for item in manifest:
    path = os.path.join(corpus, item["file"])
    row = {"file": item["file"], "technique": item["technique"], "expect": item["expect"]}
    for name, fn in tools.items():
        v, dt = fn(path)
        row[name] = v
        s = stats[name]
        s["times"].append(dt)
        if item["expect"] == "malicious":
            s["caught" if v == "flagged" else "missed"] += 1
        else:
            s["false" if v == "flagged" else "clean"] += 1
    rows.append(row)
    print(item["file"], {k: row[k] for k in tools}, file=sys.stderr)

# batch: one msw process over the whole corpus (JVM start-up paid once)
code, o, e, batch = run(msw + ["inspect", os.path.join(corpus, "malicious"), os.path.join(corpus, "benign")])

# a pickle of 3 million opcodes
big = os.path.join(corpus, "benign", "million_ints.pkl")
three = {}
for name, fn in [("msw inspect", lambda p: verdict_msw(p, "critical")), ("picklescan 1.0.5", verdict_picklescan),
                 ("modelscan 0.8.8", verdict_modelscan), ("fickling 0.1.12", verdict_fickling)]:
    best = min(fn(big)[1] for _ in range(3))
    three[name] = best
opcodes = subprocess.run([bin_("python"), "-c",
                          "import pickletools,sys; print(sum(1 for _ in pickletools.genops(open(sys.argv[1],'rb').read())))", big],
                         stdout=subprocess.PIPE).stdout.decode().strip()

# peak memory on a 3 GiB safetensors file (sparse: the data is zeros)
huge = os.path.join(out, "huge.safetensors")
n = 3 * 1024 ** 3 // 4
header = json.dumps({"w": {"dtype": "F32", "shape": [n], "data_offsets": [0, n * 4]}}).encode()
header += b" " * ((8 - len(header) % 8) % 8)
with open(huge, "wb") as f:
    f.write(struct.pack("<Q", len(header)) + header)
    f.truncate(8 + len(header) + n * 4)
t = time.perf_counter()
p = subprocess.run(["/usr/bin/time", "-f", "%M", *msw, "inspect", huge], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
huge_time = time.perf_counter() - t
peak_kb = int(p.stderr.decode().strip().splitlines()[-1])
os.remove(huge)

lines = []
lines.append("| Tool | Malicious caught | Missed | Benign falsely flagged | Median time per file (one process per file) |")
lines.append("|---|---|---|---|---|")
for name, s in stats.items():
    lines.append(f"| {name} | {s['caught']} / {s['caught'] + s['missed']} | {s['missed']} | {s['false']} / {s['false'] + s['clean']} | "
                 f"{statistics.median(s['times']) * 1000:.0f} ms |")
lines.append("")
lines.append(f"msw over the whole corpus in one process ({len(manifest)} files): {batch:.2f} s "
             f"({batch / len(manifest) * 1000:.0f} ms per file including JVM start-up).")
lines.append("")
lines.append(f"Pickle of {opcodes} opcodes (list of 3,000,000 ints, {os.path.getsize(big) / 1e6:.1f} MB), best of 3, wall time per process:")
lines.append("")
lines.append("| Tool | Time | Ratio to msw |")
lines.append("|---|---|---|")
for name, dt in three.items():
    lines.append(f"| {name} | {dt:.2f} s | {dt / three['msw inspect']:.2f} |")
lines.append("")
lines.append(f"3 GiB safetensors file: msw inspect took {huge_time:.1f} s (SHA-256 of every byte included), peak RSS {peak_kb / 1024:.0f} MB.")
lines.append("")
lines.append("Per-file verdicts (flagged / clean / error / unsupported):")
lines.append("")
lines.append("| File | Technique | " + " | ".join(tools) + " |")
lines.append("|---|---|" + "---|" * len(tools))
for r in rows:
    lines.append(f"| {r['file']} | {r['technique']} | " + " | ".join(r[t] for t in tools) + " |")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "results.md"), "w").write(text)
print(text)
