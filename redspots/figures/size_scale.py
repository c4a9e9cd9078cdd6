"""The size scale: pinpoint, petechia, purpura and bruise sizes against a ruler, drawn to one scale."""
from __future__ import annotations

from ..content import Tables, shared
from ._svg import (Figure, PX_PER_MM, RULER_MM, SPOTS, circle, element, ellipse, id_prefix, number, path, rect,
                   skin_colours, svg_document, text_block, text_label)


def _band_label(term: str, low: float, high: float) -> tuple[str, str]:
    """A size band in words, e.g. ('purpura', '2–10 mm'); an infinite upper limit reads '> low'."""
    if high == float("inf"):
        limits = f"> {number(low)} mm"
    elif low <= 0:
        limits = f"< {number(high)} mm"
    else:
        limits = f"{number(low)}–{number(high)} mm"
    return term.lower(), limits


def true_size_spot(kind: str, cx: float, cy: float, size_mm: float, tone: dict, prefix: str) -> str:
    """One spot at true size; the main circle carries data-spot and data-size-mm."""
    r = size_mm * PX_PER_MM / 2
    data = {"data_spot": kind, "data_size_mm": number(size_mm)}
    if kind == "petechia":
        return circle(cx, cy, r, fill=tone["petechia"], **data)
    if kind == "purpura":
        return circle(cx, cy, r, fill=tone["purpura"], fill_opacity=0.92, **data)
    if kind == "ecchymosis":
        return circle(cx, cy, r, fill=f"url(#{prefix}-bruise)", **data)
    if kind == "cherry_angioma":
        return (ellipse(cx + r * 0.12, cy + r * 0.9, r * 0.85, r * 0.22, fill="#000000", fill_opacity=0.18)
                + circle(cx, cy, r, fill=f"url(#{prefix}-dome)", **data)
                + ellipse(cx - r * 0.35, cy - r * 0.4, r * 0.32, r * 0.2, fill="#ffffff", fill_opacity=0.75,
                           transform=f"rotate(-35 {number(cx - r * 0.35)} {number(cy - r * 0.4)})"))
    if kind == "keratosis_pilaris":
        return (circle(cx, cy, r, fill=tone["shade"], stroke=tone["outline"], stroke_width=1.5,
                        stroke_dasharray="2 1.5", **data)
                + circle(cx, cy, r * 0.3, fill=tone["plug"])
                + "".join(circle(cx + dx * r, cy + dy * r, 1.1, fill=tone["outline"], fill_opacity=0.7)
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
    tone = skin_colours(skin)
    t = tables if tables is not None else shared()
    prefix = id_prefix("size-scale", skin)
    width, height = 720, 500
    patch = (10, 10, 700, 480)
    defs = (
        element("clipPath", rect(*patch, rx=14), id=f"{prefix}-patch")
        + element("radialGradient",
              element("stop", offset="0", stop_color=tone["purpura"], stop_opacity=0.95)
              + element("stop", offset="0.6", stop_color=tone["purpura"], stop_opacity=0.8)
              + element("stop", offset="0.85", stop_color=tone["redness"], stop_opacity=0.55)
              + element("stop", offset="1", stop_color=tone["redness"], stop_opacity=0.25),
              id=f"{prefix}-bruise")
        + element("radialGradient",
              element("stop", offset="0", stop_color=tone["angioma"]) + element("stop", offset="1", stop_color=tone["purpura"]),
              id=f"{prefix}-dome", cx="0.4", cy="0.35", r="0.7")
    )
    body = [element("defs", defs), rect(*patch, rx=14, fill=tone["skin"])]

    # The small spots in a column on the left, labelled on their right; the bruise on the right.
    spots, labels = [], []
    y = 30.0
    label_x = 150
    for kind, name, size_mm, note in SPOTS:
        r = size_mm * PX_PER_MM / 2
        if kind == "ecchymosis":
            cx, cy = 620, 170
            spots.append(true_size_spot(kind, cx, cy, size_mm, tone, prefix))
            labels.append(text_block(575, cy + r + 30, [f"{name} · {number(size_mm)} mm", note], fill=tone["ink"],
                                 text_anchor="middle"))
            continue
        row = max(2 * r, 42)
        cy = y + row / 2
        spots.append(true_size_spot(kind, 80, cy, size_mm, tone, prefix))
        labels.append(text_block(label_x, cy - 3, [f"{name} · {number(size_mm)} mm", note], fill=tone["ink"]))
        y += row + 16
    body.append(element("g", "".join(spots), clip_path=f"url(#{prefix}-patch)"))
    body.extend(labels)

    # The ruler: a pale strip with a tick every mm and a number every 2 mm.
    x0, top = 40.0, 364.0
    end = x0 + RULER_MM * PX_PER_MM
    ruler = [rect(x0 - 14, top, end - x0 + 66, 46, rx=4, fill="#fbf7ea", stroke="#8f8670", stroke_width=1.5)]
    for mm in range(RULER_MM + 1):
        x = x0 + mm * PX_PER_MM
        ruler.append(path(f"M{number(x)},{number(top)}V{number(top + (16 if mm % 2 == 0 else 9))}",
                           stroke="#222222", stroke_width=1.5 if mm % 2 == 0 else 1))
        if mm % 2 == 0:
            ruler.append(text_label(x, top + 36, str(mm), 15, text_anchor="middle", fill="#222222"))
    ruler.append(text_label(end + 18, top + 36, "mm", 15, fill="#222222"))
    body.append(element("g", "".join(ruler), data_part="ruler"))

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
            d = f"M{number(xa + 2)},{number(band_top)}V{number(band_top + 8)}H{number(xb + 10)}"
            arrow = path(f"M{number(xb + 18)},{number(band_top + 8)}l-10,-5v10z", fill=ink)
        else:
            d = f"M{number(xa + 2)},{number(band_top)}V{number(band_top + 8)}H{number(xb - 2)}V{number(band_top)}"
            arrow = ""
        term, limits = _band_label(row.term, low, high)
        bands.append(element("g", path(d, fill="none", stroke=ink, stroke_width=2) + arrow
                         + text_block((xa + min(xb, end)) / 2, band_top + 28, [term, limits], sizes=(16, 15), gap=18,
                                  fill=ink, text_anchor="middle"),
                         data_band=term, data_min_mm=number(low), data_max_mm=str(high)))
    body.append(element("g", "".join(bands), data_part="bands"))

    band_words = ", ".join(" ".join(_band_label(r.term, float(r.min_mm), float(r.max_mm)))
                           for r in t.size_scale.itertuples())
    spot_words = ", ".join(f"{name} {number(size)} mm" for _, name, size, _ in SPOTS)
    alt = (f"Size scale on {skin} skin. A millimetre ruler from 0 to {RULER_MM} mm, with spots drawn to the same "
           f"scale: {spot_words}. The petechia, purpura and bruise are {tone['spot_words']}; the cherry angioma "
           f"is a raised dome with a shine; the keratosis pilaris bump is skin-coloured and rough with a small "
           f"dark plug; the bruise is so large it runs past the edge of the picture. Brackets under the ruler "
           f"mark the size bands: {band_words}.")
    caption = (f"Spot sizes on {skin} skin, all drawn to one (enlarged) scale with the ruler. Bleeding spots are "
               f"named by size: {band_words}. Cherry angiomas and keratosis pilaris bumps are not bleeding "
               f"spots; they are shown for size. Colour is a guide only: on darker skin, spots can look purple, "
               f"brown or black.")
    return Figure(svg_document(prefix, width, height, "Size scale", alt, "".join(body)), alt, caption, "Size scale", skin)
