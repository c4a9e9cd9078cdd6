"""The pictures draw each thing where it belongs, not only with the right label.

Read from the SVG itself: the body map's regions sit in anatomical order (head above feet, arms outside
the legs, one limb on each side); the size scale's spots are drawn at the ruler's scale beside the label
that gives their size, and the bands span the ruler from the content's limits; the glass test draws the
pale lens and the dots in their own panels, under their headings; a scenario's spots lie on the skin.
"""
from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest
import yaml

import redspots as rs
from redspots import figures
from redspots.figures.scenario import scenario_picture

from conftest import CONTENT, conditions

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
#: every region a condition file may name (the condition schema's list, written out here)
REGIONS = ("scalp", "face", "mouth", "eyelids", "neck", "chest", "abdomen", "back", "upper_arms", "forearms",
           "hands", "buttocks", "thighs", "lower_legs", "feet")


@pytest.fixture(scope="module")
def t():
    return rs.load()


def points(element) -> list[tuple[float, float]]:
    """The points that outline an SVG shape (or every shape under a group)."""
    out = []
    for el in element.iter():
        tag = el.tag.replace(SVG, "")
        if tag in ("circle", "ellipse"):
            cx, cy = float(el.get("cx")), float(el.get("cy"))
            rx = float(el.get("r") or el.get("rx"))
            ry = float(el.get("r") or el.get("ry"))
            out += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
        elif tag == "rect":
            x, y = float(el.get("x")), float(el.get("y"))
            out += [(x, y), (x + float(el.get("width")), y + float(el.get("height")))]
        elif tag == "path":
            out += path_points(el.get("d"))
    return out


def path_points(d: str) -> list[tuple[float, float]]:
    """The end points of each command of an SVG path (absolute M L H V A C Q, relative l h v)."""
    tokens = re.findall(r"[A-Za-z]|-?[\d.]+", d)
    out, x, y, i, command = [], 0.0, 0.0, 0, ""
    takes = {"M": 2, "L": 2, "H": 1, "V": 1, "A": 7, "C": 6, "Q": 4, "l": 2, "h": 1, "v": 1}
    while i < len(tokens):
        if tokens[i].isalpha():
            command, i = tokens[i], i + 1
            if command in "Zz":
                continue
        args = [float(v) for v in tokens[i:i + takes[command]]]
        i += takes[command]
        if command in "MLACQ":
            x, y = args[-2], args[-1]
        elif command == "H":
            x = args[0]
        elif command == "V":
            y = args[0]
        elif command == "l":
            x, y = x + args[0], y + args[1]
        elif command == "h":
            x += args[0]
        elif command == "v":
            y += args[0]
        out.append((x, y))
    return out


def centre(element) -> tuple[float, float]:
    xs, ys = zip(*points(element))
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def box(element) -> tuple[float, float, float, float]:
    xs, ys = zip(*points(element))
    return min(xs), min(ys), max(xs), max(ys)


def inside(inner, outer) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


# --- body map ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def views(t):
    """The front and back views of a body map that marks every region: view -> region -> its group."""
    conditions = t.conditions.copy()
    conditions["body_regions"] = conditions["body_regions"].astype(object)
    conditions.at["petechiae", "body_regions"] = REGIONS
    root = ET.fromstring(figures.body_map("petechiae", tables=dataclasses.replace(t, conditions=conditions)).svg)
    return {view.get("data-view"): {g.get("data-region"): g for g in view.findall("svg:g[@data-region]", NS)}
            for view in root.findall(".//svg:g[@data-view]", NS)}


FROM_TOP = {"front": [("scalp", "face"), ("eyelids", "mouth"), ("face", "neck"), ("neck", "chest"),
                      ("chest", "abdomen"), ("abdomen", "thighs"), ("thighs", "lower_legs"), ("lower_legs", "feet"),
                      ("upper_arms", "forearms"), ("forearms", "hands"), ("chest", "hands")],
            "back": [("scalp", "neck"), ("neck", "back"), ("back", "buttocks"), ("buttocks", "thighs"),
                     ("thighs", "lower_legs"), ("lower_legs", "feet"), ("upper_arms", "forearms"), ("forearms", "hands")]}


def test_each_view_draws_its_regions(views):
    assert set(views["front"]) == set(REGIONS) - {"back", "buttocks"}
    assert set(views["back"]) == set(REGIONS) - {"face", "mouth", "eyelids", "chest", "abdomen"}


def test_every_region_a_condition_names_is_drawn(t):
    """Each body region a condition file names is dotted on an outline (not only listed beside it)."""
    for cid, doc in conditions().items():
        root = ET.fromstring(figures.body_map(cid, tables=t).svg)
        drawn = {g.get("data-region") for view in root.findall(".//svg:g[@data-view]", NS)
                 for g in view.findall("svg:g[@data-region]", NS)}
        assert set(doc["locations"].get("body_regions", [])) <= drawn, cid


@pytest.mark.parametrize("view", ["front", "back"])
def test_body_map_regions_from_head_to_feet(views, view):
    drawn = views[view]
    for upper, lower in FROM_TOP[view]:
        assert centre(drawn[upper])[1] < centre(drawn[lower])[1], f"{view}: {upper} is not above {lower}"


@pytest.mark.parametrize("view", ["front", "back"])
def test_body_map_limbs_on_both_sides_arms_outside_legs(views, view):
    drawn = views[view]
    middle = centre(drawn["neck"])[0]
    assert abs(centre(drawn["scalp"])[0] - middle) < 1, "the head is over the neck"
    spread = {}
    for limb in ("upper_arms", "forearms", "hands", "thighs", "lower_legs", "feet"):
        sides = [centre(shape)[0] - middle for shape in drawn[limb]]
        assert len(sides) == 2 and min(sides) < 0 < max(sides), f"{view}: {limb} not one on each side"
        assert abs(sides[0] + sides[1]) < 2, f"{view}: {limb} not mirrored"
        spread[limb] = max(sides)
    for arm in ("upper_arms", "forearms", "hands"):
        for leg in ("thighs", "lower_legs"):
            assert spread[arm] > spread[leg], f"{view}: {arm} inside the {leg}"
    trunk = box(drawn["chest" if view == "front" else "back"])
    assert trunk[0] < middle < trunk[2]


def test_face_parts_are_in_the_face(views):
    face = box(views["front"]["face"])
    for part in ("eyelids", "mouth"):
        assert inside(box(views["front"][part]), face), part
    eyes = [centre(shape)[0] for shape in views["front"]["eyelids"]]
    assert min(eyes) < centre(views["front"]["face"])[0] < max(eyes)


def test_front_view_on_the_left_under_its_label(t):
    """The alt text says front and back outlines, in that order: the front is on the left, each over its label."""
    root = ET.fromstring(figures.body_map("petechiae", tables=t).svg)
    by_view = {v.get("data-view"): v for v in root.findall(".//svg:g[@data-view]", NS)}
    assert centre(by_view["front"])[0] < centre(by_view["back"])[0]
    for view, word in (("front", "Front"), ("back", "Back")):
        [label] = [el for el in by_view[view].iter(f"{SVG}text") if el.text == word]
        left, _, right, bottom = box(by_view[view].find("svg:g", NS))
        assert left < float(label.get("x")) < right and float(label.get("y")) > bottom


# --- size scale ----------------------------------------------------------------------------------

@pytest.mark.parametrize("skin", figures.SKIN_TONES)
def test_size_scale_spots_match_their_labels_and_the_ruler(t, skin):
    """Each small spot's label, on its own row, gives the size the ruler measures across the spot; the
    column runs from the smallest spot to the largest."""
    root = ET.fromstring(figures.size_scale(skin, tables=t).svg)
    ticks = [float(re.match(r"M([\d.]+),", p.get("d")).group(1))
             for p in root.find(".//svg:g[@data-part='ruler']", NS).findall("svg:path", NS)]
    per_mm = ticks[1] - ticks[0]
    assert all(b - a == pytest.approx(per_mm) for a, b in zip(ticks, ticks[1:]))
    labels = [(float(el.get("x")), float(el.get("y")), el.find("svg:tspan", NS).text) for el in root.iter(f"{SVG}text")
              if el.find("svg:tspan", NS) is not None and re.search(r"· [\d.]+ mm$", el.find("svg:tspan", NS).text)]
    spots = [c for c in root.iter(f"{SVG}circle") if c.get("data-spot")]
    column = sorted((s for s in spots if float(s.get("cx")) < 200), key=lambda s: float(s.get("cy")))
    diameters = [2 * float(s.get("r")) / per_mm for s in column]
    assert diameters == sorted(diameters) and len(column) >= 4
    for spot in spots:
        drawn_mm = 2 * float(spot.get("r")) / per_mm
        cx, cy = float(spot.get("cx")), float(spot.get("cy"))
        # the label nearest the spot (beside it on its row, or under the big bruise) reads the drawn size
        _, _, text = min(labels, key=lambda label: (label[0] - cx) ** 2 + (label[1] - cy) ** 2)
        assert float(re.search(r"([\d.]+) mm$", text).group(1)) == pytest.approx(drawn_mm), (text, drawn_mm)


def test_size_scale_bands_span_the_ruler_from_the_content(t):
    """Each bracket under the ruler starts at its band's lower limit and ends at its upper one (or runs off
    the end), as written in safety.yaml."""
    bands = yaml.safe_load((CONTENT / "safety.yaml").read_text(encoding="utf-8"))["size_scale"]
    root = ET.fromstring(figures.size_scale(tables=t).svg)
    ticks = [float(re.match(r"M([\d.]+),", p.get("d")).group(1))
             for p in root.find(".//svg:g[@data-part='ruler']", NS).findall("svg:path", NS)]
    drawn = root.findall(".//svg:g[@data-band]", NS)
    assert [g.get("data-band") for g in drawn] == [b["term"].lower() for b in bands]
    for band, group in zip(bands, drawn):
        bracket = group.find("svg:path", NS)
        xs = [x for x, _ in points(bracket)]
        assert min(xs) == pytest.approx(ticks[int(band["min_mm"])], abs=3), band["term"]
        if band.get("max_mm") is not None and band["max_mm"] < len(ticks):
            assert max(xs) == pytest.approx(ticks[int(band["max_mm"])], abs=3), band["term"]
        else:
            assert max(xs) >= ticks[-1], f"{band['term']} has no upper limit: its bracket runs past the ruler"


# --- glass test ----------------------------------------------------------------------------------

@pytest.mark.parametrize("skin", figures.SKIN_TONES)
def test_glass_test_each_thing_in_its_panel(t, skin):
    root = ET.fromstring(figures.glass_test(skin, tables=t).svg)
    panels = {p.get("data-panel"): p for p in root.findall(".//svg:g[@data-panel]", NS)}
    assert set(panels) == {"blanching", "non-blanching"}
    skin_of = {name: box(p.find("svg:rect", NS)) for name, p in panels.items()}
    assert skin_of["blanching"][2] <= skin_of["non-blanching"][0], "fading on the left, not fading on the right"
    for name, heading in (("blanching", "Fades under pressure"), ("non-blanching", "Does not fade")):
        [title] = [el for el in panels[name].iter(f"{SVG}text") if el.text and el.text.startswith(heading)]
        assert skin_of[name][0] < float(title.get("x")) < skin_of[name][2], f"{heading} is not over its panel"
    lens = panels["blanching"].find(".//svg:g[@data-part='blanched']", NS)
    assert inside(box(lens), skin_of["blanching"]), "the paler lens is in the fading panel"
    rims = [c for c in panels["blanching"].iter(f"{SVG}circle") if c.get("fill") == "none"]
    assert rims and all((float(c.get("cx")), float(c.get("cy"))) == pytest.approx(centre(lens)) for c in rims), \
        "the glass is pressed where the skin turns pale"
    dots = panels["non-blanching"].find(".//svg:g[@data-part='dots']", NS)
    glass = [c for c in panels["non-blanching"].iter(f"{SVG}circle") if c.get("fill") == "none"][0]
    gx, gy, gr = float(glass.get("cx")), float(glass.get("cy")), float(glass.get("r"))
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in dots.findall("svg:circle", NS)]
    assert all(skin_of["non-blanching"][0] < x < skin_of["non-blanching"][2] for x, _ in centres)
    assert sum((x - gx) ** 2 + (y - gy) ** 2 < gr ** 2 for x, y in centres) >= 5, "dots are seen through the glass"


# --- scenario pictures ---------------------------------------------------------------------------

def test_scenario_spots_lie_on_the_skin(t):
    for case, row in t.quiz.iterrows():
        root = ET.fromstring(scenario_picture(list(row.findings), row.skin_tone, key=case).svg)
        patch = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == figures.TONES[row.skin_tone]["skin"]]
        assert len(patch) == 1, case
        skin = box(patch[0])
        drawn = root.find(".//svg:g[@data-pattern]", NS)
        for shape in drawn:
            if shape.tag == f"{SVG}g":          # a blurred flush of redness may run under the edge
                continue
            x, y = centre(shape)
            assert skin[0] < x < skin[2] and skin[1] < y < skin[3], (case, ET.tostring(shape)[:80])
        [note] = [el for el in root.iter(f"{SVG}text") if el.text == "drawing, not to scale"]
        assert skin[0] < float(note.get("x")) <= skin[2] and skin[1] < float(note.get("y")) <= skin[3]
