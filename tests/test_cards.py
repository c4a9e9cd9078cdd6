"""The scenario cards (cards.html): one card per quiz case, no answer on a card, escaped, offline, printable."""
from __future__ import annotations

import io
import math
import shutil
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup

import redspots as rs
from browser import block_all_but, chromium, screenshot
from conftest import DATA, ROOT
from redspots.cards import cards_page, write_cards
from redspots.figures.scenario import scenario_picture

#: What each action reads as, written here by hand (the words a learner reads in the quiz).
ACTION_WORDS = {"self_care": "Self-care at home", "pharmacist": "Ask a pharmacist", "gp": "See a GP (booked appointment)",
                "same_day": "Urgent: NHS 111 or the GP surgery now, seen the same day", "emergency": "Emergency: call 999 / 112 / 911 now"}
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _cases() -> list[dict]:
    return yaml.safe_load((DATA / "quiz.yaml").read_text(encoding="utf-8"))


def _condition_name(condition_id: str) -> str:
    return yaml.safe_load((DATA / "conditions" / f"{condition_id}.yaml").read_text(encoding="utf-8"))["name"]


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def page() -> BeautifulSoup:
    return BeautifulSoup(cards_page(), "html.parser")


def test_one_card_per_quiz_case_in_order_with_age_story_and_picture(page):
    cases = _cases()
    assert len(cases) >= 12
    cards = page.select("section.cards > article.card")
    assert [c["data-case"] for c in cards] == [case["id"] for case in cases]
    for number, (card, case) in enumerate(zip(cards, cases), start=1):
        assert _text(card.h2) == f"Card {number}"
        assert _text(card.select_one(".age")) == f"Age: {' '.join(case['age'].split())}"
        assert _text(card.select_one(".story")) == " ".join(case["story"].split())
        svg = card.select_one("svg[role=img]")
        assert svg is not None and svg.title and svg.desc, case["id"]
        assert case["skin_tone"] in _text(svg.desc), "the picture is drawn on the case's skin tone"


def test_no_answer_on_the_cards(page):
    cards = page.select("section.cards > article.card")
    every_action = list(ACTION_WORDS.values())
    for card, case in zip(cards, _cases()):
        text = _text(card)
        assert _condition_name(case["answer"]["condition"]).lower() not in text.lower(), case["id"]
        assert not [words for words in every_action if words.lower() in text.lower()], case["id"]
        assert " ".join(case["why"].split())[:60] not in text
        assert case["title"] not in text, "the title can name the answer: it is only in the answer key"
    assert "Most likely" not in _text(page.select_one("section.cards"))


def test_the_answer_key_comes_last_marked_for_the_teacher(page):
    sections = page.body.find_all("section", recursive=False)
    assert [s["class"][0] for s in sections] == ["cards", "answer-key"]
    key = sections[-1]
    assert "for the teacher" in _text(key.h2)
    answers = key.select(".answer")
    assert [a["data-case"] for a in answers] == [c["id"] for c in _cases()]
    for number, (answer, case) in enumerate(zip(answers, _cases()), start=1):
        text = _text(answer)
        assert text.startswith(f"Card {number}: {case['title']}")
        assert _condition_name(case["answer"]["condition"]) in text
        assert ACTION_WORDS[case["answer"]["action"]] in text
        assert answer.select("ol.sources a[href^='https://']"), "the answer cites its sources"


def test_the_emergency_advice_is_the_first_bold_thing(page):
    first = page.body.find(["strong", "b"])
    assert all(words in _text(first) for words in ("999", "112", "911", "do not fade", "fever", "child"))
    assert first.find_parent(class_="cards") is None


@pytest.mark.parametrize("findings, kind", [
    (["raised_bumps", "rough_texture", "upper_arms_thighs", "long_lasting_stable"], "keratosis_pilaris"),
    (["raised_bumps", "rough_texture", "fever", "sore_throat", "new_in_days"], "fine_rash"),
    (["dome_papule_1_to_5mm", "bright_cherry_red"], "cherry_angioma"),
    (["raised_bumps", "bleeds_easily", "spot_growing_or_changing"], "lump"),
    (["mouth_sores", "palms_soles", "raised_bumps"], "blisters"),
    (["ring_shaped_rash", "fever"], "rings"),
    (["bruise_like_patches", "pinpoint_under_2mm", "purple_or_brown"], "purpura"),
    (["raised_bumps", "purple_or_brown", "lower_legs"], "raised_purpura"),
    (["pinpoint_under_2mm", "fever"], "petechia"),
    (["rough_texture", "worse_in_winter", "fever"], "fine_rash"),          # a fever: not keratosis pilaris
    (["pinpoint_under_2mm", "purple_or_brown", "palms_soles", "fever"], "petechia"),   # spots, not blisters
    (["flat_spots", "fever", "feeling_very_unwell"], "redness"),
    # on brown or black skin bleeding spots look darker than the skin: drawn as the purple spots they are
    (["raised_bumps", "darker_than_skin", "lower_legs", "buttocks"], "raised_purpura"),
    (["darker_than_skin", "palms_soles", "mouth_sores", "fever"], "redness"),          # not blisters
    (["raised_bumps", "skin_coloured_or_pink", "lower_legs"], "redness"),              # not purple
])
def test_the_picture_shows_the_spots_the_findings_describe(findings, kind):
    for skin in ("light", "medium", "dark"):
        svg = scenario_picture(findings, skin, key="t").svg
        assert f'data-pattern="{kind}"' in svg
        assert svg.count("<svg") == 1 and svg.endswith("</svg>")


def test_pictures_on_one_page_never_share_an_id(page):
    ids = [node["id"] for node in page.select("svg [id]")]
    assert len(ids) == len(set(ids))


def _hostile_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("schema"))
    cases = _cases()
    for case in cases:
        for field in ("title", "age", "story", "why"):
            case[field] = f"{case[field]} {HOSTILE}"
    (data / "quiz.yaml").write_text(yaml.safe_dump(cases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def test_content_is_escaped(tmp_path):
    html = cards_page(rs.load(_hostile_data(tmp_path)))
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") == 4 * len(_cases())  # age, story; title, why
    assert "<script" not in html, "the page has no script at all"


def _open_offline(browser, path, viewport=(1366, 768)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    errors = []
    blocked = block_all_but(page, path)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, blocked, errors


@pytest.mark.browser
def test_cards_work_offline_and_read_when_projected(tmp_path):
    path = write_cards(tmp_path)
    with chromium() as browser:
        for width in (1366, 1024):
            context, page, blocked, errors = _open_offline(browser, path, (width, 768))
            assert blocked == [] and errors == []
            assert page.locator("article.card").count() == len(_cases())
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.card .story')).fontSize)")
            assert size >= 16, "readable when projected"
            assert page.evaluate("[...document.querySelectorAll('.card svg')].every(s => s.getBoundingClientRect()"
                                 ".width >= 200)")
            screenshot(page, f"cards-{width}")
            context.close()


@pytest.mark.browser
def test_hostile_content_runs_nothing_in_the_browser(tmp_path):
    path = write_cards(tmp_path / "out", rs.load(_hostile_data(tmp_path)))
    with chromium() as browser:
        context, page, blocked, errors = _open_offline(browser, path)
        assert page.evaluate("window.__pwned") is None
        assert blocked == [], "an injected <img> would have asked for x"
        assert HOSTILE in page.locator("article.card .story").first.inner_text()
        context.close()


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader
    """Each page's text with no white space at all (lines wrap differently in print)."""
    return ["".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.browser
def test_print_puts_whole_cards_on_a4_pages_and_the_answers_after_them(tmp_path):
    path = write_cards(tmp_path)
    cases = _cases()
    with chromium() as browser:
        context, page, blocked, errors = _open_offline(browser, path)
        page.emulate_media(media="print")
        assert page.evaluate("[...document.querySelectorAll('.card')].every(c => getComputedStyle(c).breakInside"
                             " === 'avoid')")
        pdf = page.pdf(format="A4", print_background=True)
        context.close()
    (ROOT / "test-artifacts" / "browser").mkdir(parents=True, exist_ok=True)
    (ROOT / "test-artifacts" / "browser" / "cards.pdf").write_bytes(pdf)
    pages = _pages(pdf)
    key = next(i for i, text in enumerate(pages) if "Answerkey:fortheteacher" in text)
    for case in cases:    # every story whole on one card page, before the answer key
        story = "".join(case["story"].split())
        holding = [i for i, text in enumerate(pages) if story in text]
        assert len(holding) == 1 and holding[0] < key, (case["id"], holding)
    assert not any("".join(c["story"].split())[:40] in pages[key] for c in cases), "answers start on a new page"
    # several cards on a page: at least four on every full page, so the cards take at most ceil(n/4) + 1 pages
    assert math.ceil(len(cases) / 6) <= key <= math.ceil(len(cases) / 4) + 1, key
    assert len(pages) - key <= math.ceil(len(cases) / 3), "the answer key stays short"
    assert "Card1" in pages[0] and "999" in pages[0]


def test_make_html_writes_the_cards(tmp_path):
    from redspots import export
    out = tmp_path / "html"
    assert export.main(["--output-dir", str(out), str(ROOT / "notebooks" / "index.ipynb")]) == 0
    assert (out / "cards.html").read_text(encoding="utf-8") == cards_page()
