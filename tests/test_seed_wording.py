"""The seed article's garbled wording never leaks into content or notebooks.

Only data/seed_corrections.yaml (which records it) and the critical-reading notebook (05_*)
may quote it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT

# The left column of the seed decoder (../shared/content/seed-decoder.md), split at "..." and "/".
GARBLED = [
    "might be very genuine", "go see your specialist", "Red Mole", "very normal", "feeble angiomas",
    "broken veins inside them", "has a comment with hereditary qualities",
    "connected to atmosphere and introduction to chemicals", "adjustment in their shape, size, or shading",
    "if they drain regularly", "These developments create because of dying", "dark colored",
    "The shading continues as before", "unfavorably susceptible response", "neighborhood damage",
    "immune system maladies", "viral contaminations that debilitate thickening", "chemotherapy and radiation",
    "other bone marrow malignancies", "yearning", "heparin, or cortisone", "more typical in babies",
    "after fierce regurgitating", "Antibiotics are endorsed", "cool compressions over the influenced district",
    "little red spots", "unpleasant, little folliculocentric keratotic papules", "chicken knocks", "the creeps",
    "external upper highs", "self-restricted", "There is no treatment accessible", "saturating salves",
    "touchiness vasculitis", "aggravation of little veins", "trash of invulnerable cells", "dividers of veins",
    "focal sensory system", "Indications:", "wind up plainly cracked", "It brings about discharge",
    "raised sores", "modest red dabs", "tangible purpura", "agony and tingling", "ulcerated rankles", "heaving",
    "stomach torment", "muscle throbs", "blood in the pee", "shortcoming", "deadness", "hack",
    "a solitary event", "an intense case", "The injury decreases", "expelling medication",
    "intermittent or perpetual cases", "distinguish a basic foundational malady", "immunosuppressive specialists",
    "colchicines", "constant cases", "Not looking for treatment", "in an auspicious way",
    "kids from 5 and 15 years old", "not a genuine sickness", "perpetual harm to your heart",
    "an inconvenience of strep throat", "certain particular side effects", "lymph hubs", "minor red spots",
    "difficulty gulping", "blood release from nose", "accompanying treatment alternatives", "Anti-infection agents",
    "long haul treatment", "dodge reoccurrence", "Calming drugs", "headache medicine", "automatic developments",
    "rest for fourteen days", "in any event",
]
PATTERN = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in GARBLED), re.IGNORECASE)
ALLOWED = {CONTENT / "seed_corrections.yaml"}


def _checked_files():
    files = [p for p in CONTENT.rglob("*.yaml") if p not in ALLOWED]
    files += [p for p in (ROOT / "notebooks").glob("*.ipynb") if not p.name.startswith("05_")]
    files += list((ROOT / "redspots").rglob("*.py"))
    return sorted(files)


@pytest.mark.parametrize("path", _checked_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_garbled_seed_wording(path: Path):
    text = path.read_text(encoding="utf-8")
    hits = sorted({m.group(0) for m in PATTERN.finditer(text)})
    assert not hits, f"{path.relative_to(ROOT)} repeats the seed's garbled wording: {hits}"


def test_the_corrections_file_does_quote_the_seed():
    text = (CONTENT / "seed_corrections.yaml").read_text(encoding="utf-8")
    assert PATTERN.search(text), "seed_corrections.yaml should record what the article said"
