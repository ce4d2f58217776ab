"""HTML in: news pages become their article text; statements as from the plain text, none from boilerplate.

Each page under tests/html/ is hand-written in the shape of a real news site (header,
navigation, cookie banner, inline scripts, ads, related links, a comments section; the
article in ``<article>``, in plain ``<div>``s, in a WordPress theme or an old table
layout) next to its article as a reader would copy it (``.txt``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.cli import main
from stance.corpus import ArticleReadError, iter_articles, read_article
from stance.extract import Extractor
from stance.html_input import html_to_article, looks_like_html

HTML_DIR = Path(__file__).resolve().parent / "html"

# page -> (title, authors, date, boilerplate that is in the page but must never be article text)
PAGES = {
    "01_metro_transit.html": (
        "City council delays vote on transit fare increase", ("Lena Ortiz",), "2024-03-12",
        ["use cookies", "weird trick", "Subscribe today", "Fares must go up", "Related stories",
         "Governor says state will cover", "This council never listens", "Raise the fares", "Click here", "All rights reserved"],
    ),
    "02_business_divs.html": (
        "Steelmaker to close Ohio plant, cutting 800 jobs", ("Raj Patel",), "2023-11-06",
        ["This site uses cookies", "Markets will rally", "DOW 35,120", "mortgage rate", "Most read", "Fed chair says",
         "best five minutes", "Gary mill", "Every job matters", "LinkedIn"],
    ),
    "03_sports_blog.html": (
        "Hawks owner vows to keep team in the city", ("Tim Okafor",), "2024-09-15",
        ["Everything Hawks", "Share this", "Previous: Bell says", "believe it when I see it", "practice facility",
         "Leave a Reply", "Lang says new coach", "Best pizza", "Enable it now", "Proudly powered"],
    ),
    "04_wire_main.html": (
        "Health officials warn of early flu season", ("Amy Liu",), "2023-11-17",
        ["Skip to content", "Your privacy matters", "consent is required", "Advertisement", "How to tell a cold",
         "melts belly fat", "I was stunned", "RSV cases", "Ad Choices", "defineSlot"],
    ),
    "05_local_entities.htm": (
        "Waterfront land sale draws fire from neighbours", ("Kevin O'Brien",), "2024-05-22",
        ["Vote yes", "Classifieds", "use of cookies", "harbour at dusk", "budget gap is worse", "world-class",
         "Sell it and lower", "Smith said it best", "Okoro for Mayor"],
    ),
}


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _facts(statements):
    return [(s.speaker, s.content, s.kind) for s in statements]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_gives_the_statements_of_its_plain_article_text(extractor, name):
    page = HTML_DIR / name
    title, authors, date, boilerplate = PAGES[name]
    article = read_article(page)
    plain = page.with_suffix(".txt").read_text(encoding="utf-8")

    assert _paragraphs(article.text) == _paragraphs(plain)  # the headline, then the article's paragraphs
    assert (article.metadata.title, article.metadata.authors, article.metadata.date) == (title, authors, date)
    assert article.metadata.extracted_from == "html"

    from_page = extractor(article.text).statements
    assert from_page, "the page has attributed statements"
    assert _facts(from_page) == _facts(extractor(plain).statements)  # same contents, speakers and kinds
    for statement in from_page:
        assert article.text[statement.start : statement.end] == statement.content  # offsets point into the extracted text

    html = page.read_text(encoding="utf-8")
    for snippet in boilerplate:
        assert snippet in html, f"the fixture should hold {snippet!r}"
        assert snippet not in article.text
        assert not [s for s in from_page if snippet in s.content or snippet in (s.speaker or "")]


def test_looks_like_html():
    for page in ("<!DOCTYPE html><html><body>x</body></html>", "\ufeff  <html>", "<!-- saved -->\n<html>", b"<HTML><BODY>",
                 "<p>Smith said so.</p>", "<div class='story'>Smith said so.</div>"):
        assert looks_like_html(page), page
    for text in ("Smith said so.", "", "Smith said the <b> tag is fine.", " date 2022-01 By A B | Outlet", "<3 said the fan"):
        assert not looks_like_html(text), text


def test_a_fragment_and_a_page_in_another_encoding(tmp_path):
    assert html_to_article("<p>Smith said the plan would fail.</p>").text == "Smith said the plan would fail."
    page = tmp_path / "latin1.html"
    body = "<p>\u201cWe won\u2019t back down,\u201d said Jos\u00e9 Mu\u00f1oz, the caf\u00e9 owner, on Tuesday evening.</p>" * 3
    page.write_bytes(f'<html><head><meta charset="windows-1252"><title>Caf\u00e9 owners protest</title></head><body><article>{body}</article></body></html>'.encode("cp1252"))
    article = read_article(page)
    assert article.metadata.title == "Caf\u00e9 owners protest"
    assert "\u201cWe won\u2019t back down,\u201d said Jos\u00e9 Mu\u00f1oz" in article.text


def test_html_by_content_in_a_txt_file_a_directory_and_a_jsonl_corpus(tmp_path):
    page_html = (HTML_DIR / "02_business_divs.html").read_text(encoding="utf-8")
    (tmp_path / "saved_page.txt").write_text(page_html, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Smith said the plan would fail.", encoding="utf-8")
    (tmp_path / "page.HTM").write_text(page_html, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "p1", "text": page_html}) + "\n" + json.dumps({"id": "t1", "text": "Jones said no."}) + "\n", encoding="utf-8")
    articles = {a.article_id: a for a in iter_articles([tmp_path, corpus])}
    assert set(articles) == {str(tmp_path / n) for n in ("saved_page.txt", "plain.txt", "page.HTM")} | {"p1", "t1"}
    plain = _paragraphs((HTML_DIR / "02_business_divs.txt").read_text(encoding="utf-8"))
    for key in (str(tmp_path / "saved_page.txt"), str(tmp_path / "page.HTM"), "p1"):
        assert _paragraphs(articles[key].text) == plain
        assert articles[key].metadata.title == "Steelmaker to close Ohio plant, cutting 800 jobs"
    assert articles["t1"].metadata is None and articles["t1"].text == "Jones said no."


def test_a_page_without_article_text_is_reported_and_skipped(tmp_path):
    empty = tmp_path / "menu.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><script>var x = 1;</script></body></html>", encoding="utf-8")
    with pytest.raises(ArticleReadError, match="menu.html: no article text"):
        read_article(empty)
    skipped = []
    assert list(iter_articles([empty, tmp_path / "missing.html"], skipped)) == []
    assert [s.source for s in skipped] == [str(empty), str(tmp_path / "missing.html")]
    assert "no such file" in skipped[1].reason


def test_cli_extract_html_writes_the_text_its_offsets_point_into(tmp_path, capsys):
    page = HTML_DIR / "01_metro_transit.html"
    articles = tmp_path / "articles.jsonl"
    out = tmp_path / "statements.jsonl"
    assert main(["extract", str(page), "--output", str(out), "--articles", str(articles)]) == 0
    [entry] = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    assert entry["id"] == str(page)
    assert entry["metadata"]["title"] == "City council delays vote on transit fare increase"
    assert entry["metadata"]["extracted_from"] == "html"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(entry["text"][r["start"] : r["end"]] == r["content"] for r in rows)
    assert not any("<" in (r["speaker"] or "") or "&quot" in r["content"] for r in rows)
    # the articles file is a corpus: read back, it gives the same statements
    again = tmp_path / "again.jsonl"
    assert main(["extract", str(articles), "--output", str(again)]) == 0
    assert [{k: v for k, v in json.loads(line).items() if k != "article"} for line in again.read_text(encoding="utf-8").splitlines()] == \
        [{k: v for k, v in r.items() if k != "article"} for r in rows]
