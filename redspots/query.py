"""The questions redspots answers, as pure functions of (tables, question).

Each takes ``tables=`` (default: the shipped content) and returns a new DataFrame; none
changes its input. Unknown ids raise :class:`UnknownIdError` with the closest valid ids.
"""
from __future__ import annotations

from collections.abc import Iterable

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
    profile = t.profile[t.profile.finding.isin(chosen)]
    levels = profile.pivot(index="condition", columns="finding", values="level")
    levels = levels.reindex(index=t.conditions.index, columns=chosen)
    label = t.findings.label

    rows = []
    for condition, row in levels.iterrows():
        by_level = {lv: [f for f in chosen if row[f] == lv] for lv in POINTS}
        points = sum(POINTS[lv] * len(fs) for lv, fs in by_level.items())
        score = points / (2 * len(chosen)) if chosen else 0.0
        rows.append({
            "condition": condition, "name": t.conditions.at[condition, "name"], "score": round(score, 3),
            "strength": _strength(score, bool(chosen)),
            "typical": tuple(by_level["typical"]), "possible": tuple(by_level["possible"]),
            "conflicting": tuple(by_level["atypical"]),
            "why": _why(by_level, label),
            "seriousness": t.conditions.at[condition, "seriousness"],
        })
    ranked = pd.DataFrame(rows).set_index("condition")
    ranked["strength"] = ranked["strength"].astype(STRENGTH)
    ranked["seriousness"] = ranked["seriousness"].astype(t.conditions.seriousness.dtype)
    ranked["_conflicts"] = ranked["conflicting"].map(len)
    ranked = ranked.sort_values(["score", "_conflicts", "seriousness", "name"],
                                ascending=[False, True, False, True], kind="stable")
    return ranked.drop(columns="_conflicts")


def _strength(score: float, any_chosen: bool) -> str:
    if not any_chosen or score <= 0:
        return "does not fit" if any_chosen else "weak"
    return "strong" if score >= 0.6 else "partial" if score >= 0.3 else "weak"


def _why(by_level: dict, label: pd.Series) -> str:
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
    chosen = set(_ids(findings, t.findings.index, "finding"))
    rows = []
    for rule_id, rule in t.red_flags.iterrows():
        if set(rule.all_of) <= chosen and (not rule.any_of or chosen & set(rule.any_of)):
            trigger = tuple(f for f in t.findings.index if f in set(rule.all_of) | (chosen & set(rule.any_of)))
            rows.append({"rule": rule_id, "urgency": rule.urgency, "title": rule.title,
                         "action": rule.action, "triggered_by": trigger, "refs": rule.refs})
    flags = pd.DataFrame(rows, columns=["rule", "urgency", "title", "action", "triggered_by", "refs"])
    flags["urgency"] = flags["urgency"].astype(URGENCY)
    return flags.sort_values("urgency", ascending=False, kind="stable").set_index("rule")


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
    ranked = match(findings, tables=t)
    chosen = set(_ids(findings, t.findings.index, "finding"))
    running = ranked[(ranked.score > 0) & (ranked.conflicting.map(len) == 0)].index
    if len(running) < 2:
        running = ranked.index
    points = t.profile[t.profile.condition.isin(running)].assign(
        points=lambda p: p.level.astype(str).map(POINTS)).pivot(index="finding", columns="condition",
                                                                  values="points")
    points = points.reindex([f for f in t.findings.index if f not in chosen])
    spread = points.var(axis=1, ddof=0)
    if spread.empty or spread.max() == 0:
        return None
    return str(spread.idxmax())
