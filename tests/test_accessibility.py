"""WCAG 2.1 AA in a real browser: axe-core over every exported page, handout, card and slide deck, in both themes, on a
desktop and a phone; and what axe cannot see: the emergency strip is never cut, nothing is cut off on a phone, every
tap target is 24 px, a deck's slides fit their slide, and Tab reaches the first control through named, visible stops.

axe-core comes from npm (package.json pins it; ``make setup`` / ``make test`` run ``npm ci``). Without it these tests
are skipped on this machine and fail in CI (``CI=true``): a missing checker never passes for a clean page.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import block_all_but, chromium, screenshot
from redspots.export import is_lesson

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP, PHONE = (1366, 768), (375, 740)
#: every lesson has a deck (``make slides``): NN_*.ipynb but 00_start_here
DECKS = tuple(sorted(n.stem for n in (ROOT / "notebooks").glob("*.ipynb") if is_lesson(n)))
#: pages that carry no nbconvert theme: the same in light and dark
UNTHEMED = {"cards.html", "emergency-card.html"}


def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE.relative_to(ROOT)}): run make setup (npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; the accessibility tests must run in CI")
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def _export(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "redspots.export", *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Every page and handout in light and in dark, built by the package's exporter."""
    axe_source()
    out = tmp_path_factory.mktemp("a11y")
    _export("--output-dir", str(out / "light"))
    _export("--theme", "dark", "--output-dir", str(out / "dark"))
    return out


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    """Every lesson's deck, built once for the module, as ``make slides`` builds them."""
    axe_source()
    out = tmp_path_factory.mktemp("decks")
    _export("--slides", "--output-dir", str(out))
    assert sorted(p.name.removesuffix(".slides.html") for p in out.glob("*.slides.html")) == list(DECKS)
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def pages(folder: Path, theme: str = "light") -> list[Path]:
    found = sorted([*folder.glob("*.html"), *folder.glob("handout/*.html")])
    return [p for p in found if theme == "light" or p.name not in UNTHEMED]


def _open(browser, path: Path, viewport, **context_options):
    """The page offline (every other request refused), its explorers drawn."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **context_options)
    page = context.new_page()
    page.set_default_timeout(30_000)
    block_all_but(page, path)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    if '"model_module": "anywidget"' in path.read_text(encoding="utf-8"):
        page.wait_for_selector("html[data-redspots-ready]")
    return context, page


_RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map(v => ({rule: v.id, nodes: v.nodes.slice(0, 3).map(n =>
        n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(1, 2).join("").trim())}));
}"""


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=axe_source())
    return page.evaluate(_RUN_AXE, WCAG_21_AA)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page_or_handout(site, browser, theme, viewport):
    found = {}
    for path in pages(site / theme, theme):
        context, page = _open(browser, path, viewport, bypass_csp=True)
        try:
            violations = axe_violations(page)
            if violations:
                found[str(path.relative_to(site))] = violations
        finally:
            context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:6000]


_SLIDES = "() => Reveal.getSlides().length"
_GO = "i => { const s = Reveal.getSlides()[i]; const at = Reveal.getIndices(s); Reveal.slide(at.h, at.v); }"
_AT = "i => Reveal.getCurrentSlide() === Reveal.getSlides()[i] && Reveal.getSlides()[i].classList.contains('present')"
#: what of the current slide runs past its bottom outside a scrolling box that itself ends on the slide
_SPILLS = """() => {
    const slide = Reveal.getCurrentSlide();
    const bottom = document.querySelector('.reveal .slides').getBoundingClientRect().bottom + 1;
    const scrolls = e => /(auto|scroll)/.test(getComputedStyle(e).overflowY) && e.getBoundingClientRect().bottom <= bottom;
    const within = e => { for (let a = e.parentElement; a && a !== slide.parentElement; a = a.parentElement)
        if (scrolls(a)) return true; return false; };
    const out = [];
    if (slide.getBoundingClientRect().bottom > bottom) out.push('the slide itself ends ' + Math.round(slide.getBoundingClientRect().bottom) + ' px down');
    for (const e of slide.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.height && r.bottom > bottom && !within(e)) out.push(e.tagName + '.' + String(e.className).slice(0, 40) + ' ends at ' + Math.round(r.bottom));
    }
    const height = document.querySelector('.reveal .slides').getBoundingClientRect().height;
    for (const e of slide.querySelectorAll('.redspots-explorer')) {
        const r = e.getBoundingClientRect();
        if (r.height > height + 1 || (e.scrollHeight > e.clientHeight + 1 && !/(auto|scroll)/.test(getComputedStyle(e).overflowY)))
            out.push('an explorer ' + Math.round(r.height) + ' px high on a ' + Math.round(height) + ' px slide');
    }
    return {spills: out.slice(0, 5), scrollHeight: slide.scrollHeight, height: slide.clientHeight, bottom};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_of_every_deck_passes_axe_and_fits_its_slide(decks, browser, deck, viewport):
    found = {}
    path = decks / f"{deck}.slides.html"
    context, page = _open(browser, path, viewport, bypass_csp=True)
    try:
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.add_script_tag(content=axe_source())
        if page.evaluate("() => Reveal.isScrollView()"):
            # on a phone reveal.js shows the deck as one scrolling page: every slide at once, none cut
            violations = page.evaluate(_RUN_AXE, WCAG_21_AA)
            sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if violations or sizes[0] > sizes[1]:
                found[f"{deck} as a page"] = {"axe": violations, "width": sizes}
        else:
            slides = page.evaluate(_SLIDES)
            assert slides > 1, f"{deck}: a deck with {slides} slide"
            for i in range(slides):
                page.evaluate(_GO, i)
                page.wait_for_function(_AT, arg=i)
                violations = page.evaluate(_RUN_AXE, WCAG_21_AA)
                fit = page.evaluate(_SPILLS)
                if violations or fit["spills"]:
                    found[f"{deck} slide {i + 1}"] = {"axe": violations, "spills": fit["spills"]}
    finally:
        context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)[:6000]


# --- the emergency strip ------------------------------------------------------------------------------------------

_STRIP = """() => {
    const s = document.querySelector('.redspots-symptom-filter .redspots-strip');
    const list = document.querySelector('.redspots-symptom-filter .redspots-list');
    const style = getComputedStyle(s);
    const range = document.createRange(); range.selectNodeContents(s);
    const text = range.getBoundingClientRect(), box = s.getBoundingClientRect();
    return {text: s.textContent, scroll: [s.scrollHeight, s.clientHeight, s.scrollWidth, s.clientWidth],
            clamp: style.webkitLineClamp, overflow: style.textOverflow, whiteSpace: style.whiteSpace,
            textInside: text.top >= box.top - 0.5 && text.bottom <= box.bottom + 0.5 && text.right <= box.right + 0.5,
            listTop: list.getBoundingClientRect().top + window.scrollY,
            boxes: [...list.querySelectorAll('input')].map(b => b.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop)};
}"""


def _label(fid: str) -> str:
    import redspots as rs
    return rs.load().findings.loc[fid, "label"]


def _assert_whole(strip: dict, where: str) -> None:
    scroll_h, client_h, scroll_w, client_w = strip["scroll"]
    assert scroll_h <= client_h + 1 and scroll_w <= client_w + 1, (where, strip)
    assert strip["clamp"] in ("none", "", None) and strip["overflow"] != "ellipsis", (where, strip)
    assert strip["whiteSpace"] not in ("nowrap", "pre"), (where, strip)
    assert strip["textInside"], (where, strip)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 375, 800, 1024, 1366])
def test_the_emergency_strip_is_read_whole_at_every_width(site, browser, theme, width):
    """The strip wraps, whole, and the checkbox list does not move when the warning appears."""
    import redspots as rs
    emergency = rs.red_flags(["non_blanching", "fever"])
    context, page = _open(browser, site / theme / "02_filter_by_symptom.html", (width, 800))
    try:
        view = page.locator(".redspots-symptom-filter").first
        expect(view).to_contain_text("Nothing ticked yet")      # every explorer opens empty
        strip = view.locator(".redspots-strip")
        expect(strip).to_have_text(rs.words.TEXT["no_warning"])
        calm = page.evaluate(_STRIP)
        _assert_whole(calm, f"{width} px, no warning")
        for fid in ("non_blanching", "fever"):
            view.get_by_role("checkbox", name=_label(fid), exact=True).check()
        expect(strip).to_contain_text(emergency.iloc[0]["title"])
        alarm = page.evaluate(_STRIP)
        _assert_whole(alarm, f"{width} px, emergency")
        assert (alarm["listTop"], alarm["boxes"]) == (calm["listTop"], calm["boxes"]), "the list moved"
        screenshot(page.locator(".redspots-picker").first, f"a11y-strip-{theme}-{width}")
    finally:
        context.close()


# --- a phone: nothing cut off, every target tappable ---------------------------------------------------------------

EXPLORER_PAGES = ("01_what_are_tiny_red_dots", "02_filter_by_symptom", "03_compare_conditions", "04_treatment_options",
                  "06_quiz", "07_read_a_condition")
_CONTROLS = ".redspots-explorer :is(a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1']))"
#: each control's tap box (a radio or checkbox is tapped through its label), and whether it is cut off: past the
#: page's right edge, or past a box that clips it, unless that box scrolls sideways
_TARGETS = """(selector) => [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length).map(e => {
    const target = (e.matches('input') && e.closest('label')) || e;
    const r = target.getBoundingClientRect();
    let cut = null;
    for (let a = e.parentElement; a && cut === null; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (/(auto|scroll)/.test(s.overflowX)) cut = false;                 // reached by scrolling that box
        else if (/(hidden|clip)/.test(s.overflowX) && r.right > a.getBoundingClientRect().right + 1) cut = true;
    }
    if (cut === null) cut = r.right > document.documentElement.clientWidth + 1 || r.left < -1;
    return {what: e.tagName + ' ' + (e.getAttribute('aria-label') || e.innerText || (e.closest('label') || {}).innerText || '').trim().slice(0, 40),
            width: r.width, height: r.height, cut};
})"""


@pytest.mark.parametrize("folder", ["", "handout"])
def test_on_a_phone_nothing_is_cut_off_and_every_target_is_24_px(site, browser, folder):
    small, cut, wide = [], [], []
    for name in EXPLORER_PAGES:
        path = site / "light" / folder / f"{name}.html"
        context, page = _open(browser, path, PHONE)
        try:
            if name == "02_filter_by_symptom":            # the ranking's links and buttons appear once ticked
                view = page.locator(".redspots-symptom-filter").first
                expect(view).to_contain_text("Nothing ticked yet")      # every explorer opens empty
                view.get_by_role("checkbox", name=_label("flat_spots"), exact=True).check()
                expect(view.locator(".redspots-ranking")).to_be_visible()
            targets = page.evaluate(_TARGETS, _CONTROLS)
            assert targets, name
            small += [f"{name}: {t}" for t in targets if t["width"] < 24 or t["height"] < 24]
            cut += [f"{name}: {t}" for t in targets if t["cut"]]
            sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if sizes[0] > sizes[1]:
                wide.append((name, sizes))
        finally:
            context.close()
    assert not small, "tap targets under 24 px:\n" + "\n".join(small[:12])
    assert not cut, "cut off on a phone:\n" + "\n".join(cut[:12])
    assert not wide, f"pages that scroll sideways on a phone: {wide}"


# --- the keyboard -------------------------------------------------------------------------------------------------

#: the focused element: whether it is seen and what it is called (its label, its text, its title)
_FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    const by = (e.getAttribute('aria-labelledby') || '').split(/\\s+/).map(id => document.getElementById(id))
        .filter(Boolean).map(x => x.textContent).join(' ');
    const labels = e.labels ? [...e.labels].map(l => l.textContent).join(' ') : '';
    const name = (e.getAttribute('aria-label') || by || labels || e.innerText || e.getAttribute('title')
        || e.getAttribute('alt') || (e.querySelector('img[alt]') || {}).alt || '').trim();
    let shown = r.width > 1 && r.height > 1 && s.visibility === 'visible';
    for (let a = e; a && shown; a = a.parentElement) if (parseFloat(getComputedStyle(a).opacity) < 0.1) shown = false;
    return {what: e.tagName + '.' + String(e.className).slice(0, 50), name: name.slice(0, 50), shown,
            control: !!e.closest('.redspots-explorer')};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("folder", ["", "handout"])
def test_tab_reaches_the_first_control_through_named_visible_stops(site, browser, folder, viewport):
    found = {}
    for name in EXPLORER_PAGES:
        context, page = _open(browser, site / "light" / folder / f"{name}.html", viewport)
        try:
            stops = []
            for _ in range(40):
                page.keyboard.press("Tab")
                focused = page.evaluate(_FOCUSED)
                assert focused is not None, f"{name}: Tab left the page before reaching a control: {stops}"
                stops.append(focused)
                if focused["control"]:
                    break
            assert stops[-1]["control"], f"{name}: no explorer control within 40 Tab presses: {stops[-3:]}"
            empty = [s for s in stops if not (s["shown"] and s["name"])]
            if empty:
                found[name] = empty
        finally:
            context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
