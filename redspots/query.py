"""The questions redspots answers, as pure functions of (tables, question): the rule engine.

Each takes ``tables=`` (default: the shipped content) and returns a new DataFrame; none changes its input,
and an edited Tables gives fresh answers. Unknown ids raise :class:`UnknownIdError` with the closest valid ids.

The browser's copy of these rules (``static/queries.js``) has the same helpers in the same order, as plain
loops like these: id checking (:mod:`redspots.ids`), ``fired``, ``level``, ``match`` (with ``strength`` and
``why``), ``red_flags``, ``next_question``, then the comparison and the treatment plan.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from . import words
from .content import URGENCY, WITHIN, Tables, shared
from .ids import check_ids, known_ids  # noqa: F401 (check_ids: a query of its own, rs.check_ids)
from .prepared import URGENT, prepared, remembered

#: Points a selected finding earns a condition, by its level in that condition's profile.
POINTS = {"typical": 2, "possible": 1, "atypical": -2}
#: Score bands (score is points / best possible, from -1 to 1) and the words shown for them.
STRENGTH = pd.CategoricalDtype(["does not fit", "weak", "partial", "strong"], ordered=True)


def fired(rules: list, selected: set) -> list:
    """The rules (compiled, most urgent first: :func:`redspots.prepared.compile_rules`) a selection sets
    off: every clause has a finding ticked, and no finding that must stay unanswered is ticked."""
    return [r for r in rules if all(any(f in selected for f in clause) for clause in r.clauses)
            and not any(f in selected for f in r.unanswered)]


def level(rules: list, selected: set) -> int:
    """The urgency of a selection as a number: -1 for no warning, then see_doctor < urgent < emergency."""
    rules = fired(rules, selected)
    return rules[0].level if rules else -1


def match(findings: Iterable[str] | str, *, tables: Tables | None = None) -> pd.DataFrame:
    """Conditions ranked by how well they fit the selected findings, best first.

    Each selected finding scores +2 where it is typical of a condition, +1 where it is possible and -2 where it
    is atypical: ``points`` is that total and ``best`` the most a condition could get (2 per finding); ``score``
    is points / best, to 3 places (from -1 to 1). ``strength`` is "strong" from 60% of the best, "partial" from
    30%. A condition ``fits`` when its points are positive and nothing selected argues against it.

    Warnings come first: a fitting condition that can explain an urgent or emergency warning that fires (the
    rule's ``explains``) ranks above the others, those behind the most urgent warning first, and ``explains``
    lists those rules. While an urgent or emergency warning fires, no harmless condition is called more than a
    "partial" match. Then equal scores list the more serious condition first, so a condition that must not be
    missed is never hidden behind a harmless one. The columns ``typical``, ``possible`` and ``conflicting`` hold
    the finding ids behind the score, and ``why`` says it in one line. An empty selection ranks nothing: every
    score is 0.

    This ranks teaching examples; it is not a diagnosis. Check :func:`red_flags` first.

    >>> import redspots as rs
    >>> ranked = rs.match(["non_blanching", "fever", "baby_or_child_under_5"])
    >>> ranked.index[0], "non_blanching_with_fever" in ranked.explains.iloc[0]
    ('meningococcal_disease', True)
    >>> rs.match(["rough_texture", "upper_arms_thighs", "worse_in_winter"]).index[0]
    'keratosis_pilaris'
    """
    t = tables or shared()
    chosen = known_ids(findings, t.findings.index, "finding")
    p = prepared(t)
    columns = [p.column[f] for f in chosen]
    rules = fired(p.rules, set(chosen))
    alarm = bool(rules) and rules[0].level >= URGENT
    urgent = [r for r in rules if r.level >= URGENT]
    best = 2 * len(chosen)
    # Conditions with the same levels for the chosen findings share their points, lists and reason:
    # each pattern of levels is worked out once (there are few, however many conditions there are).
    patterns = {}
    rows = []
    for c in p.conditions:
        levels = tuple(c.levels[j] for j in columns)
        if levels not in patterns:
            by_level = {"typical": [], "possible": [], "atypical": []}
            points = 0
            for f, level_id in zip(chosen, levels):
                by_level[level_id].append(f)
                points += POINTS[level_id]
            patterns[levels] = (points, round(points / best, 3) if best else 0.0, strength(points, len(chosen)),
                                tuple(by_level["typical"]), tuple(by_level["possible"]),
                                tuple(by_level["atypical"]), why(p, by_level))
        points, score, band, typical, possible, conflicting, reason = patterns[levels]
        fits = points > 0 and not conflicting
        explains = tuple(r.id for r in urgent if c.id in r.explains) if fits else ()
        warning = max(r.level for r in urgent if r.id in explains) if explains else -1
        if alarm and c.harmless and band == "strong":
            band = "partial"
        rows.append(((-warning, -points, len(conflicting), -c.severity, c.name), c.id, c.name, score, band,
                     typical, possible, conflicting, reason, c.seriousness, fits, explains, points))
    rows.sort(key=lambda row: row[0])
    _, ids, names, scores, bands, typical, possible, conflicting, reasons, seriousness, fits, explains, points = (
        zip(*rows) if rows else [()] * 13)
    return pd.DataFrame(
        {"name": pd.array(names, dtype="str"), "score": pd.array(scores, dtype="float64"),
         "strength": pd.Categorical(bands, dtype=STRENGTH), "typical": list(typical), "possible": list(possible),
         "conflicting": list(conflicting), "why": pd.array(reasons, dtype="str"),
         "seriousness": pd.Categorical(seriousness, dtype=t.conditions.seriousness.dtype),
         "fits": pd.array(fits, dtype="bool"), "explains": list(explains),
         "points": pd.array(points, dtype="int64"), "best": pd.array([best] * len(rows), dtype="int64")},
        index=pd.Index(ids, name="condition", dtype="str"))


def strength(points: int, chosen: int) -> str:
    """The band of points out of the best possible (2 per finding), in whole numbers so that every
    surface (and the browser's copy of this rule) draws the same line: strong from 60%, partial from 30%."""
    if not chosen or points <= 0:
        return "does not fit" if chosen else "weak"
    best = 2 * chosen
    return "strong" if 10 * points >= 6 * best else "partial" if 10 * points >= 3 * best else "weak"


def why(p, by_level: dict) -> str:
    """The reason for a score in one line: the chosen findings by their level, in words."""
    parts = []
    for level_id, said in (("typical", "typical"), ("possible", "possible"), ("atypical", "against")):
        if by_level[level_id]:
            parts.append(f"{said}: " + ", ".join(p.label[f] for f in by_level[level_id]))
    return "; ".join(parts) if parts else "no findings selected"


def red_flags(findings: Iterable[str] | str, *, tables: Tables | None = None) -> pd.DataFrame:
    """The warnings the selected findings trigger, most urgent first.

    ``urgency`` is ``emergency``, ``urgent`` or ``see_doctor`` and ``within`` how soon to act (``now``,
    ``today``, ``48_hours``, ``2_weeks`` or ``soon``); ``action`` says what to do; ``triggered_by`` lists the
    selected findings that set the rule off; ``explains`` the conditions that can cause the picture. Ticking
    another finding never lowers the urgency, with one designed exception: answering the glass test ends the
    rules that ask for it. Among rules of equal urgency, those asking for the glass test come first. An empty
    selection triggers nothing.

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
    chosen = known_ids(findings, t.findings.index, "finding")
    rows = [(r.id, r.urgency, r.within, r.title, r.action, tuple(f for f in chosen if f in r.watched),
             r.explains, r.refs) for r in fired(prepared(t).rules, set(chosen))]
    columns = list(zip(*rows)) or [()] * 8
    return pd.DataFrame(
        {"urgency": pd.Categorical(columns[1], dtype=URGENCY), "within": pd.Categorical(columns[2], dtype=WITHIN),
         "title": pd.array(columns[3], dtype="str"), "action": pd.array(columns[4], dtype="str"),
         "triggered_by": list(columns[5]), "explains": list(columns[6]), "refs": list(columns[7])},
        index=pd.Index(columns[0], name="rule", dtype="str"))


def next_question(findings: Iterable[str] | str, *, ruled_out: Iterable[str] | str = (),
                  tables: Tables | None = None) -> str | None:
    """The finding to ask about next: first what changes the urgency, then what tells conditions apart.

    ``ruled_out`` holds findings the learner has answered "no" to; they are never asked again (they change
    nothing else). The order:

    1. the glass test, while it is not done and its two answers would give different urgencies
       (``non_blanching`` stands for the question);
    2. the findings listed in ``ask_first`` of red_flags.yaml, in that order, when ticking one would
       raise the urgency, and either a warning (urgent or more) already fires or the finding raises it
       beyond what it gives on its own (so "very unwell", an emergency on its own, is not asked about
       every harmless picture);
    3. the finding whose levels differ most across the conditions still in the running (those that
       fit everything selected; with fewer than two, all conditions), so either answer rules some out.

    A finding is never suggested when it is ticked, ruled out, or in a group that takes one answer (the glass
    test, the age) and is already answered. ``None`` when nothing is left to ask.

    >>> import redspots as rs
    >>> rs.next_question(["fever", "pinpoint_under_2mm"])
    'non_blanching'
    >>> rs.next_question(["flat_spots", "blanching"])
    'fever'
    >>> rs.next_question(["flat_spots", "blanching"], ruled_out=["fever"]) not in ("fever", "flat_spots", "blanching")
    True
    """
    t = tables or shared()
    chosen = known_ids(findings, t.findings.index, "finding")
    out = known_ids(ruled_out, t.findings.index, "finding")
    p = prepared(t)
    selected = set(chosen)
    closed = selected | set(out)
    for group in p.one_answer.values():
        if group & selected:
            closed |= group
    now = level(p.rules, selected)
    seen = []
    for r in p.rules:                                    # the glass test first, in rule order
        group = r.unanswered
        if not group or group in seen:
            continue
        seen.append(group)
        if group & selected:
            continue
        outcomes = {level(p.rules, selected | {f}) for f in group}
        ask = [f for f in [*p.ask_first, *sorted(group)] if f in group and f not in closed]
        if len(outcomes) > 1 and ask:
            return ask[0]
    for f in p.ask_first:
        raised = level(p.rules, selected | {f})
        if f not in closed and raised > now and (raised > level(p.rules, {f}) or now >= URGENT):
            return f
    columns = [p.column[f] for f in chosen]
    fits = [sum(POINTS[c.levels[j]] for j in columns) > 0 and all(c.levels[j] != "atypical" for j in columns)
            for c in p.conditions]                     # the same rule as match's ``fits`` column
    running = [c for c, fit in zip(p.conditions, fits) if fit] if sum(fits) >= 2 else p.conditions
    # the variance of each finding's points across the running conditions, times their count squared:
    # whole numbers, so that ties break the same way here and in the browser (first finding in file order)
    best, best_spread = None, -1
    for j, f in enumerate(p.findings):
        spread = -1
        if f not in closed:
            points = [POINTS[c.levels[j]] for c in running]
            spread = len(points) * sum(x * x for x in points) - sum(points) ** 2
        if spread > best_spread:
            best, best_spread = f, spread
    return best if best_spread > 0 else None


def compare(condition_ids: Iterable[str] | str, distinguishing_only: bool = False, *,
            tables: Tables | None = None) -> pd.DataFrame:
    """Features as rows, the chosen conditions as columns, in the order given.

    Rows are indexed by (section, feature): an ``overview`` of each condition, then every finding by its group
    with its level. Every value is in words (:mod:`redspots.words`), as the comparison explorer shows it.
    ``distinguishing_only=True`` keeps only the rows whose values differ between the conditions.

    >>> import redspots as rs
    >>> side = rs.compare(["petechiae", "cherry_angioma"])
    >>> side.loc[("overview", "Glass test")].tolist()
    ['Does not fade when pressed', 'May or may not fade when pressed']
    >>> rs.compare(["petechiae", "cherry_angioma"], distinguishing_only=True).shape[0] < side.shape[0]
    True
    """
    t = tables or shared()
    chosen = known_ids(condition_ids, t.conditions.index, "condition")
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
    The comparison explorer sends this to the browser, which only picks columns and drops equal rows."""
    return remembered(t, "comparison_rows", (t.conditions, t.treatments, t.profile, t.findings), _comparison_rows)


def _comparison_rows(t: Tables) -> dict[tuple[str, str], dict[str, str]]:
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
    return rows


def treatment_plan(condition_id: str, *, tables: Tables | None = None) -> pd.DataFrame:
    """The treatment steps of one condition, in order from first-line to escalation.

    Indexed by ``step`` (1..n); ``who`` is who gives it (self_care, pharmacist, gp, specialist, hospital);
    ``escalate_if`` says when to move on.

    >>> import redspots as rs
    >>> plan = rs.treatment_plan("keratosis_pilaris")
    >>> plan.index[0], str(plan.who.iloc[0])
    (1, 'self_care')
    """
    t = tables or shared()
    (chosen,) = known_ids([condition_id], t.conditions.index, "condition")
    steps = t.treatments[t.treatments.condition == chosen].drop(columns="condition")
    return steps.set_index("step").sort_index()
