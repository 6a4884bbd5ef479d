"""Generate a large synthetic corpus (default 10,000 claims) for benchmarks.

The shape imitates the chapter map: sections of paragraphs, claims with
anchors, supports and attacks, evidence citing footnotes that cite sources,
and three schools with stances. Deterministic for a given seed.

usage: python benchmarks/generate.py OUT_DIR [--claims N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

WORDS = (
    "stalin party terror police intelligence threat opposition revolution plan "
    "peasants workers archive report war conspiracy leadership power violence"
).split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(out: Path, claims: int = 10_000, seed: int = 1, per_file: int = 1000) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    sections = max(1, claims // 250)
    paragraphs = 25
    work = {"works": [{"id": "big", "title": "A Large Work", "sections": [
        {"id": f"s{i}", "title": f"Section {i}", "paragraphs": paragraphs} for i in range(sections)]}],
        "people": [{"id": f"p{i}", "name": f"Person {i}"} for i in range(50)],
        "schools": [{"id": f"school{i}", "name": f"School {i}", "summary": "A school."}
                    for i in range(3)],
        "sources": [{"id": f"src{i}", "type": "book", "title": f"Book {i}", "publisher": "P",
                     "publisher-place": "X", "issued": str(1950 + i % 60),
                     "author": [{"family": f"Author{i}", "given": "A."}]} for i in range(500)],
        "footnotes": [{"id": f"n{i}", "work": "big", "number": i + 1, "section": f"s{i % sections}",
                       "paragraph": 1 + i % paragraphs,
                       "citations": [{"source": f"src{rng.randrange(500)}", "locator": str(i)}]}
                      for i in range(claims // 5)]}
    (out / "work.yaml").write_text(yaml.safe_dump(work, sort_keys=False, allow_unicode=True))
    batch: dict[str, list[object]] = {"claims": [], "evidence": [], "stances": []}
    for i in range(claims):
        section = i // 250 % sections
        claim: dict[str, object] = {
            "id": f"c{i}", "text": sentence(rng, 14), "kind": rng.choice(
                ["interpretive", "causal", "factual"]),
            "locator": {"section": f"s{section}", "paragraph": 1 + i % paragraphs,
                        "anchor": sentence(rng, 5)},
            "people": [f"p{rng.randrange(50)}"],
        }
        if i > 0:
            claim["supports"] = [f"c{rng.randrange(i)}"]
        if i > 10 and rng.random() < 0.2:
            claim["attacks"] = [f"c{rng.randrange(i)}"]
        batch["claims"].append(claim)
        if i % 2 == 0:
            batch["evidence"].append({
                "id": f"e{i}", "text": sentence(rng, 10), "kind": "archival",
                "locator": {"section": f"s{section}", "paragraph": 1 + i % paragraphs},
                "footnotes": [f"n{rng.randrange(claims // 5)}"], "supports": [f"c{i}"]})
        if i % 10 == 0:
            for s in range(3):
                batch["stances"].append({
                    "school": f"school{s}", "claim": f"c{i}",
                    "position": rng.choice(["accepts", "rejects", "qualifies"]),
                    "justification": sentence(rng, 8), "basis": "editorial",
                    "source": f"src{rng.randrange(500)}"})
        if (i + 1) % per_file == 0 or i == claims - 1:
            name = out / f"claims-{i // per_file:03d}.yaml"
            name.write_text(yaml.safe_dump(batch, sort_keys=False, allow_unicode=True))
            batch = {"claims": [], "evidence": [], "stances": []}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.out, args.claims, args.seed)


if __name__ == "__main__":
    main()
