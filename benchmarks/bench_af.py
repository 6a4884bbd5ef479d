"""Benchmark the Dung semantics engine (argmap.argumentation.af) on seeded random frameworks.

* grounded labelling of 100,000 arguments and 300,000 distinct attacks
  (uniformly random pairs, self-attacks allowed); goal: <= 0.5 s;
* all preferred extensions of 200-argument frameworks in which each ordered
  pair is an attack with probability p, for a few densities p, three seeds each.

Prints markdown tables; total runtime about half a minute on 2 cores.

usage: python benchmarks/bench_af.py [--runs 7] [--seeds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.argumentation import af  # noqa: E402

GROUNDED_ARGS = 100_000
GROUNDED_ATTACKS = 300_000
GROUNDED_GOAL_S = 0.5
PREFERRED_ARGS = 200
DENSITIES = (0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2)


def random_framework(n: int, m: int, seed: int) -> af.Framework:
    """n arguments "1".."n" and m distinct attacks drawn uniformly (self-attacks allowed)."""
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        pairs.add((rng.randrange(n), rng.randrange(n)))
    return af.Framework.from_indices([str(i) for i in range(1, n + 1)], pairs)


def erdos_renyi(n: int, p: float, seed: int) -> af.Framework:
    """Each ordered pair (a, b), a = b included, is an attack with probability p."""
    rng = random.Random(seed)
    pairs = [(a, b) for a in range(n) for b in range(n) if rng.random() < p]
    return af.Framework.from_indices([str(i) for i in range(1, n + 1)], pairs)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bench_grounded(runs: int) -> None:
    build_s, fw = timed(lambda: random_framework(GROUNDED_ARGS, GROUNDED_ATTACKS, seed=2023))
    assert isinstance(fw, af.Framework)
    times = []
    lab = af.grounded(fw)
    for _ in range(runs):
        seconds, lab_obj = timed(lambda: af.grounded(fw))
        assert isinstance(lab_obj, af.Labelling)
        lab = lab_obj
        times.append(seconds)
    med = statistics.median(times)
    verdict = "met" if med <= GROUNDED_GOAL_S else "NOT met"
    print(f"## Grounded: {GROUNDED_ARGS:,} arguments, {fw.n_attacks:,} attacks (seed 2023)\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| build the framework (not part of grounded) | {build_s * 1000:.0f} ms |")
    print(f"| grounded labelling, median of {runs} | {med * 1000:.0f} ms |")
    print(f"| grounded labelling, fastest / slowest | {min(times) * 1000:.0f} / {max(times) * 1000:.0f} ms |")
    print(f"| IN / OUT / UNDEC | {len(lab.in_set):,} / {len(lab.out_set):,} / {len(lab.undec_set):,} |")
    print(f"| goal <= {GROUNDED_GOAL_S * 1000:.0f} ms | {verdict} |\n")


def bench_preferred(seeds: int) -> float:
    print(f"## Preferred: {PREFERRED_ARGS} arguments, attack probability p, seeds 0..{seeds - 1}\n")
    print("| p | attacks (mean) | grounded-UNDEC (mean) | preferred extensions per seed | median s | max s |")
    print("|---:|---:|---:|---|---:|---:|")
    total = 0.0
    for p in DENSITIES:
        times: list[float] = []
        counts: list[int] = []
        attacks: list[int] = []
        undec: list[int] = []
        for seed in range(seeds):
            fw = erdos_renyi(PREFERRED_ARGS, p, seed)
            start = time.perf_counter()
            found = af.preferred(fw)
            times.append(time.perf_counter() - start)
            counts.append(len(found))
            attacks.append(fw.n_attacks)
            undec.append(len(af.grounded(fw).undec_set))
        total += sum(times)
        print(
            f"| {p} | {statistics.mean(attacks):.0f} | {statistics.mean(undec):.0f} | "
            f"{', '.join(map(str, counts))} | {statistics.median(times):.3f} | {max(times):.3f} |",
            flush=True,
        )
    print(f"\nTotal preferred time: {total:.1f} s\n")
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs of grounded (default 7)")
    ap.add_argument("--seeds", type=int, default=3, help="frameworks per density (default 3)")
    args = ap.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load:.2f} at start\n"
    )
    bench_grounded(args.runs)
    bench_preferred(args.seeds)


if __name__ == "__main__":
    main()
