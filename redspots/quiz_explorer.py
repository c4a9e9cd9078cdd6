"""The quiz explorer: short stories to answer, graded in the browser as :func:`redspots.grade` grades them."""
from __future__ import annotations

import pandas as pd
import traitlets

from . import payload, words
from .content import Tables
from .explorer import Explorer, InvalidValueError, checked
from .quiz import ACTIONS, grade, quiz_cases


class Quiz(Explorer):
    """Read a short story, pick the most likely condition and what to do now, and check the answer.

    ``value`` holds the checked answers, ``{case_id: {"condition": id, "action": id}}`` (actions:
    self_care, pharmacist, gp, same_day, emergency); setting it from code shows those answers and their
    feedback. ``case`` is the case shown. ``cases`` is the table of cases (:func:`redspots.quiz_cases`),
    ``feedback(case_id)`` what the view says about an answer (:func:`redspots.grade`) and ``score`` the
    running score, "n of m right". The view grades in the browser, so an exported page keeps score too.

    >>> q = Quiz(value={"rough_bumps_on_the_arms": {"condition": "keratosis_pilaris", "action": "self_care"}})
    >>> q.score == f"Score: 1 of 1 right (1 of {len(q.cases)} cases checked)"
    True
    >>> q.feedback("rough_bumps_on_the_arms")["correct"]
    True
    """

    _name = "the quiz"
    _view = traitlets.Unicode("quiz").tag(sync=True)
    _build = staticmethod(payload.quiz)
    value = traitlets.Dict(help="the checked answers: {case_id: {'condition': id, 'action': id}}").tag(sync=True)
    case = traitlets.Unicode(help="the id of the case shown").tag(sync=True)
    _shown = ("value", "case")

    def __init__(self, *, tables: Tables | None = None, value=None, case: str | None = None, **kwargs):
        super().__init__(tables=tables, **kwargs)
        self.value = dict(value or {})
        self.case = case or self._tables.quiz.index[0]

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        answers = {}
        for case_id, answer in proposal["value"].items():
            (case_id,) = checked([case_id], self._tables.quiz.index, "case")
            if not isinstance(answer, dict) or set(answer) != {"condition", "action"}:
                raise InvalidValueError(f"the answer to {case_id} must be a dict with the keys condition and "
                                        f"action (got {answer!r})")
            answers[case_id] = {"condition": self._one_condition(answer["condition"]),
                                "action": checked([answer["action"]], ACTIONS, "action")[0]}
        return answers

    @traitlets.validate("case")
    def _valid_case(self, proposal):
        return checked([proposal["value"]], self._tables.quiz.index, "case")[0]

    @property
    def cases(self) -> pd.DataFrame:
        """The quiz cases, in order, with their answers."""
        return quiz_cases(tables=self._tables)

    def feedback(self, case_id: str) -> dict | None:
        """What the view says about the checked answer to one case, or None before it is checked."""
        answer = self.value.get(checked([case_id], self._tables.quiz.index, "case")[0])
        return None if answer is None else grade(case_id, answer["condition"], answer["action"], tables=self._tables)

    @property
    def right(self) -> int:
        """How many checked answers are right (condition and action)."""
        return sum(self.feedback(case_id)["correct"] for case_id in self.value)

    @property
    def score(self) -> str:
        """The running score, in the view's words."""
        return words.TEXT["quiz_score"].format(right=self.right, checked=len(self.value), total=len(self.cases))
