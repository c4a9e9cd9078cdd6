"""The styles and small scripts every exported page and deck carries, inlined as they are."""

#: MathJax 3 set up as nbconvert sets up MathJax 2 (same delimiters, AMS numbering); SVG output
#: needs no font files, and every TeX extension is in the bundle, so nothing is loaded later.
MATHJAX_CONFIG = {
    "tex": {"inlineMath": [["$", "$"], ["\\(", "\\)"]], "displayMath": [["$$", "$$"], ["\\[", "\\]"]],
            "processEscapes": True, "processEnvironments": True, "tags": "ams"},
    "svg": {"fontCache": "global"},
    "options": {"ignoreHtmlClass": "tex2jax_ignore", "processHtmlClass": "tex2jax_process"},
}

#: Shown only in exported pages (the same elements stay hidden in JupyterLab), plus print styles.
PAGE_CSS = """
.jupyter-widgets, .widget-label, .widget-label-basic { font-family: var(--jp-ui-font-family, sans-serif); }
.redspots-runtime-problem { border-left: 5px solid #8a5300; background: #fff1d6; color: #1b1b1b; padding: 6px 10px; }
.jp-RenderedMarkdown.celltag_emergency { background: #fde2e1; color: #1b1b1b; border: 3px solid #b3261e; border-radius: 6px;
  padding: 4px 14px; font-size: 1.1em; }
/* a table in words reads from the left: "body" outweighs JupyterLab's right-aligned output tables */
body .jp-RenderedHTMLCommon .redspots-table :is(th, td) { text-align: left; vertical-align: top; }
.jp-RenderedMarkdown.celltag_emergency a { color: #0b4a8a; font-weight: bold; }
/* Nothing spills sideways on a projector (1024 px) or a phone: wide tables scroll inside their cell. */
.jp-OutputArea-output, .jp-RenderedHTMLCommon { max-width: 100%; overflow-x: auto; }
.jp-RenderedHTMLCommon pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon img, .jp-RenderedHTMLCommon svg { max-width: 100%; height: auto; }
@media (max-width: 600px) {
  body.jp-Notebook { padding: 8px; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none; }
  .jp-RenderedHTMLCommon { padding-right: 0; }
}
@media print {
  .jp-InputPrompt, .jp-OutputPrompt, .jp-CodeCell .jp-Cell-inputWrapper, .widget-button,
  .widget-slider, .widget-dropdown { display: none !important; }
  .jp-Cell, figure, table, .redspots-step, .redspots-flags { break-inside: avoid; }
  a[href^="https://"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #444; }
  body { font-size: 11pt; }
}
"""

#: What every exported page and deck needs to meet WCAG 2.1 AA, whatever nbconvert's theme gives it.
ACCESSIBLE_CSS = """
/* links are told from the text around them by more than colour (1.4.1): underlined, in every theme */
body .jp-RenderedHTMLCommon a:is(:link, :visited) { text-decoration: underline; text-underline-offset: 2px; }
body .jp-RenderedMarkdown.celltag_emergency a:is(:link, :visited) { color: #0b4a8a; }
/* nbconvert fades the prompts of cells that are not active (a page has none) to 2.16:1: the theme's text instead */
body .jp-Notebook .jp-Cell:not(.jp-mod-active) :is(.jp-InputPrompt, .jp-OutputPrompt), body .jp-Cell :is(.jp-InputPrompt, .jp-OutputPrompt),
body.jp-Notebook .jp-Cell:not(.jp-mod-active) :is(.jp-InputPrompt, .jp-OutputPrompt) {
  opacity: 1; color: var(--jp-content-font-color2, #474747); }
/* Pygments' comment teal is 4.17:1 on light code and 3.54:1 on dark, the numbers' green 4.25:1 on light:
   darker on light, lighter on dark */
body[data-jp-theme-light="true"] .highlight :is(.c, .c1, .ch, .cm, .cp, .cpf, .cs) { color: #2f5f5f; }
body[data-jp-theme-light="true"] .highlight :is(.m, .mb, .mf, .mh, .mi, .mo, .il) { color: #006400; }
body[data-jp-theme-light="false"] .highlight :is(.c, .c1, .ch, .cm, .cp, .cpf, .cs) { color: #86c5c5; }
/* code wraps on a phone instead of running out of its cell */
.jp-InputArea-editor .highlight pre { white-space: pre-wrap; overflow-wrap: anywhere; }
"""
#: A box that scrolls (a wide table on a phone, a long slide) and holds nothing focusable becomes a named Tab
#: stop, so a keyboard can scroll it (WCAG 2.1.1); it stops being one when it no longer scrolls.
SCROLLERS_JS = """(function () {
  "use strict";
  var BOXES = ".jp-OutputArea-output, .jp-RenderedHTMLCommon, .reveal .slides section";
  var INSIDE = "a[href], button, input, select, textarea, [tabindex]:not([data-redspots-scroller])";
  function scrolls(e) {
    var s = getComputedStyle(e);
    return (e.scrollWidth > e.clientWidth + 1 && /(auto|scroll)/.test(s.overflowX))
      || (e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(s.overflowY));
  }
  function mark() {
    document.querySelectorAll(BOXES).forEach(function (e) {
      var stop = scrolls(e) && ![].some.call(e.querySelectorAll(INSIDE), function (x) {
        return x.getClientRects().length > 0 && getComputedStyle(x).visibility === "visible";   // a hidden link is no stop
      });
      if (stop && !e.hasAttribute("data-redspots-scroller")) {
        e.setAttribute("data-redspots-scroller", "");
        e.setAttribute("tabindex", "0");
        if (!e.hasAttribute("role")) { e.setAttribute("role", "region"); e.setAttribute("data-redspots-role", ""); }
        e.setAttribute("aria-label", e.matches("section") ? "Slide: scroll with the arrow keys"
                                                           : "Wide output: scroll sideways with the arrow keys");
      } else if (!stop && e.hasAttribute("data-redspots-scroller")) {
        ["data-redspots-scroller", "tabindex", "aria-label"].forEach(function (a) { e.removeAttribute(a); });
        if (e.hasAttribute("data-redspots-role")) { e.removeAttribute("role"); e.removeAttribute("data-redspots-role"); }
      }
    });
  }
  mark();
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
  // the explorers are drawn after the page, and a deck lays its slides out again then
  new MutationObserver(mark).observe(document.documentElement, { attributes: true, attributeFilter: ["data-redspots-ready"] });
  if (window.Reveal && Reveal.on) { Reveal.on("ready", mark); Reveal.on("resize", mark); Reveal.on("slidechanged", mark); }
})();
"""

#: The deck's own looks: text a room can read, nothing off the slide, the safety banner legible.
SLIDES_CSS = """
.reveal .slides > section, .reveal .slides > section > section {
  height: 100%; overflow-y: auto; overflow-x: hidden; padding: 0 8px 24px; box-sizing: border-box; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.4em; } .reveal h3 { font-size: 1.15em; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; margin-bottom: 0.4em; }
.reveal .jp-RenderedHTMLCommon, .reveal .jp-RenderedMarkdown { font-size: var(--jp-content-font-size1); }
.reveal .jp-RenderedHTMLCommon table { font-size: 17px; }
.reveal .jp-RenderedHTMLCommon :is(td, th) { text-align: left; vertical-align: top; }
.reveal .jp-Cell { padding: 2px 0; }
.reveal .jp-OutputArea-output { overflow-x: auto; }
.reveal .redspots-explorer { font-size: 18px; }
/* the theme's lists are inline blocks and its <small> is 0.6em: give the explorers their own layout back */
.reveal .redspots-explorer :is(ul, ol, dl) { display: block; }
.reveal .redspots-explorer :is(dt, dd) { float: none; }
.reveal .redspots-explorer small { font-size: 0.8em; line-height: 1.3; vertical-align: baseline; }
.reveal .redspots-note { font-size: 20px; line-height: 1.35; }
/* a tall explorer scrolls inside its slide, its controls in view: the slide is not thousands of pixels long */
.reveal .redspots-explorer { max-height: 600px; overflow-y: auto; overscroll-behavior: contain; }
/* a slide taller than the screen scrolls (mouse wheel, touchpad); this says so until its end is shown */
.reveal.redspots-more-below::after { content: "\\2193  more below: scroll"; position: absolute; bottom: 10px; left: 50%;
  transform: translateX(-50%); background: #1b1b1b; color: #fff; padding: 4px 14px; border-radius: 4px;
  font: 16px/1.4 sans-serif; opacity: 0.85; pointer-events: none; z-index: 40; }
"""
