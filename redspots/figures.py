"""Schematic teaching pictures, drawn in code as inline SVG, on three skin tones.

Each function returns a :class:`Figure`: the SVG text, its alt text, a caption and a title.
In Jupyter a Figure shows itself (``_repr_html_``). The pictures are schematics for
teaching; they are not photographs and cannot be used to diagnose anything.

Colour is never the only signal: every spot, region and panel also has a text label.
On darker skin, redness and bleeding spots look purple, dark brown or darker than the
surrounding skin rather than bright red, and the colours below follow that.

>>> from redspots import figures
>>> figures.SKIN_TONES
('light', 'medium', 'dark')
>>> figures.glass_test("medium")
Figure('The glass test', skin='medium')
"""
from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass

from .content import Tables, shared
from .query import _ids

#: Colours per skin tone. ``skin`` is the base; ``redness`` is blanching redness (a flush);
#: ``petechia``/``purpura``/``angioma`` are the spot colours; ``ink`` is text drawn on the skin;
#: ``mark``/``mark_ring``/``mark_edge`` paint the dots and dashed edges that mark body regions; the ``*_words`` say the colours in words.
TONES = {
    "light": {
        "skin": "#f2d3bd", "shade": "#dcb49a", "outline": "#8a6552", "ink": "#1d1d1d",
        "redness": "#e2656c", "petechia": "#b01530", "purpura": "#7c2156", "angioma": "#d3123b",
        "plug": "#4b3326", "mark": "#a3122c", "mark_ring": "none", "mark_edge": "#a3122c",
        "redness_words": "pink-red", "spot_words": "red to purple",
    },
    "medium": {
        "skin": "#c58b5e", "shade": "#ad744a", "outline": "#5e3d25", "ink": "#1d1d1d",
        "redness": "#9e3f3f", "petechia": "#661527", "purpura": "#4f1738", "angioma": "#95102d",
        "plug": "#2e1d12", "mark": "#5c0f22", "mark_ring": "none", "mark_edge": "#5c0f22",
        "redness_words": "red-brown", "spot_words": "dark red to purple",
    },
    "dark": {
        "skin": "#5f3b27", "shade": "#4c2e1e", "outline": "#2a190f", "ink": "#fbf3ea",
        "redness": "#3f1e25", "petechia": "#1f070d", "purpura": "#260a1f", "angioma": "#3c0718",
        "plug": "#140b06", "mark": "#1a050b", "mark_ring": "#f4e3d6", "mark_edge": "#f4e3d6",
        "redness_words": "purple to dark brown, darker than the surrounding skin",
        "spot_words": "purple, dark brown or almost black, darker than the surrounding skin",
    },
}
SKIN_TONES = tuple(TONES)

FONT = "sans-serif"
TEXT = "#1d1d1d"          # text on the white background of every figure
GLASS = "#5d93b8"         # the rim of the glass
RULER_MM = 24             # the ruler runs 0..RULER_MM mm
PX_PER_MM = 20.0          # one scale for the ruler and every spot

#: The spots on the size scale: (id, label, size in mm, short note).
SPOTS = (
    ("petechia", "petechia", 1.0, "pinpoint and flat"),
    ("keratosis_pilaris", "keratosis pilaris bump", 1.5, "skin-coloured, rough, dark plug"),
    ("cherry_angioma", "cherry angioma", 3.0, "raised dome (see the shine)"),
    ("purpura", "purpura", 5.0, "a larger bleeding spot"),
    ("ecchymosis", "ecchymosis (bruise)", 12.0, "runs past the edge"),
)

#: Body regions in words.
REGION_WORDS = {
    "scalp": "scalp", "face": "face", "mouth": "mouth", "eyelids": "eyelids", "neck": "neck",
    "chest": "chest", "abdomen": "abdomen (tummy)", "back": "back", "upper_arms": "upper arms",
    "forearms": "forearms", "hands": "hands", "buttocks": "buttocks", "thighs": "thighs",
    "lower_legs": "lower legs", "feet": "feet",
}


@dataclass(frozen=True)
class Figure:
    """A picture: ``svg`` (inline SVG text), ``alt`` (what it shows, in words), ``caption``, ``title``."""

    svg: str
    alt: str
    caption: str
    title: str
    skin: str = ""

    def __repr__(self) -> str:
        skin = f", skin={self.skin!r}" if self.skin else ""
        return f"Figure({self.title!r}{skin})"

    def _repr_html_(self) -> str:
        return (f'<figure class="redspots-figure">{self.svg}'
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")


# --- small SVG helpers -------------------------------------------------------------------------

def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        text = _num(value) if isinstance(value, float) else str(value)
        out.append(f' {name}="{html.escape(text)}"')
    return "".join(out)


def _el(tag: str, content: str | None = None, **attrs) -> str:
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def _circle(cx, cy, r, **attrs) -> str:
    return _el("circle", cx=float(cx), cy=float(cy), r=float(r), **attrs)


def _ellipse(cx, cy, rx, ry, **attrs) -> str:
    return _el("ellipse", cx=float(cx), cy=float(cy), rx=float(rx), ry=float(ry), **attrs)


def _rect(x, y, w, h, **attrs) -> str:
    return _el("rect", x=float(x), y=float(y), width=float(w), height=float(h), **attrs)


def _path(d: str, **attrs) -> str:
    return _el("path", d=d, **attrs)


def _text(x, y, text: str, size: int = 16, **attrs) -> str:
    attrs.setdefault("fill", TEXT)
    return _el("text", html.escape(text), x=float(x), y=float(y), font_size=size, **attrs)


def _lines(x, y, lines, sizes=(17, 15), gap: int = 20, **attrs) -> str:
    """One <text> of several lines (tspans); the first line bold, the rest in the second size."""
    attrs.setdefault("fill", TEXT)
    spans = []
    for i, line in enumerate(lines):
        size = sizes[0] if i == 0 else sizes[-1]
        spans.append(_el("tspan", html.escape(line), x=float(x), dy=0 if i == 0 else gap, font_size=size,
                         font_weight="bold" if i == 0 else None))
    return _el("text", "".join(spans), x=float(x), y=float(y), **attrs)


def _svg(prefix: str, width: int, height: int, title: str, alt: str, body: str) -> str:
    """The root element: role=img, labelled by <title>, described by <desc>, on a white card."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;height:auto;display:block" role="img" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" font-family="{FONT}">'
        f'<title id="{prefix}-title">{html.escape(title)}</title>'
        f'<desc id="{prefix}-desc">{html.escape(alt)}</desc>'
        + _rect(0, 0, width, height, rx=12, fill="#ffffff")
        + body + "</svg>"
    )


def _tone(skin: str) -> dict:
    if skin not in TONES:
        raise ValueError(f"unknown skin tone {skin!r}; choose one of: {', '.join(SKIN_TONES)}")
    return TONES[skin]


def _prefix(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", "-".join(("rs", *parts)))


# --- size scale --------------------------------------------------------------------------------

def _band_label(term: str, low: float, high: float) -> tuple[str, str]:
    """A size band in words, e.g. ('purpura', '2–10 mm'); an infinite upper limit reads '> low'."""
    if high == float("inf"):
        limits = f"> {_num(low)} mm"
    elif low <= 0:
        limits = f"< {_num(high)} mm"
    else:
        limits = f"{_num(low)}–{_num(high)} mm"
    return term.lower(), limits


def _spot(kind: str, cx: float, cy: float, size_mm: float, tone: dict, prefix: str) -> str:
    """One spot at true size; the main circle carries data-spot and data-size-mm."""
    r = size_mm * PX_PER_MM / 2
    data = {"data_spot": kind, "data_size_mm": _num(size_mm)}
    if kind == "petechia":
        return _circle(cx, cy, r, fill=tone["petechia"], **data)
    if kind == "purpura":
        return _circle(cx, cy, r, fill=tone["purpura"], fill_opacity=0.92, **data)
    if kind == "ecchymosis":
        return _circle(cx, cy, r, fill=f"url(#{prefix}-bruise)", **data)
    if kind == "cherry_angioma":
        return (_ellipse(cx + r * 0.12, cy + r * 0.9, r * 0.85, r * 0.22, fill="#000000", fill_opacity=0.18)
                + _circle(cx, cy, r, fill=f"url(#{prefix}-dome)", **data)
                + _ellipse(cx - r * 0.35, cy - r * 0.4, r * 0.32, r * 0.2, fill="#ffffff", fill_opacity=0.75,
                           transform=f"rotate(-35 {_num(cx - r * 0.35)} {_num(cy - r * 0.4)})"))
    if kind == "keratosis_pilaris":
        return (_circle(cx, cy, r, fill=tone["shade"], stroke=tone["outline"], stroke_width=1.5,
                        stroke_dasharray="2 1.5", **data)
                + _circle(cx, cy, r * 0.3, fill=tone["plug"])
                + "".join(_circle(cx + dx * r, cy + dy * r, 1.1, fill=tone["outline"], fill_opacity=0.7)
                          for dx, dy in ((-0.55, -0.3), (0.5, -0.45), (0.45, 0.5), (-0.35, 0.55))))
    raise ValueError(f"unknown spot kind {kind!r}")


def size_scale(skin: str = "light", *, tables: Tables | None = None) -> Figure:
    """Spot sizes at true relative size beside a millimetre ruler, with the size bands of the content.

    A petechia (1 mm), a keratosis pilaris bump (1.5 mm), a cherry angioma (3 mm), purpura (5 mm)
    and an ecchymosis (12 mm) share one scale with the ruler. The brackets under the ruler are
    the bands in ``t.size_scale`` (term, min_mm, max_mm).

    >>> from redspots import figures
    >>> fig = figures.size_scale("dark")
    >>> "dark" in fig.alt
    True
    >>> fig
    Figure('Size scale', skin='dark')
    """
    tone = _tone(skin)
    t = tables if tables is not None else shared()
    prefix = _prefix("size-scale", skin)
    width, height = 720, 500
    patch = (10, 10, 700, 480)
    defs = (
        _el("clipPath", _rect(*patch, rx=14), id=f"{prefix}-patch")
        + _el("radialGradient",
              _el("stop", offset="0", stop_color=tone["purpura"], stop_opacity=0.95)
              + _el("stop", offset="0.6", stop_color=tone["purpura"], stop_opacity=0.8)
              + _el("stop", offset="0.85", stop_color=tone["redness"], stop_opacity=0.55)
              + _el("stop", offset="1", stop_color=tone["redness"], stop_opacity=0.25),
              id=f"{prefix}-bruise")
        + _el("radialGradient",
              _el("stop", offset="0", stop_color=tone["angioma"]) + _el("stop", offset="1", stop_color=tone["purpura"]),
              id=f"{prefix}-dome", cx="0.4", cy="0.35", r="0.7")
    )
    body = [_el("defs", defs), _rect(*patch, rx=14, fill=tone["skin"])]

    # The small spots in a column on the left, labelled on their right; the bruise on the right.
    spots, labels = [], []
    y = 30.0
    label_x = 150
    for kind, name, size_mm, note in SPOTS:
        r = size_mm * PX_PER_MM / 2
        if kind == "ecchymosis":
            cx, cy = 620, 170
            spots.append(_spot(kind, cx, cy, size_mm, tone, prefix))
            labels.append(_lines(575, cy + r + 30, [f"{name} · {_num(size_mm)} mm", note], fill=tone["ink"],
                                 text_anchor="middle"))
            continue
        row = max(2 * r, 42)
        cy = y + row / 2
        spots.append(_spot(kind, 80, cy, size_mm, tone, prefix))
        labels.append(_lines(label_x, cy - 3, [f"{name} · {_num(size_mm)} mm", note], fill=tone["ink"]))
        y += row + 16
    body.append(_el("g", "".join(spots), clip_path=f"url(#{prefix}-patch)"))
    body.extend(labels)

    # The ruler: a pale strip with a tick every mm and a number every 2 mm.
    x0, top = 40.0, 364.0
    end = x0 + RULER_MM * PX_PER_MM
    ruler = [_rect(x0 - 14, top, end - x0 + 66, 46, rx=4, fill="#fbf7ea", stroke="#8f8670", stroke_width=1.5)]
    for mm in range(RULER_MM + 1):
        x = x0 + mm * PX_PER_MM
        ruler.append(_path(f"M{_num(x)},{_num(top)}V{_num(top + (16 if mm % 2 == 0 else 9))}",
                           stroke="#222222", stroke_width=1.5 if mm % 2 == 0 else 1))
        if mm % 2 == 0:
            ruler.append(_text(x, top + 36, str(mm), 15, text_anchor="middle", fill="#222222"))
    ruler.append(_text(end + 18, top + 36, "mm", 15, fill="#222222"))
    body.append(_el("g", "".join(ruler), data_part="ruler"))

    # The size bands from the content, as brackets under the ruler.
    bands = []
    band_top = top + 54
    for row in t.size_scale.itertuples():
        low, high = float(row.min_mm), float(row.max_mm)
        xa = x0 + max(low, 0) * PX_PER_MM
        open_ended = high == float("inf") or high > RULER_MM
        xb = end if open_ended else x0 + high * PX_PER_MM
        ink = tone["ink"]
        if open_ended:
            d = f"M{_num(xa + 2)},{_num(band_top)}V{_num(band_top + 8)}H{_num(xb + 10)}"
            arrow = _path(f"M{_num(xb + 18)},{_num(band_top + 8)}l-10,-5v10z", fill=ink)
        else:
            d = f"M{_num(xa + 2)},{_num(band_top)}V{_num(band_top + 8)}H{_num(xb - 2)}V{_num(band_top)}"
            arrow = ""
        term, limits = _band_label(row.term, low, high)
        bands.append(_el("g", _path(d, fill="none", stroke=ink, stroke_width=2) + arrow
                         + _lines((xa + min(xb, end)) / 2, band_top + 28, [term, limits], sizes=(16, 15), gap=18,
                                  fill=ink, text_anchor="middle"),
                         data_band=term, data_min_mm=_num(low), data_max_mm=str(high)))
    body.append(_el("g", "".join(bands), data_part="bands"))

    band_words = ", ".join(" ".join(_band_label(r.term, float(r.min_mm), float(r.max_mm)))
                           for r in t.size_scale.itertuples())
    spot_words = ", ".join(f"{name} {_num(size)} mm" for _, name, size, _ in SPOTS)
    alt = (f"Size scale on {skin} skin. A millimetre ruler from 0 to {RULER_MM} mm, with spots drawn to the same "
           f"scale: {spot_words}. The petechia, purpura and bruise are {tone['spot_words']}; the cherry angioma "
           f"is a raised dome with a shine; the keratosis pilaris bump is skin-coloured and rough with a small "
           f"dark plug; the bruise is so large it runs past the edge of the picture. Brackets under the ruler "
           f"mark the size bands: {band_words}.")
    caption = (f"Spot sizes on {skin} skin, all drawn to one (enlarged) scale with the ruler. Bleeding spots are "
               f"named by size: {band_words}. Cherry angiomas and keratosis pilaris bumps are not bleeding "
               f"spots; they are shown for size. Colour is a guide only: on darker skin, spots can look purple, "
               f"brown or black.")
    return Figure(_svg(prefix, width, height, "Size scale", alt, "".join(body)), alt, caption, "Size scale", skin)


# --- body map ----------------------------------------------------------------------------------

#: Half-width of the torso at a few heights (y from the top of the figure).
_TORSO = ((122, 38), (134, 58), (160, 55), (230, 45), (272, 50), (300, 50))


def _torso(cx: float, y0: float, y1: float) -> str:
    """The torso between heights y0 and y1, as a closed path following _TORSO."""
    ys = [y0] + [y for y, _ in _TORSO if y0 < y < y1] + [y1]

    def half(y):
        for (ya, wa), (yb, wb) in zip(_TORSO, _TORSO[1:]):
            if ya <= y <= yb:
                return wa + (wb - wa) * (y - ya) / (yb - ya)
        return _TORSO[-1][1]

    left = [f"{_num(cx - half(y))},{_num(y)}" for y in ys]
    right = [f"{_num(cx + half(y))},{_num(y)}" for y in reversed(ys)]
    return "M" + "L".join(left + right) + "Z"


def _capsule(x1, y1, x2, y2, r) -> str:
    """A rounded limb: a stadium shape from (x1, y1) to (x2, y2) with radius r."""
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length * r, dx / length * r
    p = [(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)]
    f = [f"{_num(x)},{_num(y)}" for x, y in p]
    return f"M{f[0]}L{f[1]}A{_num(r)},{_num(r)} 0 0 0 {f[2]}L{f[3]}A{_num(r)},{_num(r)} 0 0 0 {f[0]}Z"


def _shapes(cx: float, view: str) -> dict[str, list[str]]:
    """Shapes (as SVG elements without paint) of every body part, by region, for one view."""
    def limbs(fn):
        return [fn(-1), fn(1)]

    parts = {
        "head": [f'<ellipse cx="{_num(cx)}" cy="70" rx="30" ry="36"/>'],
        "ears": limbs(lambda s: f'<ellipse cx="{_num(cx + s * 30)}" cy="72" rx="6" ry="10"/>'),
        "neck": [f'<rect x="{_num(cx - 13)}" y="98" width="26" height="30"/>'],
        "torso": [f'<path d="{_torso(cx, 122, 300)}"/>'],
        "upper_arms": limbs(lambda s: f'<path d="{_capsule(cx + s * 60, 146, cx + s * 72, 222, 13)}"/>'),
        "forearms": limbs(lambda s: f'<path d="{_capsule(cx + s * 72, 222, cx + s * 80, 296, 11)}"/>'),
        "hands": limbs(lambda s: f'<ellipse cx="{_num(cx + s * 82)}" cy="316" rx="11" ry="17"/>'),
        "thighs": limbs(lambda s: f'<path d="{_capsule(cx + s * 25, 298, cx + s * 27, 398, 23)}"/>'),
        "lower_legs": limbs(lambda s: f'<path d="{_capsule(cx + s * 27, 398, cx + s * 26, 484, 16)}"/>'),
        "feet": limbs(lambda s: f'<ellipse cx="{_num(cx + s * 31)}" cy="500" rx="18" ry="10"/>'),
    }
    regions = {k: parts[k] for k in ("neck", "upper_arms", "forearms", "hands", "thighs", "lower_legs", "feet")}
    if view == "front":
        regions["scalp"] = [f'<path d="M{_num(cx - 30)},70A30,36 0 0 1 {_num(cx + 30)},70'
                            f'C{_num(cx + 24)},50 {_num(cx - 24)},50 {_num(cx - 30)},70Z"/>']
        regions["face"] = [f'<ellipse cx="{_num(cx)}" cy="80" rx="23" ry="24"/>']
        regions["eyelids"] = limbs(lambda s: f'<ellipse cx="{_num(cx + s * 10)}" cy="73" rx="7" ry="4"/>')
        regions["mouth"] = [f'<ellipse cx="{_num(cx)}" cy="91" rx="9" ry="4.5"/>']
        regions["chest"] = [f'<path d="{_torso(cx, 122, 212)}"/>']
        regions["abdomen"] = [f'<path d="{_torso(cx, 212, 292)}"/>']
    else:
        regions["scalp"] = parts["head"]
        regions["back"] = [f'<path d="{_torso(cx, 122, 270)}"/>']
        regions["buttocks"] = limbs(lambda s: f'<ellipse cx="{_num(cx + s * 22)}" cy="292" rx="24" ry="23"/>')
    return {"parts": [s for group in parts.values() for s in group], **regions}


def _paint(shapes: list[str], **attrs) -> str:
    return _el("g", "".join(shapes), **attrs)


def _body(cx: float, view: str, marked: set[str], tone: dict, prefix: str) -> str:
    shapes = _shapes(cx, view)
    out = [
        # Outline first, thick, then the fill on top: one clean silhouette without inner seams.
        _paint(shapes["parts"], fill=tone["outline"], stroke=tone["outline"], stroke_width=5, stroke_linejoin="round"),
        _paint(shapes["parts"], fill=tone["skin"]),
    ]
    for region in REGION_WORDS:
        if region in marked and region in shapes:
            small = region in ("eyelids", "mouth")
            out.append(_paint(shapes[region], fill=tone["mark"] if small else f"url(#{prefix}-dots)",
                              stroke=tone["mark_edge"], stroke_width=1.6, stroke_dasharray=None if small else "4 3",
                              data_region=region))
    line = {"fill": "none", "stroke": tone["outline"], "stroke_width": 2, "stroke_linecap": "round"}
    if view == "front":
        out.append(_circle(cx - 10, 74, 2.4, fill=tone["outline"]) + _circle(cx + 10, 74, 2.4, fill=tone["outline"])
                   + _path(f"M{_num(cx - 7)},89Q{_num(cx)},95 {_num(cx + 7)},89", **line))
    else:
        out.append(_path(f"M{_num(cx)},276V304", **line))
    out.append(_text(cx, 540, "Front" if view == "front" else "Back", 17, text_anchor="middle", font_weight="bold"))
    return _el("g", "".join(out), data_view=view)


def body_map(condition_id: str, skin: str = "light", *, tables: Tables | None = None) -> Figure:
    """Front and back outlines with the typical places of one condition dotted and listed.

    The regions come from ``t.conditions.loc[condition_id, "body_regions"]``; each is also
    written as a text label beside the outlines. Unknown ids raise :class:`UnknownIdError`.

    >>> from redspots import figures
    >>> fig = figures.body_map("keratosis_pilaris", "medium")
    >>> fig.title
    'Where Keratosis pilaris usually appears'
    >>> "medium" in fig.alt and "upper arms" in fig.alt
    True
    """
    tone = _tone(skin)
    t = tables if tables is not None else shared()
    cid = _ids(condition_id, t.conditions.index, "condition")[0]
    name = str(t.conditions.at[cid, "name"])
    regions = [r for r in t.conditions.at[cid, "body_regions"]]
    words = [REGION_WORDS.get(r, r.replace("_", " ")) for r in regions]
    prefix = _prefix("body-map", cid, skin)
    width, height = 720, 560

    ring = tone["mark_ring"]
    dots = (_circle(2.5, 2.5, 1.8, fill=tone["mark"], stroke=ring, stroke_width=0.8 if ring != "none" else None)
            + _circle(7, 7, 1.8, fill=tone["mark"], stroke=ring, stroke_width=0.8 if ring != "none" else None))
    body = [_el("defs", _el("pattern", dots, id=f"{prefix}-dots", width=9, height=9, patternUnits="userSpaceOnUse"))]
    marked = set(regions)
    body.append(_body(140, "front", marked, tone, prefix))
    body.append(_body(350, "back", marked, tone, prefix))

    # The same places as text, beside the outlines.
    x = 480
    side = [_text(x, 60, "Typical places", 18, font_weight="bold")]
    if regions:
        side.append(_rect(x, 76, 30, 20, fill=tone["skin"], stroke=tone["outline"])
                    + _rect(x, 76, 30, 20, fill=f"url(#{prefix}-dots)", stroke=tone["mark_edge"], stroke_dasharray="4 3"))
        side.append(_text(x + 40, 91, "dots mark these places", 15))
        for i, (region, word) in enumerate(zip(regions, words)):
            side.append(_text(x + 4, 130 + i * 26, f"• {word}", 16, data_region=region))
    else:
        side.append(_lines(x, 92, ["None given", "the content lists no", "typical places"], sizes=(16, 15)))
    body.append(_el("g", "".join(side), data_part="labels"))

    title = f"Where {name} usually appears"
    where = ", ".join(words)
    if regions:
        alt = (f"Body map on {skin} skin: simple front and back outlines of a person, filled with {skin} skin. "
               f"Dots mark where {name} typically appears: {where}. The same places are listed as text "
               f"beside the outlines.")
        caption = (f"Where {name} typically appears ({where}), shown on {skin} skin. Spots can appear elsewhere "
                   f"too; this is a teaching picture, not a way to diagnose.")
    else:
        alt = (f"Body map on {skin} skin: simple front and back outlines of a person, filled with {skin} skin, "
               f"with no places marked, because the content gives no typical regions for {name}.")
        caption = (f"The content gives no typical regions for {name}, so nothing is marked ({skin} skin). "
                   f"This is a teaching picture, not a way to diagnose.")
    return Figure(_svg(prefix, width, height, title, alt, "".join(body)), alt, caption, title, skin)


# --- glass test --------------------------------------------------------------------------------

def _glass(cx: float, cy: float, r: float) -> str:
    """The rim of a clear glass seen from above, with a shine and a small label."""
    return (_circle(cx, cy, r, fill="none", stroke=GLASS, stroke_width=6, stroke_opacity=0.95)
            + _circle(cx, cy, r - 7, fill="none", stroke="#ffffff", stroke_width=1.5, stroke_opacity=0.6)
            + _path(f"M{_num(cx - r * 0.62)},{_num(cy - r * 0.45)}A{_num(r * 0.78)},{_num(r * 0.78)} 0 0 1 "
                    f"{_num(cx - r * 0.1)},{_num(cy - r * 0.76)}",
                    fill="none", stroke="#ffffff", stroke_width=5, stroke_linecap="round", stroke_opacity=0.7)
            + _rect(cx + r * 0.55, cy - r - 24, 52, 22, rx=11, fill="#ffffff", fill_opacity=0.9, stroke=GLASS)
            + _text(cx + r * 0.55 + 26, cy - r - 8, "glass", 15, text_anchor="middle"))


def _panel(centre_x: float, heading: str, parts: list[str], caption: str, name: str) -> str:
    """One panel of the glass test: a bold heading, the drawing, a caption underneath."""
    return _el("g", _text(centre_x, 36, heading, 17, text_anchor="middle", font_weight="bold")
               + "".join(parts) + _text(centre_x, 346, caption, 15, text_anchor="middle"), data_panel=name)


def glass_test(skin: str = "light", *, tables: Tables | None = None) -> Figure:
    """Two panels: redness that fades under a pressed glass, and pinpoint spots that do not.

    ``tables`` is accepted for the same signature as the other figures; the picture and its
    caption do not depend on the content.

    >>> from redspots import figures
    >>> fig = figures.glass_test("dark")
    >>> "dark" in fig.alt and "emergency" in fig.caption
    True
    """
    tone = _tone(skin)
    prefix = _prefix("glass-test", skin)
    width, height = 720, 400
    r = 78
    panels = {"fades": (20, 52, 330, 270), "stays": (370, 52, 330, 270)}
    defs = "".join(_el("clipPath", _rect(*box, rx=12), id=f"{prefix}-{key}") for key, box in panels.items())
    left_cx, right_cx, cy = 185, 535, 187
    defs += _el("clipPath", _circle(left_cx, cy, r), id=f"{prefix}-lens")
    defs += _el("filter", _el("feGaussianBlur", stdDeviation=7), id=f"{prefix}-soft", x="-20%", y="-20%",
                width="140%", height="140%")
    body = [_el("defs", defs)]

    # Left: a flush of redness; inside the glass it turns pale (blanches).
    x, y, w, h = panels["fades"]
    patch = "".join(_ellipse(left_cx + dx, cy + dy, rx, ry, fill=tone["redness"])
                    for dx, dy, rx, ry in ((0, 0, 120, 82), (-40, -20, 70, 50), (45, 25, 75, 55), (20, -35, 60, 40),
                                           (-30, 40, 60, 35)))
    left = [_rect(x, y, w, h, rx=12, fill=tone["skin"]),
            _el("g", _el("g", patch, opacity=0.75, filter=f"url(#{prefix}-soft)"), clip_path=f"url(#{prefix}-fades)"),
            _el("g", _circle(left_cx, cy, r, fill=tone["skin"], fill_opacity=0.82)
                + _circle(left_cx, cy, r, fill="#ffffff", fill_opacity=0.08), clip_path=f"url(#{prefix}-lens)",
                data_part="blanched"),
            _glass(left_cx, cy, r)]
    body.append(_panel(x + w / 2, "Fades under pressure (blanching)", left,
                       "the redness turns paler inside the glass", "blanching"))

    # Right: pinpoint dots, as visible inside the glass as outside.
    x, y, w, h = panels["stays"]
    rng = random.Random(7)  # a private generator: the same dots every time
    dots = []
    for _ in range(70):
        dx, dy = rng.uniform(-140, 140), rng.uniform(-110, 110)
        if (dx / 150) ** 2 + (dy / 118) ** 2 <= 1:
            dots.append(_circle(right_cx + dx, cy + dy, rng.uniform(2.6, 4.2), fill=tone["petechia"]))
    right = [_rect(x, y, w, h, rx=12, fill=tone["skin"]),
             _circle(right_cx, cy, r, fill="#ffffff", fill_opacity=0.08),
             _el("g", "".join(dots), clip_path=f"url(#{prefix}-stays)", data_part="dots"),
             _glass(right_cx, cy, r)]
    body.append(_panel(x + w / 2, "Does not fade (non-blanching)", right,
                       "the dots stay visible through the glass", "non-blanching"))
    body.append(_text(width / 2, 384, "Non-blanching spots with fever, in a child, or in someone unwell: "
                                      "call 999 / 112 / 911 now.", 15, text_anchor="middle", font_weight="bold",
                      fill="#a00000"))

    title = "The glass test"
    alt = (f"The glass test on {skin} skin, in two panels. Left, 'Fades under pressure (blanching)': a "
           f"{tone['redness_words']} patch of redness with a clear glass pressed on it; inside the glass circle "
           f"the patch turns paler. Right, 'Does not fade (non-blanching)': scattered pinpoint dots, "
           f"{tone['spot_words']}, that stay clearly visible inside the glass circle. A line underneath says: "
           f"non-blanching spots with fever, in a child, or in someone unwell: call 999, 112 or 911 now.")
    caption = ("The glass test: press the side of a clear glass firmly on the spots and look through it. Redness "
               "that fades is blanching; spots that can still be seen are non-blanching (blood in the skin). "
               "A non-blanching rash with a fever, in a baby or child, or in someone who seems unwell is an "
               "emergency: call 999 (UK), 112 (Europe) or 911 (US) now. The test cannot rule out serious "
               "illness: early on a rash may still fade, or there may be no rash at all.")
    return Figure(_svg(prefix, width, height, title, alt, "".join(body)), alt, caption, title, skin)
