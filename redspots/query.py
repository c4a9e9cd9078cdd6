"""The questions redspots answers, as pure functions of (tables, question).

Each takes ``tables=`` (default: the shipped content) and returns a new DataFrame; none
changes its input. Unknown ids raise :class:`UnknownIdError` with the closest valid ids.
"""
from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

import numpy as np
import pandas as pd

from . import words
from .content import URGENCY, WITHIN, Tables, shared
from .errors import UnknownIdError

#: Points a selected finding earns a condition, by its level in that condition's profile.
POINTS = {"typical": 2, "possible": 1, "atypical": -2}
#: Score bands (score is points / best possible, from -1 to 1) and the words shown for them.
STRENGTH = pd.CategoricalDtype(["does not fit", "weak", "partial", "strong"], ordered=True)


_URGENT = URGENCY.categories.get_loc("urgent")
_LEVEL_CODE = {"atypical": 0, "possible": 1, "typical": 2}


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


def check_ids(values: Iterable[str] | str, kind: str, *, tables: Tables | None = None) -> list[str]:
    """The ids of one kind (``finding``, ``condition`` or ``rule``) in the order given, each once;
    an unknown id raises :class:`UnknownIdError` naming the closest valid ones. Every query, figure
    and explorer checks its ids this way.

    >>> import redspots as rs
    >>> rs.check_ids(["fever", "fever", "joint_pain"], "finding")
    ['fever', 'joint_pain']
    >>> rs.check_ids("petechia", "condition")
    Traceback (most recent call last):
    ...
    redspots.errors.UnknownIdError: unknown condition id 'petechia'. Did you mean 'petechiae'?
    """
    t = tables or shared()
    valid = {"finding": t.findings.index, "condition": t.conditions.index, "rule": t.red_flags.index}
    if kind not in valid:
        raise ValueError(f"unknown kind of id {kind!r}; choose one of: {', '.join(valid)}")
    return _ids(values, valid[kind], kind)


def _prepared(t: Tables) -> SimpleNamespace:
    """Arrays the queries reuse, built once per Tables (the profile as a condition x finding grid)."""
    if "prepared" not in t._memo:
        wide = t.profile.pivot(index="condition", columns="finding", values="level")
        levels = wide.reindex(index=t.conditions.index, columns=t.findings.index).astype(str).to_numpy()
        t._memo["prepared"] = SimpleNamespace(
            levels=levels,
            points=np.vectorize(POINTS.__getitem__)(levels).astype(np.int64),
            # levels as numbers (0 atypical, 1 possible, 2 typical), and where each name sorts
            codes=np.vectorize(_LEVEL_CODE.__getitem__)(levels).astype(np.int8),
            name_rank=np.argsort(np.argsort(np.array(t.conditions["name"], dtype=object), kind="stable"),
                                 kind="stable"),
            ids=np.array(t.conditions.index, dtype=object),
            names_array=np.array(t.conditions["name"], dtype=object),
            column={f: i for i, f in enumerate(t.findings.index)},
            conditions=list(t.conditions.index),
            names=list(t.conditions["name"]),
            seriousness=list(t.conditions.seriousness),
            severity=t.conditions.seriousness.cat.codes.to_numpy(),
            harmless=(t.conditions.seriousness == "harmless").to_numpy(),
            label=t.findings.label.to_dict(),
            rules=(rules := _compiled_rules(t)),
            # for each rule, which conditions it names as able to explain it
            can_explain={r.id: np.isin(t.conditions.index, r.explains) for r in rules},
            questions=_questions(t),
        )
    return t._memo["prepared"]


def _compiled_rules(t: Tables) -> list[SimpleNamespace]:
    """Each rule as clauses (sets of findings, each needing one ticked) and findings that must stay unticked.

    Most urgent first; within one urgency, the rules that ask for a missing answer (the glass test) first,
    so their instruction leads the banner, then the sooner time frame, then file order.
    """
    members = {sid: frozenset(s) for sid, s in t.finding_sets.findings.items()}
    expand = lambda entry: members.get(entry, frozenset([entry]))  # noqa: E731
    group_of = t.findings.group.astype(str)
    rules = []
    for order, (rule_id, r) in enumerate(t.red_flags.iterrows()):
        clauses = [expand(e) for e in r.all_of]
        if r.any_of:
            clauses.append(frozenset().union(*map(expand, r.any_of)))
        unanswered = frozenset(group_of.index[group_of == r.while_unanswered]) if r.while_unanswered else frozenset()
        rules.append(SimpleNamespace(
            id=rule_id, urgency=str(r.urgency), level=URGENCY.categories.get_loc(r.urgency), within=str(r.within),
            clauses=tuple(clauses), watched=frozenset().union(*clauses), unanswered=unanswered,
            explains=tuple(r.explains), title=r.title, action=r.action, refs=tuple(r.refs), order=order))
    return sorted(rules, key=lambda r: (-r.level, not r.unanswered, -WITHIN.categories.get_loc(r.within), r.order))


def _questions(t: Tables) -> SimpleNamespace:
    """What next_question needs: groups answered by one finding, and the findings to ask about first."""
    one_answer = {str(g): frozenset(f.index) for g, f in t.findings.groupby("group", observed=True)
                  if f.one_answer.all()}
    ask_first = t.findings.ask_first.dropna().sort_values()
    return SimpleNamespace(one_answer=one_answer, ask_first=list(ask_first.index))


def _fit(p: SimpleNamespace, columns: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every condition: its points for the chosen findings, how many of them argue against it,
    and whether it fits (points above zero and nothing against it). match and next_question both use it."""
    points = p.points[:, columns].sum(axis=1)
    against = (p.codes[:, columns] == 0).sum(axis=1)
    return points, against, (points > 0) & (against == 0)


def _fired(p: SimpleNamespace, selected: set | frozenset) -> list[SimpleNamespace]:
    """The rules a selection sets off, most urgent first."""
    return [r for r in p.rules
            if all(clause & selected for clause in r.clauses) and not (r.unanswered & selected)]


def _level(p: SimpleNamespace, selected: set | frozenset) -> int:
    """The urgency of a selection as a number: -1 for no warning, then see_doctor < urgent < emergency."""
    fired = _fired(p, selected)
    return fired[0].level if fired else -1


def match(findings: Iterable[str] | str, *, tables: Tables | None = None) -> pd.DataFrame:
    """Conditions ranked by how well they fit the selected findings, best first.

    Each selected finding scores +2 where it is typical of a condition, +1 where it is
    possible and -2 where it is atypical: ``points`` is that total and ``best`` the most a
    condition could get (2 per finding); ``score`` is points / best, to 3 places (from -1 to 1).
    ``strength`` is "strong" from 60% of the best, "partial" from 30%. A condition ``fits`` when its
    points are positive and nothing selected argues against it.

    Warnings come first: a fitting condition that can explain an urgent or emergency warning that
    fires (the rule's ``explains``) ranks above the others, those behind the most urgent warning
    first, and ``explains`` lists those rules. While an urgent or emergency warning fires, no
    harmless condition is called more than a "partial" match. Then equal scores list the
    more serious condition first, so a condition that must not be missed is never hidden
    behind a harmless one. The columns ``typical``, ``possible`` and ``conflicting`` hold the
    finding ids behind the score, and ``why`` says it in one line. An empty selection ranks
    nothing: every score is 0.

    This ranks teaching examples; it is not a diagnosis. Check :func:`red_flags` first.

    >>> import redspots as rs
    >>> ranked = rs.match(["non_blanching", "fever", "baby_or_child_under_5"])
    >>> ranked.index[0], "non_blanching_with_fever" in ranked.explains.iloc[0]
    ('meningococcal_disease', True)
    >>> rs.match(["rough_texture", "upper_arms_thighs", "worse_in_winter"]).index[0]
    'keratosis_pilaris'
    """
    t = tables or shared()
    chosen = _ids(findings, t.findings.index, "finding")
    p = _prepared(t)
    n, count = len(chosen), len(p.conditions)
    columns = [p.column[f] for f in chosen]
    codes = p.codes[:, columns]
    points, against, fits = _fit(p, columns)
    # The finding lists and the reason depend only on a condition's levels for the chosen findings:
    # work them out once per pattern of levels (at most 3 ** n, whatever the number of conditions).
    pattern = codes.astype(np.int64) @ (3 ** np.arange(n, dtype=np.int64)) if n else np.zeros(count, np.int64)
    patterns, which = np.unique(pattern, return_inverse=True)
    lists = {level: np.empty(len(patterns), dtype=object) for level in POINTS}
    why = np.empty(len(patterns), dtype=object)
    for k, row in enumerate(codes[np.unique(which, return_index=True)[1]] if n else [()] * len(patterns)):
        by_level = {level: tuple(f for f, got in zip(chosen, row) if got == _LEVEL_CODE[level]) for level in POINTS}
        for level in POINTS:
            lists[level][k] = by_level[level]
        why[k] = _why(by_level, p.label)
    fired = _fired(p, frozenset(chosen))
    alarm = bool(fired) and fired[0].level >= _URGENT
    # the urgent and emergency rules that fire, and the fitting conditions each can explain
    warning = np.full(count, -1)
    explains_code = np.zeros(count, dtype=np.int64)
    urgent = [r for r in fired if r.level >= _URGENT]
    for bit, rule in enumerate(urgent):
        can = fits & p.can_explain[rule.id]
        explains_code |= can.astype(np.int64) << bit
        warning = np.where(can, np.maximum(warning, rule.level), warning)
    codes_seen, explains_which = np.unique(explains_code, return_inverse=True)
    explains = np.empty(len(codes_seen), dtype=object)
    for k, code in enumerate(codes_seen):
        explains[k] = tuple(r.id for bit, r in enumerate(urgent) if code >> bit & 1)
    best = 2 * n
    strength = np.select([points <= 0, 10 * points >= 6 * best, 10 * points >= 3 * best], [0, 3, 2], default=1)
    if not n:
        strength[:] = 1                                          # nothing chosen yet: "weak"
    if alarm:
        strength = np.where(p.harmless & (strength == 3), 2, strength)
    order = np.lexsort((p.name_rank, -p.severity.astype(np.int64), against, -points, -warning))
    return pd.DataFrame(
        {"name": pd.array(p.names_array[order], dtype="str"),
         "score": np.round(points / best, 3)[order] if n else np.zeros(count),
         "strength": pd.Categorical.from_codes(strength[order], dtype=STRENGTH),
         "typical": lists["typical"][which][order], "possible": lists["possible"][which][order],
         "conflicting": lists["atypical"][which][order],
         "why": pd.array(why[which][order], dtype="str"),
         "seriousness": pd.Categorical.from_codes(p.severity[order], dtype=t.conditions.seriousness.dtype),
         "fits": fits[order], "explains": explains[explains_which][order],
         "points": points[order], "best": np.full(count, best, dtype=int)},
        index=pd.Index(p.ids[order], name="condition", dtype="str"))


def _strength(points: int, chosen: int) -> str:
    """The band of points out of the best possible (2 per finding), in whole numbers so that every
    surface (and the browser's copy of this rule) draws the same line: strong from 60%, partial from 30%."""
    if not chosen or points <= 0:
        return "does not fit" if chosen else "weak"
    best = 2 * chosen
    return "strong" if 10 * points >= 6 * best else "partial" if 10 * points >= 3 * best else "weak"


def _why(by_level: dict, label: dict) -> str:
    parts = []
    for level, said in (("typical", "typical"), ("possible", "possible"), ("atypical", "against")):
        if by_level[level]:
            parts.append(f"{said}: " + ", ".join(label[f] for f in by_level[level]))
    return "; ".join(parts) if parts else "no findings selected"


def red_flags(findings: Iterable[str] | str, *, tables: Tables | None = None) -> pd.DataFrame:
    """The warnings the selected findings trigger, most urgent first.

    ``urgency`` is ``emergency``, ``urgent`` or ``see_doctor`` and ``within`` how soon to act
    (``now``, ``today``, ``48_hours``, ``2_weeks`` or ``soon``); ``action`` says what to do;
    ``triggered_by`` lists the selected findings that set the rule off; ``explains`` the
    conditions that can cause the picture. Ticking another finding never lowers the urgency,
    with one designed exception: answering the glass test ends the rules that ask for it. Among
    rules of equal urgency, those asking for the glass test come first. An empty selection
    triggers nothing.

    >>> import redspots as rs
    >>> flags = rs.red_flags(["non_blanching", "fever"])
    >>> str(flags.urgency.iloc[0]), str(flags.within.iloc[0])
    ('emergency', 'now')
    >>> flags = rs.red_flags(["fever", "pinpoint_under_2mm"])      # glass test not done yet
    >>> flags.index[0], str(flags.urgency.iloc[0])
    ('fever_spots_glass_not_done', 'emergency')
    >>> rs.red_flags(["rough_texture"]).empty
    True
    """
    t = tables or shared()
    chosen = _ids(findings, t.findings.index, "finding")
    fired = [(r.id, r.urgency, r.within, r.title, r.action, tuple(f for f in chosen if f in r.watched),
              r.explains, r.refs) for r in _fired(_prepared(t), frozenset(chosen))]
    columns = list(zip(*fired)) or [()] * 8
    return pd.DataFrame(
        {"urgency": pd.Categorical(columns[1], dtype=URGENCY), "within": pd.Categorical(columns[2], dtype=WITHIN),
         "title": pd.array(columns[3], dtype="str"), "action": pd.array(columns[4], dtype="str"),
         "triggered_by": list(columns[5]), "explains": list(columns[6]), "refs": list(columns[7])},
        index=pd.Index(columns[0], name="rule", dtype="str"))


def compare(condition_ids: Iterable[str] | str, distinguishing_only: bool = False, *,
            tables: Tables | None = None) -> pd.DataFrame:
    """Features as rows, the chosen conditions as columns, in the order given.

    Rows are indexed by (section, feature): an ``overview`` of each condition, then every
    finding by its group with its level. Every value is in words (:mod:`redspots.words`), as the
    comparison explorer shows it. ``distinguishing_only=True`` keeps only the rows whose values
    differ between the conditions.

    >>> import redspots as rs
    >>> side = rs.compare(["petechiae", "cherry_angioma"])
    >>> side.loc[("overview", "Glass test")].tolist()
    ['Does not fade when pressed', 'May or may not fade when pressed']
    >>> rs.compare(["petechiae", "cherry_angioma"], distinguishing_only=True).shape[0] < side.shape[0]
    True
    """
    t = tables or shared()
    chosen = _ids(condition_ids, t.conditions.index, "condition")
    if not chosen:
        raise ValueError("compare() needs at least one condition id; "
                         f"choose from: {', '.join(t.conditions.index)}")
    grid = comparison_rows(t)
    rows = {key: [values[cid] for cid in chosen] for key, values in grid.items()}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=chosen)
    table.index = pd.MultiIndex.from_tuples(table.index, names=["section", "feature"])
    table.columns.name = "condition"
    if distinguishing_only:
        table = table[table.nunique(axis=1) > 1]
    return table


def comparison_rows(t: Tables) -> dict[tuple[str, str], dict[str, str]]:
    """Every row :func:`compare` can show, for every condition, in words: {(section, feature): {id: text}}.

    The comparison explorer sends this to the browser, which only picks columns and drops equal rows.
    """
    if "comparison_rows" not in t._memo:
        c = t.conditions
        first_step = t.treatments[t.treatments.step == 1].set_index("condition")["name"]
        overview = {
            "Name": c["name"], "Also known as": c["also_known_as"], "What it is": c["summary"],
            "How serious it can be": c["seriousness"].map(words.SERIOUSNESS),
            "Size": [f"{lo:g}–{hi:g} mm" for lo, hi in zip(c.size_min_mm, c.size_max_mm)],
            "Size, in words": c["size_usual"].map(words.capitalised),
            "Raised or flat": c["raised"].map(words.RAISED), "Glass test": c["blanching"].map(words.BLANCHING),
            "Colour": c["colour"], "Texture": c["texture"], "On darker skin": c["darker_skin"],
            "Where": c["sites"], "Who": c["who"],
            "First treatment step": [first_step.get(i, "") for i in c.index], "Outlook": c["outlook"],
        }
        rows = {("overview", feature): dict(zip(c.index, map(str, values))) for feature, values in overview.items()}
        levels = t.profile.pivot(index="finding", columns="condition", values="level")
        for finding, f in t.findings.sort_values("group", kind="stable").iterrows():
            rows[(str(f.group), f.label)] = {cid: words.LEVELS[str(levels.at[finding, cid])] for cid in c.index}
        t._memo["comparison_rows"] = rows
    return t._memo["comparison_rows"]


def treatment_plan(condition_id: str, *, tables: Tables | None = None) -> pd.DataFrame:
    """The treatment steps of one condition, in order from first-line to escalation.

    Indexed by ``step`` (1..n); ``who`` is who gives it (self_care, pharmacist, gp,
    specialist, hospital); ``escalate_if`` says when to move on.

    >>> import redspots as rs
    >>> plan = rs.treatment_plan("keratosis_pilaris")
    >>> plan.index[0], str(plan.who.iloc[0])
    (1, 'self_care')
    """
    t = tables or shared()
    (chosen,) = _ids([condition_id], t.conditions.index, "condition")
    steps = t.treatments[t.treatments.condition == chosen].drop(columns="condition")
    return steps.set_index("step").sort_index()


def next_question(findings: Iterable[str] | str, *, ruled_out: Iterable[str] | str = (),
                  tables: Tables | None = None) -> str | None:
    """The finding to ask about next: first what changes the urgency, then what tells conditions apart.

    ``ruled_out`` holds findings the learner has answered "no" to; they are never asked again
    (they change nothing else). The order:

    1. the glass test, while it is not done and its two answers would give different urgencies
       (``non_blanching`` stands for the question);
    2. the findings listed in ``ask_first`` of red_flags.yaml, in that order, when ticking one would
       raise the urgency, and either a warning (urgent or more) already fires or the finding raises it
       beyond what it gives on its own (so "very unwell", an emergency on its own, is not asked about
       every harmless picture);
    3. the finding whose levels differ most across the conditions still in the running (those that
       fit everything selected; with fewer than two, all conditions), so either answer rules some out.

    A finding is never suggested when it is ticked, ruled out, or in a group that takes one answer
    (the glass test, the age) and is already answered. ``None`` when nothing is left to ask.

    >>> import redspots as rs
    >>> rs.next_question(["fever", "pinpoint_under_2mm"])
    'non_blanching'
    >>> rs.next_question(["flat_spots", "blanching"])
    'fever'
    >>> rs.next_question(["flat_spots", "blanching"], ruled_out=["fever"])
    'stiff_neck'
    """
    t = tables or shared()
    chosen = _ids(findings, t.findings.index, "finding")
    out = set(_ids(ruled_out, t.findings.index, "finding"))
    p = _prepared(t)
    selected = frozenset(chosen)
    closed = set(selected) | out
    for group in p.questions.one_answer.values():
        if group & selected:
            closed |= group
    now = _level(p, selected)
    for group in dict.fromkeys(r.unanswered for r in p.rules if r.unanswered):   # in rule order
        if not group & selected:
            outcomes = {_level(p, selected | {f}) for f in group}
            ask = [f for f in [*p.questions.ask_first, *sorted(group)] if f in group and f not in closed]
            if len(outcomes) > 1 and ask:
                return ask[0]
    for f in p.questions.ask_first:
        raised = _level(p, selected | {f})
        if f not in closed and raised > now and (raised > _level(p, frozenset([f])) or now >= _URGENT):
            return f
    columns = [p.column[f] for f in chosen]
    fits = _fit(p, columns)[2]                       # the same rule as match's ``fits`` column
    running = fits if fits.sum() >= 2 else np.ones(len(p.conditions), dtype=bool)
    # the variance of each finding's points across the running conditions, times count squared: whole
    # numbers, so that ties break the same way here and in the browser (first finding in file order)
    among = p.points[running].astype(np.int64)
    spread = len(among) * (among ** 2).sum(axis=0) - among.sum(axis=0) ** 2
    spread[[p.column[f] for f in closed]] = -1
    best = int(np.argmax(spread))
    return None if spread[best] <= 0 else str(t.findings.index[best])
