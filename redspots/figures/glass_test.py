"""The glass test: spots that fade under pressure beside spots that do not, on a chosen skin tone."""
from __future__ import annotations

import random

from ..content import Tables, shared
from ..statements import GET_HELP_NOW, safety_texts
from ._svg import (Figure, GLASS, circle, element, ellipse, id_prefix, number, path, rect, skin_colours, svg_document,
                   text_label)


#: The safety statements the caption is made of, by id in ``data/safety.yaml``: how to do the test,
#: when to get help, and what the test cannot do.
CAPTION = ("glass_how_to", GET_HELP_NOW, "glass_test_limits")


def _glass(cx: float, cy: float, r: float) -> str:
    """The rim of a clear glass seen from above, with a shine and a small label."""
    return (circle(cx, cy, r, fill="none", stroke=GLASS, stroke_width=6, stroke_opacity=0.95)
            + circle(cx, cy, r - 7, fill="none", stroke="#ffffff", stroke_width=1.5, stroke_opacity=0.6)
            + path(f"M{number(cx - r * 0.62)},{number(cy - r * 0.45)}A{number(r * 0.78)},{number(r * 0.78)} 0 0 1 "
                    f"{number(cx - r * 0.1)},{number(cy - r * 0.76)}",
                    fill="none", stroke="#ffffff", stroke_width=5, stroke_linecap="round", stroke_opacity=0.7)
            + rect(cx + r * 0.55, cy - r - 24, 52, 22, rx=11, fill="#ffffff", fill_opacity=0.9, stroke=GLASS)
            + text_label(cx + r * 0.55 + 26, cy - r - 8, "glass", 15, text_anchor="middle"))


def _panel(centre_x: float, heading: str, parts: list[str], caption: str, name: str) -> str:
    """One panel of the glass test: a bold heading, the drawing, a caption underneath."""
    return element("g", text_label(centre_x, 36, heading, 17, text_anchor="middle", font_weight="bold")
               + "".join(parts) + text_label(centre_x, 346, caption, 15, text_anchor="middle"), data_panel=name)


def glass_test(skin: str = "light", *, tables: Tables | None = None) -> Figure:
    """Two panels: redness that fades under a pressed glass, and pinpoint spots that do not.

    The picture does not depend on the content; the caption is the safety statements of ``CAPTION``,
    read from ``tables`` (the shipped content by default).

    >>> from redspots import figures
    >>> fig = figures.glass_test("dark")
    >>> "dark" in fig.alt and "emergency" in fig.caption
    True
    """
    tone = skin_colours(skin)
    prefix = id_prefix("glass-test", skin)
    width, height = 720, 400
    r = 78
    panels = {"fades": (20, 52, 330, 270), "stays": (370, 52, 330, 270)}
    defs = "".join(element("clipPath", rect(*box, rx=12), id=f"{prefix}-{key}") for key, box in panels.items())
    left_cx, right_cx, cy = 185, 535, 187
    defs += element("clipPath", circle(left_cx, cy, r), id=f"{prefix}-lens")
    defs += element("filter", element("feGaussianBlur", stdDeviation=7), id=f"{prefix}-soft", x="-20%", y="-20%",
                width="140%", height="140%")
    body = [element("defs", defs)]

    # Left: a flush of redness; inside the glass it turns pale (blanches).
    x, y, w, h = panels["fades"]
    patch = "".join(ellipse(left_cx + dx, cy + dy, rx, ry, fill=tone["redness"])
                    for dx, dy, rx, ry in ((0, 0, 120, 82), (-40, -20, 70, 50), (45, 25, 75, 55), (20, -35, 60, 40),
                                           (-30, 40, 60, 35)))
    left = [rect(x, y, w, h, rx=12, fill=tone["skin"]),
            element("g", element("g", patch, opacity=0.75, filter=f"url(#{prefix}-soft)"), clip_path=f"url(#{prefix}-fades)"),
            element("g", circle(left_cx, cy, r, fill=tone["skin"], fill_opacity=0.82)
                + circle(left_cx, cy, r, fill="#ffffff", fill_opacity=0.08), clip_path=f"url(#{prefix}-lens)",
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
            dots.append(circle(right_cx + dx, cy + dy, rng.uniform(2.6, 4.2), fill=tone["petechia"]))
    right = [rect(x, y, w, h, rx=12, fill=tone["skin"]),
             circle(right_cx, cy, r, fill="#ffffff", fill_opacity=0.08),
             element("g", "".join(dots), clip_path=f"url(#{prefix}-stays)", data_part="dots"),
             _glass(right_cx, cy, r)]
    body.append(_panel(x + w / 2, "Does not fade (non-blanching)", right,
                       "the dots stay visible through the glass", "non-blanching"))
    # 14 px keeps the whole line inside the picture even in a wide font (DejaVu Sans: 708 of 720 px)
    body.append(text_label(width / 2, 384, "Non-blanching spots with fever, in a child, or in someone unwell: "
                                      "call 999 / 112 / 911 now.", 14, text_anchor="middle", font_weight="bold",
                      fill="#a00000"))

    title = "The glass test"
    alt = (f"The glass test on {skin} skin, in two panels. Left, 'Fades under pressure (blanching)': a "
           f"{tone['redness_words']} patch of redness with a clear glass pressed on it; inside the glass circle "
           f"the patch turns paler. Right, 'Does not fade (non-blanching)': scattered pinpoint dots, "
           f"{tone['spot_words']}, that stay clearly visible inside the glass circle. A line underneath says: "
           f"non-blanching spots with fever, in a child, or in someone unwell: call 999, 112 or 911 now.")
    caption = "The glass test. " + " ".join(s.text for s in safety_texts(CAPTION, tables=tables or shared()))
    return Figure(svg_document(prefix, width, height, title, alt, "".join(body)), alt, caption, title, skin)
