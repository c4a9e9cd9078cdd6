"""What the explorers' browser code needs, built once per Tables: content, words and weights as JSON.

The explorers compute in the browser (``static/queries.js`` and the views in ``static/views/``), so
that an exported page responds with no kernel. Everything they know comes from here; only the rules of :mod:`redspots.query` exist twice.
Each build is kept with its Tables until those tables change (:func:`redspots.prepared.remembered`).
"""
from __future__ import annotations

from dataclasses import fields

from . import figures, words
from .content import Tables
from .prepared import URGENT, prepared, remembered
from .query import POINTS, comparison_rows, treatment_plan
from .quiz import emergency_line
from .statements import safety_texts

#: the most conditions the comparison shows at once
MAX_COMPARED = 5


def _memo(t: Tables, key: str, build):
    """build(t), kept until any table of ``t`` changes (each payload reads many of them)."""
    return remembered(t, key, [getattr(t, name) for name in TABLES], build)


#: every table of a Tables
TABLES = [f.name for f in fields(Tables) if f.init and f.name != "source"]


def _sources(t: Tables, ref_ids) -> list[dict]:
    refs = t.references.loc[[r for r in dict.fromkeys(ref_ids) if r in t.references.index]]
    return [{"publisher": r.publisher, "title": r.title, "url": r.url} for r in refs.itertuples()]


def _conditions(t: Tables) -> list[dict]:
    return [{"id": cid, "name": name} for cid, name in t.conditions["name"].items()]


def reader(t: Tables) -> dict:
    """What the browser needs to draw any condition's page as :func:`redspots.condition_page` does: each
    condition's facts with their reference ids (not numbered: the browser numbers them), the references,
    and the words. The symptom filter and the comparison carry it too, for their "Read about" buttons."""
    def build(t):
        def facts(frame, column, cid):
            rows = frame[frame.condition == cid]
            return [{"text": str(text), "refs": list(refs)} for text, refs in zip(rows[column], rows.refs)]

        pages = {}
        for cid, c in t.conditions.iterrows():
            steps = t.treatments[t.treatments.condition == cid]
            warnings = t.warnings[t.warnings.condition == cid]
            pages[cid] = {
                "name": str(c["name"]), "also_known_as": str(c["also_known_as"]), "seriousness": str(c["seriousness"]),
                "summary": {"text": str(c["summary"]), "refs": list(c["summary_refs"])},
                "causes": facts(t.causes, "cause", cid), "symptoms": facts(t.symptoms, "text", cid),
                "diagnosis": facts(t.diagnosis, "text", cid),
                "see_a_doctor": [{"urgency": str(w.urgency), "when": str(w.when), "action": str(w.action),
                                  "refs": list(w.refs)} for w in warnings.itertuples()],
                "treatment": [{"step": int(s.step), **{key: str(s[key]) for key in words.STEP_ROWS}, "name": str(s["name"]),
                               "refs": list(s.refs)} for _, s in steps.iterrows()],
                "outlook": {"text": str(c["outlook"]), "refs": list(c["outlook_refs"])},
                "refs": list(c["refs"]),
            }
        return {"conditions": _conditions(t), "pages": pages,
                "references": {rid: {"publisher": r.publisher, "title": r.title, "url": r.url}
                               for rid, r in t.references.iterrows()},
                "words": {"seriousness": words.SERIOUSNESS, "urgency": words.URGENCY,
                          "urgency_icon": words.URGENCY_ICON, "who": words.WHO_TREATS,
                          "sections": words.READER, "step_rows": words.STEP_ROWS},
                "urgencies": list(words.URGENCY),
                "text": {k: v for k, v in words.TEXT.items() if k.startswith("reader_")}}
    return _memo(t, "payload_reader", build)


def symptom_filter(t: Tables) -> dict:
    def build(t):
        p = prepared(t)
        f = t.findings
        groups = f.drop_duplicates("group").sort_values("group")
        return {
            "findings": [{"id": fid, "label": r.label, "help": r.help, "group": str(r.group)} for fid, r in f.iterrows()],
            "groups": [{"id": str(r.group), "label": r.group_label, "one_answer": str(r.group) in p.one_answer}
                       for r in groups.itertuples()],
            "conditions": [{"id": c.id, "name": c.name, "seriousness": c.seriousness, "severity": c.severity,
                            "harmless": c.harmless, "levels": list(c.levels)} for c in p.conditions],
            "points": POINTS, "urgent": URGENT,
            "rules": [{"id": r.id, "urgency": r.urgency, "level": int(r.level), "within": r.within,
                       "clauses": [sorted(c) for c in r.clauses], "unanswered": sorted(r.unanswered),
                       "explains": list(r.explains), "title": r.title, "action": r.action,
                       "more": [s.text for s in safety_texts(t.red_flags.at[r.id, "safety"], tables=t)]}
                      for r in p.rules],
            "ask_first": list(p.ask_first),
            "one_answer": [sorted(g) for g in p.one_answer.values()],
            "words": {"urgency": words.URGENCY, "urgency_icon": words.URGENCY_ICON, "within": words.WITHIN,
                      "strength": words.STRENGTH, "strength_icon": words.STRENGTH_ICON},
            "text": words.TEXT,
            "reader": reader(t),
        }
    return _memo(t, "payload_filter", build)


def comparison(t: Tables) -> dict:
    def build(t):
        sections = {"overview": "At a glance", **{str(g): label for g, label in
                                                   t.findings.groupby("group", observed=True).group_label.first().items()}}
        return {
            "conditions": _conditions(t), "max_compared": MAX_COMPARED, "sections": sections,
            "rows": [{"section": s, "feature": feature, "values": values}
                     for (s, feature), values in comparison_rows(t).items()],
            "refs": {cid: _sources(t, refs) for cid, refs in t.conditions["refs"].items()},
            "reader": reader(t),
        }
    return _memo(t, "payload_compare", build)


def stepper(t: Tables) -> dict:
    def build(t):
        plans = {}
        for cid, name in t.conditions["name"].items():
            plan = treatment_plan(cid, tables=t)
            steps = [{"name": s["name"], "rows": [["What", s["what"]], ["When it is used", s["when"]],
                                                  ["Who gives it", words.word("who", s["who"])],
                                                  ["What to expect", s["expect"]], ["Go further if", s["escalate_if"]]]}
                     for _, s in plan.iterrows()]
            plans[cid] = {"name": name, "steps": steps, "refs": _sources(t, [r for refs in plan.refs for r in refs])}
        return {"conditions": _conditions(t), "plans": plans,
                "text": {k: words.TEXT[k] for k in ("stepper_prompt", "stepper_no_steps")}}
    return _memo(t, "payload_stepper", build)


def body_map(t: Tables) -> dict:
    def build(t):
        pictures = {}
        for cid in t.conditions.index:
            pictures[cid] = {}
            for tone in figures.SKIN_TONES:
                fig = figures.body_map(cid, tone, tables=t)
                pictures[cid][tone] = {"svg": fig.svg, "alt": fig.alt, "caption": fig.caption}
        return {"conditions": _conditions(t), "pictures": pictures,
                "tones": [{"id": tone, "label": f"{tone.capitalize()} skin"} for tone in figures.SKIN_TONES],
                "darker_skin": t.conditions["darker_skin"].to_dict(),
                "text": {"bodymap_prompt": words.TEXT["bodymap_prompt"]}}
    return _memo(t, "payload_bodymap", build)


def quiz(t: Tables) -> dict:
    """The cases, the conditions and the words the quiz grades with in the browser (as redspots.grade),
    and the warning rules of the symptom filter, so a case shows the warnings its findings set off."""
    def build(t):
        cases = []
        for cid, q in t.quiz.iterrows():
            glass = str(q.glass_test)
            cases.append({
                "id": cid, "title": q.title, "age": q.age, "skin_tone": q.skin_tone, "story": q.story,
                "selection": list(q.findings) + ([glass] if glass != "not_done" else []),
                "findings": [str(t.findings.at[f, "label"]) for f in q.findings] + [words.GLASS_TEST[str(q.glass_test)]],
                "glass_test": str(q.glass_test), "condition": q.condition, "action": str(q.action), "why": q.why,
                "sources": _sources(t, q.refs)})
        flags = symptom_filter(t)
        return {"cases": cases, "conditions": _conditions(t), "rules": flags["rules"],
                "words": {k: flags["words"][k] for k in ("urgency", "urgency_icon", "within")},
                "actions": [{"id": a, "label": label} for a, label in words.ACTION.items()],
                "glass_test": words.GLASS_TEST,
                "text": {k: v for k, v in words.TEXT.items() if k.startswith(("quiz_", "banner_"))},
                "emergency_line": emergency_line(t)}
    return _memo(t, "payload_quiz", build)
