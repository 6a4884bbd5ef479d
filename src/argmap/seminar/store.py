"""The seminar store: every action a leader or a student can take, as one function
each, checked (who may do it, limits, rate) and committed in one transaction.

Credentials, never accounts:

* the **join code** (:data:`CODE_ALPHABET`, 10 characters, ~49 bits from
  :mod:`secrets`) lets anyone join a seminar under a display name; it is the
  seminar's only public handle and says nothing about its leader key or any other
  seminar;
* the **leader key** (another :mod:`secrets` token) is shown once, when the seminar
  is opened, and stored only as a salted scrypt hash;
* a **seat token** identifies a student to the store; only its SHA-256 is stored.
  Whoever holds it may edit or withdraw that student's contributions, nobody else.

Every query filters on the seminar, so seminars running at once never see each
other.  Contributed text is stored as typed (line breaks normalised, other
control characters refused) and is always shown as text by the front ends.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from argmap.core.errors import UsageError
from argmap.seminar import db
from argmap.seminar.models import (
    Contribution,
    Feedback,
    ModerationEvent,
    Participant,
    Seminar,
    Vote,
)

Kind = Literal["objection", "support", "question", "source"]
KINDS: Final[tuple[str, ...]] = ("objection", "support", "question", "source")
KIND_LABEL: Final[Mapping[str, str]] = {
    "objection": "Objection", "support": "Supporting point", "question": "Question",
    "source": "Suggested source",
}
CODE_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
CODE_LENGTH: Final = 10
MAX_TEXT: Final = 2000
MAX_CITATION: Final = 500
MAX_NAME: Final = 40
MAX_TITLE: Final = 200
MAX_FEEDBACK: Final = 2000
VOTE_RANGE: Final = range(0, 5)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class SeminarError(UsageError):
    """Something a leader or student asked for that the store refuses (shown as is)."""


class RateLimited(SeminarError):
    """Too many posts or votes in the last minute from one seat."""


@dataclass(frozen=True)
class RateLimits:
    """Per-seat limits over a sliding window (counted in the database, so they hold
    across app processes and restarts)."""

    posts: int = 10
    votes: int = 60
    window: timedelta = timedelta(seconds=60)


@dataclass(frozen=True)
class Opened:
    """A new seminar: the join code for students and the leader key, shown once."""

    code: str
    leader_key: str
    title: str
    work: str


@dataclass(frozen=True)
class Info:
    code: str
    title: str
    work: str
    created_at: datetime
    closed: bool
    participants: int
    contributions: int


@dataclass(frozen=True)
class Seat:
    """A student's credential: the token stays with the student's session."""

    code: str
    participant: int
    name: str
    anonymous: bool
    token: str


@dataclass(frozen=True)
class Leader:
    """Proof that the leader key was given (or that the database itself is at hand,
    see :meth:`SeminarStore.admin`)."""

    code: str
    seminar: int


Viewer = Seat | Leader


@dataclass(frozen=True)
class Item:
    """A contribution as one viewer may see it: ``author`` is the display name (an
    anonymous student's name only for the leader), ``mine`` marks the viewer's own."""

    id: int
    claim: str
    parent: int | None
    kind: str
    text: str
    citation: str | None
    author: str
    participant: int | None
    mine: bool
    status: str
    answered: bool
    pinned: bool
    created_at: datetime
    updated_at: datetime
    vote_mean: float | None = None
    vote_count: int = 0
    my_vote: int | None = None
    feedback: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tally:
    mean: float
    count: int


@dataclass
class Person:
    participant: int
    name: str
    anonymous: bool
    by_kind: Counter[str] = field(default_factory=Counter)
    votes: int = 0
    hidden: int = 0
    withdrawn: int = 0
    claims: set[str] = field(default_factory=set)

    @property
    def posts(self) -> int:
        return sum(self.by_kind.values())


@dataclass(frozen=True)
class Overview:
    """Who contributed what, and where on the map the discussion concentrated."""

    people: list[Person]
    claims: list[tuple[str, int, int]]  # claim, contributions, votes; busiest first


def now_utc() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def normalise_code(code: str) -> str:
    """What a person typed as a join code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """ABCDE-FGHJK: easier to read out in a room."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def _hash_key(key: str, salt: bytes) -> bytes:
    return hashlib.scrypt(key.encode("utf-8"), salt=salt, **_SCRYPT)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_text(value: str | None, what: str, limit: int, *, required: bool = True,
               one_line: bool = False) -> str | None:
    """Text as typed, checked: line breaks normalised, outer whitespace trimmed, no
    control characters, at most ``limit`` characters."""
    if value is None or not value.strip():
        if required:
            raise SeminarError(f"{what} is empty (write something first)")
        return None
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    bad = _CONTROL.search(text)
    if bad:
        raise SeminarError(f"{what} contains the control character U+{ord(bad.group()):04X} at "
                           f"position {bad.start() + 1} (remove it and try again)")
    if one_line:
        text = " ".join(text.split())
    if len(text) > limit:
        raise SeminarError(f"{what} is {len(text)} characters long; at most {limit} are allowed "
                           "(shorten it)")
    return text


@dataclass(frozen=True)
class _Row:
    id: int
    participant_id: int
    claim: str
    parent_id: int | None
    kind: str
    text: str
    citation: str | None
    status: str
    answered: bool
    pinned: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class _Snapshot:
    key: tuple[object, ...]
    rows: list[_Row]
    people: dict[int, tuple[str, bool]]
    votes: dict[tuple[int, str], int]
    tallies: dict[str, Tally]
    feedback: dict[int, tuple[str, ...]]


class SeminarStore:
    """One database of seminars (SQLite file or PostgreSQL), migrated on open."""

    def __init__(self, url: str | None = None, *, base: Path | None = None,
                 limits: RateLimits | None = None,
                 clock: Callable[[], datetime] = now_utc) -> None:
        self.url = db.normalise_url(url or db.database_url(base))
        self._writer, self._reader = db.engines(self.url)
        self.limits = limits or RateLimits()
        self.clock = clock
        # SQLite lets one writer in at a time and makes the others poll with growing
        # sleeps; queueing this process's writers on a lock instead keeps a burst of
        # posts moving (the busy timeout still covers other processes).
        self._one_writer: AbstractContextManager[object] = (
            threading.Lock() if self._writer.dialect.name == "sqlite" else nullcontext())
        self._snapshots: dict[int, _Snapshot] = {}
        self._snap_lock = threading.Lock()
        db.migrate(self._writer)

    def close(self) -> None:
        """Release the connections (the data stays; open the store again to use it)."""
        self._writer.dispose()
        if self._reader is not self._writer:
            self._reader.dispose()

    @property
    def engine(self) -> Engine:
        return self._writer

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._one_writer, Session(self._writer, expire_on_commit=False) as session, \
                session.begin():
            yield session
        # This process's own writes drop the shared feeds at once; other processes'
        # writes are seen through the feed key (count, latest change, latest id).
        with self._snap_lock:
            self._snapshots.clear()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._reader) as session, session.begin():
            yield session

    # ------------------------------------------------------------------ seminars

    def open_seminar(self, work: str, title: str) -> Opened:
        title_text = clean_text(title, "the seminar's title", MAX_TITLE, one_line=True)
        work_id = clean_text(work, "the work", MAX_TITLE, one_line=True)
        assert title_text is not None and work_id is not None
        key = secrets.token_urlsafe(18)
        salt = secrets.token_bytes(16)
        digest = _hash_key(key, salt)
        with self._write() as s:
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if s.scalar(select(Seminar.id).where(Seminar.code == code)) is None:
                    break
            s.add(Seminar(code=code, title=title_text, work=work_id, leader_salt=salt,
                          leader_hash=digest, created_at=self.clock()))
        return Opened(code, key, title_text, work_id)

    def _seminar(self, s: Session, code: str) -> Seminar:
        found = s.scalar(select(Seminar).where(Seminar.code == normalise_code(code)))
        if found is None:
            raise SeminarError(f"no seminar has the code {code.strip()!r} "
                               "(check the code the leader gave you)")
        return found

    def info(self, code: str) -> Info:
        with self._read() as s:
            sem = self._seminar(s, code)
            return self._info(s, sem)

    def _info(self, s: Session, sem: Seminar) -> Info:
        people = s.scalar(select(func.count()).where(Participant.seminar_id == sem.id)) or 0
        posts = s.scalar(select(func.count()).where(Contribution.seminar_id == sem.id,
                                                    Contribution.status != "withdrawn")) or 0
        return Info(sem.code, sem.title, sem.work, _aware(sem.created_at), sem.closed_at is not None,
                    people, posts)

    def seminars(self) -> list[Info]:
        """Every seminar in this database, newest first (for the command line)."""
        with self._read() as s:
            rows = s.scalars(select(Seminar).order_by(Seminar.created_at.desc(), Seminar.id.desc()))
            return [self._info(s, sem) for sem in rows]

    def leader(self, code: str, key: str) -> Leader:
        """Check the leader key; the same answer for a wrong key and an unknown code."""
        with self._read() as s:
            sem = s.scalar(select(Seminar).where(Seminar.code == normalise_code(code)))
            ok = sem is not None and hmac.compare_digest(
                _hash_key(key.strip(), sem.leader_salt), sem.leader_hash)
            if not ok or sem is None:
                raise SeminarError("that join code and leader key do not match a seminar "
                                   "(check both; the key was shown when the seminar was opened)")
            return Leader(sem.code, sem.id)

    def admin(self, code: str) -> Leader:
        """Leader rights without the key, for whoever holds the database itself (the
        command line on the server); the app always asks for the key."""
        with self._read() as s:
            sem = self._seminar(s, code)
            return Leader(sem.code, sem.id)

    def _set_closed(self, leader: Leader, closed: bool) -> None:
        with self._write() as s:
            sem = s.get(Seminar, leader.seminar)
            assert sem is not None
            sem.closed_at = self.clock() if closed else None
            s.add(ModerationEvent(seminar_id=sem.id, action="close" if closed else "reopen",
                                  at=self.clock()))

    def close_seminar(self, leader: Leader) -> None:
        """Read-only from now on: nobody posts, edits or votes until it is reopened."""
        self._set_closed(leader, True)

    def reopen_seminar(self, leader: Leader) -> None:
        self._set_closed(leader, False)

    # ------------------------------------------------------------------ students

    def join(self, code: str, name: str, *, anonymous: bool = False) -> Seat:
        display = clean_text(name, "your display name", MAX_NAME, one_line=True)
        assert display is not None
        token = secrets.token_urlsafe(24)
        with self._write() as s:
            sem = self._seminar(s, code)
            person = Participant(seminar_id=sem.id, name=display, anonymous=anonymous,
                                 token_hash=_token_hash(token), joined_at=self.clock())
            s.add(person)
            s.flush()
            return Seat(sem.code, person.id, display, anonymous, token)

    def _seat(self, s: Session, seat: Seat, *, lock: bool = False) -> tuple[Participant, Seminar]:
        query = select(Participant).where(Participant.token_hash == _token_hash(seat.token))
        person = s.scalar(query.with_for_update() if lock else query)
        if person is None or person.id != seat.participant:
            raise SeminarError("this seat is not known to the seminar (join again with the code)")
        sem = s.get(Seminar, person.seminar_id)
        assert sem is not None
        return person, sem

    def _open_for(self, s: Session, seat: Seat) -> tuple[Participant, Seminar]:
        person, sem = self._seat(s, seat, lock=True)
        if sem.closed_at is not None:
            raise SeminarError("the seminar is closed: contributions and votes are read-only")
        return person, sem

    def post(self, seat: Seat, claim: str, kind: str, text: str, *, citation: str | None = None,
             parent: int | None = None) -> int:
        """A new contribution on ``claim`` (or in reply to ``parent``); its id."""
        if kind not in KINDS:
            raise SeminarError(f"unknown kind of contribution {kind!r}; one of {', '.join(KINDS)}")
        body = clean_text(text, "the contribution", MAX_TEXT)
        cite = clean_text(citation, "the citation", MAX_CITATION, required=False)
        claim_id = clean_text(claim, "the claim", MAX_TITLE, one_line=True)
        assert body is not None and claim_id is not None
        with self._write() as s:
            person, sem = self._open_for(s, seat)
            self._rate(s, person, "posts")
            if parent is not None:
                above = s.get(Contribution, parent)
                if above is None or above.seminar_id != sem.id or above.status == "withdrawn":
                    raise SeminarError(f"no contribution {parent} to reply to in this seminar")
                claim_id = above.claim
            when = self.clock()
            item = Contribution(seminar_id=sem.id, participant_id=person.id, claim=claim_id,
                                parent_id=parent, kind=kind, text=body, citation=cite,
                                status="visible", answered=False, pinned=False,
                                created_at=when, updated_at=when)
            s.add(item)
            s.flush()
            return item.id

    def _rate(self, s: Session, person: Participant, what: Literal["posts", "votes"]) -> None:
        since = self.clock() - self.limits.window
        if what == "posts":
            limit = self.limits.posts
            count = s.scalar(select(func.count()).where(Contribution.participant_id == person.id,
                                                        Contribution.created_at > since)) or 0
        else:
            limit = self.limits.votes
            count = s.scalar(select(func.count()).where(Vote.participant_id == person.id,
                                                        Vote.updated_at > since)) or 0
        if count >= limit:
            seconds = int(self.limits.window.total_seconds())
            raise RateLimited(f"at most {limit} {what} in {seconds} seconds from one seat "
                              "(wait a moment and try again)")

    def _own(self, s: Session, seat: Seat, contribution: int) -> Contribution:
        person, sem = self._open_for(s, seat)
        item = s.get(Contribution, contribution)
        if item is None or item.seminar_id != sem.id or item.status == "withdrawn":
            raise SeminarError(f"no contribution {contribution} in this seminar")
        if item.participant_id != person.id:
            raise SeminarError("you can edit or withdraw only your own contributions")
        return item

    def edit(self, seat: Seat, contribution: int, text: str, *, citation: str | None = None) -> None:
        body = clean_text(text, "the contribution", MAX_TEXT)
        cite = clean_text(citation, "the citation", MAX_CITATION, required=False)
        with self._write() as s:
            item = self._own(s, seat, contribution)
            assert body is not None
            item.text, item.citation, item.updated_at = body, cite, self.clock()

    def withdraw(self, seat: Seat, contribution: int) -> None:
        with self._write() as s:
            item = self._own(s, seat, contribution)
            item.status, item.updated_at = "withdrawn", self.clock()

    def vote(self, seat: Seat, target: str | int, value: int) -> None:
        """The seat's impact vote (0-4) on a claim (its id) or a contribution (its number);
        voting again replaces the earlier vote."""
        if value not in VOTE_RANGE:
            raise SeminarError(f"a vote is 0 to 4, not {value}")
        kind = "contribution" if isinstance(target, int) else "claim"
        name = str(target) if kind == "contribution" else clean_text(
            str(target), "the claim", MAX_TITLE, one_line=True)
        assert name is not None
        with self._write() as s:
            person, sem = self._open_for(s, seat)
            if isinstance(target, int):
                item = s.get(Contribution, target)
                if item is None or item.seminar_id != sem.id or item.status != "visible":
                    raise SeminarError(f"no contribution {target} to vote on in this seminar")
            self._rate(s, person, "votes")
            row = s.scalar(select(Vote).where(Vote.participant_id == person.id,
                                              Vote.target_kind == kind, Vote.target == name))
            if row is None:
                s.add(Vote(seminar_id=sem.id, participant_id=person.id, target_kind=kind,
                           target=name, value=value, updated_at=self.clock()))
            else:
                row.value, row.updated_at = value, self.clock()
            if isinstance(target, int):  # the feed shows the new tally: mark it changed
                item = s.get(Contribution, target)
                assert item is not None
                item.updated_at = self.clock()

    # ------------------------------------------------------------------ moderation

    def _change(self, leader: Leader, contribution: int, action: str, *,
                note: str | None = None, **values: object) -> None:
        """One moderation step on a contribution of the leader's seminar, logged."""
        with self._write() as s:
            item = s.get(Contribution, contribution)
            if item is None or item.seminar_id != leader.seminar or item.status == "withdrawn":
                raise SeminarError(f"no contribution {contribution} in this seminar")
            for name, value in values.items():
                setattr(item, name, value)
            item.updated_at = self.clock()
            s.add(ModerationEvent(seminar_id=leader.seminar, contribution_id=contribution,
                                  action=action, at=self.clock()))
            if note is not None:
                s.add(Feedback(seminar_id=leader.seminar, contribution_id=contribution, text=note,
                               created_at=self.clock()))

    def hide(self, leader: Leader, contribution: int) -> None:
        """Out of the students' view (the author still sees it, marked hidden)."""
        self._change(leader, contribution, "hide", status="hidden")

    def restore(self, leader: Leader, contribution: int) -> None:
        self._change(leader, contribution, "restore", status="visible")

    def mark_answered(self, leader: Leader, contribution: int, answered: bool = True) -> None:
        self._change(leader, contribution, "answer" if answered else "unanswer", answered=answered)

    def pin(self, leader: Leader, contribution: int, pinned: bool = True) -> None:
        self._change(leader, contribution, "pin" if pinned else "unpin", pinned=pinned)

    def feedback(self, leader: Leader, contribution: int, text: str) -> None:
        body = clean_text(text, "the feedback", MAX_FEEDBACK)
        assert body is not None
        self._change(leader, contribution, "feedback", note=body)

    # ------------------------------------------------------------------ reading

    def _snapshot(self, s: Session, seminar: int) -> _Snapshot:
        """Everything the feed shows of one seminar, read once per change and shared by
        every viewer: thirty students refreshing each second cost one small query each
        while nothing changes.  Any change to a contribution (post, edit, withdrawal,
        vote on it, moderation, feedback) moves its ``updated_at``, hence the key."""
        key = self._feed_key(s, seminar)
        with self._snap_lock:
            cached = self._snapshots.get(seminar)
        if cached is not None and cached.key == key:
            return cached
        table = Contribution.__table__
        rows = [_Row(**r._mapping) for r in s.execute(
            select(table.c.id, table.c.participant_id, table.c.claim, table.c.parent_id,
                   table.c.kind, table.c.text, table.c.citation, table.c.status, table.c.answered,
                   table.c.pinned, table.c.created_at, table.c.updated_at)
            .where(table.c.seminar_id == seminar, table.c.status != "withdrawn")
            .order_by(table.c.id))]
        people = {pid: (name, bool(anon)) for pid, name, anon in s.execute(
            select(Participant.id, Participant.name, Participant.anonymous)
            .where(Participant.seminar_id == seminar))}
        votes: dict[tuple[int, str], int] = {
            (pid, target): value for pid, target, value in s.execute(
                select(Vote.participant_id, Vote.target, Vote.value)
                .where(Vote.seminar_id == seminar, Vote.target_kind == "contribution"))}
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for (_, target), value in votes.items():
            sums[target][0] += value
            sums[target][1] += 1
        notes: dict[int, list[str]] = defaultdict(list)
        for cid, text in s.execute(select(Feedback.contribution_id, Feedback.text)
                                   .where(Feedback.seminar_id == seminar).order_by(Feedback.id)):
            notes[cid].append(text)
        snap = _Snapshot(key, rows, people, votes,
                         {t: Tally(total / n, n) for t, (total, n) in sums.items()},
                         {c: tuple(v) for c, v in notes.items()})
        with self._snap_lock:
            self._snapshots[seminar] = snap
        return snap

    @staticmethod
    def _feed_key(s: Session, seminar: int) -> tuple[Any, ...]:
        return tuple(s.execute(select(func.count(), func.max(Contribution.updated_at),
                                      func.max(Contribution.id))
                               .where(Contribution.seminar_id == seminar)).one())

    def feed_version(self, viewer: Viewer) -> tuple[Any, ...]:
        """A value that changes whenever ``viewer``'s feed may have: one aggregate query
        (what the feed's shared snapshot is keyed on), for a page that only wants to know
        whether to read the feed again."""
        with self._read() as s:
            seminar = viewer.seminar if isinstance(viewer, Leader) else self._seat(s, viewer)[1].id
            return self._feed_key(s, seminar)

    def feed(self, viewer: Viewer, *, since: datetime | None = None, since_id: int = 0,
             claim: str | None = None) -> list[Item]:
        """The contributions ``viewer`` may see, oldest first: students see visible
        ones and their own (hidden marked), the leader sees all but withdrawn ones.
        ``since``/``since_id`` keep only what changed after a time or after an id."""
        with self._read() as s:
            if isinstance(viewer, Seat):
                person, sem = self._seat(s, viewer)
                me: int | None = person.id
                seminar = sem.id
            else:
                me, seminar = None, viewer.seminar
            snap = self._snapshot(s, seminar)
        out = []
        after = _aware(since) if since is not None else None
        for r in snap.rows:
            if me is not None and r.status != "visible" and r.participant_id != me:
                continue
            updated = _aware(r.updated_at)
            if (after is not None and updated <= after) or r.id <= since_id or (
                    claim is not None and r.claim != claim):
                continue
            name, anonymous = snap.people.get(r.participant_id, ("?", False))
            shown = name if not anonymous else "Anonymous student"
            if me is None and anonymous:
                shown = f"{name} (anonymous to the class)"
            if r.participant_id == me:
                shown += " (you)"
            tally = snap.tallies.get(str(r.id))
            out.append(Item(
                r.id, r.claim, r.parent_id, r.kind, r.text, r.citation, shown,
                r.participant_id if me is None or r.participant_id == me else None,
                r.participant_id == me, r.status, bool(r.answered), bool(r.pinned),
                _aware(r.created_at), updated,
                tally.mean if tally else None, tally.count if tally else 0,
                snap.votes.get((me, str(r.id))) if me is not None else None,
                snap.feedback.get(r.id, ())))
        return out

    def _tallies(self, s: Session, seminar: int, kind: str,
                 targets: list[str] | None = None) -> dict[str, Tally]:
        query = (select(Vote.target, func.avg(Vote.value), func.count())
                 .where(Vote.seminar_id == seminar, Vote.target_kind == kind)
                 .group_by(Vote.target))
        if targets is not None:
            if not targets:
                return {}
            query = query.where(Vote.target.in_(targets))
        return {t: Tally(float(mean), int(n)) for t, mean, n in s.execute(query)}

    def claim_votes(self, viewer: Viewer) -> dict[str, Tally]:
        """Mean impact vote and number of votes on each claim the class voted on."""
        with self._read() as s:
            seminar = viewer.seminar if isinstance(viewer, Leader) else self._seat(s, viewer)[1].id
            return self._tallies(s, seminar, "claim")

    def my_claim_votes(self, seat: Seat) -> dict[str, int]:
        with self._read() as s:
            person, _ = self._seat(s, seat)
            return {v.target: v.value for v in s.scalars(select(Vote).where(
                Vote.participant_id == person.id, Vote.target_kind == "claim"))}

    def overview(self, leader: Leader) -> Overview:
        """Participation: every participant's posts by kind, votes, hidden and withdrawn
        posts and the claims they spoke to; and the claims by how much was said on them."""
        with self._read() as s:
            people = {p.id: Person(p.id, p.name, p.anonymous) for p in s.scalars(
                select(Participant).where(Participant.seminar_id == leader.seminar)
                .order_by(Participant.id))}
            per_claim: Counter[str] = Counter()
            for r in s.scalars(select(Contribution).where(Contribution.seminar_id == leader.seminar)):
                who = people[r.participant_id]
                if r.status == "withdrawn":
                    who.withdrawn += 1
                    continue
                who.by_kind[r.kind] += 1
                who.claims.add(r.claim)
                who.hidden += r.status == "hidden"
                per_claim[r.claim] += 1
            claim_votes: Counter[str] = Counter()
            for pid, kind, target in s.execute(select(Vote.participant_id, Vote.target_kind,
                                                      Vote.target)
                                               .where(Vote.seminar_id == leader.seminar)):
                people[pid].votes += 1
                if kind == "claim":
                    claim_votes[target] += 1
            busy = sorted(set(per_claim) | set(claim_votes),
                          key=lambda c: (-per_claim[c], -claim_votes[c], c))
            return Overview(list(people.values()), [(c, per_claim[c], claim_votes[c]) for c in busy])

    def events(self, leader: Leader) -> list[tuple[datetime, str, int | None]]:
        """The moderation log: when, what, on which contribution."""
        with self._read() as s:
            return [(_aware(e.at), e.action, e.contribution_id) for e in s.scalars(
                select(ModerationEvent).where(ModerationEvent.seminar_id == leader.seminar)
                .order_by(ModerationEvent.id))]
