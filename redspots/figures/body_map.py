"""The body map: where a condition usually appears, front and back, on a chosen skin tone."""
from __future__ import annotations

from ..content import Tables, shared
from ..ids import check_ids
from ._svg import (Figure, REGION_WORDS, circle, element, id_prefix, number, path, rect, skin_colours, svg_document,
                   text_block, text_label)


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

    left = [f"{number(cx - half(y))},{number(y)}" for y in ys]
    right = [f"{number(cx + half(y))},{number(y)}" for y in reversed(ys)]
    return "M" + "L".join(left + right) + "Z"


def _capsule(x1, y1, x2, y2, r) -> str:
    """A rounded limb: a stadium shape from (x1, y1) to (x2, y2) with radius r."""
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length * r, dx / length * r
    p = [(x1 + nx, y1 + ny), (x2 + nx, y2 + ny), (x2 - nx, y2 - ny), (x1 - nx, y1 - ny)]
    f = [f"{number(x)},{number(y)}" for x, y in p]
    return f"M{f[0]}L{f[1]}A{number(r)},{number(r)} 0 0 0 {f[2]}L{f[3]}A{number(r)},{number(r)} 0 0 0 {f[0]}Z"


def _shapes(cx: float, view: str) -> dict[str, list[str]]:
    """Shapes (as SVG elements without paint) of every body part, by region, for one view."""
    def limbs(fn):
        return [fn(-1), fn(1)]

    parts = {
        "head": [f'<ellipse cx="{number(cx)}" cy="70" rx="30" ry="36"/>'],
        "ears": limbs(lambda s: f'<ellipse cx="{number(cx + s * 30)}" cy="72" rx="6" ry="10"/>'),
        "neck": [f'<rect x="{number(cx - 13)}" y="98" width="26" height="30"/>'],
        "torso": [f'<path d="{_torso(cx, 122, 300)}"/>'],
        "upper_arms": limbs(lambda s: f'<path d="{_capsule(cx + s * 60, 146, cx + s * 72, 222, 13)}"/>'),
        "forearms": limbs(lambda s: f'<path d="{_capsule(cx + s * 72, 222, cx + s * 80, 296, 11)}"/>'),
        "hands": limbs(lambda s: f'<ellipse cx="{number(cx + s * 82)}" cy="316" rx="11" ry="17"/>'),
        "thighs": limbs(lambda s: f'<path d="{_capsule(cx + s * 25, 298, cx + s * 27, 398, 23)}"/>'),
        "lower_legs": limbs(lambda s: f'<path d="{_capsule(cx + s * 27, 398, cx + s * 26, 484, 16)}"/>'),
        "feet": limbs(lambda s: f'<ellipse cx="{number(cx + s * 31)}" cy="500" rx="18" ry="10"/>'),
    }
    regions = {k: parts[k] for k in ("neck", "upper_arms", "forearms", "hands", "thighs", "lower_legs", "feet")}
    if view == "front":
        regions["scalp"] = [f'<path d="M{number(cx - 30)},70A30,36 0 0 1 {number(cx + 30)},70'
                            f'C{number(cx + 24)},50 {number(cx - 24)},50 {number(cx - 30)},70Z"/>']
        regions["face"] = [f'<ellipse cx="{number(cx)}" cy="80" rx="23" ry="24"/>']
        regions["eyelids"] = limbs(lambda s: f'<ellipse cx="{number(cx + s * 10)}" cy="73" rx="7" ry="4"/>')
        regions["mouth"] = [f'<ellipse cx="{number(cx)}" cy="91" rx="9" ry="4.5"/>']
        regions["chest"] = [f'<path d="{_torso(cx, 122, 212)}"/>']
        regions["abdomen"] = [f'<path d="{_torso(cx, 212, 292)}"/>']
    else:
        regions["scalp"] = parts["head"]
        regions["back"] = [f'<path d="{_torso(cx, 122, 270)}"/>']
        regions["buttocks"] = limbs(lambda s: f'<ellipse cx="{number(cx + s * 22)}" cy="292" rx="24" ry="23"/>')
    return {"parts": [s for group in parts.values() for s in group], **regions}


def _paint(shapes: list[str], **attrs) -> str:
    return element("g", "".join(shapes), **attrs)


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
        out.append(circle(cx - 10, 74, 2.4, fill=tone["outline"]) + circle(cx + 10, 74, 2.4, fill=tone["outline"])
                   + path(f"M{number(cx - 7)},89Q{number(cx)},95 {number(cx + 7)},89", **line))
    else:
        out.append(path(f"M{number(cx)},276V304", **line))
    out.append(text_label(cx, 540, "Front" if view == "front" else "Back", 17, text_anchor="middle", font_weight="bold"))
    return element("g", "".join(out), data_view=view)


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
    tone = skin_colours(skin)
    t = tables if tables is not None else shared()
    cid = check_ids(condition_id, "condition", tables=t)[0]
    name = str(t.conditions.at[cid, "name"])
    regions = [r for r in t.conditions.at[cid, "body_regions"]]
    words = [REGION_WORDS.get(r, r.replace("_", " ")) for r in regions]
    prefix = id_prefix("body-map", cid, skin)
    width, height = 720, 560

    ring = tone["mark_ring"]
    dots = (circle(2.5, 2.5, 1.8, fill=tone["mark"], stroke=ring, stroke_width=0.8 if ring != "none" else None)
            + circle(7, 7, 1.8, fill=tone["mark"], stroke=ring, stroke_width=0.8 if ring != "none" else None))
    body = [element("defs", element("pattern", dots, id=f"{prefix}-dots", width=9, height=9, patternUnits="userSpaceOnUse"))]
    marked = set(regions)
    body.append(_body(140, "front", marked, tone, prefix))
    body.append(_body(350, "back", marked, tone, prefix))

    # The same places as text, beside the outlines.
    x = 480
    side = [text_label(x, 60, "Typical places", 18, font_weight="bold")]
    if regions:
        side.append(rect(x, 76, 30, 20, fill=tone["skin"], stroke=tone["outline"])
                    + rect(x, 76, 30, 20, fill=f"url(#{prefix}-dots)", stroke=tone["mark_edge"], stroke_dasharray="4 3"))
        side.append(text_label(x + 40, 91, "dots mark these places", 15))
        for i, (region, word) in enumerate(zip(regions, words)):
            side.append(text_label(x + 4, 130 + i * 26, f"• {word}", 16, data_region=region))
    else:
        side.append(text_block(x, 92, ["None given", "the content lists no", "typical places"], sizes=(16, 15)))
    body.append(element("g", "".join(side), data_part="labels"))

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
    return Figure(svg_document(prefix, width, height, title, alt, "".join(body)), alt, caption, title, skin)
