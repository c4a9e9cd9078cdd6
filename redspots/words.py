"""Every closed vocabulary of the content, in order, with the words a learner reads for each value.

This is the one place ids become words. The pandas categories (``content``), the display columns of
the queries, the notes and the explorers' browser code (sent in the widget state) all read these
tables, and the content schema's enums must list the same values (a test checks it). A value that is
not here is an error, never a blank.
"""
from __future__ import annotations

import pandas as pd

#: how serious a condition can be, least serious first
SERIOUSNESS = {"harmless": "Harmless", "see_doctor": "See a doctor", "urgent": "Urgent: a doctor the same day",
               "emergency": "Emergency"}
#: how urgent a warning is, least urgent first, as the banner shows it
URGENCY = {"see_doctor": "SEE A DOCTOR", "urgent": "URGENT", "emergency": "EMERGENCY"}
#: how soon to act on a warning, soonest last (like URGENCY)
WITHIN = {"soon": "soon", "2_weeks": "within 2 weeks", "48_hours": "within 48 hours", "today": "today",
          "now": "act now"}
#: who gives a treatment step, from yourself to a hospital team
WHO_TREATS = {"self_care": "you (self-care)", "pharmacist": "a pharmacist", "gp": "a GP (family doctor)",
              "specialist": "a specialist", "hospital": "a hospital team"}
#: how a finding fits a condition, from against to typical
LEVELS = {"atypical": "✘ atypical", "possible": "~ possible", "typical": "✔ typical"}
#: whether the spots are raised
RAISED = {"flat": "Flat", "varies": "Flat or raised", "raised": "Raised"}
#: what the glass test shows
BLANCHING = {"blanches": "Fades when pressed", "varies": "May or may not fade when pressed",
             "does_not_blanch": "Does not fade when pressed"}
#: how much a garbled phrase of the seed article could mislead
RISK = {"wording": "wording", "misleading": "misleading", "dangerous": "dangerous"}
#: how well a selection fits a condition, weakest first, with its icon
STRENGTH = {"does not fit": "does not fit", "weak": "weak match", "partial": "partial match", "strong": "strong match"}
STRENGTH_ICON = {"strong": "●●●", "partial": "●●○", "weak": "●○○", "does not fit": "○○○"}
#: what to do now, least urgent first: the answers of the quiz
ACTION = {"self_care": "Self-care at home", "pharmacist": "Ask a pharmacist", "gp": "See a GP (booked appointment)",
          "same_day": "Urgent: NHS 111 or the GP surgery now, seen the same day", "emergency": "Emergency: call 999 / 112 / 911 now"}
#: the least urgent action a warning allows (a quiz case's answer is never below it)
ACTION_FLOOR = {"see_doctor": "gp", "urgent": "same_day", "emergency": "emergency"}
#: the glass test in a quiz case: done and fades, done and does not fade, or not done
GLASS_TEST = {"blanching": "Glass test done: the spots fade when pressed",
              "non_blanching": "Glass test done: the spots do not fade when pressed",
              "not_done": "Glass test not done yet"}
#: the skin tones of the pictures, lightest first
SKIN_TONE = {"light": "Light skin", "medium": "Medium skin", "dark": "Dark skin"}
#: icon of each urgency (symbols common fonts have); colour is never the only signal
URGENCY_ICON = {"emergency": "⚠", "urgent": "⚠", "see_doctor": "ℹ"}

#: the sections of a condition's page (redspots.condition_page), in the order a learner reads them
READER = {"what_it_is": "What it is", "causes": "Causes", "symptoms": "Symptoms",
          "diagnosis": "How it is diagnosed", "see_a_doctor": "When to see a doctor",
          "treatment": "Treatment, step by step", "outlook": "Outlook"}
#: the rows of a treatment step, in order: the step's field and the words shown for it
STEP_ROWS = {"what": "What", "when": "When it is used", "who": "Who gives it", "expect": "What to expect",
             "escalate_if": "Go further if"}

#: column names whose words are not the name with its underscores as spaces (the sizes, in millimetres,
#: are also written as sizes: see redspots/export/tables.py)
COLUMNS = {"min_mm": "From (mm)", "max_mm": "Up to (mm)", "size_min_mm": "Smallest (mm)",
           "size_max_mm": "Largest (mm)", "text": "What it is", "url": "Web address"}

VOCABULARIES = {"seriousness": SERIOUSNESS, "urgency": URGENCY, "within": WITHIN, "who": WHO_TREATS,
                "level": LEVELS, "raised": RAISED, "blanching": BLANCHING, "risk": RISK, "action": ACTION,
                "glass_test": GLASS_TEST}
#: vocabularies whose order means something (most serious, most urgent, soonest last)
_ORDERED = {"seriousness", "urgency", "within", "who", "level", "risk", "action"}


def dtype(vocabulary: str) -> pd.CategoricalDtype:
    """The pandas categories of one vocabulary, in its order."""
    return pd.CategoricalDtype(list(VOCABULARIES[vocabulary]), ordered=vocabulary in _ORDERED)


def categorical(values: pd.Series, vocabulary: str, *, where: str = "content") -> pd.Series:
    """``values`` as the vocabulary's categories; a value it does not know raises ValueError."""
    known = VOCABULARIES[vocabulary]
    unknown = sorted({str(v) for v in values if v not in known})
    if unknown:
        raise ValueError(f"{where}: unknown {vocabulary} {', '.join(map(repr, unknown))}; "
                         f"known: {', '.join(known)}")
    return values.astype(dtype(vocabulary))


def word(vocabulary: str, value: object) -> str:
    """The words for one value; an unknown value raises KeyError naming the vocabulary."""
    try:
        return VOCABULARIES[vocabulary][str(value)]
    except KeyError:
        raise KeyError(f"no words for {vocabulary} {value!r}; known: {', '.join(VOCABULARIES[vocabulary])}") from None


def sentences(items) -> str:
    """Short items joined as sentences, each ending with one full stop."""
    return " ".join(s if s.rstrip().endswith((".", "!", "?")) else s.rstrip() + "." for s in items)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

#: sentences the explorers and the notes share (the browser code receives them in the widget state)
TEXT = {
    "banner_head": "act on this first",
    # before the safety statements a warning rule names (red_flags.yaml `safety:`), in the banner
    "banner_more": "More:",
    "explains": "⚠ Can cause the warning above: act on the warning first.",
    "none_fit": ("No condition here fits everything you picked. Remember that this list has only a few common "
                 "causes: a doctor can look for others."),
    "no_warning": "No warning for what is ticked so far. That does not mean the spots are harmless.",
    "not_a_diagnosis": "This ranks teaching examples; it is not a diagnosis.",
    "nothing_ticked": ("Nothing ticked yet. Tick what you see in the list of findings: the conditions that fit "
                       "will be listed here, best first, with the reasons. Warnings appear above them, and in "
                       "the bar above the findings."),
    "nothing_more": "The list below uses everything you answered.",
    "quiz_emergency": ("⚠ EMERGENCY: call 999, 112 or 911 now, or go straight to the emergency department. "
                       "Do this first, before anything else."),
    # one warning the case's findings set off, as the symptom filter's bar names it, then what to do
    "quiz_warning": "{icon} {urgency} ({within}): {title}. {action}",
    "quiz_action_right": "Right: \u201c{right}\u201d is what to do now.",
    "quiz_less_urgent": ("⚠ Dangerous mistake: you chose \u201c{chosen}\u201d, which is less urgent than this case needs "
                         "(\u201c{right}\u201d). Waiting too long is the dangerous kind of mistake."),
    "quiz_more_urgent": ("More urgent than needed: you chose \u201c{chosen}\u201d; this case needs \u201c{right}\u201d. "
                         "That is the safer way to be wrong: in real life, if you are unsure, calling for help "
                         "is never the wrong choice. This story shows what the findings alone ask for."),
    "quiz_condition_right": "Right: the most likely condition is {right}.",
    "quiz_condition_wrong": "Not the most likely condition: you chose {chosen}; the most likely is {right}.",
    "quiz_findings": "What the story shows: {findings}.",
    "quiz_not_a_diagnosis": "A teaching quiz, not a diagnosis: in real life, if in doubt, get help.",
    "quiz_score": "Score: {right} of {checked} right ({checked} of {total} cases checked)",
    # the condition reader, and the "Read about" buttons of the symptom filter and the comparison
    # what a notebook shows where an explorer will be, until its cell runs (or in a text-only view)
    "explorer_unrun": "Run this cell to see the explorer: {name}.",
    "reader_prompt": "Choose a condition to read about it.",
    # the treatment stepper and the body map before a condition is chosen (they open with none)
    "stepper_prompt": "Choose a condition to step through its treatment, from the first step to the last.",
    "stepper_no_steps": "Step 1 (choose a condition first)",
    "bodymap_prompt": "Choose a condition to see where it usually appears, shown on {skin}.",
    "reader_note": ("A page to learn from, not a diagnosis. If you are worried about someone now, act on the "
                    "warnings first: call 999, 112 or 911 for an emergency."),
    "reader_open": "Read about {name}",
    "reader_also": "Also known as",
    "reader_serious": "How serious it can be",
    "reader_sources": "Sources",
    "reader_cited": "Sources:",
}
