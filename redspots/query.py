"""The questions redspots answers, as pure functions of (tables, question).

Each takes ``tables=`` (default: the shipped content) and returns a new DataFrame; none
changes its input. Unknown ids raise :class:`UnknownIdError` with the closest valid ids.
"""
from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .content import URGENCY, Tables, load
from .errors import UnknownIdError

#: Points a selected finding earns a condition, by its level in that condition's profile.
POINTS = {"typical": 2, "possible": 1, "atypical": -2}
#: Score bands (score is points / best possible, from -1 to 1) and the words shown for them.
STRENGTH = pd.CategoricalDtype(["does not fit", "weak", "partial", "strong"], ordered=True)


def _ids(values: Iterable[str] | str, valid: pd.Index, kind: str) -> list[str]:
    """Validate ids, keep their order, drop repeats; a single string is one id."""
    if isinstance(values, str):
        values = [values]
    out = []
    for value in values:
        if value not in valid:
            raise UnknownIdError(kind, value, valid)
        if value not in out:
            out.append(value)
    return out


def _prepared(t: Tables) -> SimpleNamespace:
    """Arrays the queries reuse, built once per Tables (the profile as a condition x finding grid)."""
    if "prepared" not in t._memo:
        wide = t.profile.pivot(index="condition", columns="finding", values="level")
        levels = wide.reindex(index=t.conditions.index, columns=t.findings.index).astype(str).to_numpy()
        t._memo["prepared"] = SimpleNamespace(
            levels=levels,
            points=np.vectorize(POINTS.__getitem__)(levels),
            column={f: i for i, f in enumerate(t.findings.index)},
            conditions=list(t.conditions.index),
            names=list(t.conditions["name"]),
            seriousness=list(t.conditions.seriousness),
            severity=t.conditions.seriousness.cat.codes.to_numpy(),
            label=t.findings.label.to_dict(),
            rules=[(rule_id, r.urgency, frozenset(r.all_of), frozenset(r.any_of), r.title, r.action, r.refs)
                   for rule_id, r in t.red_flags.sort_values("urgency", ascending=False, kind="stable").iterrows()],
        )
    return t._memo["prepared"]


def match(findings: Iterable[str] | str, *, tables: Tables | None = None) -> pd.DataFrame:
    """Conditions ranked by how well they fit the selected findings, best first.

    Each selected finding scores +2 where it is typical of a condition, +1 where it is
    possible and -2 where it is atypical; ``score`` is that total divided by the best possible
    (so it runs from -1 to 1). Equal scores list the more serious condition first, so a
    condition that must not be missed is never hidden behind a harmless one. The columns
    ``typical``, ``possible`` and ``conflicting`` hold the finding ids behind the score, and
    ``why`` says it in one line. An empty selection ranks nothing: every score is 0.

    This ranks teaching examples; it is not a diagnosis. Check :func:`red_flags` first.

    >>> import redspots as rs
    >>> ranked = rs.match(["non_blanching", "fever"])
    >>> ranked.index[0]
    'petechiae'
    >>> float(ranked.loc["petechiae", "score"]), ranked.loc["petechiae", "strength"]
    (0.75, 'strong')
    >>> rs.match(["rough_texture", "upper_arms_thighs", "worse_in_winter"]).index[0]
    'keratosis_pilaris'
    """
    t = tables or load()
    chosen = _ids(findings, t.findings.index, "finding")
    p = _prepared(t)
    columns = [p.column[f] for f in chosen]
    levels = p.levels[:, columns]
    totals = p.points[:, columns].sum(axis=1)
    rows = []
    for i, condition in enumerate(p.conditions):
        by_level = {lv: tuple(f for f, got in zip(chosen, levels[i]) if got == lv) for lv in POINTS}
        score = round(float(totals[i]) / (2 * len(chosen)), 3) if chosen else 0.0
        rows.append((condition, p.names[i], score, _strength(score, bool(chosen)), by_level["typical"],
                     by_level["possible"], by_level["atypical"], _why(by_level, p.label), p.seriousness[i],
                     -score, len(by_level["atypical"]), -int(p.severity[i])))
    rows.sort(key=lambda r: (r[9], r[10], r[11], r[1]))
    columns = list(zip(*rows))
    return pd.DataFrame(
        {"name": pd.array(columns[1], dtype="str"), "score": np.array(columns[2], dtype=float),
         "strength": pd.Categorical(columns[3], dtype=STRENGTH),
         "typical": list(columns[4]), "possible": list(columns[5]), "conflicting": list(columns[6]),
         "why": pd.array(columns[7], dtype="str"),
         "seriousness": pd.Categorical(columns[8], dtype=t.conditions.seriousness.dtype)},
        index=pd.Index(columns[0], name="condition", dtype="str"))


def _strength(score: float, any_chosen: bool) -> str:
    if not any_chosen or score <= 0:
        return "does not fit" if any_chosen else "weak"
    return "strong" if score >= 0.6 else "partial" if score >= 0.3 else "weak"


def _why(by_level: dict, label: dict) -> str:
    parts = []
    for level, words in (("typical", "typical"), ("possible", "possible"), ("atypical", "against")):
        if by_level[level]:
            parts.append(f"{words}: " + ", ".join(label[f] for f in by_level[level]))
    return "; ".join(parts) if parts else "no findings selected"


def red_flags(findings: Iterable[str] | str, *, tables: Tables | None = None) -> pd.DataFrame:
    """The warnings the selected findings trigger, most urgent first.

    ``urgency`` is ``emergency``, ``urgent`` or ``see_doctor``; ``action`` says what to do;
    ``triggered_by`` lists the selected findings that set the rule off. No finding ever
    cancels a warning. An empty selection triggers nothing.

    >>> import redspots as rs
    >>> flags = rs.red_flags(["non_blanching", "fever"])
    >>> str(flags.urgency.iloc[0])
    'emergency'
    >>> rs.red_flags(["rough_texture"]).empty
    True
    """
    t = tables or load()
    chosen = _ids(findings, t.findings.index, "finding")
    selected = set(chosen)
    fired = [(rule_id, urgency, title, action, tuple(f for f in chosen if f in all_of | (any_of & selected)), refs)
             for rule_id, urgency, all_of, any_of, title, action, refs in _prepared(t).rules
             if all_of <= selected and (not any_of or any_of & selected)]
    columns = list(zip(*fired)) or [()] * 6
    return pd.DataFrame(
        {"urgency": pd.Categorical(columns[1], dtype=URGENCY), "title": pd.array(columns[2], dtype="str"),
         "action": pd.array(columns[3], dtype="str"), "triggered_by": list(columns[4]), "refs": list(columns[5])},
        index=pd.Index(columns[0], name="rule", dtype="str"))


def compare(condition_ids: Iterable[str] | str, distinguishing_only: bool = False, *,
            tables: Tables | None = None) -> pd.DataFrame:
    """Features as rows, the chosen conditions as columns, in the order given.

    Rows are indexed by (section, feature): an ``overview`` of each condition, then every
    finding by its group with its level. ``distinguishing_only=True`` keeps only the rows
    whose values differ between the conditions.

    >>> import redspots as rs
    >>> side = rs.compare(["petechiae", "cherry_angioma"])
    >>> side.loc[("overview", "Glass test")].tolist()
    ['does_not_blanch', 'varies']
    >>> rs.compare(["petechiae", "cherry_angioma"], distinguishing_only=True).shape[0] < side.shape[0]
    True
    """
    t = tables or load()
    chosen = _ids(condition_ids, t.conditions.index, "condition")
    if not chosen:
        raise ValueError("compare() needs at least one condition id; "
                         f"choose from: {', '.join(t.conditions.index)}")
    c = t.conditions.loc[chosen]
    first_step = t.treatments[t.treatments.step == 1].set_index("condition")["name"]
    overview = {
        "Name": c["name"], "Also known as": c["also_known_as"], "What it is": c["summary"],
        "How serious it can be": c["seriousness"].astype(str),
        "Size (mm)": [_size(r) for _, r in c.iterrows()], "Raised or flat": c["raised"].astype(str),
        "Glass test": c["blanching"].astype(str), "Colour": c["colour"], "Texture": c["texture"],
        "On darker skin": c["darker_skin"], "Where": c["sites"], "Who": c["who"],
        "First treatment step": [first_step.get(i, "") for i in chosen], "Outlook": c["outlook"],
    }
    rows = {("overview", feature): list(values) for feature, values in overview.items()}
    levels = t.profile[t.profile.condition.isin(chosen)].pivot(index="finding", columns="condition", values="level")
    for finding, f in t.findings.sort_values("group", kind="stable").iterrows():
        rows[(str(f.group), f.label)] = [str(levels.at[finding, cid]) for cid in chosen]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=chosen)
    table.index = pd.MultiIndex.from_tuples(table.index, names=["section", "feature"])
    table.columns.name = "condition"
    if distinguishing_only:
        table = table[table.nunique(axis=1) > 1]
    return table


def _size(row: pd.Series) -> str:
    low, high = row.size_min_mm, row.size_max_mm
    text = f"{low:g}–{high:g}"
    return f"{text} (usually {row.size_usual})" if row.size_usual else text


def treatment_plan(condition_id: str, *, tables: Tables | None = None) -> pd.DataFrame:
    """The treatment steps of one condition, in order from first-line to escalation.

    Indexed by ``step`` (1..n); ``who`` is who gives it (self_care, pharmacist, gp,
    specialist, hospital); ``escalate_if`` says when to move on.

    >>> import redspots as rs
    >>> plan = rs.treatment_plan("keratosis_pilaris")
    >>> plan.index[0], str(plan.who.iloc[0])
    (1, 'self_care')
    """
    t = tables or load()
    (chosen,) = _ids([condition_id], t.conditions.index, "condition")
    steps = t.treatments[t.treatments.condition == chosen].drop(columns="condition")
    return steps.set_index("step").sort_index()


def next_question(findings: Iterable[str] | str, *, tables: Tables | None = None) -> str | None:
    """The unselected finding that best splits the conditions still in the running.

    The running conditions are those that fit every selected finding (a positive score and
    nothing conflicting); with fewer than two of them, all conditions. The best question is the
    finding whose levels differ most across them (the largest spread of points), so either
    answer rules some out. ``None`` when no finding tells them apart.

    >>> import redspots as rs
    >>> rs.next_question(["rough_texture", "upper_arms_thighs"]) in rs.load().findings.index
    True
    """
    t = tables or load()
    chosen = _ids(findings, t.findings.index, "finding")
    p = _prepared(t)
    columns = [p.column[f] for f in chosen]
    fits = (p.points[:, columns].sum(axis=1) > 0) & (p.levels[:, columns] != "atypical").all(axis=1)
    running = fits if fits.sum() >= 2 else np.ones(len(p.conditions), dtype=bool)
    spread = p.points[running].var(axis=0)
    spread[columns] = -1
    best = int(np.argmax(spread))
    return None if spread[best] <= 0 else str(t.findings.index[best])
