"""Non-English input: a clear warning and a reported skip, in the library and on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from stance.cli import main
from stance.extract import Extractor
from stance.language import check_english
from stance.model import StanceClassifier
from stance.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent

CHINESE = (
    "中国外交部发言人汪文斌7日表示，中方支持哈萨克斯坦当局为稳定局势所作的努力。"
    "他说，中方坚决反对外部势力蓄意制造哈萨克斯坦动荡，煽动“颜色革命”。"
    "习近平主席在致托卡耶夫总统的口信中表示，中方愿向哈方提供必要支持，帮助哈方度过难关。"
)
RUSSIAN = (
    "Президент Казахстана Касым-Жомарт Токаев заявил в пятницу, что конституционный порядок в стране "
    "в основном восстановлен. «Террористы продолжают применять оружие», — сказал он в обращении к народу. "
    "По словам президента, в Алма-Ате и других регионах продолжается контртеррористическая операция."
)
FRENCH = (
    "Le président de la République a déclaré mardi que le gouvernement allait présenter un nouveau projet de loi "
    "sur les retraites avant la fin du mois. Selon lui, les syndicats doivent accepter la réforme, car le système "
    "est en déficit depuis plusieurs années et la situation ne peut plus durer. Les opposants ont dénoncé une "
    "décision brutale et ont appelé à une grève générale jeudi prochain dans toutes les grandes villes du pays."
)
# English with a few names and words in other scripts: still English
MIXED = (
    "Chinese President Xi Jinping (习近平) said on Friday that China supports Kazakhstan. "
    "Kazakh President Kassym-Jomart Tokayev (Касым-Жомарт Токаев) thanked him for the message, "
    "according to a statement from Akorda, the presidential office. The state news agency Kazinform "
    "quoted the slogan «Бірлік» (unity) and said order had been restored in Almaty and the capital."
)


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "html").glob("*.txt")), ids=lambda p: p.name)
def test_english_news_is_english(path):
    assert check_english(path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("text", [MIXED, "", "   \n", "Smith said so.", "Bonjour.", "习近平", "2024-01-07 12:00 | 3.5% | $40m"],
                         ids=["mixed", "empty", "blank", "short", "one-french-word", "one-chinese-name", "numbers"])
def test_mixed_short_and_empty_texts_pass(text):
    assert check_english(text) is None


@pytest.mark.parametrize(("text", "named"), [(CHINESE, "Chinese"), (RUSSIAN, "Russian"), (FRENCH, "does not look like English"),
                                             ("東京都の小池百合子知事は、新しい計画を発表しました。", "Japanese")],
                         ids=["chinese", "russian", "french", "japanese"])
def test_other_languages_are_named_and_refused(text, named):
    reason = check_english(text)
    assert reason is not None and named in reason and reason.endswith("only English is supported")


def test_a_long_english_article_opening_with_a_foreign_quote_passes():
    seed = (ROOT / "seeds" / "000_3f02757656f424b1.txt").read_text(encoding="utf-8")
    assert check_english(CHINESE + "\n\n" + seed * 3) is None


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_trained):
    return Pipeline(Extractor(), StanceClassifier.from_pretrained(tiny_trained.output_dir))


def test_pipe_sets_error_for_chinese_and_russian(tiny_pipeline, caplog):
    items = [("en", "Smith said he backs Kazakhstan."), ("zh", CHINESE), ("ru", RUSSIAN), ("empty", ""), ("mixed", MIXED)]
    results = list(tiny_pipeline.pipe(items, targets=["Kazakhstan"]))
    assert [r.article_id for r in results] == ["en", "zh", "ru", "empty", "mixed"]
    assert [r.error is not None for r in results] == [False, True, True, False, False]
    assert "Chinese" in results[1].error and "Russian" in results[2].error
    assert results[1].text == CHINESE and not results[1].records and not results[1].statements
    assert results[0].records and results[4].statements
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 2 and "zh" in warnings[0] and "only English is supported" in warnings[0]
    with pytest.raises(RuntimeError, match="only English"):
        tiny_pipeline(CHINESE, on_error="raise")


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("stance: WARNING")]


@pytest.mark.parametrize(("text", "named"), [(CHINESE, "Chinese"), (RUSSIAN, "Russian")], ids=["chinese", "russian"])
def test_cli_extract_warns_once_and_exits_non_zero(tmp_path, capsys, text, named):
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(article), "--output", str(out)]) == 1
    [warning] = _warnings(capsys.readouterr().err)
    assert str(article) in warning and named in warning and "only English is supported" in warning
    assert out.read_text(encoding="utf-8") == ""


def test_cli_analyze_warns_once_per_article_and_exits_non_zero(tiny_trained, tmp_path, capsys):
    zh, ru, en = tmp_path / "zh.txt", tmp_path / "ru.txt", tmp_path / "en.txt"
    zh.write_text(CHINESE, encoding="utf-8")
    ru.write_text(RUSSIAN, encoding="utf-8")
    en.write_text("Smith said he backs Kazakhstan.", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    code = main(["analyze", str(zh), str(en), str(ru), "--targets", "Kazakhstan", "--model", str(tiny_trained.output_dir), "--output", str(out)])
    assert code == 1
    warnings = _warnings(capsys.readouterr().err)
    assert len(warnings) == 2
    assert str(zh) in warnings[0] and "Chinese" in warnings[0] and "only English is supported" in warnings[0]
    assert str(ru) in warnings[1] and "Russian" in warnings[1]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the English article's record
