"""The two errors a person can act on: broken content, and an id that does not exist."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one content file."""

    file: str
    field: str
    value: object
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        value = _short(self.value)
        return f"{where}: got {value}; expected {self.expected}"


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ContentError(ValueError):
    """A content folder that cannot be loaded.

    ``problems`` lists every problem found (file, field, bad value, what is accepted);
    the message shows them one per line. Nothing is loaded when this is raised.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the content files:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


class UnknownIdError(KeyError):
    """An id that is not in the content, with the closest valid ids.

    A ``KeyError``, so ``except KeyError`` catches it; unlike ``KeyError`` its message
    prints as plain text.
    """

    def __init__(self, kind: str, value: object, valid: Iterable[str]):
        self.kind, self.value = kind, value
        self.valid = sorted(valid)
        self.suggestions = closest(value, self.valid)
        hint = (f" Did you mean {', '.join(map(repr, self.suggestions))}?" if self.suggestions
                else f" Valid {kind} ids: {', '.join(self.valid)}.")
        super().__init__(f"unknown {kind} id {value!r}.{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


def closest(value: object, valid: list[str], n: int = 3) -> list[str]:
    """The valid ids nearest to ``value``: close spellings first, then ids that contain it."""
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    near = difflib.get_close_matches(text, valid, n=n, cutoff=0.6)
    contains = [v for v in valid if text and (text in v or v in text) and v not in near]
    initials = [v for v in valid if len(text) > 1 and "".join(p[0] for p in v.split("_")) == text]
    return list(dict.fromkeys(near + contains + initials))[:n]
