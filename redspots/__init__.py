"""redspots: an interactive explainer of the common causes of tiny red dots on the skin.

It teaches; it does not diagnose. Check :func:`red_flags` before any ranking.

>>> import redspots as rs
>>> sorted(rs.load().conditions.index)[:2]
['acute_leukaemia', 'cherry_angioma']
"""
from .content import Tables, load
from .errors import ContentError, Problem, UnknownIdError
from . import figures, widgets
from .notes import at_a_glance, disclaimer, safety, warnings_for
from .query import compare, match, next_question, red_flags, treatment_plan

__all__ = ["ContentError", "Problem", "Tables", "UnknownIdError", "at_a_glance", "compare", "disclaimer", "figures", "load",
           "match", "next_question", "red_flags", "safety", "treatment_plan", "warnings_for", "widgets"]
__version__ = "0.1.0"
