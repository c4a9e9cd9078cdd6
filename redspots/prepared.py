"""The content as the rule engine reads it: plain lists, sets and dicts built from a Tables.

The queries (:mod:`redspots.query`) and the explorers' payload (:mod:`redspots.payload`) read the tables
through :func:`prepared` and :func:`remembered`. What they build is kept with the Tables together with
a fingerprint of the tables it was read from, and built again when the fingerprint no longer matches:
a learner who edits a Tables in place (``t.profile.loc[..., "level"] = "atypical"``) gets answers from
the edited tables. Taking the fingerprint costs far less than building (see benchmarks/run.py).
"""
from __future__ import annotations

import hashlib
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pandas as pd

from . import words

if TYPE_CHECKING:
    from .content import Tables

URGENCY = words.dtype("urgency")
WITHIN = words.dtype("within")
#: The level of an "urgent" warning: warnings at this level or above reorder the ranking.
URGENT = list(URGENCY.categories).index("urgent")


def fingerprint(frames) -> tuple:
    """A stand-in for the contents of some DataFrames or Series: it changes whenever a value, a label or a
    dtype does.

    A categorical column counts by its codes and categories (the long profile table is one, so this stays
    cheap at thousands of conditions); any other column or index by its values.
    """
    parts = []
    for frame in frames:
        parts.append(_summary(frame.index))
        for name, column in frame.items() if isinstance(frame, pd.DataFrame) else [(frame.name, frame)]:
            parts.append((name, _summary(column)))
    return tuple(parts)


def _summary(values: pd.Series | pd.Index) -> object:
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy() if isinstance(values, pd.Series) else values.codes
        return ("categorical", dtype.ordered, _hashed(dtype.categories.tolist()),
                hashlib.blake2b(codes.tobytes(), digest_size=16).digest())
    if isinstance(values, pd.RangeIndex):
        return ("range", values.start, values.stop, values.step, values.name)
    return (str(dtype), getattr(values, "name", None), _hashed(values.tolist()))


def _hashed(items: list) -> object:
    try:
        return hash(tuple(items))
    except TypeError:                                   # an unhashable value (a list a learner put in)
        return repr(items)


def remembered(t: Tables, key: str, frames, build):
    """``build(t)``, kept with ``t`` under ``key`` until one of ``frames`` (tables of ``t``, or columns of
    them) changes."""
    stamp = fingerprint(frames)
    kept = t.built.get(key)
    if kept is None or kept[0] != stamp:
        kept = t.built[key] = (stamp, build(t))
    return kept[1]


def compile_rules(rules, sets: dict, group_of: dict) -> list[SimpleNamespace]:
    """Each warning rule as clauses (sets of findings, each needing one ticked) and the findings that must
    stay unticked (``unanswered``), from red_flags.yaml's rules and sets and each finding's group.

    ``rules`` are mappings with the fields of red_flags.yaml (``all_of``, ``any_of``, ``while_unanswered``
    and ``explains`` may be missing). Most urgent first; within one urgency, the rules that ask for a
    missing answer (the glass test) first, so their instruction leads the banner, then the sooner time
    frame, then file order.
    """
    members = {sid: frozenset(findings) for sid, findings in sets.items()}
    compiled = []
    for order, r in enumerate(rules):
        clauses = [members.get(entry, frozenset([entry])) for entry in r.get("all_of", ())]
        if r.get("any_of"):
            clauses.append(frozenset().union(*(members.get(entry, {entry}) for entry in r["any_of"])))
        group = r.get("while_unanswered") or ""
        unanswered = frozenset(f for f, g in group_of.items() if g == group) if group else frozenset()
        compiled.append(SimpleNamespace(
            id=r["id"], urgency=str(r["urgency"]), level=list(URGENCY.categories).index(str(r["urgency"])),
            within=str(r["within"]), clauses=tuple(clauses), watched=frozenset().union(*clauses),
            unanswered=unanswered, explains=tuple(r.get("explains", ())), title=r.get("title"),
            action=r.get("action"), refs=tuple(r.get("refs", ())), order=order))
    within = list(WITHIN.categories)
    return sorted(compiled, key=lambda r: (-r.level, not r.unanswered, -within.index(r.within), r.order))


def prepared(t: Tables) -> SimpleNamespace:
    """What the queries read, in plain Python, kept until the tables it comes from change.

    ``findings`` (ids in file order), ``column`` (finding id -> its place), ``label``; ``conditions``, each
    with ``id``, ``name``, ``seriousness``, ``severity`` (its place in the seriousness order), ``harmless``
    and ``levels`` (its level for every finding, in ``findings`` order); ``rules`` (compiled, most urgent
    first); ``one_answer`` (group id -> its findings, for the groups that take one answer) and ``ask_first``.
    """
    frames = (t.findings, t.conditions["name"], t.conditions["seriousness"], t.profile, t.red_flags, t.finding_sets)
    return remembered(t, "prepared", frames, _prepare)


def _prepare(t: Tables) -> SimpleNamespace:
    findings = list(t.findings.index)
    level_of = {(c, f): str(level) for c, f, level in zip(t.profile.condition, t.profile.finding, t.profile.level)}
    severity = t.conditions.seriousness.cat.codes
    conditions = [SimpleNamespace(id=cid, name=name, seriousness=str(serious), severity=int(code),
                                  harmless=serious == "harmless", levels=[level_of[(cid, f)] for f in findings])
                  for cid, name, serious, code in zip(t.conditions.index, t.conditions["name"],
                                                      t.conditions.seriousness, severity)]
    group_of = t.findings.group.astype(str).to_dict()
    rules = [{"id": rid, **row} for rid, row in zip(t.red_flags.index, t.red_flags.to_dict("records"))]
    one_answer = {str(g): frozenset(f.index) for g, f in t.findings.groupby("group", observed=True)
                  if f.one_answer.all()}
    return SimpleNamespace(
        findings=findings, column={f: j for j, f in enumerate(findings)}, label=t.findings.label.to_dict(),
        conditions=conditions,
        rules=compile_rules(rules, dict(t.finding_sets.findings.items()), group_of),
        one_answer=one_answer, ask_first=list(t.findings.ask_first.dropna().sort_values().index))
