"""Benchmark the Dung semantics engine (argmap.argumentation.af) on seeded random frameworks.

* grounded labelling of 100,000 arguments and 300,000 distinct attacks
  (uniformly random pairs, self-attacks allowed); goal: <= 0.5 s;
* all preferred extensions of 200-argument frameworks in which each ordered
  pair is an attack with probability p, for a few densities p, three seeds each,
  beside clingo (the ASP solver, when it is installed) on the same frameworks
  as the reference: the issue's goal is to come within 2x of it.

clingo runs in-process through its Python API with the ASPARTIX encoding of
preferred semantics (admissible sets, enumerated subset-maximal with
``--heuristic=Domain --enum-mode=domRec``); its time covers building the
control, adding the facts, grounding and solving.  argmap's covers
``af.preferred``.  The two alternate inside one loop (argmap first on even
runs, clingo first on odd ones) so that load from other sessions hits both
alike; CPU time (``time.process_time``) is the headline, wall beside it.
``--process`` also times each side as a whole process on one file per density
(Python start-up and imports included).

Prints markdown tables; total runtime about two minutes on 2 cores.

usage: python benchmarks/bench_af.py [--runs 7] [--seeds 3] [--pref-runs 3] [--process]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # tests.clingo_oracle: the encodings the tests check with

from argmap.argumentation import af  # noqa: E402
from tests import clingo_oracle  # noqa: E402

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


T = TypeVar("T")

def have_clingo() -> bool:
    try:
        import clingo  # noqa: F401
    except ImportError:
        return False
    return True


def clingo_preferred(names: tuple[str, ...], facts: str) -> list[frozenset[str]]:
    """All preferred extensions by clingo: control, facts, ground, solve."""
    return clingo_oracle.solve(names, facts, "preferred")


@dataclass
class Times:
    """CPU and wall seconds of repeated runs of one solver on one framework."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def run(self, fn: Callable[[], T]) -> T:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        result = fn()
        self.cpu.append(time.process_time() - cpu0)
        self.wall.append(time.perf_counter() - wall0)
        return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}" if seconds >= 0.0095 else f"{seconds * 1000:.1f}"


def bench_preferred(seeds: int, runs: int, with_clingo: bool) -> float:
    """One row per density; per framework the median of ``runs`` runs, then the
    median and max of those over the seeds."""
    print(f"## Preferred: {PREFERRED_ARGS} arguments, attack probability p, seeds 0..{seeds - 1}\n")
    ref = " | clingo median CPU ms | argmap / clingo | clingo median wall ms" if with_clingo else ""
    print(
        "| p | attacks (mean) | grounded-UNDEC (mean) | preferred extensions per seed "
        f"| argmap median CPU ms | argmap max CPU ms | argmap median wall ms{ref} |"
    )
    print("|---:|---:|---:|---|---:|---:|---:|" + ("---:|---:|---:|" if with_clingo else ""))
    total = 0.0
    for p in DENSITIES:
        ours: list[Times] = []
        theirs: list[Times] = []
        counts: list[int] = []
        attacks: list[int] = []
        undec: list[int] = []
        for seed in range(seeds):
            fw = erdos_renyi(PREFERRED_ARGS, p, seed)
            names, facts = fw.arguments, clingo_oracle.facts(fw)
            mine, ref_t = Times(), Times()
            found: list[frozenset[str]] = []
            expected: list[frozenset[str]] = []
            for r in range(runs):
                order = [0, 1] if r % 2 == 0 or not with_clingo else [1, 0]
                for who in order:
                    if who == 0:
                        found = mine.run(partial(af.preferred, fw))
                    elif with_clingo:
                        expected = ref_t.run(partial(clingo_preferred, names, facts))
            if with_clingo:
                assert set(found) == set(expected), f"argmap and clingo disagree at p={p}, seed={seed}"
            ours.append(mine)
            theirs.append(ref_t)
            counts.append(len(found))
            attacks.append(fw.n_attacks)
            undec.append(len(af.grounded(fw).undec_set))
            total += sum(mine.cpu)
        cpu = [statistics.median(t.cpu) for t in ours]
        wall = [statistics.median(t.wall) for t in ours]
        row = (
            f"| {p} | {statistics.mean(attacks):.0f} | {statistics.mean(undec):.0f} | "
            f"{', '.join(map(str, counts))} | {ms(statistics.median(cpu))} | {ms(max(cpu))} | "
            f"{ms(statistics.median(wall))} |"
        )
        if with_clingo:
            ref_cpu = statistics.median(statistics.median(t.cpu) for t in theirs)
            ref_wall = statistics.median(statistics.median(t.wall) for t in theirs)
            ratio = statistics.median(cpu) / ref_cpu
            row += f" {ms(ref_cpu)} | {ratio:.1f}× | {ms(ref_wall)} |"
        print(row, flush=True)
    print(f"\nTotal argmap preferred CPU time: {total:.1f} s ({runs} runs of each framework)\n")
    return total


def clingo_main(path: str) -> None:
    """``--clingo-file F``: the whole-process reference, clingo on an ICCMA file."""
    from argmap.argumentation.afformats import read_af

    fw = read_af(Path(path))
    found = clingo_preferred(fw.arguments, clingo_oracle.facts(fw))
    print(len(found))


def bench_process(with_clingo: bool) -> None:
    """Whole processes on seed 0 of each density: ``argmap af solve`` against
    this script's ``--clingo-file`` mode (each imports only what it needs)."""
    print("## Preferred as a whole process (seed 0, wall ms, best of 3)\n")
    print("| p | argmap af solve | clingo (Python API, same encoding) | ratio |")
    print("|---:|---:|---:|---:|")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        for p in DENSITIES:
            fw = erdos_renyi(PREFERRED_ARGS, p, 0)
            path = Path(tmp) / f"p{p}.af"
            path.write_text(write_iccma(fw))
            ours = [
                sys.executable,
                "-m",
                "argmap",
                "af",
                "solve",
                "--semantics",
                "preferred",
                "--iccma",
                str(path),
            ]
            theirs = [sys.executable, str(Path(__file__).resolve()), "--clingo-file", str(path)]
            a = min(run_process(ours, env) for _ in range(3))
            if with_clingo:
                c = min(run_process(theirs, env) for _ in range(3))
                print(f"| {p} | {ms(a)} | {ms(c)} | {a / c:.1f}× |", flush=True)
            else:
                print(f"| {p} | {ms(a)} | – | – |", flush=True)
    print()


def write_iccma(fw: af.Framework) -> str:
    index = {a: i + 1 for i, a in enumerate(fw.arguments)}
    lines = [f"p af {len(fw)}", *(f"{index[a]} {index[b]}" for a, b in fw.attacks)]
    return "\n".join(lines) + "\n"


def run_process(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs of grounded (default 7)")
    ap.add_argument("--seeds", type=int, default=3, help="frameworks per density (default 3)")
    ap.add_argument(
        "--pref-runs", type=int, default=3, help="timed runs of each preferred framework (default 3)"
    )
    ap.add_argument("--process", action="store_true", help="also time whole processes")
    ap.add_argument("--clingo-file", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.clingo_file:
        clingo_main(args.clingo_file)
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {load:.2f} at start\n"
    )
    with_clingo = have_clingo()
    if not with_clingo:
        print("clingo is not installed (`pip install clingo`): no reference column.\n")
    bench_grounded(args.runs)
    bench_preferred(args.seeds, args.pref_runs, with_clingo)
    if args.process:
        bench_process(with_clingo)


if __name__ == "__main__":
    main()
