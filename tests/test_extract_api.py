"""The extraction API (Extractor, Extraction, ExtractorConfig, Lexicon, load_spacy) and the
pipeline's call options; the bugs fixed when extraction became a package."""

from __future__ import annotations

import gc
import weakref

import pytest

import stance
from stance.extract import Extraction, Extractor, ExtractorConfig, Lexicon, load_spacy
from stance.model import StanceClassifier
from stance.pipeline import Pipeline

CARRIED = (
    'Bridge to reopen in May\n\n'
    'Mayor Ann Lee said the bridge would reopen in May.\n\n'
    '"We have checked every bolt twice, and the engineers signed off on Friday."\n\n'
    'Traffic was light on Tuesday.'
)


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def test_call_returns_one_extraction_and_pipe_yields_them(extractor):
    extraction = extractor('"We will win this race," Jones said.')
    assert isinstance(extraction, Extraction) and extraction.error is None
    assert [s.speaker for s in extraction.statements] == ["Jones"]
    assert len(extraction.parses) == len(extraction.statements)
    piped = list(extractor.pipe(["Smith said the plan would fail.", ""]))
    assert [len(e.statements) for e in piped] == [1, 0]
    assert stance.extract("Smith said the plan would fail.") == piped[0].statements


def test_every_statement_has_its_own_parse(extractor):
    # a quote with no cue carries on the previous speaker: it used to get no parse
    extraction = extractor(CARRIED)
    kinds = [s.kind for s in extraction.statements]
    assert "continuation" in kinds
    for statement, parsed in zip(extraction.statements, extraction.parses):
        assert parsed is not None, statement
        assert parsed.starts[0] <= statement.start < statement.end <= parsed.ends[-1]
        if statement.cue_start is not None:
            assert parsed.starts[parsed.cue] == statement.cue_start


def test_parses_follow_their_statement_when_spans_repeat(extractor):
    text = 'Smith said the plan would fail. "The plan would fail," Jones said. "The plan would fail," Lee said.'
    extraction = extractor(text)
    for statement, parsed in zip(extraction.statements, extraction.parses):
        assert parsed.starts[parsed.cue] == statement.cue_start


def test_extract_with_own_nlp_does_not_keep_it_alive():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert stance.extract("Nothing to see here.", nlp=nlp) == []
    ref = weakref.ref(nlp)
    del nlp
    gc.collect()
    assert ref() is None


def test_load_spacy_explicit_name_that_cannot_load_says_so():
    with pytest.raises(ValueError, match="no_such_spacy_model") as caught:
        load_spacy("no_such_spacy_model")
    assert isinstance(caught.value.__cause__, OSError)


def test_lexicon_extension_finds_a_new_cue(extractor):
    text = "Senator Ann Lee opined that the tariff would ruin farmers."
    assert extractor(text).statements == []
    extended = Extractor(nlp=extractor.nlp, lexicon=Lexicon.default().extended(reporting_verbs=["opine"]))
    [statement] = extended(text).statements
    assert (statement.speaker, statement.cue, statement.content) == ("Ann Lee", "opined", "the tariff would ruin farmers")
    assert "opine" not in Lexicon.default().reporting_verbs  # the default is untouched


def test_lexicon_and_config_refuse_unknown_names():
    with pytest.raises(ValueError, match="reporting_verbs"):
        Lexicon.default().extended(reporting_verb=["opine"])
    with pytest.raises(ValueError, match="valid"):
        Lexicon.from_dict({"no_such_key": []})
    with pytest.raises(ValueError, match="direct"):
        ExtractorConfig().with_kind_confidence(quoted=0.5)


def test_config_sets_confidence(extractor):
    text = '"We will win this race," Jones said.'
    base = extractor(text).statements[0].confidence
    lowered = Extractor(nlp=extractor.nlp, config=ExtractorConfig().with_kind_confidence(direct=0.5))(text).statements[0].confidence
    assert lowered < base and lowered == pytest.approx(base * 0.5 / 0.95, abs=2e-3)


def test_config_gap_limits_direct_quote_cues(extractor):
    text = '"We will win this race," the long-serving and much admired coach of the team Jones said.'
    assert [s.kind for s in extractor(text).statements] == ["direct"]
    tight = Extractor(nlp=extractor.nlp, config=ExtractorConfig(max_cue_gap_after_quote=10))
    assert "direct" not in [s.kind for s in tight(text).statements]


# ---------------------------------------------------------------- pipeline options
@pytest.fixture(scope="module")
def tiny_pipeline(tiny_trained, extractor):
    return Pipeline(extractor, StanceClassifier.from_pretrained(tiny_trained.output_dir))


@pytest.mark.parametrize("bad", ["Smith said the plan would fail.", b"bytes", {"a": "Smith said so."}])
def test_pipe_refuses_a_bare_text_or_dict_at_once(tiny_pipeline, bad):
    with pytest.raises(TypeError, match="iterable of texts"):
        tiny_pipeline.pipe(bad)


def test_options_are_keyword_only(tiny_pipeline):
    with pytest.raises(TypeError):
        tiny_pipeline("Smith said he backs Kazakhstan.", ["Kazakhstan"])
    with pytest.raises(TypeError):
        tiny_pipeline.pipe(["Smith said he backs Kazakhstan."], ["Kazakhstan"])


def test_on_error_record_or_raise(tiny_pipeline):
    items = [("a", "Smith said he backs Kazakhstan."), ("b", None)]
    recorded = list(tiny_pipeline.pipe(items, targets=["Kazakhstan"], on_error="record"))
    assert [bool(r.error) for r in recorded] == [False, True]
    raising = tiny_pipeline.pipe(items, targets=["Kazakhstan"], on_error="raise")
    assert next(raising).article_id == "a"
    with pytest.raises(RuntimeError, match="b"):
        next(raising)
    with pytest.raises(ValueError, match="record, raise"):
        tiny_pipeline.pipe(items, on_error="skip")


def test_progress_moves_inside_one_long_article(tiny_pipeline):
    paragraphs = [f"Official {i} said the plan would fail." for i in range(30)]
    text = "\n\n".join(paragraphs)
    calls = []
    [result] = list(tiny_pipeline.pipe([text], progress=lambda i, done, total: calls.append((i, done, total))))
    assert result.error is None
    assert len(calls) == len(paragraphs) and {i for i, _, _ in calls} == {0}
    assert [done for _, done, _ in calls] == sorted(done for _, done, _ in calls)
    assert calls[-1][1] == calls[-1][2] == len(text)
