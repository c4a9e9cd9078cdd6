"""Check each content file against its JSON Schema in data/schema/, in words a content author can act on.

Every check returns ``Problem`` s rather than raising, so one load reports everything wrong; the checks
that need more than one file are in :mod:`redspots.validate`.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .errors import Problem

_SCHEMA_FOR = {"findings.yaml": "findings", "references.yaml": "references", "glossary.yaml": "glossary",
               "red_flags.yaml": "red_flags", "safety.yaml": "safety",
               "seed_corrections.yaml": "seed_corrections", "quiz.yaml": "quiz"}

_TYPE_WORDS = {"array": "a list", "object": "a mapping of fields", "string": "text", "number": "a number",
               "integer": "a whole number", "boolean": "true or false", "null": "nothing"}


@lru_cache(maxsize=4)
def _validators(schema_dir: Path) -> dict:
    # Imported here, not at the top: jsonschema takes seconds to import and is needed only when
    # content has changed since it was last validated (see content._load).
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    by_name = {s["$id"].rsplit("/", 1)[-1].removesuffix(".schema.json"): s for s in schemas}
    return {name: Draft202012Validator(s, registry=registry) for name, s in by_name.items()}


def schema_name(path: Path) -> str:
    return "condition" if path.parent.name == "conditions" else _SCHEMA_FOR[path.name]


def check_schema(doc: object, kind: str, name: str, schema_dir: Path) -> list[Problem]:
    """Every way ``doc`` breaks the schema ``kind``, each once (a missing field is named once, however
    many other fields its mapping also misses)."""
    validator = _validators(schema_dir)[kind]
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    problems = []
    for error in errors:
        for problem in _problems(name, error):
            if problem not in problems:
                problems.append(problem)
    return problems


def field_name(path) -> str:
    """``['treatment', 2, 'who']`` -> ``treatment[2].who`` (0-based, like the YAML list)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problems(name: str, error) -> list[Problem]:
    """The problems one schema error stands for: one per missing field (the schema reports each missing
    field as an error of its own, each carrying the whole list of required fields), else one."""
    path = list(error.absolute_path)
    if error.validator == "required":
        return [Problem(name, field_name(path + [field]), "nothing (the field is missing)", f"the field {field!r}")
                for field in error.validator_value if field not in error.instance]
    return [_problem(name, error)]


def _problem(name: str, error) -> Problem:
    path = list(error.absolute_path)
    kind, rule, value = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        return Problem(name, field_name(path + [extra[0]]), extra[0],
                       f"only the fields {', '.join(allowed)}")
    if kind == "enum":
        return Problem(name, field_name(path), value, f"one of: {', '.join(map(str, rule))}")
    if kind == "anyOf" and all("required" in option for option in rule):
        fields = " or ".join(f for option in rule for f in option["required"])
        return Problem(name, field_name(path), "none of them", f"at least one of the fields {fields}")
    if kind == "type":
        return Problem(name, field_name(path), value, _TYPE_WORDS.get(rule, rule))
    if kind == "minItems":
        return Problem(name, field_name(path), value, f"a list of at least {rule} item{'s' if rule != 1 else ''}")
    if kind in ("minLength", "pattern") and error.schema.get("pattern") == "^[a-z][a-z0-9_]*$":
        return Problem(name, field_name(path), value, "a snake_case id (a-z, 0-9 and _; starting with a letter)")
    if kind in ("minLength", "pattern") and "https" in str(rule):
        return Problem(name, field_name(path), value, "an https:// web address with no spaces or quotes")
    if kind in ("minLength", "pattern"):
        return Problem(name, field_name(path), value, "some text (not empty)")
    if kind == "uniqueItems":
        return Problem(name, field_name(path), value, "a list with no item repeated")
    if kind in ("exclusiveMinimum", "minimum"):
        word = "above" if kind == "exclusiveMinimum" else "at least"
        return Problem(name, field_name(path), value, f"a number {word} {rule}")
    return Problem(name, field_name(path), value, error.message)
