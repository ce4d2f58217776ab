"""Attributed-statement extraction: seed acceptance, test articles, constructions, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance
from stance.extract import Extractor, ExtractorConfig
from stance.evaluation.attribution import combine_attribution, evaluate_attribution, load_gold
from stance.records import STATEMENT_KINDS
from stance.extract.segmenting import MAX_PARAGRAPH_CHARS, find_quotes, iter_paragraphs, parse_header

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3f02757656f424b1"
ARTICLES = ROOT / "tests" / "articles"


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _check_offsets(text, statements):
    for s in statements:
        assert text[s.start : s.end] == s.content
        assert s.content.strip() == s.content and s.content
        if s.speaker_start is not None:
            assert text[s.speaker_start : s.speaker_end] == s.speaker_mention
        if s.cue_start is not None:
            assert text[s.cue_start : s.cue_end] == s.cue
        assert s.sentence_start <= s.start <= s.end <= s.sentence_end
        assert 0.0 <= s.confidence <= 1.0
        assert s.kind in STATEMENT_KINDS


def test_seed_acceptance(extractor):
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    gold = load_gold(SEED.with_suffix(".gold.jsonl"))
    extraction = extractor(text)
    metadata, statements = extraction.metadata, extraction.statements
    _check_offsets(text, statements)
    metrics = evaluate_attribution(statements, gold)
    required = [g for g in gold if not g.optional]
    assert len(required) == 16
    found = metrics["attribution_recall"] * len(required)
    assert found >= 15 - 1e-9
    assert metrics["speaker_accuracy"] >= 0.9
    assert metrics["attribution_precision"] >= 0.8
    assert metadata.outlet == "China Daily"
    assert metadata.authors == ("CAO DESHENG", "REN QI")
    assert metadata.date == "2022-01"
    # the header line is metadata, never a statement
    assert all(s.start > metadata.header_end for s in statements)


def test_seed_speakers_that_need_resolution(extractor):
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    by_start = {s.start: s for s in extractor(text).statements}
    gold = {g.id: g for g in load_gold(SEED.with_suffix(".gold.jsonl"))}

    def predicted_for(gold_id):
        g = gold[gold_id]
        return next(s for s in by_start.values() if s.start < g.end and g.start < s.end)

    assert predicted_for("seed-03").speaker == "Xi Jinping"  # "he"
    assert predicted_for("seed-08").speaker == "Xi Jinping"  # "he said"
    assert predicted_for("seed-16").speaker == "Wang Wenbin"  # continuation
    assert predicted_for("seed-16").kind == "continuation"
    assert predicted_for("seed-10").speaker == "Mir-24"  # "the TV station"
    assert predicted_for("seed-13").speaker == "Kassym-Jomart Tokayev"  # "Kazakh President Tokayev"
    assert predicted_for("seed-11").speaker == "TASS"
    assert predicted_for("seed-14").speaker == "Interior Ministry"


def _scores_on(extractor, directory):
    results = []
    pairs = sorted(directory.glob("*.gold.jsonl"))
    assert len(pairs) >= 5
    for gold_path in pairs:
        text = gold_path.with_name(gold_path.name.replace(".gold.jsonl", ".txt")).read_text(encoding="utf-8")
        statements = extractor(text).statements
        _check_offsets(text, statements)
        results.append(evaluate_attribution(statements, load_gold(gold_path)))
    return combine_attribution(results)


def test_test_articles_recall_and_speaker_accuracy(extractor):
    overall = _scores_on(extractor, ARTICLES)
    assert overall["attribution_recall"] >= 0.98
    assert overall["speaker_accuracy"] >= 0.98
    assert overall["attribution_precision"] >= 0.95


def test_blind_articles_stay_above_their_floor(extractor):
    # tests/articles_blind was written blind from issue 13's description (see its README);
    # the floor sits a little under what the extractor reaches, to catch regressions
    overall = _scores_on(extractor, ROOT / "tests" / "articles_blind")
    assert overall["attribution_recall"] >= 0.85
    assert overall["attribution_precision"] >= 0.9
    assert overall["speaker_accuracy"] >= 0.88
    assert overall["recall[cue_type=writing]"] >= 0.8 and overall["recall[construction=colon_attribution]"] >= 0.7


@pytest.mark.parametrize(
    "text, speaker, kind, content",
    [
        ('"We will not back down," said Mayor Jane Doe.', "Jane Doe", "direct", "We will not back down"),
        ("Mayor Jane Doe said: “This budget is a disaster for our schools.”", "Jane Doe", "direct", "This budget is a disaster for our schools."),
        ("Smith argued that the tax would hurt small businesses.", "Smith", "indirect", "the tax would hurt small businesses"),
        ("The tax would hurt small businesses, Smith said.", "Smith", "indirect", "The tax would hurt small businesses"),
        ('The ministry said the plan was "a reckless gamble" that would fail.', "Ministry", "mixed", 'the plan was "a reckless gamble" that would fail'),
        ("According to the Daily Courier newspaper, the deal was signed on Monday.", "Daily Courier", "according_to", "the deal was signed on Monday"),
        ("The company responded on Monday, saying it had followed the rules.", "Company", "participial", "it had followed the rules"),
        ("Health Minister Ana Lopez urged lawmakers to reject the bill.", "Ana Lopez", "nominal", "lawmakers to reject the bill"),
        ("The senator called for an investigation into the deal.", "senator", "nominal", "an investigation into the deal"),
        ("A report released Monday shows that unemployment rose to 6 percent.", "report", "indirect", "unemployment rose to 6 percent"),
    ],
)
def test_constructions(extractor, text, speaker, kind, content):
    statements = extractor(text).statements
    _check_offsets(text, statements)
    assert [(s.speaker, s.kind, s.content) for s in statements] == [(speaker, kind, content)]


def test_quote_over_two_paragraphs_and_pronoun(extractor):
    text = (
        "The council voted on Tuesday to close two branches.\n\n"
        "“We have done everything we can to keep the library open, and we will keep trying,\n\n"
        "“But the numbers simply do not add up this year,” Mayor Jane Doe said.\n\n"
        "She said the city would look for a buyer for the building."
    )
    statements = extractor(text).statements
    _check_offsets(text, statements)
    direct, indirect = statements
    assert direct.kind == "direct" and direct.speaker == "Jane Doe"
    assert direct.content.startswith("We have done") and direct.content.endswith("this year")
    assert indirect.speaker == "Jane Doe" and indirect.speaker_mention == "She"


def test_continuation_quote_carries_speaker(extractor):
    text = '"We will appeal this ruling," said Rachel Kim, the city attorney. "This is not over."'
    statements = extractor(text).statements
    assert [(s.speaker, s.kind) for s in statements] == [("Rachel Kim", "direct"), ("Rachel Kim", "continuation")]
    assert statements[1].confidence < statements[0].confidence


def test_sentences_without_attribution_give_nothing(extractor):
    text = "Further violence erupted on Friday. Reuters reporters heard explosions. The red level means searches."
    assert extractor(text).statements == []


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\n\n\n"])
def test_empty_text_gives_empty_result(text):
    assert stance.extract(text) == []


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_non_string_raises_type_error(bad):
    with pytest.raises(TypeError, match="expected the article text as a str"):
        stance.extract(bad)


def test_pipe_keeps_order_and_empty_articles(extractor):
    texts = ["", 'Smith said the plan would fail.', "   ", '"We will win this race," Jones said.']
    results = list(extractor.pipe(texts))
    assert [[s.speaker for s in e.statements] for e in results] == [[], ["Smith"], [], ["Jones"]]


def test_pipe_equals_one_at_a_time(extractor):
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))[:3]]
    batched = [e.statements for e in Extractor(nlp=extractor.nlp, config=ExtractorConfig(batch_size=2)).pipe(texts)]
    single = [extractor(t).statements for t in texts]
    assert batched == single


def test_header_parsing():
    meta = parse_header("date 2022-01 By CAO DESHENG in Beijing and REN QI in Moscow | China Daily | Update: 2022-01-08 07:32\nBody.")
    assert (meta.date, meta.authors, meta.outlet, meta.updated) == ("2022-01", ("CAO DESHENG", "REN QI"), "China Daily", "2022-01-08 07:32")
    assert parse_header("Smith said the plan would fail.").outlet is None


def test_long_paragraphs_are_cut_to_bounded_pieces():
    sentence = "The committee met again on Monday and talked for hours about the budget. "
    text = sentence * 2000  # ~150k characters, one paragraph
    pieces = list(iter_paragraphs(text))
    assert len(pieces) > 1
    assert all(p.end - p.start <= MAX_PARAGRAPH_CHARS for p in pieces)
    covered = "".join(text[p.start : p.end] for p in pieces).replace(" ", "")
    assert covered == text.replace(" ", "")


def test_unbalanced_quote_runs_to_paragraph_end():
    text = 'He said: "this never closes\n\nNext paragraph.'
    paragraphs = list(iter_paragraphs(text))
    quotes = find_quotes(text, paragraphs)
    assert len(quotes) == 1 and quotes[0].close is None
    assert text[quotes[0].inner_start : quotes[0].inner_end] == "this never closes"


QUOTES = st.sampled_from(['"', "“", "”", "«", "»", "„", "'", "’"])
WORDS = st.sampled_from(["said", "Smith", "he", "according to", "the ministry", ",", ".", "\n\n", "that", "saying", "urged", "was"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=12), QUOTES, WORDS), max_size=40).map(" ".join))
def test_property_arbitrary_text_never_raises(extractor, text):
    statements = extractor(text).statements
    _check_offsets(text, statements)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_property_arbitrary_unicode(extractor, text):
    _check_offsets(text, extractor(text).statements)


@pytest.mark.slow
def test_five_megabyte_article_is_processed(extractor):
    text = (SEED.with_suffix(".txt").read_text(encoding="utf-8").replace("\n", " ") + " ") * 1300
    assert len(text.encode("utf-8")) > 5_000_000
    statements = extractor(text).statements
    assert len(statements) > 1000
    for s in statements[:: max(1, len(statements) // 200)]:
        assert text[s.start : s.end] == s.content


def test_cli_extract_reports_bad_files_and_keeps_the_rest(tmp_path, capsys):
    from stance.cli import main

    good = tmp_path / "good.txt"
    good.write_bytes("\ufeff".encode("utf-8") + '"We will win the election this year," Smith said.'.encode("utf-8"))
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"abc\x00def")
    undecodable = tmp_path / "latin1.txt"
    undecodable.write_bytes("Caf\xe9 owner said the rent was too high.".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(binary), str(good), str(tmp_path / "missing.txt"), str(undecodable), "--output", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "binary" in err and "no such file" in err and "not valid UTF-8" in err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["speaker"], r["kind"], r["content"]) for r in rows] == [("Smith", "direct", "We will win the election this year")]
    expected_fields = {"start", "end", "content", "speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "kind", "confidence", "sentence_start", "sentence_end"}
    assert expected_fields <= set(rows[0])


def test_cli_extract_table(capsys):
    from stance.cli import main

    assert main(["extract", str(SEED.with_suffix(".txt")), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Wang Wenbin" in out and "continuation" in out
