"""A patch of skin with the spots a scenario describes, for the printable scenario cards.

The picture shows only what the story says can be seen (the kind, size and colour of the spots, on
the case's skin tone); it never shows the glass test or the answer. It is a schematic, drawn with the
same spots and colours as the size scale, not a photograph.
"""
from __future__ import annotations

import random

from ._svg import Figure, circle, element, ellipse, id_prefix, rect, skin_colours, svg_document, text_label
from .size_scale import true_size_spot

#: What the picture draws, chosen from the findings in this order (the first that applies wins).
#: Each entry: (findings that must all be there, findings of which one must be there, findings that must not be
#: there, what to draw, how many, words for the alt text).
PATTERNS = (
    (set(), {"spot_growing_or_changing", "bleeds_easily"}, set(), "lump", 1, "one shiny red lump"),
    ({"dome_papule_1_to_5mm"}, set(), set(), "cherry_angioma", 4, "a few smooth, shiny, dome-shaped red bumps"),
    ({"rough_texture"}, {"long_lasting_stable", "worse_in_winter"}, {"fever"}, "keratosis_pilaris", 60,
     "many small rough bumps, each with a dark plug"),
    ({"rough_texture"}, set(), set(), "fine_rash", 160, "a flush of redness covered in tiny rough bumps"),
    (set(), {"mouth_sores", "palms_soles"}, {"purple_or_brown", "darker_than_skin", "pinpoint_under_2mm"}, "blisters", 9,
     "small oval blisters with a red rim"),
    ({"ring_shaped_rash"}, set(), set(), "rings", 5, "pink rings and wavy patches with paler centres"),
    ({"bruise_like_patches"}, set(), set(), "purpura", 9, "purple patches bigger than a pinhead, with pinpoint dots "
     "between them"),
    # spots darker than the skin are the way purple spots often look on brown or black skin
    ({"raised_bumps"}, {"purple_or_brown", "darker_than_skin"}, set(), "raised_purpura", 30,
     "raised purple spots of different sizes"),
    (set(), {"pinpoint_under_2mm", "non_blanching"}, set(), "petechia", 40, "scattered pinpoint dots"),
)
#: Without any of the findings above: a soft, blotchy patch of redness with fine spots in it.
REDNESS = ("redness", 45, "a blotchy patch of redness with fine spots in it")


def _pattern(findings) -> tuple[str, int, str]:
    chosen = set(findings)
    for every, some, none, kind, count, words in PATTERNS:
        if every <= chosen and (not some or some & chosen) and not none & chosen:
            return kind, count, words
    return REDNESS


def scenario_picture(findings, skin: str = "light", *, key: str = "case", label: str = "") -> Figure:
    """The spots of a scenario on a patch of ``skin``, chosen from its finding ids.

    ``key`` makes the SVG ids unique on a page of many cards; ``label`` (for example "Card 3") is
    named in the alt text.

    >>> from redspots.figures.scenario import scenario_picture
    >>> fig = scenario_picture(["pinpoint_under_2mm", "fever"], "dark", key="c1")
    >>> "pinpoint" in fig.alt and "dark" in fig.alt
    True
    >>> scenario_picture(["itchy"], "purple")
    Traceback (most recent call last):
    ...
    ValueError: unknown skin tone 'purple'; choose one of: light, medium, dark
    """
    tone = skin_colours(skin)
    kind, count, words = _pattern(findings)
    if "one_or_few_spots" in set(findings) and kind not in ("cherry_angioma", "lump"):
        count, words = 5, "a few separate spots" if kind == "redness" else words.replace("many ", "a few ")
    prefix = id_prefix("card", key, skin)
    width, height = 320, 170
    patch = (6, 6, width - 12, height - 12)
    rng = random.Random(key)          # the same picture for the same card every time
    defs = (element("clipPath", rect(*patch, rx=14), id=f"{prefix}-patch")
            + element("radialGradient", element("stop", offset="0", stop_color=tone["angioma"])
                  + element("stop", offset="1", stop_color=tone["purpura"]),
                  id=f"{prefix}-dome", cx="0.4", cy="0.35", r="0.7")
            + element("filter", element("feGaussianBlur", stdDeviation=9), id=f"{prefix}-soft",
                  x="-30%", y="-30%", width="160%", height="160%"))
    spots = []

    def anywhere(margin: float = 24) -> tuple[float, float]:
        return rng.uniform(margin, width - margin), rng.uniform(margin, height - margin)

    if kind in ("redness", "fine_rash"):
        spots.append(element("g", "".join(ellipse(160 + rng.uniform(-60, 60), 85 + rng.uniform(-25, 25),
                                               rng.uniform(40, 80), rng.uniform(25, 45), fill=tone["redness"])
                                      for _ in range(5)), opacity=0.7 if kind == "redness" else 0.9,
                         filter=f"url(#{prefix}-soft)"))
        for _ in range(count):
            spots.append(circle(*anywhere(14), rng.uniform(1.2, 2.4), fill=tone["redness"],
                                 stroke=tone["outline"] if kind == "fine_rash" else None, stroke_width=0.4))
    elif kind == "lump":            # one dome, larger than a cherry angioma
        spots.append(true_size_spot("cherry_angioma", 160, 85, 3.4, tone, prefix))
    elif kind == "blisters":        # pale oval blisters with a red rim
        for _ in range(count):
            x, y = anywhere(30)
            spots.append(ellipse(x, y, rng.uniform(6, 9), rng.uniform(3.5, 5), fill="#f6efe6", fill_opacity=0.85,
                                  stroke=tone["redness"], stroke_width=2.5,
                                  transform=f"rotate({rng.randint(-40, 40)} {x:.1f} {y:.1f})"))
    elif kind == "rings":
        for _ in range(count):
            x, y = anywhere(40)
            r = rng.uniform(14, 26)
            spots.append(circle(x, y, r, fill="none", stroke=tone["redness"], stroke_width=rng.uniform(3, 5),
                                 stroke_opacity=0.85, stroke_dasharray=f"{r * 2:.0f} {r * 0.4:.0f}"))
    else:
        if kind == "purpura":       # pinpoint dots between the patches
            for _ in range(40):
                spots.append(true_size_spot("petechia", *anywhere(14), rng.uniform(0.2, 0.35), tone, prefix))
        for _ in range(count):
            size = {"petechia": rng.uniform(0.22, 0.38), "keratosis_pilaris": rng.uniform(0.4, 0.55),
                    "cherry_angioma": rng.uniform(0.9, 1.4), "purpura": rng.uniform(0.7, 1.6),
                    "raised_purpura": rng.uniform(0.25, 0.8)}[kind]
            spot = "purpura" if kind == "raised_purpura" else kind
            x, y = anywhere(28)
            if kind == "raised_purpura":    # a little shadow under each: they can be felt
                spots.append(ellipse(x + 1.5, y + 2, size * 10, size * 9, fill="#000000", fill_opacity=0.18))
            spots.append(true_size_spot(spot, x, y, size, tone, prefix))
    body = (element("defs", defs) + rect(*patch, rx=14, fill=tone["skin"])
            + element("g", "".join(spots), clip_path=f"url(#{prefix}-patch)", data_pattern=kind)
            + text_label(width - 14, height - 14, "drawing, not to scale", 11, text_anchor="end", fill=tone["ink"],
                    fill_opacity=0.8))
    title = f"{label}: what you see" if label else "What you see"
    colour = {"redness": tone["redness_words"], "fine_rash": tone["redness_words"], "petechia": tone["spot_words"],
              "purpura": tone["spot_words"], "raised_purpura": tone["spot_words"]}
    alt = f"A schematic drawing of {skin} skin with {words}" + (f", {colour[kind]}." if kind in colour else ".")
    return Figure(svg_document(prefix, width, height, title, alt, body), alt, alt, title, skin)
