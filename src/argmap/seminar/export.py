"""A seminar written out: a readable Markdown report, JSON for analysis, and YAML
suggestions an editor reviews and copies into the map by hand.

Nothing here writes into a map folder; the command line prints to stdout or to
the file the user names.  Contributed text is data: escaped in Markdown
(:func:`argmap.webapp.text.md`), quoted by the JSON and YAML emitters.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

import yaml

from argmap.core.corpus import Corpus
from argmap.seminar.audience import class_strengths
from argmap.seminar.store import KIND_LABEL, Item, Leader, SeminarStore, format_code
from argmap.webapp.text import md

FORMATS = ("md", "json", "yaml")
_KIND_TO_RELATION = {"objection": "attacks", "support": "supports"}


def _text(value: str) -> str:
    """Contributed text in Markdown: every syntax character escaped, and `&` too, so
    an entity someone typed shows as typed."""
    return md(value).replace("&", "&amp;")


def _when(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _title(corpus: Corpus | None, claim: str) -> str:
    if corpus is not None and claim in corpus.claims:
        return corpus.claims[claim].heading
    if corpus is not None and claim in corpus.evidence:
        return corpus.evidence[claim].heading
    return claim


def _order(corpus: Corpus | None, claims: set[str]) -> list[str]:
    """The map's own order for its claims; ids the map does not know last."""
    known = [c for c in (corpus.claims if corpus is not None else ()) if c in claims]
    return known + sorted(claims - set(known))


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "id": item.id, "claim": item.claim, "parent": item.parent, "kind": item.kind,
        "text": item.text, "citation": item.citation, "author": item.author,
        "participant": item.participant, "status": item.status, "answered": item.answered,
        "pinned": item.pinned, "created": _when(item.created_at), "updated": _when(item.updated_at),
        "votes": {"mean": None if item.vote_mean is None else round(item.vote_mean, 3),
                  "count": item.vote_count},
        "feedback": list(item.feedback),
    }


def export_data(store: SeminarStore, leader: Leader, corpus: Corpus | None) -> dict[str, Any]:
    """Everything about one seminar as plain data (the leader's view: names, hidden
    contributions, the moderation log; withdrawn contributions are gone)."""
    info = store.info(leader.code)
    items = store.feed(leader)
    votes = store.claim_votes(leader)
    view = store.overview(leader)
    data: dict[str, Any] = {
        "seminar": {"code": format_code(info.code), "title": info.title, "work": info.work,
                    "opened": _when(info.created_at), "closed": info.closed},
        "claims": [
            {"claim": c, "title": _title(corpus, c),
             "votes": {"mean": round(votes[c].mean, 3) if c in votes else None,
                       "count": votes[c].count if c in votes else 0}}
            for c in _order(corpus, {i.claim for i in items} | set(votes))
        ],
        "contributions": [_item_json(i) for i in items],
        "participants": [
            {"participant": p.participant, "name": p.name, "anonymous": p.anonymous,
             "posts": dict(p.by_kind), "votes": p.votes, "hidden": p.hidden,
             "withdrawn": p.withdrawn, "claims": sorted(p.claims)}
            for p in view.people
        ],
        "moderation": [{"at": _when(at), "action": action, "contribution": cid}
                       for at, action, cid in store.events(leader)],
    }
    if corpus is not None and corpus.claims:
        strengths = class_strengths(corpus, votes)
        data["class_strengths"] = {c: round(strengths.strength[c], 4) for c in corpus.claims}
    return data


def _ranked(items: list[Item]) -> list[Item]:
    """Pinned first, then by the class's votes, then in order of posting."""
    return sorted(items, key=lambda i: (not i.pinned, -(i.vote_mean or -1.0), i.id))


def report_md(store: SeminarStore, leader: Leader, corpus: Corpus | None) -> str:
    """The session as a readable report: per claim (the map's order), what the class
    said (pinned first; replies beneath), the leader's feedback, and the votes."""
    info = store.info(leader.code)
    items = [i for i in store.feed(leader) if i.status == "visible"]
    votes = store.claim_votes(leader)
    view = store.overview(leader)
    by_claim: dict[str, list[Item]] = defaultdict(list)
    replies: dict[int, list[Item]] = defaultdict(list)
    shown = {i.id for i in items}
    for item in items:
        if item.parent is not None and item.parent in shown:
            replies[item.parent].append(item)
        else:
            by_claim[item.claim].append(item)
    lines = [f"# Seminar: {_text(info.title)}", "",
             f"Join code {format_code(info.code)} · work {_text(info.work)} · opened "
             f"{_when(info.created_at)} · {'closed' if info.closed else 'open'} · "
             f"{len(view.people)} participant(s), {len(items)} contribution(s) shown", ""]
    strengths = class_strengths(corpus, votes) if corpus is not None and corpus.claims else None

    def entry(item: Item, depth: int) -> None:
        pad = "  " * depth
        marks = [KIND_LABEL.get(item.kind, item.kind)]
        if item.pinned:
            marks.append("pinned")
        if item.kind == "question":
            marks.append("answered" if item.answered else "open")
        vote = (f", impact {item.vote_mean:.1f}/4 from {item.vote_count} vote(s)"
                if item.vote_mean is not None else "")
        lines.append(f"{pad}- **{' · '.join(marks)}** (#{item.id}, {_text(item.author)}{vote}): "
                     f"{_text(item.text)}")
        if item.citation:
            lines.append(f"{pad}  - Source: {_text(item.citation)}")
        for note in item.feedback:
            lines.append(f"{pad}  - Leader's feedback: {_text(note)}")
        for reply in _ranked(replies.get(item.id, [])):
            entry(reply, depth + 1)

    claims = _order(corpus, set(by_claim) | set(votes))
    if not claims:
        lines.append("Nothing was said or voted on in this seminar.")
    for claim in claims:
        lines += [f"## {_text(_title(corpus, claim))}", "", f"Claim `{_text(claim)}`" + (
            f" · class vote {votes[claim].mean:.1f}/4 ({votes[claim].count})" if claim in votes else "")
            + (f" · strength for the class {strengths.strength[claim]:.2f}"
               if strengths is not None and claim in strengths.strength else ""), ""]
        for item in _ranked(by_claim.get(claim, [])):
            entry(item, 0)
        lines.append("")
    lines += ["## Participation", ""]
    for person in view.people:
        kinds = ", ".join(f"{n} {KIND_LABEL.get(k, k).lower()}" for k, n in sorted(person.by_kind.items()))
        lines.append(f"- {_text(person.name)}{' (anonymous to the class)' if person.anonymous else ''}: "
                     f"{kinds or 'no contributions'}; {person.votes} vote(s)")
    return "\n".join(lines).rstrip() + "\n"


def report_json(store: SeminarStore, leader: Leader, corpus: Corpus | None) -> str:
    return json.dumps(export_data(store, leader, corpus), ensure_ascii=False, indent=2) + "\n"


def suggestions_yaml(store: SeminarStore, leader: Leader, corpus: Corpus | None) -> str:
    """Visible contributions as suggestions for the map's editor: objections and
    supporting points with a draft claim that attacks or supports the claim,
    questions and suggested sources as notes.  Never merged automatically."""
    info = store.info(leader.code)
    items = _ranked([i for i in store.feed(leader) if i.status == "visible"])
    suggestions = []
    for item in items:
        entry: dict[str, Any] = {
            "contribution": item.id, "claim": item.claim, "claim_title": _title(corpus, item.claim),
            "kind": item.kind, "text": item.text,
        }
        if item.citation:
            entry["citation"] = item.citation
        entry["votes"] = {"mean": None if item.vote_mean is None else round(item.vote_mean, 2),
                          "count": item.vote_count}
        if item.pinned:
            entry["pinned"] = True
        if item.kind == "question":
            entry["answered"] = item.answered
        if item.feedback:
            entry["feedback"] = list(item.feedback)
        relation = _KIND_TO_RELATION.get(item.kind)
        if relation is not None:
            entry["draft_claim"] = {
                "id": f"seminar-{info.code.lower()}-{item.id}", "title": "TODO: a title",
                "text": item.text, "kind": "interpretive",
                "locator": "TODO: where in the text this belongs",
                relation: [item.claim],
            }
        suggestions.append(entry)
    header = (f"# Suggestions from the seminar {info.title!r} ({format_code(info.code)}) on "
              f"{info.work}.\n# Review each by hand; nothing here is in the map until an editor "
              "copies it into a claims file.\n")
    body = {"seminar": {"code": format_code(info.code), "title": info.title, "work": info.work},
            "suggestions": suggestions}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)


def export(store: SeminarStore, leader: Leader, corpus: Corpus | None, fmt: str) -> str:
    return {"md": report_md, "json": report_json, "yaml": suggestions_yaml}[fmt](store, leader, corpus)
