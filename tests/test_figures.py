"""The schematic figures: valid, accessible SVG on every skin tone, drawn from the content."""
from __future__ import annotations

import dataclasses
import itertools
import xml.etree.ElementTree as ET

import pytest

import redspots as rs
from redspots import figures
from conftest import read, said

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def t():
    return rs.load()


def _all_figures(t):
    for skin in figures.SKIN_TONES:
        yield "size_scale", skin, figures.size_scale(skin, tables=t)
        yield "glass_test", skin, figures.glass_test(skin, tables=t)
        for condition in t.conditions.index:
            yield f"body_map:{condition}", skin, figures.body_map(condition, skin, tables=t)


def _texts(root) -> list[str]:
    """Every <text> element's words, tspans joined by spaces."""
    return [" ".join(part.strip() for part in el.itertext() if part.strip()) for el in root.iter(f"{SVG}text")]


def test_skin_tones():
    assert figures.SKIN_TONES == ("light", "medium", "dark")
    assert set(figures.TONES) == set(figures.SKIN_TONES)


def test_every_figure_is_accessible_svg_on_every_tone(t):
    seen = 0
    for kind, skin, fig in _all_figures(t):
        root = ET.fromstring(fig.svg)
        assert root.tag == f"{SVG}svg", kind
        assert root.get("role") == "img"
        assert root.get("viewBox") and root.get("width") == "100%" and "max-width" in root.get("style")
        title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
        assert title is not None and desc is not None, kind
        assert root.get("aria-labelledby") == title.get("id")
        assert root.get("aria-describedby") == desc.get("id")
        assert title.text == fig.title and desc.text == fig.alt
        assert skin in fig.alt, (kind, skin)
        assert fig.caption and fig.title
        for el in root.iter(f"{SVG}text"):
            family = el.get("font-family") or root.get("font-family")
            assert family == "sans-serif"
        assert "http://" not in fig.svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "<image" not in fig.svg and "@import" not in fig.svg
        seen += 1
    assert seen == 3 * (2 + len(t.conditions))


def test_figures_differ_by_skin_tone(t):
    svgs = {skin: figures.size_scale(skin, tables=t).svg for skin in figures.SKIN_TONES}
    assert len(set(svgs.values())) == 3
    for skin in figures.SKIN_TONES:
        assert figures.TONES[skin]["skin"] in svgs[skin]


def test_dark_skin_spots_are_darker_than_the_skin():
    def luminance(colour: str) -> float:
        r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for skin, tone in figures.TONES.items():
        for key in ("redness", "petechia", "purpura"):
            assert luminance(tone[key]) < luminance(tone["skin"]), (skin, key)


def test_repr_is_short_and_stable(t):
    fig = figures.size_scale("light", tables=t)
    assert repr(fig) == "Figure('Size scale', skin='light')"
    assert repr(figures.glass_test("dark")) == "Figure('The glass test', skin='dark')"
    assert " at 0x" not in repr(figures.body_map("petechiae", tables=t))
    assert not hasattr(fig, "_repr_svg_")


def test_repr_html(t):
    fig = figures.glass_test("medium", tables=t)
    out = fig._repr_html_()
    assert out.startswith('<figure class="redspots-figure">')
    assert out.endswith("</figcaption></figure>")
    assert fig.svg in out
    assert "<figcaption>" in out


def test_figure_is_frozen(t):
    fig = figures.glass_test(tables=t)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fig.title = "x"


# --- size scale ----------------------------------------------------------------------------------

SIZES = {"petechia": 1.0, "purpura": 5.0, "ecchymosis": 12.0, "cherry_angioma": 3.0, "keratosis_pilaris": 1.5}


@pytest.mark.parametrize("skin", figures.SKIN_TONES)
def test_size_scale_spots_are_drawn_to_scale(t, skin):
    root = ET.fromstring(figures.size_scale(skin, tables=t).svg)
    spots = {c.get("data-spot"): float(c.get("r")) for c in root.iter(f"{SVG}circle") if c.get("data-spot")}
    assert set(spots) == set(SIZES)
    per_mm = {kind: spots[kind] / SIZES[kind] for kind in SIZES}
    assert max(per_mm.values()) - min(per_mm.values()) < 1e-6, per_mm
    # The ruler uses the same scale: ticks a diameter (2 r) per mm apart.
    assert per_mm["petechia"] * 2 == pytest.approx(figures.PX_PER_MM)


def test_size_scale_ruler_covers_0_to_12_mm(t):
    root = ET.fromstring(figures.size_scale(tables=t).svg)
    ruler = root.find(".//svg:g[@data-part='ruler']", NS)
    numbers = [int(s) for s in _texts(ruler) if s.isdigit()]
    assert numbers[0] == 0 and numbers[-1] >= 12
    assert numbers == list(range(0, numbers[-1] + 1, 2))
    ticks = ruler.findall("svg:path", NS)
    assert len(ticks) == numbers[-1] + 1  # one per mm


def test_size_scale_labels_every_spot(t):
    texts = " ".join(_texts(ET.fromstring(figures.size_scale(tables=t).svg)))
    for words in ("petechia · 1 mm", "purpura · 5 mm", "ecchymosis (bruise) · 12 mm", "cherry angioma · 3 mm",
                  "keratosis pilaris bump · 1.5 mm", "raised dome"):
        assert words in texts


def test_size_scale_bands_come_from_the_tables(t):
    root = ET.fromstring(figures.size_scale(tables=t).svg)
    bands = root.findall(".//svg:g[@data-band]", NS)
    assert [b.get("data-band") for b in bands] == [term.lower() for term in t.size_scale.term]
    labels = [" ".join(_texts(b)) for b in bands]
    # written from safety.yaml's bands: "< max" from 0, "min–max" between, "> min" with no upper limit
    written = []
    for band in read("safety.yaml")["size_scale"]:
        low, high = band["min_mm"], band.get("max_mm")
        limits = f"< {high:g} mm" if low == 0 else f"> {low:g} mm" if high is None else f"{low:g}–{high:g} mm"
        written.append(f"{band['term'].lower()} {limits}")
    assert labels == written

    # Change the content and the picture follows.
    changed = t.size_scale.copy()
    changed.loc[0, "max_mm"] = 3.0
    changed.loc[1, "min_mm"] = 3.0
    changed.loc[0, "term"] = "Pinpoints"
    fake = dataclasses.replace(t, size_scale=changed)
    fig = figures.size_scale("medium", tables=fake)
    labels = [" ".join(_texts(b)) for b in ET.fromstring(fig.svg).findall(".//svg:g[@data-band]", NS)]
    assert labels[:2] == ["pinpoints < 3 mm", "purpura 3–10 mm"]
    assert "pinpoints < 3 mm" in fig.alt and "pinpoints < 3 mm" in fig.caption


# --- body map ------------------------------------------------------------------------------------

@pytest.mark.parametrize("condition, skin", list(itertools.product(
    ["petechiae", "cherry_angioma", "keratosis_pilaris", "leukocytoclastic_vasculitis", "rheumatic_fever"],
    figures.SKIN_TONES)))
def test_body_map_lists_and_marks_every_region(t, condition, skin):
    if condition not in t.conditions.index:
        pytest.skip(f"{condition} not in the content")
    fig = figures.body_map(condition, skin, tables=t)
    regions = t.conditions.at[condition, "body_regions"]
    assert regions, "the shipped conditions all name regions"
    root = ET.fromstring(fig.svg)
    texts = _texts(root)
    listed = {el.get("data-region") for el in root.findall(".//svg:g[@data-part='labels']/svg:text", NS)}
    marked = {el.get("data-region") for el in root.findall(".//svg:g[@data-region]", NS)}
    for region in regions:
        words = figures.REGION_WORDS[region]
        assert any(words in text for text in texts), region
        assert words in fig.alt and words in fig.caption
        assert region in listed and region in marked
    assert t.conditions.at[condition, "name"] in fig.title
    assert {g.get("data-view") for g in root.findall(".//svg:g[@data-view]", NS)} == {"front", "back"}


def test_body_map_with_no_regions_says_so(t):
    conditions = t.conditions.copy()
    conditions["body_regions"] = conditions["body_regions"].astype(object)
    conditions.at["petechiae", "body_regions"] = ()
    fig = figures.body_map("petechiae", tables=dataclasses.replace(t, conditions=conditions))
    assert "no typical regions" in fig.caption
    root = ET.fromstring(fig.svg)
    assert root.findall(".//svg:g[@data-region]", NS) == []
    assert root.findall(".//svg:g[@data-view]", NS)  # the outline is still drawn


def test_body_map_unknown_condition(t):
    with pytest.raises(rs.UnknownIdError) as err:
        figures.body_map("petechia", tables=t)
    assert "petechiae" in str(err.value)


def test_body_map_escapes_hostile_text(t):
    conditions = t.conditions.copy()
    conditions.loc["petechiae", "name"] = "<script>alert(1)</script>"
    fake = dataclasses.replace(t, conditions=conditions)
    fig = figures.body_map("petechiae", "dark", tables=fake)
    out = fig._repr_html_()
    assert "&lt;script&gt;" in out
    assert "<script" not in out
    ET.fromstring(fig.svg)  # still well-formed
    assert ET.fromstring(fig.svg).find("svg:title", NS).text == "Where <script>alert(1)</script> usually appears"


# --- glass test ----------------------------------------------------------------------------------

@pytest.mark.parametrize("skin", figures.SKIN_TONES)
def test_glass_test_panels_and_caption(t, skin):
    fig = figures.glass_test(skin, tables=t)
    root = ET.fromstring(fig.svg)
    texts = _texts(root)
    assert "Fades under pressure (blanching)" in texts
    assert "Does not fade (non-blanching)" in texts
    dots = root.find(".//svg:g[@data-part='dots']", NS)
    assert len(dots.findall("svg:circle", NS)) >= 20
    assert root.find(".//svg:g[@data-part='blanched']", NS) is not None
    for number in ("999", "112", "911"):             # whatever the wording, the caption gives the numbers to call
        assert number in fig.caption
    # the caption is the safety statements, by id: how to do it, when to get help, what it cannot do
    assert fig.caption == "The glass test. " + " ".join(said(i) for i in ("glass_how_to", "get_help_now",
                                                                             "glass_test_limits"))
    assert fig.svg == figures.glass_test(skin, tables=t).svg  # the same dots every time


# --- skin tones ----------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda skin: figures.size_scale(skin),
    lambda skin: figures.glass_test(skin),
    lambda skin: figures.body_map("petechiae", skin),
])
def test_bad_skin_tone(make):
    with pytest.raises(ValueError) as err:
        make("olive")
    message = str(err.value)
    assert "'olive'" in message
    assert all(tone in message for tone in figures.SKIN_TONES)
