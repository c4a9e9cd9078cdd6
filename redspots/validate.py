"""Check content against the JSON Schemas in data/schema/, then across files.

Every check returns ``Problem`` s rather than raising, so one run reports everything wrong.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .errors import Problem, closest

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
    validator = _validators(schema_dir)[kind]
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    return [_problem(name, e) for e in errors]


def field_name(path) -> str:
    """``['treatment', 2, 'who']`` -> ``treatment[2].who`` (0-based, like the YAML list)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(name: str, error) -> Problem:
    path = list(error.absolute_path)
    kind, rule, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [p for p in rule if p not in value]
        return Problem(name, field_name(path + [missing[0]]), "nothing (the field is missing)",
                       f"the field {missing[0]!r}" + (f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""))
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


def walk_refs(node, path=()):
    """Every (field path, ref id) under any ``refs`` key."""
    if isinstance(node, dict):
        for key, child in node.items():
            if key == "refs" and isinstance(child, list):
                for i, ref in enumerate(child):
                    yield path + (key, i), ref
            else:
                yield from walk_refs(child, path + (key,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from walk_refs(child, path + (i,))


def _duplicates(items, name: str, field: str, what: str) -> list[Problem]:
    seen, problems = set(), []
    for i, item in enumerate(items):
        key = item.lower() if isinstance(item, str) else item
        if key in seen:
            problems.append(Problem(name, f"{field}[{i}]", item, f"a {what} not used before in the file"))
        seen.add(key)
    return problems


def check_across(docs: dict[str, object], names: dict[str, str]) -> list[Problem]:
    """Checks that need more than one file: ids exist, are unique, and steps run 1..n.

    ``docs`` maps a file key (``findings.yaml`` or ``conditions/<id>.yaml``) to its parsed,
    schema-valid content; ``names`` maps the same key to the name used in messages.
    """
    p: list[Problem] = []
    findings = docs["findings.yaml"]
    group_ids = [g["id"] for g in findings["groups"]]
    finding_ids = [f["id"] for f in findings["findings"]]
    ref_ids = [r["id"] for r in docs["references.yaml"]]
    n = names["findings.yaml"]
    p += _duplicates(group_ids, n, "groups", "group id")
    p += _duplicates(finding_ids, n, "findings", "finding id")
    for i, f in enumerate(findings["findings"]):
        if f["group"] not in group_ids:
            p.append(Problem(n, f"findings[{i}].group", f["group"], f"one of the groups: {', '.join(group_ids)}"))
    p += _duplicates(ref_ids, names["references.yaml"], "", "reference id")
    p += _duplicates([g["term"] for g in docs["glossary.yaml"]], names["glossary.yaml"], "", "term")
    p += _duplicates([s["id"] for s in docs["seed_corrections.yaml"]], names["seed_corrections.yaml"], "", "id")

    conditions = {key: doc for key, doc in docs.items() if key.startswith("conditions/")}
    condition_ids = [doc["id"] for doc in conditions.values()]
    for key, doc in conditions.items():
        name, stem = names[key], Path(key).stem
        if doc["id"] != stem:
            p.append(Problem(name, "id", doc["id"], f"{stem!r}, the file name without .yaml"))
        if "typical" not in doc["profile"].values():
            p.append(Problem(name, "profile", "no typical finding",
                             "at least one finding marked typical (findings not listed are possible)"))
        for fid in doc["profile"]:
            if fid not in finding_ids:
                p.append(Problem(name, f"profile.{fid}", fid, _known("finding", fid, finding_ids)))
        for i, step in enumerate(doc["treatment"]):
            if step["step"] != i + 1:
                p.append(Problem(name, f"treatment[{i}].step", step["step"],
                                 f"{i + 1} (steps are numbered 1, 2, 3 ... in the order listed)"))
        size = doc["appearance"]["size_mm"]
        if size["min"] > size["max"]:
            p.append(Problem(name, "appearance.size_mm.min", size["min"], f"at most max ({size['max']})"))
    seen_ids: dict[str, str] = {}
    for key, doc in conditions.items():
        if doc["id"] in seen_ids:
            p.append(Problem(names[key], "id", doc["id"], f"an id not already used by {seen_ids[doc['id']]}"))
        seen_ids.setdefault(doc["id"], names[key])

    profiles = {doc["id"]: doc["profile"] for doc in conditions.values()}
    groups = {g["id"]: (bool(g.get("one_answer")), [f["id"] for f in findings["findings"] if f["group"] == g["id"]])
              for g in findings["groups"]}
    safety_ids, safety_problems = _check_safety_ids(docs["safety.yaml"], names["safety.yaml"])
    p += safety_problems
    p += _check_rules(docs["red_flags.yaml"], names["red_flags.yaml"], finding_ids, groups, profiles)
    p += _check_rule_safety(docs["red_flags.yaml"], names["red_flags.yaml"], safety_ids)
    for i, item in enumerate(docs["seed_corrections.yaml"]):
        if "condition" in item and item["condition"] not in condition_ids:
            p.append(Problem(names["seed_corrections.yaml"], f"[{i}].condition", item["condition"],
                             _known("condition", item["condition"], condition_ids)))
    p += _check_quiz(docs["quiz.yaml"], names["quiz.yaml"], findings, condition_ids, docs["red_flags.yaml"])
    for key, doc in docs.items():
        for path, ref in walk_refs(doc):
            if ref not in ref_ids:
                p.append(Problem(names[key], field_name(list(path)), ref, _known("reference", ref, ref_ids)))
    return p


#: the parts of safety.yaml that hold statements, in file order (the disclaimer is one statement)
SAFETY_SECTIONS = ("disclaimer", "glass_test", "emergency_signs", "darker_skin", "other_causes", "size_scale")


def safety_items(doc: dict):
    """Every (section, field path, item) of safety.yaml that carries an id, in file order."""
    for section in SAFETY_SECTIONS:
        if section == "disclaimer":
            yield section, section, doc[section]
        else:
            for i, item in enumerate(doc.get(section, [])):
                yield section, f"{section}[{i}]", item


def _check_safety_ids(doc: dict, name: str) -> tuple[list[str], list[Problem]]:
    """Statement ids are unique across the whole of safety.yaml, not only within one section."""
    first: dict[str, str] = {}
    problems = []
    for _, where, item in safety_items(doc):
        if item["id"] in first:
            problems.append(Problem(name, f"{where}.id", item["id"],
                                    f"an id used nowhere else in the file ({item['id']!r} is already the id at "
                                    f"{first[item['id']]})"))
        first.setdefault(item["id"], where)
    # the size bands carry ids too (unique with the rest), but only statements can be shown with a rule
    statements = [item["id"] for section, _, item in safety_items(doc) if section != "size_scale"]
    return statements, problems


def _check_rule_safety(doc: dict, name: str, safety_ids: list[str]) -> list[Problem]:
    """A rule's ``safety`` list names statements of safety.yaml."""
    return [Problem(name, f"rules[{i}].safety[{j}]", sid,
                    f"the id of a statement in safety.yaml, for rule {rule['id']!r}"
                    + (f" (closest: {', '.join(near)})" if (near := closest(sid, safety_ids)) else ""))
            for i, rule in enumerate(doc["rules"]) for j, sid in enumerate(rule.get("safety", []))
            if sid not in safety_ids]


def _check_rules(doc: dict, name: str, finding_ids: list[str], groups: dict[str, tuple[bool, list[str]]],
                 profiles: dict[str, dict]) -> list[Problem]:
    """Rules name only known findings, sets, groups and conditions; ids are unique; every rule can fire,
    and every condition it ``explains`` can fit a selection that fires it."""
    p = _duplicates([r["id"] for r in doc["rules"]], name, "rules", "rule id")
    set_ids = [s["id"] for s in doc["sets"]]
    p += _duplicates(set_ids, name, "sets", "set id")
    for i, s in enumerate(doc["sets"]):
        if s["id"] in finding_ids:
            p.append(Problem(name, f"sets[{i}].id", s["id"], "a set id that is not also a finding id"))
        for j, fid in enumerate(s["findings"]):
            if fid not in finding_ids:
                p.append(Problem(name, f"sets[{i}].findings[{j}]", fid, _known("finding", fid, finding_ids)))
    for j, fid in enumerate(doc["ask_first"]):
        if fid not in finding_ids:
            p.append(Problem(name, f"ask_first[{j}]", fid, _known("finding", fid, finding_ids)))
    members = {s["id"]: set(s["findings"]) for s in doc["sets"]}
    entries = finding_ids + set_ids
    one_answer = [g for g, (single, _) in groups.items() if single]
    for i, rule in enumerate(doc["rules"]):
        known = True
        for part in ("all_of", "any_of"):
            for j, entry in enumerate(rule.get(part, [])):
                if entry not in entries:
                    known = False
                    p.append(Problem(name, f"rules[{i}].{part}[{j}]", entry, _known("finding or set", entry, entries)))
        group = rule.get("while_unanswered")
        if group is not None and group not in one_answer:
            known = False
            p.append(Problem(name, f"rules[{i}].while_unanswered", group,
                             _known("group that takes one answer (one_answer: true)", group, one_answer)))
        for j, cid in enumerate(rule.get("explains", [])):
            if cid not in profiles:
                known = False
                p.append(Problem(name, f"rules[{i}].explains[{j}]", cid, _known("condition", cid, list(profiles))))
        if not known:
            continue
        clauses = [(e, members.get(e, {e})) for e in rule.get("all_of", [])]
        if rule.get("any_of"):
            clauses.append(("any_of", set().union(*(members.get(e, {e}) for e in rule["any_of"]))))
        unanswered = set(groups[group][1]) if group else set()
        for entry, clause in clauses:
            if clause <= unanswered:
                p.append(Problem(name, f"rules[{i}]", entry,
                                 f"a rule that can fire: {entry} lies inside {group}, which must stay unanswered"))
            for j, cid in enumerate(rule.get("explains", [])):
                if all(profiles[cid].get(f) == "atypical" for f in clause):
                    p.append(Problem(name, f"rules[{i}].explains[{j}]", cid,
                                     f"a condition that can fit when the rule fires ({cid} is atypical for every "
                                     f"finding of {entry})"))
    return p


def fired_urgencies(rules_doc: dict, selected: set[str], group_of: dict[str, str]) -> list[str]:
    """The urgency of every rule a selection sets off, read straight from red_flags.yaml (its header says how
    a rule fires); redspots.query compiles the same rules for speed, and a test holds the two equal."""
    members = {s["id"]: set(s["findings"]) for s in rules_doc["sets"]}
    out = []
    for rule in rules_doc["rules"]:
        clauses = [members.get(e, {e}) for e in rule.get("all_of", [])]
        if rule.get("any_of"):
            clauses.append(set().union(*(members.get(e, {e}) for e in rule["any_of"])))
        unanswered = {f for f, g in group_of.items() if g == rule.get("while_unanswered")}
        if all(c & selected for c in clauses) and not unanswered & selected:
            out.append(rule["urgency"])
    return out


def _check_quiz(cases: list, name: str, findings: dict, condition_ids: list[str], rules_doc: dict) -> list[Problem]:
    """Quiz cases name known findings and conditions, one age each, the glass test only in ``glass_test``,
    and an action never less urgent than the warnings their findings set off."""
    from .words import ACTION, ACTION_FLOOR

    p = _duplicates([c["id"] for c in cases], name, "", "case id")
    group_of = {f["id"]: f["group"] for f in findings["findings"]}
    press = sorted(f for f, g in group_of.items() if g == "press_test")
    actions = list(ACTION)
    for i, case in enumerate(cases):
        known = True
        for j, fid in enumerate(case["findings"]):
            if fid not in group_of:
                known = False
                p.append(Problem(name, f"[{i}].findings[{j}]", fid, _known("finding", fid, list(group_of))))
            elif group_of[fid] == "press_test":
                known = False
                p.append(Problem(name, f"[{i}].findings[{j}]", fid,
                                 f"no glass-test finding here ({', '.join(press)}): give it in glass_test"))
        ages = [f for f in case["findings"] if group_of.get(f) == "age"]
        if known and len(ages) != 1:
            p.append(Problem(name, f"[{i}].findings", ages or "no age finding",
                             "exactly one finding of the group age (the age in the story)"))
        condition = case["answer"]["condition"]
        if condition not in condition_ids:
            p.append(Problem(name, f"[{i}].answer.condition", condition, _known("condition", condition, condition_ids)))
        if not known:
            continue
        selected = set(case["findings"]) | ({case["glass_test"]} if case["glass_test"] != "not_done" else set())
        floors = [ACTION_FLOOR[u] for u in fired_urgencies(rules_doc, selected, group_of)]
        floor = max(floors, key=actions.index, default=actions[0])
        if actions.index(case["answer"]["action"]) < actions.index(floor):
            p.append(Problem(name, f"[{i}].answer.action", case["answer"]["action"],
                             f"{', '.join(actions[actions.index(floor):])}: the warnings for these findings "
                             f"ask for at least {floor}"))
    return p


def _known(kind: str, value: str, valid: list[str]) -> str:
    near = closest(value, valid)
    hint = f" (closest: {', '.join(near)})" if near else ""
    return f"a {kind} id defined in the content{hint}"
