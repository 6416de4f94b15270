"""The probe library shipped with the package, and probe replies scored for key points.

A probe's key points come from the library when it knows the probe id, else from the
store's `probes` table (key points separated by ';', alternatives by '/' or brackets).
A reply covers a key point when it contains every word of one of the point's terms; the
matching runs in the engine over the replies of tickets that carry a `probe_id`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import ibis
import yaml

from supportgauge.errors import InputError
from supportgauge.store.interface import Store

LANGUAGES = ("en", "zh")
_STOP_WORDS = {"and", "or", "vs", "the", "of", "by", "per", "a", "an", "to", "for", "in", "on"}


@dataclass(frozen=True)
class KeyPoint:
    """What a good answer says, in both languages, and the terms that show it."""

    text_en: str
    text_zh: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class LibraryProbe:
    """One probe of the shipped library."""

    probe_id: str
    scenario: str
    category: str
    question_en: str
    question_zh: str
    key_points: tuple[KeyPoint, ...]

    def question(self, language: str) -> str:
        """The question in a language (en or zh)."""
        return self.question_zh if language == "zh" else self.question_en


@cache
def probe_library() -> tuple[LibraryProbe, ...]:
    """The probes shipped with supportgauge."""
    text = resources.files("supportgauge.scoring").joinpath("probe_library.yaml").read_text("utf-8")
    document = yaml.safe_load(text)
    return tuple(
        LibraryProbe(
            probe_id=entry["probe_id"],
            scenario=entry["scenario"],
            category=entry["category"],
            question_en=entry["question"]["en"],
            question_zh=entry["question"]["zh"],
            key_points=tuple(
                KeyPoint(
                    point["point"]["en"],
                    point["point"]["zh"],
                    tuple(str(term) for term in point["match"]),
                )
                for point in entry["key_points"]
            ),
        )
        for entry in document["probes"]
    )


def library_probes(*, scenario: str | None = None) -> tuple[LibraryProbe, ...]:
    """The library's probes, of one scenario or all; an unknown scenario is an input error."""
    probes = probe_library()
    if scenario is None:
        return probes
    chosen = tuple(p for p in probes if p.scenario == scenario)
    if not chosen:
        known = ", ".join(sorted({p.scenario for p in probes}))
        raise InputError(
            f"no probes for scenario '{scenario}'; known: {known}.", parameter="scenario"
        )
    return chosen


def terms_of_text(key_points: str) -> list[tuple[str, ...]]:
    """Key points written as text ('a / b (c); d') as lists of alternative terms."""
    points = []
    for point in key_points.split(";"):
        alternatives = [a.strip() for a in re.split(r"[/()]", point) if a.strip()]
        if alternatives:
            points.append(tuple(alternatives))
    return points


def _words(term: str) -> list[str]:
    words = [w for w in re.split(r"\s+", term.lower()) if w and w not in _STOP_WORDS]
    return words or [term.lower()]


def probe_terms(store: Store) -> Any:
    """One row per (probe, key point, term, word): what coverage matching reads."""
    rows: dict[str, list[Any]] = {"k_probe": [], "point": [], "term": [], "word": [], "words": []}
    known = {p.probe_id: [point.terms for point in p.key_points] for p in probe_library()}
    stored = store.to_arrow(store.table("probes").select("probe_id", "key_points")).to_pylist()
    for row in stored:
        if row["probe_id"] not in known and row["key_points"]:
            known[row["probe_id"]] = terms_of_text(row["key_points"])
    for probe_id, points in known.items():
        for point_index, terms in enumerate(points):
            for term_index, term in enumerate(terms):
                words = _words(term)
                for word in words:
                    rows["k_probe"].append(probe_id)
                    rows["point"].append(point_index)
                    rows["term"].append(term_index)
                    rows["word"].append(word)
                    rows["words"].append(len(words))
    schema = {"k_probe": "string", "point": "int64", "term": "int64", "word": "string",
              "words": "int64"}  # fmt: skip
    return ibis.memtable(rows, schema=schema)


def _matched_points(store: Store, probed: Any) -> Any:
    """Per public agent reply of the `probed` tickets (vendor, ticket_id, probe_id): each
    key point it covers (one row per reply and point, with the reply's `body`)."""
    events = store.table("events")
    replies = events.filter((events.kind == "agent_reply") & events.public & events.body.notnull())
    texts = probed.inner_join(replies, ["vendor", "ticket_id"]).select(
        "vendor", "ticket_id", "probe_id", "body", text=replies.body.lower()
    )
    terms = probe_terms(store)
    hits = texts.inner_join(terms, texts.probe_id == terms.k_probe).filter(
        lambda t: t.text.contains(t.word)
    )
    # A term is matched when all its words are found in one reply.
    return (
        hits.group_by(["vendor", "ticket_id", "probe_id", "body", "point", "term", "words"])
        .aggregate(found=ibis._.word.nunique())
        .filter(lambda t: t.found >= t.words)
        .select("vendor", "ticket_id", "body", "point")
        .distinct()
    )


def probe_coverage(store: Store) -> Any:
    """Per probe ticket (vendor, ticket_id): the share of its probe's key points that the
    vendor's public replies covered, and the points covered, as an Ibis expression."""
    tickets = store.table("tickets")
    probed = tickets.filter(tickets.probe_id.notnull()).select("vendor", "ticket_id", "probe_id")
    matched = _matched_points(store, probed)
    covered = matched.group_by(["vendor", "ticket_id"]).aggregate(covered=matched.point.nunique())
    terms = probe_terms(store)
    totals = terms.group_by("k_probe").aggregate(points=terms.point.nunique())
    scored = probed.inner_join(totals, probed.probe_id == totals.k_probe).left_join(
        covered, ["vendor", "ticket_id"]
    )
    return scored.select(
        c_vendor=scored.vendor,
        c_ticket=scored.ticket_id,
        points=scored.points,
        covered=scored.covered.fill_null(0),
        probe_coverage=scored.covered.fill_null(0) / scored.points,
    )


def covering_replies(store: Store, vendor: str, ticket_ids: list[str]) -> dict[str, str]:
    """Per probe ticket of the vendor: the public reply that covered most key points."""
    if not ticket_ids:
        return {}
    tickets = store.table("tickets")
    probed = tickets.filter(
        tickets.probe_id.notnull() & (tickets.vendor == vendor) & tickets.ticket_id.isin(ticket_ids)
    ).select("vendor", "ticket_id", "probe_id")
    matched = _matched_points(store, probed)
    per_reply = matched.group_by(["ticket_id", "body"]).aggregate(points=matched.point.count())
    best: dict[str, tuple[int, str]] = {}
    for row in store.to_arrow(per_reply).to_pylist():
        if row["points"] > best.get(row["ticket_id"], (0, ""))[0]:
            best[row["ticket_id"]] = (row["points"], row["body"])
    return {ticket_id: body for ticket_id, (_, body) in best.items()}
