"""What every picture shares: the Figure, the skin tones and colours, and small SVG helpers."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

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

def number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attrs(attrs: dict) -> str:
    out = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        text = number(value) if isinstance(value, float) else str(value)
        out.append(f' {name}="{html.escape(text)}"')
    return "".join(out)


def element(tag: str, content: str | None = None, **attrs) -> str:
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def circle(cx, cy, r, **attrs) -> str:
    return element("circle", cx=float(cx), cy=float(cy), r=float(r), **attrs)


def ellipse(cx, cy, rx, ry, **attrs) -> str:
    return element("ellipse", cx=float(cx), cy=float(cy), rx=float(rx), ry=float(ry), **attrs)


def rect(x, y, w, h, **attrs) -> str:
    return element("rect", x=float(x), y=float(y), width=float(w), height=float(h), **attrs)


def path(d: str, **attrs) -> str:
    return element("path", d=d, **attrs)


def text_label(x, y, text: str, size: int = 16, **attrs) -> str:
    attrs.setdefault("fill", TEXT)
    return element("text", html.escape(text), x=float(x), y=float(y), font_size=size, **attrs)


def text_block(x, y, lines, sizes=(17, 15), gap: int = 20, **attrs) -> str:
    """One <text> of several lines (tspans); the first line bold, the rest in the second size."""
    attrs.setdefault("fill", TEXT)
    spans = []
    for i, line in enumerate(lines):
        size = sizes[0] if i == 0 else sizes[-1]
        spans.append(element("tspan", html.escape(line), x=float(x), dy=0 if i == 0 else gap, font_size=size,
                         font_weight="bold" if i == 0 else None))
    return element("text", "".join(spans), x=float(x), y=float(y), **attrs)


def svg_document(prefix: str, width: int, height: int, title: str, alt: str, body: str) -> str:
    """The root element: role=img, labelled by <title>, described by <desc>, on a white card."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;height:auto;display:block" role="img" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" font-family="{FONT}">'
        f'<title id="{prefix}-title">{html.escape(title)}</title>'
        f'<desc id="{prefix}-desc">{html.escape(alt)}</desc>'
        + rect(0, 0, width, height, rx=12, fill="#ffffff")
        + body + "</svg>"
    )


def skin_colours(skin: str) -> dict:
    if skin not in TONES:
        raise ValueError(f"unknown skin tone {skin!r}; choose one of: {', '.join(SKIN_TONES)}")
    return TONES[skin]


def id_prefix(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", "-".join(("rs", *parts)))
