"""Read and validate a content folder into ``Tables``: pandas DataFrames, loaded once and cached."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import files, schema, validate, words
from .errors import ContentError

# The categories come from redspots.words, the one place each vocabulary and its words are listed.
LEVELS = words.dtype("level")
URGENCY = words.dtype("urgency")
#: How soon to act on a warning, soonest last (like URGENCY): the schema pairs each with an urgency.
WITHIN = words.dtype("within")
SERIOUSNESS = words.dtype("seriousness")
WHO_TREATS = words.dtype("who")
RISK = words.dtype("risk")
#: The level of a finding a condition's profile does not list.
DEFAULT_LEVEL = "possible"


@dataclass(frozen=True)
class Tables:
    """All content as tidy DataFrames. ``refs`` columns hold tuples of ids of ``references``.

    conditions   one row per condition (index: condition id); ``refs`` the main sources,
                 ``cited`` every source the condition file cites, ``summary_refs`` and
                 ``outlook_refs`` the sources of the summary and of the outlook
    findings     the findings vocabulary (index: finding id), ``group`` ordered for display,
                 ``one_answer`` when its group takes one answer (the glass test, the age),
                 ``ask_first`` its place in the questions to ask first (red_flags.yaml), else NA
    profile      condition x finding -> level (typical > possible > atypical), long form; every pair is
                 there: a finding a condition file does not list is "possible"
    causes, symptoms, diagnosis, treatments, warnings   one row per item, with ``condition``
    red_flags    warning rules (index: rule id): ``all_of`` / ``any_of`` entries are finding or set
                 ids, ``while_unanswered`` a group id or '', ``explains`` condition ids, ``safety`` ids
                 of the ``safety`` statements that carry the rule's advice
    finding_sets named sets of findings the rules use (index: set id; ``findings`` a tuple)
    references   sources (index: reference id)
    glossary     terms (index: term)
    safety       statements (index: statement id, as in safety.yaml): ``topic`` (disclaimer, glass test,
                 emergency signs, darker skin, other causes), ``text``; read one with
                 :func:`redspots.safety_text`, never by its position
    size_scale   petechiae / purpura / ecchymosis size bands in mm (``id``, ``term``, ...)
    seed_corrections  what the seed article said, what is correct, why it matters
    quiz         quiz cases (index: case id): the story, ``findings`` (a tuple of finding ids, not the
                 glass test), ``glass_test`` (blanching, non_blanching or not_done), the answer's
                 ``condition`` and ``action`` (self_care < pharmacist < gp < same_day < emergency), ``why``
    """

    conditions: pd.DataFrame
    findings: pd.DataFrame
    profile: pd.DataFrame
    causes: pd.DataFrame
    symptoms: pd.DataFrame
    diagnosis: pd.DataFrame
    treatments: pd.DataFrame
    warnings: pd.DataFrame
    red_flags: pd.DataFrame
    finding_sets: pd.DataFrame
    references: pd.DataFrame
    glossary: pd.DataFrame
    safety: pd.DataFrame
    size_scale: pd.DataFrame
    seed_corrections: pd.DataFrame
    quiz: pd.DataFrame
    source: Path
    # what the queries build from these tables, each kept with a fingerprint of the tables it was built
    # from and built again when they change (redspots.prepared.remembered); not part of the content
    built: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def copy(self) -> "Tables":
        """A deep copy: its tables can be changed without touching any other copy or the cache."""
        frames = {f.name: getattr(self, f.name).copy(deep=True) for f in fields(self)
                  if f.init and isinstance(getattr(self, f.name), pd.DataFrame)}
        return replace(self, **frames)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{f.name}={len(getattr(self, f.name))}" for f in fields(self)
                          if f.name not in ("source", "built"))
        return f"Tables({self.source}: {sizes})"


def load(data_dir: str | os.PathLike | None = None) -> Tables:
    """Load and validate a content folder (``$REDSPOTS_DATA`` if set, else the shipped ``data/``).

    Each call returns tables of your own: change them and pass them to a query (``tables=t``)
    to see what your change does; nothing else sees it. Change them at any time: a query after a
    change answers from the changed tables. Reading and checking the files is cached until a file
    in the folder changes. A broken folder raises
    :class:`ContentError` listing every problem, and nothing is returned.

    >>> import redspots as rs
    >>> t = rs.load()
    >>> t.profile.level.dtype
    CategoricalDtype(categories=['atypical', 'possible', 'typical'], ordered=True, categories_dtype=str)
    >>> t.conditions.loc["petechiae", "blanching"]
    'does_not_blanch'
    """
    return shared(data_dir).copy()


def shared(data_dir: str | os.PathLike | None = None) -> Tables:
    """The cached tables the queries use when given no ``tables=``: read them, never change them."""
    if data_dir is None:
        data_dir = os.environ.get("REDSPOTS_DATA") or None
    folder = Path(data_dir).expanduser().resolve() if data_dir is not None else files.default_data_dir()
    paths, problems = files.content_files(folder)
    if problems and not paths:
        raise ContentError(problems)
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return _load(folder, signature)


def _marker(paths: list[Path], folder: Path) -> Path | None:
    """Where a note that these exact files passed the schemas is kept ($REDSPOTS_CACHE, else the
    user's cache folder); None when there is nowhere to keep it."""
    digest = hashlib.sha256()
    for path in sorted(files.schema_dir().glob("*.schema.json")) + paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    root = os.environ.get("REDSPOTS_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "redspots"
    return Path(root) / f"schema-valid-{digest.hexdigest()}"


def forget_loaded() -> None:
    """Forget every folder read so far, so the next :func:`load` reads and checks its files again (the
    benchmarks time a cold load this way; a changed file is noticed without it)."""
    _load.cache_clear()


@lru_cache(maxsize=8)
def _load(folder: Path, signature: tuple) -> Tables:
    paths, problems = files.content_files(folder)
    # Checking against the schemas needs jsonschema, which takes seconds to import: skip it for files
    # that passed before, byte for byte. The checks across files always run.
    marker = _marker(paths, folder)
    checked = marker.is_file()
    docs, names = {}, {}
    for path in paths:
        key = path.relative_to(folder).as_posix()
        names[key] = files.display(path, folder)
        doc, read_problems = files.read_yaml(path, names[key])
        problems += read_problems
        if not read_problems:
            schema_problems = [] if checked else schema.check_schema(doc, schema.schema_name(path), names[key],
                                                                      files.schema_dir())
            problems += schema_problems
            if not schema_problems:
                docs[key] = doc
    # the checks across files run on the files that passed their schema: every problem in one report
    problems += validate.check_across(docs, names)
    if problems:
        raise ContentError(problems)
    if not checked:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass                                # nowhere to write: validate again next time
    return _tables(docs, folder)


def _refs(item: dict) -> tuple:
    return tuple(item["refs"])


def _frame(rows: list[dict], columns: list[str], index: str | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column != "refs" and frame[column].dtype == object and all(isinstance(v, str) for v in frame[column]):
            frame[column] = frame[column].astype("str")
    return frame.set_index(index) if index else frame


def _tables(docs: dict, source: Path) -> Tables:
    conditions = [doc for key, doc in sorted(docs.items()) if key.startswith("conditions/")]
    findings_doc = docs["findings.yaml"]
    group_order = [g["id"] for g in findings_doc["groups"]]
    group_label = {g["id"]: g["label"] for g in findings_doc["groups"]}
    one_answer = {g["id"] for g in findings_doc["groups"] if g.get("one_answer")}
    finding_ids = [f["id"] for f in findings_doc["findings"]]
    condition_ids = [c["id"] for c in conditions]

    rules_doc = docs["red_flags.yaml"]
    ask_first = {f: i for i, f in enumerate(rules_doc["ask_first"], start=1)}
    findings = _frame([{**f, "group_label": group_label[f["group"]], "one_answer": f["group"] in one_answer,
                        "ask_first": ask_first.get(f["id"])} for f in findings_doc["findings"]],
                      ["id", "label", "group", "group_label", "help", "one_answer", "ask_first"], "id")
    findings["group"] = findings["group"].astype(pd.CategoricalDtype(group_order, ordered=True))
    findings["ask_first"] = findings["ask_first"].astype("Int64")

    rows = []
    for c in conditions:
        a = c["appearance"]
        rows.append({
            "id": c["id"], "name": c["name"], "also_known_as": "; ".join(c["also_known_as"]),
            "summary": c["summary"]["text"], "seriousness": c["seriousness"],
            "size_min_mm": float(a["size_mm"]["min"]), "size_max_mm": float(a["size_mm"]["max"]),
            "size_usual": a["size_mm"].get("usual", ""), "raised": a["raised"], "blanching": a["blanching"],
            "colour": a["colour"], "texture": a["texture"], "darker_skin": c["darker_skin"]["text"],
            "sites": words.sentences(c["locations"]["sites"]), "body_regions": tuple(c["locations"].get("body_regions", ())),
            "who": c["who"]["text"], "outlook": c["outlook"]["text"], "refs": tuple(c["refs"]),
            "summary_refs": _refs(c["summary"]), "outlook_refs": _refs(c["outlook"]),
            "cited": tuple(dict.fromkeys(ref for _, ref in validate.walk_refs(c))),
        })
    table = _frame(rows, list(rows[0]), "id")
    for column in ("seriousness", "raised", "blanching"):
        table[column] = words.categorical(table[column], column, where="conditions")

    condition_type = pd.CategoricalDtype(condition_ids)
    finding_type = pd.CategoricalDtype(finding_ids)
    # A profile lists what is typical or atypical of its condition; any finding it leaves out is "possible".
    profile = pd.DataFrame([{"condition": c["id"], "finding": f, "level": c["profile"].get(f, DEFAULT_LEVEL)}
                            for c in conditions for f in finding_ids])
    profile = profile.astype({"condition": condition_type, "finding": finding_type, "level": "str"})
    profile["level"] = words.categorical(profile["level"], "level", where="condition profiles")

    def per_condition(field: str, columns: list[str]) -> pd.DataFrame:
        frame = _frame([{"condition": c["id"], **{k: item.get(k) for k in columns}, "refs": _refs(item)}
                        for c in conditions for item in c[field]], ["condition", *columns, "refs"])
        frame["condition"] = frame["condition"].astype(condition_type)
        return frame

    causes = per_condition("causes", ["cause", "kind"])
    causes["kind"] = causes["kind"].astype("category")
    treatments = per_condition("treatment", ["step", "name", "what", "when", "who", "expect", "escalate_if"])
    treatments["who"] = words.categorical(treatments["who"], "who", where="treatment steps")
    treatments["step"] = treatments["step"].astype("int64")
    warnings = per_condition("see_a_doctor", ["urgency", "when", "action"])
    warnings["urgency"] = words.categorical(warnings["urgency"], "urgency", where="see_a_doctor")

    red_flags = _frame([{**r, "all_of": tuple(r.get("all_of", ())), "any_of": tuple(r.get("any_of", ())),
                         "while_unanswered": r.get("while_unanswered", ""), "explains": tuple(r.get("explains", ())),
                         "safety": tuple(r.get("safety", ())), "refs": _refs(r)} for r in rules_doc["rules"]],
                       ["id", "urgency", "within", "all_of", "any_of", "while_unanswered", "explains", "title",
                        "action", "safety", "refs"], "id")
    red_flags["urgency"] = words.categorical(red_flags["urgency"], "urgency", where="red_flags.yaml")
    red_flags["within"] = words.categorical(red_flags["within"], "within", where="red_flags.yaml")
    finding_sets = _frame([{**s, "findings": tuple(s["findings"])} for s in rules_doc["sets"]],
                          ["id", "label", "findings"], "id")

    safety_doc = docs["safety.yaml"]
    topics = [t for t in validate.SAFETY_SECTIONS if t != "size_scale"]
    safety = _frame([{"id": item["id"], "topic": topic, "text": item["text"], "refs": _refs(item)}
                     for topic, _, item in validate.safety_items(safety_doc) if topic in topics],
                    ["id", "topic", "text", "refs"], "id")
    safety["topic"] = safety["topic"].astype(pd.CategoricalDtype(topics, ordered=True))
    size_scale = _frame([{**s, "max_mm": s.get("max_mm", float("inf")), "refs": _refs(s)}
                         for s in safety_doc["size_scale"]], ["id", "term", "min_mm", "max_mm", "text", "refs"])
    size_scale = size_scale.astype({"min_mm": "float64", "max_mm": "float64"})

    seed = _frame([{**s, "condition": s.get("condition", ""), "refs": _refs(s)} for s in docs["seed_corrections.yaml"]],
                  ["id", "condition", "seed_says", "correct", "why_it_matters", "risk", "refs"], "id")
    seed["risk"] = words.categorical(seed["risk"], "risk", where="seed_corrections.yaml")

    quiz = _frame([{**{k: q[k] for k in ("id", "title", "age", "skin_tone", "story", "glass_test", "why")},
                    "findings": tuple(q["findings"]), "condition": q["answer"]["condition"],
                    "action": q["answer"]["action"], "refs": _refs(q)} for q in docs["quiz.yaml"]],
                  ["id", "title", "age", "skin_tone", "story", "findings", "glass_test", "condition", "action", "why",
                   "refs"], "id")
    quiz["action"] = words.categorical(quiz["action"], "action", where="quiz.yaml")
    quiz["glass_test"] = words.categorical(quiz["glass_test"], "glass_test", where="quiz.yaml")

    return Tables(
        conditions=table,
        findings=findings,
        profile=profile,
        causes=causes,
        symptoms=per_condition("symptoms", ["text"]),
        diagnosis=per_condition("diagnosis", ["text"]),
        treatments=treatments,
        warnings=warnings,
        red_flags=red_flags,
        finding_sets=finding_sets,
        references=_frame(docs["references.yaml"], ["id", "publisher", "title", "url"], "id"),
        glossary=_frame([{**g, "refs": _refs(g)} for g in docs["glossary.yaml"]], ["term", "definition", "refs"], "term"),
        safety=safety,
        size_scale=size_scale,
        seed_corrections=seed,
        quiz=quiz,
        source=source,
    )
