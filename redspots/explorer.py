"""What every explorer shares: the browser module and its styles, the content it draws from, the way a value
from the browser is checked (and undone when refused), and the plain-text stand-in a notebook shows.

The explorers themselves are in :mod:`redspots.widgets` and :mod:`redspots.quiz_explorer`.
"""
from __future__ import annotations

from importlib import resources

import anywidget
import traitlets

from . import words
from .content import Tables, shared
from .errors import UnknownIdError
from .static_bundle import joined


class UnknownIdTraitError(UnknownIdError, traitlets.TraitError):
    """An unknown id given to an explorer: an UnknownIdError that traitlets also undoes (the value
    before it is kept, whether it came from code or from the browser)."""


class InvalidValueError(ValueError, traitlets.TraitError):
    """A value an explorer cannot show (too many conditions, a step out of range, an unknown skin tone)."""


def checked(values, valid, kind: str) -> list[str]:
    """The ids in the order given, each once; an id not in ``valid`` raises UnknownIdTraitError, naming the
    closest valid ones.

    >>> checked(["a", "b", "a"], ["a", "b"], "letter")
    ['a', 'b']
    """
    values = [values] if isinstance(values, str) else list(values)
    for value in values:
        if value not in valid:
            raise UnknownIdTraitError(kind, value, valid)
    return list(dict.fromkeys(values))


class Explorer(anywidget.AnyWidget):
    """The shared base: the module, its styles, which view to draw and the content it draws from."""

    _esm = joined()                 # the modules of static/, joined into the one module anywidget runs
    _css = (resources.files("redspots") / "static" / "explorers.css").read_text(encoding="utf-8")
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
        (condition_id,) = checked([value], self._tables.conditions.index, "condition")
        return condition_id
