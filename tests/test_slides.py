"""The slide decks (``make slides``): one reveal.js deck per lesson, offline, explorers alive, speaker notes."""
from __future__ import annotations

import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from browser import block_all_but, chromium, screenshot
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# lessons: numbered notebooks but 00_start_here (the orientation); not index or teacher_guide
LESSONS = [n for n in NOTEBOOKS if re.match(r"\d\d_", n.name) and not n.name.startswith("00_")]
BANNER = "Get emergency help now (999, 112 or 911)"


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("slides")
    result = subprocess.run([sys.executable, "-m", "redspots.export", "--slides", "--output-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def _cells(name: str):
    return nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells


def _slide_type(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def test_one_self_contained_deck_per_lesson(decks):
    assert {p.name for p in decks.iterdir()} == {f"{n.stem}.slides.html" for n in LESSONS}
    assert {"01_what_are_tiny_red_dots", "05_reading_health_articles_critically"} <= {n.stem for n in LESSONS}
    for deck in decks.iterdir():
        text = deck.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", text), f"{deck.name} loads a script from elsewhere"
        assert not re.search(r"<link[^>]+href=", text), f"{deck.name} loads a stylesheet from elsewhere"
        assert not re.search(r"@import|unpkg\.com|cdnjs|fonts\.googleapis", text), deck.name
        assert "Reveal.initialize" in text and 'id:`notes`' in text, "reveal.js and its notes plugin inlined"
        assert deck.stat().st_size < 2_500_000, f"{deck.name}: {deck.stat().st_size / 1e6:.2f} MB"
        assert '.ipynb"' not in text, f"{deck.name} still links to a notebook file"
    # a lesson links to the next lesson's deck; the orientation and the index are pages of make html
    first = (decks / "01_what_are_tiny_red_dots.slides.html").read_text(encoding="utf-8")
    assert 'href="02_filter_by_symptom.slides.html"' in first
    assert 'href="../html/00_start_here.html"' in first and 'href="../html/index.html"' in first


def test_decks_show_no_code(decks):
    for lesson in LESSONS:
        text = (decks / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
        assert "import redspots as rs" not in text, lesson.stem
        assert not re.search(r'class="[^"]*\bjp-(CodeMirrorEditor|InputPrompt|OutputPrompt)\b', text), lesson.stem


def test_speaker_notes_come_from_cell_metadata_and_only_there(decks):
    """Every note in a cell's metadata reaches the deck as reveal's notes, on a cell the deck shows."""
    name = "04_treatment_options"
    notes = [c.metadata["redspots"]["notes"] for c in _cells(name) if "redspots" in c.metadata]
    assert len(notes) >= 5
    text = (decks / f"{name}.slides.html").read_text(encoding="utf-8")
    asides = re.findall(r'<aside class="notes">(.*?)</aside>', text, re.S)
    assert len(asides) == len(notes)
    assert "never give aspirin to under-16s" in asides[-1]          # the summary's note, on the last slide


def _ids(items):
    return [i.stem for i in items]


@contextmanager
def _offline_deck(deck: Path, viewport=(1366, 768)):
    """A deck (and any window it opens) with every request but the deck file itself blocked; on leaving,
    asserts that nothing was asked for and nothing failed."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        errors = []
        # the speaker view shows the deck itself in two frames: the same file, with a query
        blocked = block_all_but(context, deck)
        context.on("page", lambda p: p.on("pageerror", lambda e: errors.append(str(e))))
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        if '"model_module": "anywidget"' in deck.read_text(encoding="utf-8"):
            page.wait_for_selector("html[data-redspots-ready]")
            assert page.locator(".redspots-runtime-problem").count() == 0
        try:
            yield page
            assert blocked == [], f"{deck.name} asked for {blocked[:3]}"
            assert errors == [], errors
        finally:
            context.close()


def _index(page) -> int:
    return page.evaluate("Reveal.getIndices().h")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1366, 768), (1024, 768)])
def test_every_deck_opens_offline_with_the_safety_advice_on_its_title_slide(decks, viewport):
    for lesson in LESSONS:
        cells = _cells(lesson.stem)
        slides = sum(_slide_type(c) == "slide" for c in cells)
        with _offline_deck(decks / f"{lesson.stem}.slides.html", viewport) as page:
            assert page.evaluate("Reveal.getTotalSlides()") == slides > 1, lesson.stem
            title = page.locator(".reveal .slides > section").first
            expect(title.get_by_role("heading", level=1)).to_be_visible()
            banner = title.locator(".redspots-note", has_text=BANNER)
            expect(banner).to_be_visible()
            # the whole banner is on the slide, not below its bottom edge
            inside = banner.evaluate("""b => { const s = b.closest('section').getBoundingClientRect();
                                                const r = b.getBoundingClientRect();
                                                return r.top >= s.top && r.bottom <= s.bottom + 1; }""")
            assert inside, (lesson.stem, viewport)
            screenshot(page, f"slides-{lesson.stem}-title-{viewport[0]}x{viewport[1]}")


@pytest.mark.browser
def test_the_keyboard_moves_through_the_slides(decks):
    with _offline_deck(decks / "03_compare_conditions.slides.html") as page:
        assert _index(page) == 0
        page.keyboard.press("ArrowRight")
        page.wait_for_function("Reveal.getIndices().h === 1")
        page.keyboard.press("Space")
        page.wait_for_function("Reveal.getIndices().h === 2")
        present = page.locator(".reveal .slides > section.present")
        expect(present.get_by_role("heading", name="What tells them apart", exact=True)).to_be_visible()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("Reveal.getIndices().h === 1")
        page.keyboard.press("End")
        page.wait_for_function("Reveal.isLastSlide()")
        expect(present.get_by_role("heading", name="Summary", exact=True)).to_be_visible()


@pytest.mark.browser
def test_a_slide_taller_than_the_screen_says_so_until_its_end_is_shown(decks):
    cells = _cells("01_what_are_tiny_red_dots")
    starts = [i for i, c in enumerate(cells) if _slide_type(c) == "slide"]
    glance = next(n for n, i in enumerate(starts) if cells[i].source.startswith("## The conditions at a glance"))
    more = ".reveal.redspots-more-below"
    with _offline_deck(decks / "01_what_are_tiny_red_dots.slides.html", viewport=(1024, 768)) as page:
        assert page.locator(more).count() == 0                     # the title slide fits
        for _ in range(glance):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(f"Reveal.getIndices().h === {glance}")
        expect(page.locator(more)).to_have_count(1)            # all the conditions do not
        screenshot(page, "slides-01-more-below")
        page.evaluate("() => { const s = Reveal.getCurrentSlide(); s.scrollTop = s.scrollHeight; }")
        expect(page.locator(more)).to_have_count(0)
        # the last row is on screen once scrolled: nothing is cut off
        last = page.locator("section.present table tbody tr").last
        expect(last).to_be_in_viewport()


@pytest.mark.browser
def test_an_explorer_on_a_slide_responds_and_keeps_its_keys(decks):
    with _offline_deck(decks / "04_treatment_options.slides.html", viewport=(1024, 768)) as page:
        page.keyboard.press("ArrowRight")
        page.wait_for_function("Reveal.getIndices().h === 1")
        view = page.locator("section.present .redspots-stepper")
        shown = view.locator(".redspots-step.redspots-current")
        expect(view.locator(".redspots-where")).to_have_text("Step 1 (choose a condition first)")   # opens empty
        view.get_by_label("Condition").select_option(label="Keratosis pilaris")
        view.get_by_role("button", name="Next step →").click()
        expect(shown).to_contain_text("Keratosis pilaris: step 2 of 4")
        view.get_by_label("Condition").select_option(label="Petechiae")
        expect(shown).to_contain_text("Petechiae: step 1 of")
        # keys pressed in the explorer work the explorer, not the deck
        view.get_by_role("button", name="Next step →").focus()
        page.keyboard.press("Space")
        expect(shown).to_contain_text("Petechiae: step 2 of")
        page.keyboard.press("ArrowRight")
        assert _index(page) == 1
        screenshot(page, "slides-04-stepper-moved")


@pytest.mark.browser
def test_the_symptom_filter_warns_in_the_deck(decks):
    import redspots as rs

    labels = rs.load().findings["label"]
    with _offline_deck(decks / "02_filter_by_symptom.slides.html") as page:
        page.keyboard.press("ArrowRight")
        page.wait_for_function("Reveal.getIndices().h === 1")
        view = page.locator("section.present .redspots-symptom-filter")
        expect(view).to_contain_text("Nothing ticked yet")             # the lesson leaves it empty
        for fid in ("non_blanching", "fever"):
            view.get_by_role("checkbox", name=labels[fid], exact=True).check()
        expect(view.locator(".redspots-flags-head")).to_have_text("⚠ EMERGENCY: act on this first")
        screenshot(page, "slides-02-filter-emergency")


@pytest.mark.browser
def test_the_speaker_view_shows_the_notes_offline(decks):
    name = "01_what_are_tiny_red_dots"
    first_note = _cells(name)[0].metadata["redspots"]["notes"]
    with _offline_deck(decks / f"{name}.slides.html") as page:
        # the notes are in the deck, hidden from the room
        notes = page.locator(".reveal .slides > section").first.locator("aside.notes")
        expect(notes).to_have_count(1)
        expect(notes).to_be_hidden()
        with page.context.expect_page() as opened:
            page.keyboard.press("s")
        speaker = opened.value
        expect(speaker.locator(".speaker-controls-notes .value")).to_contain_text(first_note[:60], timeout=30_000)
        # it follows the deck
        page.bring_to_front()
        page.keyboard.press("ArrowRight")
        # the notes of the second slide: the next cell that starts a slide
        second_note = [c for c in _cells(name) if _slide_type(c) == "slide"][1].metadata["redspots"]["notes"]
        expect(speaker.locator(".speaker-controls-notes .value")).to_contain_text(second_note[:60])
        screenshot(speaker, "slides-speaker-view")


@pytest.mark.browser
def test_no_slide_is_blank(decks):
    """A table or repr the deck leaves out takes its slide cut on, or its slide with it: every slide
    shows something (text, a picture or an explorer), whatever its speaker notes say."""
    for lesson in LESSONS:
        with _offline_deck(decks / f"{lesson.stem}.slides.html") as page:
            blank = page.evaluate("""() => [...document.querySelectorAll('.reveal .slides section')]
                .filter(s => !s.querySelector('section'))
                .map((s, i) => {
                    const copy = s.cloneNode(true);
                    copy.querySelectorAll('aside.notes').forEach(a => a.remove());
                    const shows = copy.textContent.trim() !== '' || copy.querySelector('svg, img, .redspots-explorer');
                    return shows ? null : i + 1;
                }).filter(i => i !== null)""")
            assert blank == [], f"{lesson.stem}: blank slides {blank}"
