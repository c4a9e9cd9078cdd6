"""The emergency card: when to call 999 / 112 / 911 and the glass test on three skin tones, one A4 page."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import redspots as rs
from redspots import emergency_card as card
from browser import block_all_but, chromium, screenshot
from conftest import DATA, said, set_statement


@pytest.fixture(scope="module")
def page_html() -> str:
    return card.emergency_card()


class _Text(HTMLParser):
    """The text a reader sees, by section heading; the pictures' titles; the links."""

    def __init__(self):
        super().__init__()
        self.sections, self.current, self.svg_titles, self.links = {}, "top", [], []
        self._stack = []

    def handle_starttag(self, tag, attrs):
        self._stack.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data):
        if "style" in self._stack:
            return
        if self._stack and self._stack[-1] == "h2":
            self.current = data.strip()
        if self._stack and self._stack[-1] == "title" and "svg" in self._stack:
            self.svg_titles.append(data)
        self.sections[self.current] = self.sections.get(self.current, "") + data


def _read(page_html: str) -> _Text:
    parser = _Text()
    parser.feed(page_html)
    return parser


def test_the_card_says_when_to_call_999_112_911_first(page_html):
    text = _read(page_html)
    call = text.sections["When to call 999 / 112 / 911"]
    for number in ("999", "112", "911"):
        assert number in call
    assert "999 (UK) · 112 (Europe) · 911 (North America)" in call
    flat = " ".join(call.split())
    for statement in ("get_help_now", "child_non_blanching", "baby_under_3_months_fever", "seriously_ill_no_rash",
                      "well_adult_non_blanching", "spreading_spots"):
        assert said(statement) in flat, statement
    # the first words in the box are the ones every surface starts with
    assert flat.index(said("get_help_now")) < flat.index(said("child_non_blanching"))
    # the call to action comes before the pictures and everything else
    assert page_html.index("When to call 999 / 112 / 911") < page_html.index("<svg")


def test_the_card_shows_the_glass_test_on_three_skin_tones(page_html):
    text = _read(page_html)
    glass = text.sections["The glass test, on three skin tones"]
    for tone in ("Light skin", "Medium skin", "Dark skin"):
        assert tone in glass
    for statement in ("glass_how_to", "glass_on_darker_skin", "glass_keep_checking", "glass_test_limits",
                      "dont_wait_for_a_rash"):
        assert said(statement) in " ".join(glass.split()), statement
    assert page_html.count("<svg") == 3
    for skin in ("light", "medium", "dark"):
        assert f'aria-labelledby="rs-glass-test-{skin}-title"' in page_html


def test_every_statement_on_the_card_cites_its_sources(page_html):
    sources = re.search(r"<ol>(.*?)</ol>", page_html.split("<footer>")[1], re.S).group(1)
    listed = sources.count("<li>")
    body = page_html.split("<footer>")[0]
    statements = re.findall(r"<li>(?:(?!</li>).)*?</li>", body, re.S) + re.findall(r'<p class="lead">.*?</p>', body, re.S)
    # the lead, 3 when to call, 2 for an adult who feels well, 1 how to, 1 darker skin, 3 limits, 2 other
    assert len(statements) == 13
    for statement in statements:
        cited = re.search(r"<sup>\[([\d, ]+)\]</sup></(li|p)>$", statement)
        assert cited, statement[:80]
        assert all(1 <= int(n) <= listed for n in cited.group(1).split(", "))
    for publisher in ("Meningitis Now", "NHS", "Cleveland Clinic"):
        assert publisher in sources


def test_the_chosen_statements_are_the_ones_the_card_needs():
    """The card names statements by id: each id must still say what its place on the card needs."""
    child, baby, ill = (said(i) for i in card.CALL_NOW)
    assert "baby or child" in child and "999" in child
    assert "baby under 3 months" in baby and "38" in baby and "999" in baby
    assert "seriously ill" in ill
    well_adult, spreading = (said(i) for i in card.ADVICE_NOW)
    assert "feels well" in well_adult and "NHS 111" in well_adult and "now" in well_adult
    assert "spread" in spreading and "999" in spreading and "feels well" in spreading
    lead = said(card.LEAD)       # it also carries the fever: spots that don't fade with a fever mean 999
    assert all(words in lead for words in ("999", "112", "911", "with a fever", "do not fade", "baby or child",
                                           "NHS 111", "now"))
    assert "press the side of a clear glass" in said(card.HOW_TO[0])
    assert all("glass" in said(i) or "rash" in said(i) for i in card.LIMITS)
    assert "brown or black skin" in said(card.DARKER_SKIN[0])
    signs, instincts = (said(i) for i in card.OTHER_SIGNS)
    assert "cold hands and feet" in signs and "Trust your instincts" in instincts


def test_spreading_spots_are_on_the_card_with_their_sources(page_html):
    """An adult who feels well still needs 999 for spots that spread over hours: the card says so, and
    cites the statement's own sources."""
    text = _read(page_html)
    call = " ".join(text.sections["When to call 999 / 112 / 911"].split())
    assert said("spreading_spots") in call
    item = re.search(r"<li>([^<]*spread over hours[^<]*)<sup>\[([\d, ]+)\]</sup></li>", page_html)
    numbers = [int(n) for n in item.group(2).split(", ")]
    sources = re.findall(r"<li>(.*?)</li>", re.search(r"<ol>(.*?)</ol>", page_html.split("<footer>")[1], re.S).group(1))
    t = rs.load()
    for ref, number in zip(rs.safety_text("spreading_spots").refs, numbers):
        assert t.references.at[ref, "url"] in sources[number - 1]


def test_the_card_needs_nothing_else(page_html):
    assert "<script" not in page_html.lower()
    assert not re.search(r"\s(src|srcset)=", page_html)
    assert "@import" not in page_html and not re.search(r"url\((?!#)", page_html)   # only the SVGs' own #ids
    assert "<link" not in page_html
    # the only addresses are the sources' links, which a reader may follow
    assert set(re.findall(r'href="([a-z]+):', page_html)) == {"https"}


def test_content_is_escaped_on_the_card(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for statement in ("get_help_now", "child_non_blanching", "spreading_spots"):
        set_statement(data, statement, f"{said(statement)} <script>alert(1)</script>")
    page = card.emergency_card(tables=rs.load(data))
    assert "<script>alert(1)" not in page and page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3


@pytest.mark.browser
def test_the_card_prints_on_one_a4_page_offline(page_html, tmp_path):
    path = tmp_path / "emergency-card.html"
    path.write_text(page_html, encoding="utf-8")
    with chromium() as browser:
        for width, height in ((1366, 768), (390, 844)):
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            blocked = block_all_but(page, path)
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert blocked == []
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            # on a phone too, the numbers to call are on the first screen
            numbers = page.get_by_text("999 (UK) · 112 (Europe) · 911 (North America)").bounding_box()
            assert numbers["y"] + numbers["height"] <= height
            screenshot(page, f"emergency-card-{width}x{height}")
            if width == 1366:
                page.emulate_media(media="print")
                assert page.locator("svg").count() == 3
                assert all(page.locator("svg").nth(i).is_visible() for i in range(3))
                pdf = tmp_path / "card.pdf"
                page.pdf(path=str(pdf), format="A4", print_background=True)
                pages = re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes())
                assert len(pages) == 1, f"the card prints on {len(pages)} A4 pages"
            context.close()


@pytest.mark.browser
def test_every_line_of_the_glass_test_fits_inside_the_picture():
    """A wide font (DejaVu Sans, Debian's default) must not cut off the warning line at the foot."""
    with chromium() as browser:
        page = browser.new_page()
        for skin in rs.figures.SKIN_TONES:
            page.set_content(f"<div style='width:720px'>{rs.figures.glass_test(skin).svg}</div>")
            overflow = page.evaluate("""() => [...document.querySelectorAll('svg text')]
                .map(t => [t.textContent, t.getBBox()])
                .filter(([_, b]) => b.x < 0 || b.x + b.width > 720).map(([text]) => text)""")
            assert overflow == [], (skin, overflow)
