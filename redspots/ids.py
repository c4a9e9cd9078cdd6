"""Id checking, the first step of every query, figure and explorer: ids in the order given, each once;
an unknown id raises :class:`UnknownIdError` naming the closest valid ones."""
from __future__ import annotations

from collections.abc import Iterable

from .content import Tables, shared
from .errors import UnknownIdError


def known_ids(values: Iterable[str] | str, valid, kind: str) -> list[str]:
    """The ``values`` found in ``valid``, in the order given, each once; a single string is one id.
    The first unknown one raises :class:`UnknownIdError` naming the closest valid ids."""
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
    return known_ids(values, valid[kind], kind)
