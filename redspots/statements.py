"""The safety statements by id: the one way every surface reads ``data/safety.yaml``.

The emergency card, the scenario cards, the glass-test caption, the exported index, the quiz feedback
and the warning rules (``safety:`` in red_flags.yaml) name the statements they show by id, so
rewording a statement in safety.yaml rewords it on every surface, and no surface depends on where a
statement sits in its list.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from .content import Tables, shared
from .errors import UnknownIdError

#: The statement the first safety words of every surface give: 999 / 112 / 911 for spots that don't
#: fade with a fever, in a baby or child or in someone unwell, and advice now for anyone else.
GET_HELP_NOW = "get_help_now"
#: What follows "call 999 now" in the feedback on an emergency quiz case: true of every emergency case,
#: whatever made it one (get_help_now would go on to advice for non-emergencies).
EMERGENCY_ANYWAY = "seriously_ill_no_rash"


class Statement(NamedTuple):
    """One safety statement: its ``id``, its ``text`` and the ids of its sources (``refs``)."""

    id: str
    text: str
    refs: tuple


def safety_text(statement_id: str, *, tables: Tables | None = None) -> Statement:
    """The safety statement with this id: ``(id, text, refs)``.

    An id that is not in safety.yaml raises :class:`redspots.UnknownIdError` naming the closest ids.

    >>> import redspots as rs
    >>> help_now = rs.safety_text("get_help_now")
    >>> "999" in help_now.text and "NHS 111" in help_now.text and "nhs_hsp" in help_now.refs
    True
    >>> rs.safety_text("non_blanching_fever")      # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    redspots.errors.UnknownIdError: unknown safety statement id 'non_blanching_fever'. Did you mean 'non_blanching_with_fever', ...?
    """
    t = tables or shared()
    if not isinstance(statement_id, str) or statement_id not in t.safety.index:
        raise UnknownIdError("safety statement", statement_id, t.safety.index)
    row = t.safety.loc[statement_id]
    return Statement(statement_id, str(row.text), tuple(row.refs))


def safety_texts(statement_ids: Iterable[str], *, tables: Tables | None = None) -> list[Statement]:
    """Several statements, in the order given."""
    t = tables or shared()
    return [safety_text(sid, tables=t) for sid in statement_ids]
