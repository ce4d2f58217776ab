"""HTML out: the report page, read as HTML (the browser test is tests/test_report_browser.py)."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from stance.cli import main
from stance.output import summarize
from stance.records import ArticleMetadata, ArticleResult, StanceRecord, Statement
from stance.report import render_report, write_report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3f02757656f424b1.txt"
SEED_TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces"]
EVIL_SPEAKER = "<img src=x onerror=alert(2)>"


def _statement(text: str, content: str, speaker, kind: str = "indirect", cue: str = "said") -> Statement:
    start = text.index(content)
    return Statement(content, start, start + len(content), speaker, speaker, None, None, cue, None, None, kind, 0.8, start, start + len(content), "speech")


def _record(statement: Statement, target: str, text: str, stance: str, article_id: str) -> StanceRecord:
    start = text.index(target, statement.start)
    scores = {"support": 0.1, "opposition": 0.1, "neutral": 0.1}
    scores[stance] = 0.8
    return StanceRecord(statement, target, target, start, start + len(target), stance, scores, "neutral",
                        {"positive": 0.2, "negative": 0.3, "neutral": 0.5}, article_id)


def _article(article_id: str, text: str, statements_spec, records_spec, metadata=None) -> ArticleResult:
    statements = [_statement(text, *spec) for spec in statements_spec]
    records = [_record(statements[i], target, text, stance, article_id) for i, target, stance in records_spec]
    return ArticleResult(text=text, metadata=metadata or ArticleMetadata(), statements=statements, records=records, article_id=article_id)


@pytest.fixture()
def results():
    one = "Mayor Ann Lee said the <script>alert(1)</script> plan helps Kazakhstan & its people.\n\n\"We oppose outside forces,\" said Tom Hart."
    two = "Hart said Kazakhstan erred. Analysts said outside forces and Kazakhstan both lost.\nThe end."
    nested = "Lee said that the plan, which Hart said was weak, would pass."
    return [
        _article("one.txt", one, [("the <script>alert(1)</script> plan helps Kazakhstan & its people", "Ann Lee"),
                                  ("We oppose outside forces,", EVIL_SPEAKER, "direct")],
                 [(0, "Kazakhstan", "support"), (1, "outside forces", "opposition")]),
        _article("two.html", two, [("Kazakhstan erred", "Tom Hart"), ("outside forces and Kazakhstan both lost", None)],
                 [(0, "Kazakhstan", "opposition"), (1, "outside forces", "neutral"), (1, "Kazakhstan", "neutral")],
                 ArticleMetadata(date="2024-01-02", authors=("Amy Liu",), title="Hart & the <plan>", extracted_from="html")),
        _article("nested.txt", nested, [("the plan, which Hart said was weak, would pass", "Ann Lee"), ("was weak", "Tom Hart")], []),
        ArticleResult(text="中文", metadata=ArticleMetadata(), article_id="zh.txt", error="the text looks like Chinese, not English; only English is supported"),
    ]


def _page(html: str):
    return lxml.html.document_fromstring(html)


def _shown_text(div) -> str:
    """What the reader sees of the article, without the speaker labels."""
    for who in div.xpath(".//span[@class='who']"):
        who.drop_tree()
    return div.text_content()


def test_every_statement_is_marked_with_its_speaker_on_the_exact_text(results):
    page = _page(render_report(results, targets=["Kazakhstan", "outside forces"]))
    articles = page.xpath("//article[@class='article']")
    assert len(articles) == 4
    for index, (result, article) in enumerate(zip(results, articles)):
        for number, statement in enumerate(result.statements):
            sid = f"{index}-{number}"
            [first] = article.xpath(f".//mark[@id='s-{sid}']")
            assert [w.text_content() for w in first.xpath("span[@class='who']")] == [statement.speaker or "(unknown)"]
            assert len(article.xpath(f".//mark[@data-sid='{sid}']/span[@class='who']")) == 1
            assert first.get("data-kind") == statement.kind
        for record in result.records:
            assert record.target_mention in [u.text_content() for u in article.xpath(f".//u[@data-target='{record.target}']")]
        if not result.error:
            [div] = article.xpath(".//div[@class='text']")
            assert _shown_text(div) == result.text  # nothing added, dropped or re-spaced
    # the statement nested in another is shown inside it, the outer one around it
    nested = articles[2]
    assert [m.get("data-sid") for m in nested.xpath(".//mark")] == ["2-0", "2-1", "2-0"]
    assert "Skipped: the text looks like Chinese" in articles[3].text_content()
    assert articles[1].xpath(".//h2")[0].text_content() == "Hart & the <plan>"
    assert "text extracted from HTML" in articles[1].text_content()
    assert [o.get("value") for o in page.xpath("//select[@id='target-select']/option")] == ["", "Kazakhstan", "outside forces"]


def test_summary_tables_hold_the_summary_numbers_and_link_statements(results):
    page = _page(render_report(results))

    def cells(table_id):
        out = {}
        for td in page.xpath(f"//table[@id='{table_id}']//td[contains(@class, 'cell')]"):
            key = (td.get("data-speaker"), td.get("data-target"))
            means = {label: float(td.get(f"data-mean-{label}")) for label in ("support", "opposition", "neutral")}
            out[key] = (int(td.get("data-n")), td.get("data-label"), means, td.xpath("a")[0].get("data-sids").split())
        return out

    every_record = [r for result in results for r in result.to_records()]
    run = cells("summary-run")
    assert {k: v[:3] for k, v in run.items()} == {(c.speaker, c.target): (c.n_statements, c.label, c.mean_scores) for c in summarize(every_record)}
    assert run[("(unknown)", "Kazakhstan")][3] == ["1-1"]
    assert sorted(run[("Tom Hart", "Kazakhstan")][3]) == ["1-0"]
    one = cells("summary-article-0")
    assert {k: v[:3] for k, v in one.items()} == {(c.speaker, c.target): (c.n_statements, c.label, c.mean_scores) for c in summarize(results[0].to_records())}
    link = page.xpath("//table[@id='summary-run']//td[@data-speaker='Ann Lee']/a")[0]
    assert link.get("href") == "#s-0-0" and page.xpath("//mark[@id='s-0-0']")


def test_article_markup_is_text_never_code(results):
    html = render_report(results)
    page = _page(html)
    scripts = page.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/json", None]  # the data, then the page's own code
    assert not page.xpath("//img") and not page.xpath("//plan")
    assert "<script>alert(1)</script>" in page.xpath("//article")[0].text_content()
    assert EVIL_SPEAKER in page.xpath("//mark[@id='s-0-1']/span[@class='who']")[0].text_content()
    data_text = scripts[0].text
    assert "<" not in data_text  # escaped JSON: no "</script>" can end the block
    data = json.loads(data_text)
    assert data["statements"]["0-1"]["speaker"] == EVIL_SPEAKER
    assert data["statements"]["0-0"]["records"]["Kazakhstan"]["stance_scores"] == [["support", 0.8], ["opposition", 0.1], ["neutral", 0.1]]


def test_the_page_is_self_contained(results, tmp_path):
    path = write_report(results, tmp_path / "report.html")
    page = _page(path.read_text(encoding="utf-8"))
    assert not page.xpath("//*[@src]") and not page.xpath("//link") and not page.xpath("//iframe")
    assert all(a.get("href").startswith("#") for a in page.xpath("//a[@href]"))
    style = "".join(s.text_content() for s in page.xpath("//style"))
    assert "url(" not in style and "@import" not in style
    script = page.xpath("//script[not(@type)]")[0].text
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "innerHTML" not in script


def test_cli_analyze_html_report_of_the_seed_and_a_page(tiny_trained, tmp_path, capsys):
    report = tmp_path / "report.html"
    page_file = ROOT / "tests" / "html" / "01_metro_transit.html"
    code = main(["analyze", str(SEED), str(page_file), "--targets", *SEED_TARGETS, "--model", str(tiny_trained.output_dir),
                 "--format", "html", "--output", str(report), "--summary"])
    assert code == 0
    printed = capsys.readouterr().out.splitlines()[1:]
    page = _page(report.read_text(encoding="utf-8"))
    data = json.loads(page.xpath("//script[@id='stance-data']")[0].text)
    assert len(page.xpath("//mark/span[@class='who']")) == len(data["statements"]) > 10
    seed_article, html_article = page.xpath("//article[@class='article']")
    assert seed_article.get("data-article-id") == str(SEED)
    assert html_article.xpath(".//h2")[0].text_content() == "City council delays vote on transit fare increase"
    assert "By Lena Ortiz" in html_article.text_content()
    # the run table has the numbers `--summary` printed (names cut to 26 characters there)
    cells = {(td.get("data-speaker")[:26], td.get("data-target")[:26]): (int(td.get("data-n")), td.get("data-label"))
             for td in page.xpath("//table[@id='summary-run']//td[contains(@class, 'cell')]")}
    summary = {(line[:26].strip(), line[27:53].strip()): (int(line[54:57]), line.split()[-1]) for line in printed}
    assert cells == summary and cells
