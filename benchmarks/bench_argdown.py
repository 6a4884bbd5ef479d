"""argmap against the Argdown CLI on the same map, whole-process. Not a test.

The map is the bundled chapter and a generated map about ten times its size
(benchmarks/generate.py), each exported with `argmap export argdown`, so both
tools read the same statements and relations. Timed, each as its own process:

* `argdown map -f svg FILE DIR`: Argdown parses the file and draws its whole map;
* `argmap render section:ID -o FILE.svg`: argmap loads the map (warm load cache,
  as on every command after the first) and draws one section, the view a seminar
  projects; the largest section is used.

The two drawings hold different numbers of nodes, so the table gives the nodes
each drew and the time per drawn node beside the whole-process ratio. CPU time
(user + system of the process and its children, from os.wait4) is printed
beside wall time; the runs of the two tools alternate, so both see the same load.

usage: python benchmarks/bench_argdown.py [--runs 3] [--scale 10]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from bench_scale import run  # noqa: E402  (one process: wall, CPU with its children, exit code)


def nodes_in(svg: Path) -> int:
    """Nodes drawn (Graphviz gives each a group of class "node"), argmap's legend not
    counted."""
    return len(re.findall(r'class="node(?! argmap&#45;legend)[^"]*"', svg.read_text(encoding="utf-8")))


def shape(corpus: Path) -> tuple[int, str]:
    """The map's statements (claims and evidence) and its largest section."""
    from argmap.core.loader import load_corpus

    loaded = load_corpus(corpus)
    count = Counter(c.locator.section for c in loaded.claims.values())
    return len(loaded.claims) + len(loaded.evidence), count.most_common(1)[0][0]


def measure(name: str, corpus: Path, tmp: Path, runs: int, env: dict[str, str]) -> None:
    argdown = shutil.which("argdown")
    exe = [sys.executable, "-m", "argmap"]
    source = tmp / f"{name}.argdown"
    subprocess.run([*exe, "--corpus", str(corpus), "export", "argdown", "-o", str(source)],
                   env=env, check=True, capture_output=True)
    statements, section = shape(corpus)
    mine = tmp / f"{name}-argmap.svg"
    argmap_cmd = [*exe, "--corpus", str(corpus), "render", f"section:{section}", "-o", str(mine)]
    theirs_dir = tmp / f"{name}-argdown"
    argdown_cmd = [str(argdown), "map", "-f", "svg", "--silent", str(source), str(theirs_dir)]
    run(argmap_cmd, env)  # fills the load cache and compiles the modules it imports
    run(argdown_cmd, env)
    a_runs, d_runs = [], []
    for _ in range(runs):
        a_runs.append(run(argmap_cmd, env))
        d_runs.append(run(argdown_cmd, env))
    theirs = next(theirs_dir.glob("*.svg"))
    a_nodes, d_nodes = nodes_in(mine), nodes_in(theirs)
    aw, ac = statistics.median(r[0] for r in a_runs), statistics.median(r[1] for r in a_runs)
    dw, dc = statistics.median(r[0] for r in d_runs), statistics.median(r[1] for r in d_runs)
    codes = {r[2] for r in a_runs + d_runs}
    flag = "" if codes == {0} else f" (exit codes {sorted(codes)})"
    print(f"| {name}, {statements} statements{flag} | argmap `section:{section}` | {a_nodes} | "
          f"{aw:.2f} | {ac:.2f} | {1000 * ac / max(a_nodes, 1):.1f} |")
    print(f"| | Argdown, whole map | {d_nodes} | {dw:.2f} | {dc:.2f} | "
          f"{1000 * dc / max(d_nodes, 1):.1f} |")
    print(f"| | Argdown / argmap | | {dw / aw:.1f}× | {dc / ac:.1f}× | "
          f"{(dc / max(d_nodes, 1)) / (ac / max(a_nodes, 1)):.1f}× |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10,
                        help="the generated map's size in chapters (default 10)")
    args = parser.parse_args()
    if shutil.which("argdown") is None:
        sys.exit("the Argdown CLI is not on PATH: npm install -g @argdown/cli")
    version = subprocess.run(["argdown", "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = dict(os.environ, ARGMAP_CACHE_DIR=str(tmp / "cache"),
                   PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        env.pop("ARGMAP_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        from generate import generate

        from argmap.core.loader import load_corpus

        chapter = ROOT / "arguments"
        claims = len(load_corpus(chapter).claims)
        big = tmp / "generated"
        generate(big, claims=claims * args.scale)
        print(f"Argdown CLI {version}; medians of {args.runs} alternating runs\n")
        print("| map | drawing | nodes drawn | wall s | CPU s | CPU ms per node |")
        print("|---|---|---:|---:|---:|---:|")
        measure("chapter", chapter, tmp, args.runs, env)
        measure(f"generated, {args.scale}× the chapter's claims", big, tmp, args.runs, env)


if __name__ == "__main__":
    main()
