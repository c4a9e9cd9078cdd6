"""Check content across files: ids exist and are unique, every rule can fire, quiz answers are safe.

Every check returns ``Problem`` s rather than raising, so one load reports everything wrong, together
with each file's problems against its schema (:mod:`redspots.schema`).
"""
from __future__ import annotations

from pathlib import Path

from .errors import Problem, closest
from .prepared import compile_rules
from .schema import field_name


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
    """Checks that need more than one file: ids exist, are unique, steps run 1..n, every rule can fire,
    and no quiz case is answered less urgently than its warnings ask.

    ``docs`` maps a file key (``findings.yaml`` or ``conditions/<id>.yaml``) to its parsed content, for
    the files that passed their schema; ``names`` maps the key of every file found to the name used in
    messages. A check that needs a file missing from ``docs`` is left out (that file's own problems are
    reported already), so one load reports the problems of every file at once.
    """
    p: list[Problem] = []
    findings = docs.get("findings.yaml")
    finding_ids = [f["id"] for f in findings["findings"]] if findings else None
    ref_ids = [r["id"] for r in docs["references.yaml"]] if "references.yaml" in docs else None
    if findings:
        group_ids = [g["id"] for g in findings["groups"]]
        n = names["findings.yaml"]
        p += _duplicates(group_ids, n, "groups", "group id")
        p += _duplicates(finding_ids, n, "findings", "finding id")
        for i, f in enumerate(findings["findings"]):
            if f["group"] not in group_ids:
                p.append(Problem(n, f"findings[{i}].group", f["group"], f"one of the groups: {', '.join(group_ids)}"))
    if ref_ids is not None:
        p += _duplicates(ref_ids, names["references.yaml"], "", "reference id")
    if "glossary.yaml" in docs:
        p += _duplicates([g["term"] for g in docs["glossary.yaml"]], names["glossary.yaml"], "", "term")
    if "seed_corrections.yaml" in docs:
        p += _duplicates([s["id"] for s in docs["seed_corrections.yaml"]], names["seed_corrections.yaml"], "", "id")

    conditions = {key: doc for key, doc in docs.items() if key.startswith("conditions/")}
    # a condition file that failed its schema still names its condition (its file name), so others may cite it
    broken = [Path(key).stem for key in names if key.startswith("conditions/") and key not in docs]
    condition_ids = [doc["id"] for doc in conditions.values()] + broken
    for key, doc in conditions.items():
        p += _check_condition(doc, names[key], Path(key).stem, finding_ids)
    seen_ids: dict[str, str] = {}
    for key, doc in conditions.items():
        if doc["id"] in seen_ids:
            p.append(Problem(names[key], "id", doc["id"], f"an id not already used by {seen_ids[doc['id']]}"))
        seen_ids.setdefault(doc["id"], names[key])

    profiles = {doc["id"]: doc["profile"] for doc in conditions.values()}
    rules_doc = docs.get("red_flags.yaml")
    if "safety.yaml" in docs:
        safety_ids, safety_problems = _check_safety_ids(docs["safety.yaml"], names["safety.yaml"])
        p += safety_problems
        if rules_doc:
            p += _check_rule_safety(rules_doc, names["red_flags.yaml"], safety_ids)
    if rules_doc and findings:
        groups = {g["id"]: (bool(g.get("one_answer")), [f["id"] for f in findings["findings"] if f["group"] == g["id"]])
                  for g in findings["groups"]}
        p += _check_rules(rules_doc, names["red_flags.yaml"], finding_ids, groups, profiles, condition_ids)
    for i, item in enumerate(docs.get("seed_corrections.yaml", [])):
        if "condition" in item and item["condition"] not in condition_ids:
            p.append(Problem(names["seed_corrections.yaml"], f"[{i}].condition", item["condition"],
                             _known("condition", item["condition"], condition_ids)))
    if "quiz.yaml" in docs and findings:
        p += _check_quiz(docs["quiz.yaml"], names["quiz.yaml"], findings, condition_ids, rules_doc)
    for key, doc in docs.items():
        for path, ref in walk_refs(doc):
            if ref_ids is not None and ref not in ref_ids:
                p.append(Problem(names[key], field_name(list(path)), ref, _known("reference", ref, ref_ids)))
    return p


def _check_condition(doc: dict, name: str, stem: str, finding_ids: list[str] | None) -> list[Problem]:
    """One condition file on its own: its id is its file name, something is typical, its profile names
    known findings (when findings.yaml could be read), steps run 1..n, the size range is a range."""
    p = []
    if doc["id"] != stem:
        p.append(Problem(name, "id", doc["id"], f"{stem!r}, the file name without .yaml"))
    if "typical" not in doc["profile"].values():
        p.append(Problem(name, "profile", "no typical finding",
                         "at least one finding marked typical (findings not listed are possible)"))
    for fid in doc["profile"]:
        if finding_ids is not None and fid not in finding_ids:
            p.append(Problem(name, f"profile.{fid}", fid, _known("finding", fid, finding_ids)))
    for i, step in enumerate(doc["treatment"]):
        if step["step"] != i + 1:
            p.append(Problem(name, f"treatment[{i}].step", step["step"],
                             f"{i + 1} (steps are numbered 1, 2, 3 ... in the order listed)"))
    size = doc["appearance"]["size_mm"]
    if size["min"] > size["max"]:
        p.append(Problem(name, "appearance.size_mm.min", size["min"], f"at most max ({size['max']})"))
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
                 profiles: dict[str, dict], condition_ids: list[str]) -> list[Problem]:
    """Rules name only known findings, sets, groups and conditions; ids are unique; every rule can fire,
    and every condition it ``explains`` can fit a selection that fires it (of the conditions whose
    profile could be read)."""
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
            if cid not in condition_ids:
                known = False
                p.append(Problem(name, f"rules[{i}].explains[{j}]", cid, _known("condition", cid, condition_ids)))
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
                if cid in profiles and all(profiles[cid].get(f) == "atypical" for f in clause):
                    p.append(Problem(name, f"rules[{i}].explains[{j}]", cid,
                                     f"a condition that can fit when the rule fires ({cid} is atypical for every "
                                     f"finding of {entry})"))
    return p


def fired_urgencies(rules_doc: dict, selected: set[str], group_of: dict[str, str]) -> list[str]:
    """The urgency of every rule of red_flags.yaml a selection sets off, most urgent first, by the rule
    engine's own :func:`redspots.query.fired` (the checks run before any table is built)."""
    from .query import fired          # imported here: the queries import the loader, which imports this module
    sets = {s["id"]: s["findings"] for s in rules_doc["sets"]}
    return [r.urgency for r in fired(compile_rules(rules_doc["rules"], sets, group_of), set(selected))]


def _check_quiz(cases: list, name: str, findings: dict, condition_ids: list[str], rules_doc: dict | None) -> list[Problem]:
    """Quiz cases name known findings and conditions, one age each, the glass test only in ``glass_test``,
    and an action never less urgent than the warnings their findings set off (when red_flags.yaml
    could be read)."""
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
        if not known or rules_doc is None:
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
