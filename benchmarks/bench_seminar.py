"""Load on the seminar store: 30 student sessions at once, as the app drives it.

Each session is a thread holding its own seat. It refreshes its feed every
second, as the app's feed fragment does, and meanwhile posts 5 contributions on
the chapter's claims (in a burst, all sessions starting together) and votes on
the claim and on another student's contribution after each post. Afterwards:

* lost: posts whose call returned an id but that the leader's feed lacks, and
  votes missing from the tallies (must be 0);
* post-to-visible: for each post, the time from the call starting until the
  *next* session's refresh first shows it (what "another student sees it"
  means in the app); median, p95 and max.

Runs on a fresh SQLite file, and on PostgreSQL when $ARGMAP_TEST_POSTGRES_URL is
set or initdb/pg_ctl can start a throwaway server (tests/seminar_db.py).

usage: python benchmarks/bench_seminar.py [--students 30] [--posts 5] [--refresh 1.0]
       [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.seminar.store import Seat, SeminarStore  # noqa: E402

CLAIMS = ["rise-thesis", "abs-thesis-misperception"]


@dataclass
class Session:
    seat: Seat
    posted: dict[int, float] = field(default_factory=dict)  # id -> when the post call started
    seen: dict[int, float] = field(default_factory=dict)  # id -> first refresh that showed it
    votes: int = 0
    errors: list[str] = field(default_factory=list)


def run(url: str, students: int, posts: int, refresh: float) -> dict[str, float]:
    store = SeminarStore(url)
    try:
        opened = store.open_seminar("harris-stalin", "Load")
        leader = store.leader(opened.code, opened.leader_key)
        sessions = [Session(store.join(opened.code, f"Student {i}")) for i in range(students)]
        start = threading.Barrier(students)
        done = threading.Event()
        finished = [0]
        lock = threading.Lock()

        def refresher(me: Session) -> None:
            while not done.is_set():
                t = time.perf_counter()
                for item in store.feed(me.seat):
                    me.seen.setdefault(item.id, t)
                done.wait(max(0.0, refresh - (time.perf_counter() - t)))
            t = time.perf_counter()
            for item in store.feed(me.seat):
                me.seen.setdefault(item.id, t)

        def student(n: int, me: Session) -> None:
            start.wait()
            try:
                for k in range(posts):
                    t = time.perf_counter()
                    pid = store.post(me.seat, CLAIMS[k % len(CLAIMS)], "objection", f"s{n} p{k}")
                    me.posted[pid] = t
                    store.vote(me.seat, CLAIMS[k % len(CLAIMS)], (n + k) % 5)
                    other = sessions[(n + 1) % students].posted
                    if other:
                        store.vote(me.seat, next(iter(other)), (n * k) % 5)
                        me.votes += 1
            except Exception as exc:  # counted as lost below, not hidden
                me.errors.append(f"{type(exc).__name__}: {exc}")
            with lock:
                finished[0] += 1

        watchers = [threading.Thread(target=refresher, args=(s,)) for s in sessions]
        workers = [threading.Thread(target=student, args=(n, s)) for n, s in enumerate(sessions)]
        began = time.perf_counter()
        for t in (*watchers, *workers):
            t.start()
        for t in workers:
            t.join()
        posting = time.perf_counter() - began
        # let every session refresh until it has seen every post (or 10 s pass)
        wanted = {pid for s in sessions for pid in s.posted}
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not all(wanted <= set(s.seen) for s in sessions):
            time.sleep(0.1)
        done.set()
        for t in watchers:
            t.join()
        stored = {i.id for i in store.feed(leader)}
        lost = len(wanted - stored) + sum(posts - len(s.posted) for s in sessions)
        tallies = store.claim_votes(leader)
        claim_votes = sum(t.count for t in tallies.values())
        expected_claim_votes = sum(len({CLAIMS[k % len(CLAIMS)] for k in range(posts)})
                                   for s in sessions if not s.errors)
        delays = []
        for n, s in enumerate(sessions):
            watcher = sessions[(n + 1) % students]
            for pid, t in s.posted.items():
                delays.append(watcher.seen.get(pid, float("inf")) - t)
        delays.sort()
        p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
        errors = [e for s in sessions for e in s.errors]
        if errors:
            print("  errors:", errors[:3], file=sys.stderr)
        return {"posts": float(len(wanted)), "lost": float(lost),
                "claim_votes": float(claim_votes), "claim_votes_expected": float(expected_claim_votes),
                "median": statistics.median(delays), "p95": p95, "max": delays[-1],
                "posting_s": posting, "posts_per_s": len(wanted) / posting}
    finally:
        store.close()


@contextlib.contextmanager
def postgres() -> Iterator[str | None]:
    given = os.environ.get("ARGMAP_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    from tests.seminar_db import throwaway_postgres

    try:
        server = throwaway_postgres()
        url = server.__enter__()
    except Exception as exc:
        print(f"postgresql: skipped ({exc})")
        yield None
        return
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


def report(name: str, r: dict[str, float]) -> None:
    print(f"{name}: {int(r['posts'])} posts, {int(r['lost'])} lost; claim votes "
          f"{int(r['claim_votes'])}/{int(r['claim_votes_expected'])}; post-to-visible median "
          f"{r['median']:.2f} s, p95 {r['p95']:.2f} s, max {r['max']:.2f} s; the burst took "
          f"{r['posting_s']:.2f} s ({r['posts_per_s']:.0f} posts/s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--posts", type=int, default=5)
    parser.add_argument("--refresh", type=float, default=1.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            report("sqlite", run(f"sqlite:///{tmp}/seminars.sqlite", args.students, args.posts,
                                 args.refresh))
    if args.only != "sqlite":
        with postgres() as url:
            if url is not None:
                report("postgresql", run(url, args.students, args.posts, args.refresh))
    return 0


if __name__ == "__main__":
    sys.exit(main())
