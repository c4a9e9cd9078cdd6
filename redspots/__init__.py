"""redspots: an interactive explainer of the common causes of tiny red dots on the skin.

It teaches; it does not diagnose. Check :func:`red_flags` before any ranking.

The queries load with pandas alone; the widgets, figures and notebook helpers (which need
ipywidgets and IPython) are imported the first time they are used.

>>> import redspots as rs
>>> t = rs.load()
>>> "petechiae" in t.conditions.index, rs.match(["fever"], tables=t).shape[0] == len(t.conditions)
(True, True)
"""
from importlib import import_module

from .content import Tables, load
from .errors import ContentError, Problem, UnknownIdError
from .query import check_ids, compare, match, next_question, red_flags, treatment_plan
from .quiz import grade, quiz_cases
from .reading import ConditionPage, condition_page
from .statements import safety_text

# name -> module that defines it, imported on first use (PEP 562)
_LAZY = {"figures": ".figures", "widgets": ".widgets", "Quiz": ".widgets", "ConditionReader": ".widgets",
         "at_a_glance": ".notes", "disclaimer": ".notes", "safety": ".notes", "warnings_for": ".notes"}

__all__ = ["ConditionPage", "ConditionReader", "ContentError", "Problem", "Quiz", "Tables", "UnknownIdError", "at_a_glance",
           "check_ids", "compare", "condition_page", "disclaimer",
           "figures", "grade", "load", "match", "next_question", "quiz_cases", "red_flags", "safety", "safety_text", "treatment_plan",
           "warnings_for", "widgets"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'redspots' has no attribute {name!r}")
    module = import_module(_LAZY[name], __name__)
    value = module if module.__name__.endswith("." + name) else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
