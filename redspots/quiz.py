"""The quiz as pure functions: the cases, and the feedback on one answer.

A case (data/quiz.yaml) is a short story with the findings it shows; the learner picks the most likely
condition and what to do now (self-care, pharmacist, GP, same-day doctor, emergency). The feedback puts
safety first: for an emergency case it says so, and to call 999 / 112 / 911, before anything else; then
the warnings the symptom filter gives for the case's findings (the same rules, the same words); an
answer less urgent than the case needs is called the dangerous kind of mistake. The quiz explorer's
browser code grades the same way from the same words (tests/test_parity.py holds them equal).
"""
from __future__ import annotations

import pandas as pd

from . import words
from .content import Tables, shared
from .errors import UnknownIdError
from .query import red_flags
from .statements import EMERGENCY_ANYWAY, safety_text

ACTIONS = list(words.ACTION)


def quiz_cases(*, tables: Tables | None = None) -> pd.DataFrame:
    """The quiz cases in order (index: case id), with the answer in words.

    ``findings`` holds finding ids (not the glass test), ``glass_test`` is ``blanching``,
    ``non_blanching`` or ``not_done``; ``condition`` and ``action`` are the answer, and
    ``condition_name`` and ``what_to_do`` the same in words.

    >>> import redspots as rs
    >>> cases = rs.quiz_cases()
    >>> cases.loc["student_with_fever_and_spots", "what_to_do"]
    'Emergency: call 999 / 112 / 911 now'
    >>> bool((cases.action == "emergency").any())
    True
    """
    t = tables or shared()
    cases = t.quiz.copy()
    cases["condition_name"] = cases["condition"].map(t.conditions["name"]).astype("str")
    cases["what_to_do"] = cases["action"].map(words.ACTION).astype("str")
    return cases


def emergency_line(tables: Tables) -> str:
    """What an emergency case's feedback says first: call 999 / 112 / 911 now, then the safety
    statement ``seriously_ill_no_rash``, true of every emergency case (the quiz view gets the same line
    from the payload). The statement ``get_help_now`` is not used here: it goes on to advice for people
    who are not an emergency."""
    return f'{words.TEXT["quiz_emergency"]} {safety_text(EMERGENCY_ANYWAY, tables=tables).text}'


def _check(value, valid, kind: str) -> str:
    if not isinstance(value, str) or value not in valid:
        raise UnknownIdError(kind, value, valid)
    return value


def grade(case_id: str, condition: str, action: str, *, tables: Tables | None = None) -> dict:
    """The feedback on one answer to one case, as the quiz shows it.

    Returns a dict: ``correct`` (both parts right), ``condition_correct``, ``action_correct``,
    ``mistake`` (``none``, ``less_urgent`` or ``more_urgent``), ``emergency`` (the case is one),
    ``messages`` (what to read, in order: for an emergency case the call to 999 / 112 / 911 comes
    first, with the safety statement ``seriously_ill_no_rash``; then the verdict on the action; each warning the case's findings set off, as
    :func:`redspots.red_flags` and the symptom filter give them, most urgent first; the condition; the
    findings in words; why),
    ``warnings`` (the ids of those warning rules), ``findings`` (the findings in words) and ``sources``
    (publisher, title, url). A harmless case with no warning shows none.

    >>> import redspots as rs
    >>> feedback = rs.grade("student_with_fever_and_spots", "petechiae", "same_day")
    >>> feedback["mistake"], feedback["messages"][0].startswith("⚠ EMERGENCY")
    ('less_urgent', True)
    >>> rs.grade("rough_bumps_on_the_arms", "keratosis_pilaris", "self_care")["warnings"]
    []
    """
    t = tables or shared()
    case_id = _check(case_id, t.quiz.index, "case")
    condition = _check(condition, t.conditions.index, "condition")
    action = _check(action, ACTIONS, "action")
    case = t.quiz.loc[case_id]
    right_condition, right_action = str(case.condition), str(case.action)
    names = t.conditions["name"]
    text = words.TEXT
    findings = [str(t.findings.at[f, "label"]) for f in case.findings] + [words.GLASS_TEST[str(case.glass_test)]]
    chosen, needed = ACTIONS.index(action), ACTIONS.index(right_action)
    mistake = "none" if chosen == needed else "less_urgent" if chosen < needed else "more_urgent"
    emergency = right_action == "emergency"
    glass = str(case.glass_test)
    flags = red_flags(list(case.findings) + ([glass] if glass != "not_done" else []), tables=t)
    messages = []
    if emergency:
        messages.append(emergency_line(t))
    verdict = {"none": "quiz_action_right", "less_urgent": "quiz_less_urgent", "more_urgent": "quiz_more_urgent"}
    messages.append(text[verdict[mistake]].format(chosen=words.ACTION[action], right=words.ACTION[right_action]))
    for rule in flags.itertuples():          # what the symptom filter says for the same findings
        messages.append(text["quiz_warning"].format(
            icon=words.URGENCY_ICON[str(rule.urgency)], urgency=words.URGENCY[str(rule.urgency)],
            within=words.WITHIN[str(rule.within)], title=rule.title, action=rule.action))
    messages.append((text["quiz_condition_right"] if condition == right_condition else text["quiz_condition_wrong"])
                    .format(chosen=names[condition], right=names[right_condition]))
    messages.append(text["quiz_findings"].format(findings="; ".join(findings)))
    messages.append(str(case.why))
    refs = t.references.loc[list(case.refs)]
    return {
        "case": case_id, "correct": condition == right_condition and action == right_action,
        "condition_correct": condition == right_condition, "action_correct": action == right_action,
        "mistake": mistake, "emergency": emergency, "messages": messages, "warnings": list(flags.index),
        "findings": findings,
        "sources": [{"publisher": r.publisher, "title": r.title, "url": r.url} for r in refs.itertuples()],
    }
