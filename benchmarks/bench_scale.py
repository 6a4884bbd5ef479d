"""Whole-process CLI times on a large corpus, cold (no load cache) against warm,
plus the load against the raw parsers, all in one run. Not a test.

Each command runs as its own process (what a user waits for). CPU time (user +
system of the child, from os.wait4) is printed beside wall time, because the
machine this runs on is shared and wall time moves with its load. Cold runs
use ARGMAP_NO_CACHE=1; warm runs use a private cache folder filled by one run
beforehand. Runs of cold and warm alternate, so both see the same load.
Every process may write and read compiled bytecode (in a private
PYTHONPYCACHEPREFIX), as an installed argmap does: with
PYTHONDONTWRITEBYTECODE set, as on some CI machines, each run would compile
argmap's modules from source again (0.1-0.2 s no user pays).

With --baseline SRC (the src folder of another checkout, e.g. made with `git
worktree add /tmp/before REV`), the warm commands and a cold validate also run
under that code, interleaved with this checkout's in the same loop (each with
its own cache), and the table gives this/baseline: a ratio the machine's
changing speed does not move the way it moves absolute times.

usage: python benchmarks/bench_scale.py [--claims 10000] [--corpus DIR] [--runs 3]
                                        [--baseline SRC]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit code of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, proc.returncode


def commands(corpus: str, out: str, small: bool) -> dict[str, list[str]]:
    focus = "s3" if not small else "dictatorship-and-terror"
    claim = "c500" if not small else "abs-thesis-misperception"
    schools = ["school0", "school1"] if not small else ["totalitarian", "revisionist"]
    return {
        "--help": ["--help"],
        "validate": ["validate", corpus],
        f"render section:{focus}": ["--corpus", corpus, "render", f"section:{focus}", "-o", out],
        f"trace {claim}": ["--corpus", corpus, "trace", claim],
        "search": ["--corpus", corpus, "search", "police", "archive"],
        "compare": ["--corpus", corpus, "compare", *schools],
    }


def parse_cost(corpus: Path, runs: int) -> dict[str, float]:
    """In-process CPU seconds: raw CSafeLoader parse, cold load, warm load."""
    import gc

    import yaml

    from argmap.core.loader import load_corpus

    files = sorted(corpus.rglob("*.yaml"))

    def raw() -> None:
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def best(fn: object) -> float:
        times = []
        for _ in range(runs):
            gc.collect()
            a = time.process_time()
            fn()  # type: ignore[operator]
            times.append(time.process_time() - a)
        return min(times)

    with tempfile.TemporaryDirectory() as cache:
        os.environ["ARGMAP_CACHE_DIR"] = cache
        os.environ["ARGMAP_NO_CACHE"] = "1"
        out = {"raw CSafeLoader yaml.load": best(raw),
               "load_corpus, no cache": best(lambda: load_corpus(corpus))}
        del os.environ["ARGMAP_NO_CACHE"]
        load_corpus(corpus)
        out["load_corpus, warm cache"] = best(lambda: load_corpus(corpus))
    return out


def against(baseline: Path, corpus: Path, tmp: Path, runs: int) -> None:
    """Warm commands (and a cold validate) under this checkout and under ``baseline``,
    alternating which goes first, medians of CPU seconds."""
    sides = {"baseline": str(baseline), "this checkout": str(ROOT / "src")}

    def env(side: str, cold: bool = False) -> dict[str, str]:
        out = dict(os.environ, PYTHONPATH=sides[side],
                   ARGMAP_CACHE_DIR=str(tmp / f"cache-{side.replace(' ', '-')}"),
                   PYTHONPYCACHEPREFIX=str(tmp / "pycache-ab"))
        out.pop("PYTHONDONTWRITEBYTECODE", None)
        out.pop("ARGMAP_NO_CACHE", None)
        if cold:
            out["ARGMAP_NO_CACHE"] = "1"
        return out

    exe = [sys.executable, "-m", "argmap"]
    out = str(tmp / "ab.svg")
    cmds = commands(str(corpus), out, small=not (corpus / "work.yaml").exists())
    del cmds["--help"]
    for side in sides:  # fill each cache and compile each side's modules
        for argv in cmds.values():
            run([*exe, *argv], env(side))
    warm: dict[tuple[str, str], list[float]] = {(s, c): [] for s in sides for c in cmds}
    cold: dict[str, list[float]] = {s: [] for s in sides}
    for i in range(runs):
        order = list(sides) if i % 2 == 0 else list(sides)[::-1]
        for name, argv in cmds.items():
            for side in order:
                warm[side, name].append(run([*exe, *argv], env(side))[1])
        for side in order:
            cold[side].append(run([*exe, "validate", str(corpus)], env(side, cold=True))[1])
    print(f"\nAgainst {baseline} (CPU s, medians of {runs}, interleaved):\n")
    print("| command | baseline | this checkout | this / baseline |\n|---|---:|---:|---:|")
    rows = [(f"`{name}` (warm)", warm["baseline", name], warm["this checkout", name])
            for name in cmds]
    rows.append(("`validate` (cold, no cache)", cold["baseline"], cold["this checkout"]))
    for label, before, after in rows:
        b, a = statistics.median(before), statistics.median(after)
        print(f"| {label} | {b:.2f} | {a:.2f} | {a / b:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--corpus", default=None, help="an existing map folder instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, default=None,
                        help="the src folder of another checkout to compare with")
    args = parser.parse_args()
    exe = [sys.executable, "-m", "argmap"]
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            corpus = Path(args.corpus).resolve()
        else:
            from generate import generate

            corpus = Path(tmp) / "corpus"
            generate(corpus, claims=args.claims)
        base = dict(os.environ, ARGMAP_CACHE_DIR=str(Path(tmp) / "cache"),
                    PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        base.pop("ARGMAP_NO_CACHE", None)
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        cold_env = dict(base, ARGMAP_NO_CACHE="1")
        out = str(Path(tmp) / "view.svg")
        generated = (corpus / "work.yaml").exists()  # generate.py names its work file so
        cmds = commands(str(corpus), out, small=not generated)
        run([*exe, "validate", str(corpus)], base)  # fills the cache
        for argv in cmds.values():  # compiles every module each command imports
            run([*exe, *argv], base)
        pass_times = [run([sys.executable, "-c", "pass"], base) for _ in range(args.runs)]
        print(f"corpus: {corpus}; python -c pass: wall "
              f"{statistics.median(t[0] for t in pass_times):.3f} s, CPU "
              f"{statistics.median(t[1] for t in pass_times):.3f} s\n")
        print("| command | cold wall s | cold CPU s | warm wall s | warm CPU s | cold/warm (CPU) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, argv in cmds.items():
            cold, warm = [], []
            for _ in range(args.runs):
                cold.append(run([*exe, *argv], cold_env))
                warm.append(run([*exe, *argv], base))
            codes = {c[2] for c in cold + warm}
            cw, cc = statistics.median(c[0] for c in cold), statistics.median(c[1] for c in cold)
            ww, wc = statistics.median(w[0] for w in warm), statistics.median(w[1] for w in warm)
            flag = "" if codes == {0} else f" (exit {sorted(codes)})"
            print(f"| `{name}`{flag} | {cw:.2f} | {cc:.2f} | {ww:.2f} | {wc:.2f} | "
                  f"{cc / wc:.1f}× |")
        print("\nIn-process CPU time, best of runs:\n")
        costs = parse_cost(corpus, args.runs)
        raw = costs["raw CSafeLoader yaml.load"]
        print("| stage | CPU s | × raw parse |\n|---|---:|---:|")
        for name, value in costs.items():
            print(f"| {name} | {value:.3f} | {value / raw:.2f} |")
        if args.baseline is not None:
            against(args.baseline.resolve(), corpus, Path(tmp), args.runs)


if __name__ == "__main__":
    main()
