"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Playwright's own browser download is never used: the test launches /usr/bin/chromium
(installed by ``make test`` and ``.ci/run`` when missing) and is skipped, with the
reason, where it is not installed. The page must load nothing from anywhere: every
request it makes is recorded and must be the report file itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stance.extract import Extractor
from stance.model import StanceClassifier
from stance.output import summarize
from stance.pipeline import Pipeline
from stance.report import write_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3f02757656f424b1.txt"
SEED_TARGETS = ["Kazakhstan", "Kassym-Jomart Tokayev", "outside forces"]
EVIL = 'Officials said the <script>alert(1)</script> tag was harmless. "We back Kazakhstan," said Tom Hart.'

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium; make test does it)")


@pytest.fixture(scope="module")
def report(tiny_trained, tmp_path_factory):
    """The seed article and one with a <script> in its text, analysed with the tiny model, as one report."""
    nlp = Pipeline(Extractor(), StanceClassifier.from_pretrained(tiny_trained.output_dir))
    items = [(str(SEED), SEED.read_text(encoding="utf-8")), ("evil.txt", EVIL)]
    results = list(nlp.pipe(items, targets=SEED_TARGETS))
    assert all(r.error is None for r in results)
    path = write_report(results, tmp_path_factory.mktemp("report") / "report.html", targets=SEED_TARGETS)
    return path, results


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _colours(page) -> list[str]:
    return page.eval_on_selector_all("mark.stmt[id]", "marks => marks.map(m => getComputedStyle(m).backgroundColor)")


def _css_colour(page, variable: str) -> str:
    """A CSS variable of the page resolved to the rgb() form getComputedStyle gives."""
    return page.evaluate(
        "v => { const probe = document.createElement('span'); probe.style.backgroundColor = `var(${v})`;"
        " document.body.appendChild(probe); const c = getComputedStyle(probe).backgroundColor; probe.remove(); return c; }",
        variable,
    )


def test_report_in_chromium(report, browser, tmp_path):
    path, results = report
    seed, evil = results
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())

    # every statement, with its speaker named first
    for index, result in enumerate(results):
        for number, statement in enumerate(result.statements):
            mark = page.locator(f"#s-{index}-{number}")
            assert mark.locator(".who").inner_text().upper().rstrip(":") == (statement.speaker or "(unknown)").upper()
            shown = "".join(page.locator(f"mark[data-sid='{index}-{number}']").all_text_contents())
            assert shown == (statement.speaker or "(unknown)") + statement.content
    assert page.locator("mark.stmt .who").count() == len(seed.statements) + len(evil.statements)

    # the run's speaker x target table, with the numbers of --summary
    table = page.locator("#summary-run")
    assert table.is_visible()
    cells = summarize(r for result in results for r in result.to_records())
    assert table.locator("td.cell").count() == len(cells)
    for cell in cells:
        td = table.locator(f"td.cell[data-speaker='{cell.speaker}'][data-target='{cell.target}']")
        assert td.locator(".n").inner_text() == str(cell.n_statements) and td.locator(".lab").inner_text() == cell.label

    # by kind first; choosing a target colours by stance toward it
    by_kind = _colours(page)
    kind_colours = {_css_colour(page, f"--k-{kind}") for kind in ("direct", "indirect", "mixed", "according_to", "participial", "nominal", "headline", "continuation")}
    assert set(by_kind) <= kind_colours
    page.select_option("#target-select", "Kazakhstan")
    by_kazakhstan = _colours(page)
    assert all(before != after for before, after in zip(by_kind, by_kazakhstan))
    stance_colour = {label: _css_colour(page, f"--{label}") for label in ("support", "opposition", "neutral", "none")}
    ids = page.eval_on_selector_all("mark.stmt[id]", "marks => marks.map(m => m.dataset.sid)")
    expected = {}
    for index, result in enumerate(results):
        about = {(r.statement.start, r.statement.end): r.stance for r in result.records if r.target == "Kazakhstan"}
        for number, statement in enumerate(result.statements):
            expected[f"{index}-{number}"] = stance_colour[about.get((statement.start, statement.end), "none")]
    assert by_kazakhstan == [expected[sid] for sid in ids]
    assert page.locator("u.mention.current").count() == sum(1 for r in seed.records + evil.records if r.target == "Kazakhstan")
    page.select_option("#target-select", "outside forces")
    assert _colours(page) != by_kazakhstan

    # hovering a statement shows its cue, kind, confidence and score distributions
    scored = next(i for i, s in enumerate(seed.statements) if any(r.statement == s for r in seed.records))
    statement = seed.statements[scored]
    page.locator(f"#s-0-{scored}").hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    text = tip.inner_text()
    assert statement.cue in text and statement.kind in text and f"{statement.confidence:.2f}" in text
    for record in (r for r in seed.records if r.statement == statement):
        assert f"{record.target}: {record.stance}" in text
        for label, value in record.stance_scores.items():
            assert re.search(rf"{label}\s+{value:.2f}", text)
    page.screenshot(path=str(tmp_path / "report-hover.png"))

    # a summary cell chooses its target and marks its statements
    xi = table.locator("td.cell[data-speaker='Xi Jinping'][data-target='Kazakhstan'] a")
    xi.click()
    assert page.locator("#target-select").input_value() == "Kazakhstan"
    assert page.locator("mark.stmt.flash .who").count() == int(xi.locator(".n").inner_text())

    # the <script> in the article is text: shown, never run
    assert "<script>alert(1)</script>" in page.locator("#article-1 .text").inner_text()
    assert page.locator("script").count() == 2
    page.locator("#s-1-0").click()
    assert dialogs == []
    assert requests == [path.as_uri()]  # nothing loaded from anywhere else

    shot = tmp_path / "report.png"
    page.select_option("#target-select", "Kazakhstan")
    page.mouse.move(0, 0)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()
