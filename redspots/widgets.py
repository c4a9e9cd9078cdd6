"""The explorers: widgets whose views compute in the browser, so exported pages respond with no kernel.

Each is an ``anywidget.AnyWidget`` running one ES module (``static/explorers.js``) with the content it
needs sent from Python (:mod:`redspots.payload`). The public surface is a few synced traits: ``value``
(and ``ruled_out``, ``distinguishing_only``, ``step`` or ``skin``), kept in step with the browser both
ways and validated here, plus read-only answers computed by the queries, the same ones the browser
shows (tests/test_parity.py proves it).
"""
from __future__ import annotations

from importlib import resources

import anywidget
import pandas as pd
import traitlets

from . import figures, payload, words
from .content import Tables, shared
from .errors import UnknownIdError
from .query import compare, known_ids, match, next_question, red_flags, treatment_plan
from .quiz import ACTIONS, grade, quiz_cases
from .reading import ConditionPage, condition_page

MAX_COMPARED = payload.MAX_COMPARED
_STATIC = resources.files("redspots") / "static"


class UnknownIdTraitError(UnknownIdError, traitlets.TraitError):
    """An unknown id given to an explorer: an UnknownIdError that traitlets also undoes (the value
    before it is kept, whether it came from code or from the browser)."""


class InvalidValueError(ValueError, traitlets.TraitError):
    """A value an explorer cannot show (too many conditions, a step out of range, an unknown skin tone)."""


def _checked(values, valid, kind: str) -> list[str]:
    try:
        return known_ids(values, valid, kind)
    except UnknownIdError as error:
        raise UnknownIdTraitError(error.kind, error.value, error.valid) from None


class _Explorer(anywidget.AnyWidget):
    """The shared base: the module, its styles, which view to draw and the content it draws from."""

    _esm = (_STATIC / "explorers.js").read_text(encoding="utf-8")
    _css = (_STATIC / "explorers.css").read_text(encoding="utf-8")
    _view = traitlets.Unicode().tag(sync=True)
    _content = traitlets.Dict().tag(sync=True)
    _build = staticmethod(lambda t: {})
    _shown: tuple[str, ...] = ("value",)
    _name = "an explorer"             # how the plain-text stand-in names it

    def __init__(self, *, tables: Tables | None = None, **kwargs):
        self._tables = tables or shared()
        super().__init__(_content=type(self)._build(self._tables), **kwargs)

    def set_state(self, sync_data):
        """Apply what the browser sends; a value refused here is sent back corrected, so the view
        never keeps showing a value Python did not take."""
        try:
            super().set_state(sync_data)
        except traitlets.TraitError:
            self.send_state([key for key in sync_data if key in self.keys])
            raise

    def __repr__(self) -> str:
        """For a programmer: the class and the value (``SymptomFilter(value=('fever',))``)."""
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__name__}({shown})"

    def _repr_mimebundle_(self, **kwargs):
        """The view, and as plain text (what a notebook shows before the cell has run again, or in a
        text-only renderer) a sentence for a learner, never the repr above."""
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        if data is not None:
            data["text/plain"] = words.TEXT["explorer_unrun"].format(name=self._name)
        return bundle

    def _one_condition(self, value: str) -> str:
        (condition_id,) = _checked([value], self._tables.conditions.index, "condition")
        return condition_id


class SymptomFilter(_Explorer):
    """Tick what you see; the conditions that fit are ranked, with warnings above them.

    ``value`` is the tuple of selected finding ids (settable from code, kept in vocabulary
    order); ``ruled_out`` the findings answered "no" to the suggested question, which only stops
    it being asked again (ticking one of them takes it off). ``flags``, ``ranked`` and ``question``
    are what the view shows, from :func:`redspots.red_flags`, :func:`redspots.match` and
    :func:`redspots.next_question`.

    >>> f = SymptomFilter(value=["fever", "non_blanching"])
    >>> f.value
    ('non_blanching', 'fever')
    >>> str(f.flags.urgency.iloc[0])
    'emergency'
    """

    _name = "the symptom filter"
    _view = traitlets.Unicode("filter").tag(sync=True)
    _build = staticmethod(payload.symptom_filter)
    value = traitlets.Tuple(help="the selected finding ids").tag(sync=True)
    ruled_out = traitlets.Tuple(help="finding ids answered 'no' to the suggested question").tag(sync=True)

    def __init__(self, *, tables: Tables | None = None, value=(), ruled_out=(), **kwargs):
        super().__init__(tables=tables, **kwargs)
        self.value = (value,) if isinstance(value, str) else tuple(value)
        self.ruled_out = (ruled_out,) if isinstance(ruled_out, str) else tuple(ruled_out)

    @traitlets.validate("value", "ruled_out")
    def _valid(self, proposal):
        chosen = set(_checked(proposal["value"], self._tables.findings.index, "finding"))
        if proposal["trait"].name == "ruled_out":
            chosen -= set(self.value)            # a ticked finding is not also answered "no"
        return tuple(f for f in self._tables.findings.index if f in chosen)

    @traitlets.observe("value")
    def _forget_answered(self, change):
        self.ruled_out = tuple(f for f in self.ruled_out if f not in change["new"])

    @property
    def flags(self) -> pd.DataFrame:
        """The warnings shown above the list (empty when none fire)."""
        return red_flags(self.value, tables=self._tables)

    @property
    def ranked(self) -> pd.DataFrame:
        """The conditions as ranked for the current selection."""
        return match(self.value, tables=self._tables)

    @property
    def question(self) -> str | None:
        """The finding the view asks about next, or None."""
        return next_question(self.value, ruled_out=self.ruled_out, tables=self._tables)


class ConditionComparison(_Explorer):
    """Pick two to five conditions and see their features side by side.

    ``value`` is the tuple of chosen condition ids; ``distinguishing_only`` hides the rows
    that are the same for all of them; ``table`` is what the view shows (:func:`redspots.compare`).

    >>> c = ConditionComparison(value=["petechiae", "cherry_angioma"])
    >>> c.value, c.table.shape[1]
    (('petechiae', 'cherry_angioma'), 2)
    """

    _name = "the comparison"
    _view = traitlets.Unicode("compare").tag(sync=True)
    _build = staticmethod(payload.comparison)
    value = traitlets.Tuple(help="the chosen condition ids").tag(sync=True)
    distinguishing_only = traitlets.Bool(False, help="show only the rows that tell the conditions apart").tag(sync=True)

    def __init__(self, *, tables: Tables | None = None, value=(), distinguishing_only=False, **kwargs):
        super().__init__(tables=tables, **kwargs)
        self.distinguishing_only = distinguishing_only
        self.value = (value,) if isinstance(value, str) else tuple(value)

    @traitlets.validate("value")
    def _valid(self, proposal):
        chosen = _checked(proposal["value"], self._tables.conditions.index, "condition")
        if len(chosen) > MAX_COMPARED:
            raise InvalidValueError(f"compare at most {MAX_COMPARED} conditions at once (got {len(chosen)})")
        return tuple(chosen)

    @property
    def table(self) -> pd.DataFrame | None:
        """The comparison shown, or None while fewer than two conditions are chosen."""
        if len(self.value) < 2:
            return None
        return compare(self.value, distinguishing_only=self.distinguishing_only, tables=self._tables)


class TreatmentStepper(_Explorer):
    """Choose a condition and step through its treatment, first-line to escalation.

    ``value`` is the condition id, or None: the stepper opens with nothing chosen and asks for a
    condition. ``step`` is the shown step (1-based; choosing another condition starts again at step 1).
    Every step is drawn, so a printed page shows them all.

    >>> TreatmentStepper().value is None
    True
    >>> s = TreatmentStepper(value="keratosis_pilaris", step=2)
    >>> s.current_step_name == str(treatment_plan("keratosis_pilaris").loc[2, "name"])
    True
    """

    _name = "the treatment stepper"
    _view = traitlets.Unicode("stepper").tag(sync=True)
    _build = staticmethod(payload.stepper)
    value = traitlets.Unicode(None, allow_none=True, help="the chosen condition id, or None").tag(sync=True)
    step = traitlets.Int(1, help="the shown step, from 1").tag(sync=True)

    def __init__(self, *, tables: Tables | None = None, value: str | None = None, step: int = 1, **kwargs):
        super().__init__(tables=tables, **kwargs)
        self.value = value
        self.step = step

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        return None if proposal["value"] in (None, "") else self._one_condition(proposal["value"])

    @traitlets.observe("value")
    def _on_value(self, change):
        self.step = 1

    @traitlets.validate("step")
    def _valid_step(self, proposal):
        total = self.steps
        if not 1 <= proposal["value"] <= total:
            raise InvalidValueError(f"{self.value} has steps 1 to {total} (got {proposal['value']})")
        return proposal["value"]

    @property
    def steps(self) -> int:
        """How many steps the chosen condition's treatment has."""
        return len(self._tables.treatments[self._tables.treatments.condition == self.value]) if self.value else 1

    @property
    def current_step_name(self) -> str | None:
        """The name of the step shown now, or None while no condition is chosen."""
        if self.value is None:
            return None
        return str(treatment_plan(self.value, tables=self._tables).loc[self.step, "name"])


class BodyMap(_Explorer):
    """Choose a condition and a skin tone to see where the condition usually appears.

    ``value`` is the condition id, or None: the map opens with nothing chosen and asks for a condition.
    ``skin`` is the skin tone (light, medium or dark).

    >>> BodyMap().value is None
    True
    >>> m = BodyMap(value="petechiae", skin="dark")
    >>> m.value, m.skin
    ('petechiae', 'dark')
    """

    _name = "the body map"
    _view = traitlets.Unicode("bodymap").tag(sync=True)
    _build = staticmethod(payload.body_map)
    value = traitlets.Unicode(None, allow_none=True, help="the chosen condition id, or None").tag(sync=True)
    skin = traitlets.Unicode("light", help="the skin tone shown: light, medium or dark").tag(sync=True)

    def __init__(self, *, tables: Tables | None = None, value: str | None = None, skin: str = "light", **kwargs):
        super().__init__(tables=tables, **kwargs)
        self.value = value
        self.skin = skin

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        return None if proposal["value"] in (None, "") else self._one_condition(proposal["value"])

    @traitlets.validate("skin")
    def _valid_skin(self, proposal):
        if proposal["value"] not in figures.SKIN_TONES:
            raise InvalidValueError(f"unknown skin tone {proposal['value']!r}; "
                             f"choose one of: {', '.join(figures.SKIN_TONES)}")
        return proposal["value"]


class ConditionReader(_Explorer):
    """Choose a condition from the list and read its page: what it is, causes, symptoms, how it is
    diagnosed, when to see a doctor, treatment and outlook, each fact with its sources.

    ``value`` is the chosen condition id, or None: the reader opens with nothing chosen and asks for a
    condition. ``page`` is the page shown (:func:`redspots.condition_page`), or None.

    >>> r = ConditionReader()
    >>> r.value is None, r.page is None
    (True, True)
    >>> r.value = "petechiae"
    >>> r.page["name"] == condition_page("petechiae")["name"]
    True
    """

    _name = "the condition reader"
    _view = traitlets.Unicode("reader").tag(sync=True)
    _build = staticmethod(payload.reader)
    value = traitlets.Unicode(None, allow_none=True, help="the chosen condition id, or None").tag(sync=True)

    def __init__(self, *, tables: Tables | None = None, value: str | None = None, **kwargs):
        super().__init__(tables=tables, **kwargs)
        self.value = value

    @traitlets.validate("value")
    def _valid_value(self, proposal):
        return None if proposal["value"] in (None, "") else self._one_condition(proposal["value"])

    @property
    def page(self) -> ConditionPage | None:
        """The page of the chosen condition, as the view draws it, or None while nothing is chosen."""
        return None if self.value is None else condition_page(self.value, tables=self._tables)


class Quiz(_Explorer):
    """Read a short story, pick the most likely condition and what to do now, and check the answer.

    ``value`` holds the checked answers, ``{case_id: {"condition": id, "action": id}}`` (actions:
    self_care, pharmacist, gp, same_day, emergency); setting it from code shows those answers and their
    feedback. ``case`` is the case shown. ``cases`` is the table of cases (:func:`redspots.quiz_cases`),
    ``feedback(case_id)`` what the view says about an answer (:func:`redspots.grade`) and ``score`` the
    running score, "n of m right". The view grades in the browser, so an exported page keeps score too.

    >>> q = Quiz(value={"rough_bumps_on_the_arms": {"condition": "keratosis_pilaris", "action": "self_care"}})
    >>> q.score
    'Score: 1 of 1 right (1 of 15 cases checked)'
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
            (case_id,) = _checked([case_id], self._tables.quiz.index, "case")
            if not isinstance(answer, dict) or set(answer) != {"condition", "action"}:
                raise InvalidValueError(f"the answer to {case_id} must be a dict with the keys condition and "
                                        f"action (got {answer!r})")
            answers[case_id] = {"condition": self._one_condition(answer["condition"]),
                                "action": _checked([answer["action"]], ACTIONS, "action")[0]}
        return answers

    @traitlets.validate("case")
    def _valid_case(self, proposal):
        return _checked([proposal["value"]], self._tables.quiz.index, "case")[0]

    @property
    def cases(self) -> pd.DataFrame:
        """The quiz cases, in order, with their answers."""
        return quiz_cases(tables=self._tables)

    def feedback(self, case_id: str) -> dict | None:
        """What the view says about the checked answer to one case, or None before it is checked."""
        answer = self.value.get(_checked([case_id], self._tables.quiz.index, "case")[0])
        return None if answer is None else grade(case_id, answer["condition"], answer["action"], tables=self._tables)

    @property
    def right(self) -> int:
        """How many checked answers are right (condition and action)."""
        return sum(self.feedback(case_id)["correct"] for case_id in self.value)

    @property
    def score(self) -> str:
        """The running score, in the view's words."""
        return words.TEXT["quiz_score"].format(right=self.right, checked=len(self.value), total=len(self.cases))
