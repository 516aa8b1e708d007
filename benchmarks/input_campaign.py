#!/usr/bin/env python3
"""Hostile-input campaign for `crossbar run` and the array commands (issue 9).

  input_campaign.py [--cli "CMD"] [--decks N] [--seed S] [--timeout S] [--jobs J] [--work DIR]

Mutates the example decks in netlists/ (byte flips, truncation, duplicated and dropped lines,
numbers replaced by extreme values such as 1e-320, 1e308, -1e308, 0, NaN, inf, 1e30 point counts,
random card and token splices) and adds hand-made edge cases (empty, NUL-only and invalid-UTF-8
decks, /dev/zero, FIFO and huge includes, huge .dc/.tran/.ac point counts, extreme element values,
CLI inputs to inv/mvm/ginv/hpinv with bad numbers, sizes and --out targets). Each input runs with a
timeout and an address-space limit; the table counts exit codes, unhandled .NET exceptions
("Unhandled exception" or a stack trace on stderr), timeouts and the peak resident memory.

CMD is the CLI (default: the native executable of benchmarks/publish_cli.sh if built, else
`dotnet Crossbar.Cli/bin/Release/net10.0/crossbar.dll`). Output: a table on stdout and
DIR/results.csv (case, exit, seconds, max_rss_MB, verdict, first stderr line).
"""
import argparse
import concurrent.futures
import csv
import os
import random
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXTREMES = ["1e-320", "1e308", "-1e308", "0", "-0", "NaN", "inf", "-1", "1e30", "1e-30", "99999999999999999999", "1e400", "0x10", "1,5", ""]


def default_cli():
    aot = os.path.join(ROOT, "Crossbar.Cli", "bin", "Release", "net10.0", "linux-x64", "aot", "crossbar")
    if os.access(aot, os.X_OK):
        return [aot]
    return ["dotnet", os.path.join(ROOT, "Crossbar.Cli", "bin", "Release", "net10.0", "crossbar.dll")]


def mutate(text, rng):
    lines = text.split("\n")
    kind = rng.randrange(8)
    if kind == 0 and text:  # byte flips
        data = bytearray(text.encode("utf-8", "surrogateescape"))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == 1:  # truncation
        return text[: rng.randrange(len(text) + 1)].encode()
    if kind == 2 and len(lines) > 1:  # drop lines
        for _ in range(rng.randint(1, 3)):
            if len(lines) > 1:
                del lines[rng.randrange(len(lines))]
    elif kind == 3:  # duplicate lines
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
    elif kind in (4, 5):  # numbers → extremes
        numbers = [m for m in re.finditer(r"(?<![A-Za-z_])[-+]?\d+(\.\d*)?([eE][-+]?\d+)?[a-zA-Z]*", text)]
        if numbers:
            out = text
            for m in sorted(rng.sample(numbers, min(len(numbers), rng.randint(1, 3))), key=lambda m: -m.start()):
                out = out[: m.start()] + rng.choice(EXTREMES) + out[m.end():]
            return out.encode()
    elif kind == 6:  # token splice
        tokens = text.split()
        if tokens:
            i = rng.randrange(len(lines))
            lines[i] = lines[i] + " " + " ".join(rng.choice(tokens) for _ in range(rng.randint(1, 4)))
    else:  # card splice from another position
        if len(lines) > 2:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines).encode()


def edge_cases(work):
    """(name, files {name: bytes}, argv template with {deck}/{dir}) for the hand-made inputs."""
    fifo = os.path.join(work, "fifo")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    base = "* edge\nV1 a 0 1\nR1 a 0 1k\n"
    decks = {
        "empty": b"",
        "nul_only": b"\0" * 1000,
        "invalid_utf8": b"\xff\xfe\xfd" * 100,
        "title_only": b"* only a title\n",
        "dc_overflow": (base + ".dc V1 0 1e30 1\n.end\n").encode(),
        "dc_product": (base + "V2 b 0 1\nR2 b 0 1k\n.dc V1 0 1 1e-6 V2 0 1 1e-6\n.end\n").encode(),
        "ac_huge": (base.replace("V1 a 0 1", "V1 a 0 AC 1") + ".ac lin 100000000 1 1k\n.end\n").encode(),
        "tran_tiny_stop": (base + ".tran 2u 1e-320\n.end\n").encode(),
        "tran_tiny_step": (base + ".tran 1e-30 1\n.end\n").encode(),
        "tran_tiny_tmax": (base + ".tran 1u 1 0 1e-300\n.end\n").encode(),
        "r_tiny": (base + "R2 a 0 1e-320\n.op\n.end\n").encode(),
        "c_huge": (base + "C1 a 0 1e308\n.tran 1u 1m\n.end\n").encode(),
        "l_negative_huge": (base + "L1 a 0 -1e308\n.tran 1u 1m\n.end\n").encode(),
        "sin_huge_freq": ("* sin\nV1 a 0 SIN(0 1 1e308)\nR1 a 0 1k\n.tran 1u 1m\n.end\n").encode(),
        "include_dev_zero": (base + ".include /dev/zero\n.op\n.end\n").encode(),
        "include_fifo": (base + f".include {fifo}\n.op\n.end\n").encode(),
        "include_self": None,  # filled below
        "deep_subckt": ("* deep\n" + "".join(f".subckt s{i} a b\nX1 a b s{i + 1}\n.ends\n" for i in range(200)) + ".subckt s200 a b\nR1 a b 1k\n.ends\nV1 a 0 1\nX0 a 0 s0\n.op\n.end\n").encode(),
        "long_line": (base + "R2 a 0 " + "1" * 1_000_000 + "\n.op\n.end\n").encode(),
    }
    self_path = os.path.join(work, "include_self.cir")
    decks["include_self"] = (base + f".include {self_path}\n.op\n.end\n").encode()
    cases = [(name, data, ["run", "{deck}", "--out", "{dir}"]) for name, data in decks.items()]
    cases.append(("run_dev_zero", None, ["run", "/dev/zero", "--out", "{dir}"]))
    cases.append(("run_fifo", None, ["run", fifo, "--out", "{dir}"]))
    cli = [
        ["inv", "--size", "2147483647"], ["inv", "--size", "5000"], ["inv", "--size", "-3"], ["inv", "--size", "abc"],
        ["inv", "--wire-r", "NaN"], ["inv", "--wire-r", "-1"], ["inv", "--gbw", "0"], ["inv", "--a0", "inf"], ["inv", "--bits", "99"],
        ["inv", "--cell", "2t2r"], ["inv", "--opamp", "real"], ["inv", "--kind", "lu"], ["inv", "--prog-sigma", "1e308"],
        ["inv", "--tstop", "1e-320", "--analysis", "tran"], ["inv", "--analysis", "tran", "--tstop", "-1"],
        ["mvm", "--size", "0"], ["ginv", "--size", "1"], ["hpinv", "--size", "2147483647"], ["hpinv", "--slices", "100"],
        ["hpinv", "--target", "-1"], ["hpinv", "--fidelity", "spice"], ["hpinv", "--rram", "exp"], ["mimo", "--qam", "3"],
        ["mimo", "--snr", "a:b:c"], ["inv", "--drift-time", "-5"], ["inv", "--g-max", "1e-9"], ["inv", "--read-noise", "2"],
    ]
    for args in cli:
        cases.append(("cli_" + "_".join(a.strip("-") for a in args), None, args + ["--out", "{dir}"]))
    for target in ["/dev/null", os.path.join(work, "a_file"), os.path.join(work, "dangling")]:
        cases.append(("out_" + os.path.basename(target), None, ["inv", "--size", "4", "--out", target]))
    open(os.path.join(work, "a_file"), "w").close()
    if not os.path.lexists(os.path.join(work, "dangling")):
        os.symlink(os.path.join(work, "nowhere", "x"), os.path.join(work, "dangling"))
    return cases


def run_one(cli, name, data, argv, work, timeout, memory):
    case_dir = os.path.join(work, "cases", name)
    os.makedirs(case_dir, exist_ok=True)
    deck = os.path.join(case_dir, "deck.cir")
    if data is not None:
        if name == "include_self":
            deck = os.path.join(work, "include_self.cir")
        with open(deck, "wb") as f:
            f.write(data)
    out = os.path.join(case_dir, "out")
    args = [a.replace("{deck}", deck).replace("{dir}", out) for a in argv]

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.monotonic()
    try:
        p = subprocess.run(cli + args, capture_output=True, timeout=timeout, preexec_fn=limit)
        code, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        code, err = "timeout", (e.stderr or b"").decode("utf-8", "replace")
    seconds = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    unhandled = "Unhandled exception" in err or "\n   at " in err
    if code == "timeout":
        verdict = "timeout"
    elif unhandled:
        verdict = "unhandled"
    elif code in (0, 1, 2):
        verdict = f"exit{code}"
    else:
        verdict = f"signal/other({code})"
    first = next((l for l in err.splitlines() if l.strip()), "")
    return name, code, seconds, rss, verdict, first[:200]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli")
    ap.add_argument("--decks", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--memory-gb", type=float, default=8)
    ap.add_argument("--work")
    a = ap.parse_args()
    cli = shlex.split(a.cli) if a.cli else default_cli()
    work = a.work or tempfile.mkdtemp(prefix="crossbar-campaign-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(a.seed)
    sources = sorted(os.path.join(ROOT, "netlists", f) for f in os.listdir(os.path.join(ROOT, "netlists")) if f.endswith(".cir"))
    texts = [open(s, encoding="utf-8").read() for s in sources]
    cases = edge_cases(work)
    for i in range(a.decks):
        cases.append((f"mutant{i:05d}", mutate(rng.choice(texts), rng), ["run", "{deck}", "--out", "{dir}"]))
    memory = int(a.memory_gb * 2**30) if "dotnet" not in cli[0] else int(max(a.memory_gb, 16) * 2**30)
    rows = []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for row in pool.map(lambda c: run_one(cli, c[0], c[1], c[2], work, a.timeout, memory), cases):
            rows.append(row)
    with open(os.path.join(work, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "exit", "seconds", "max_rss_MB", "verdict", "stderr"])
        w.writerows(rows)
    counts = {}
    for r in rows:
        counts[r[4]] = counts.get(r[4], 0) + 1
    print(f"{len(rows)} inputs ({len(cases) - a.decks} hand-made, {a.decks} mutated decks), timeout {a.timeout} s, results in {work}/results.csv")
    print("| verdict | count |\n|---|---|")
    for k in sorted(counts):
        print(f"| {k} | {counts[k]} |")
    print(f"slowest: {max(r[2] for r in rows):.1f} s; peak RSS of any child: {max(r[3] for r in rows):.0f} MB")
    bad = [r for r in rows if r[4] in ("unhandled", "timeout") or r[4].startswith("signal")]
    for r in bad[:30]:
        print(f"  {r[4]}: {r[0]}: {r[5]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
