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
from ._svg import Figure, PX_PER_MM, REGION_WORDS, SKIN_TONES, TONES
from .body_map import body_map
from .glass_test import glass_test
from .size_scale import size_scale

__all__ = ["PX_PER_MM", "REGION_WORDS", "SKIN_TONES", "TONES", "Figure", "body_map", "glass_test", "size_scale"]
