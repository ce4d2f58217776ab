"""The spaCy component ``stance_attribution``: the same statements as ``stance.extract``,
as Spans on the doc, through ``nlp.pipe``, a saved pipeline and a bytes round trip."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

import stance
from stance.extract import DEFAULT_SPACY_MODELS, Extractor, ExtractorConfig, load_spacy
from stance.extract.component import FACTORY_NAME, SPAN_GROUP, StanceAttribution, make_stance_attribution

ARTICLES = Path(__file__).resolve().parent / "articles"
# a whole-text parse changes one statement in each of these (see reuse_parse)
MULTI_PARAGRAPH = ("02_business_steel_mill.txt", "08_tech_warehouse_robots.txt")


def _spacy_pipeline() -> Language:
    """A fresh copy of the spaCy model stance.extract uses (adding a pipe must not touch its cached one)."""
    for name in DEFAULT_SPACY_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.fail(f"none of {DEFAULT_SPACY_MODELS} is installed")


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = _spacy_pipeline()
    pipeline.add_pipe(FACTORY_NAME)
    return pipeline


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [(ARTICLES / name).read_text(encoding="utf-8") for name in MULTI_PARAGRAPH]


@pytest.fixture(scope="module")
def expected(texts) -> list[list[stance.Statement]]:
    return [stance.extract(text) for text in texts]


def _statements(doc: Doc) -> list[stance.Statement]:
    return [span._.statement for span in doc._.statements]


def test_the_factory_is_registered_through_the_spacy_entry_point():
    found = [ep for ep in entry_points(group="spacy_factories") if ep.name == FACTORY_NAME]
    assert len(found) == 1, "reinstall stance (`make install`): its spacy_factories entry point is missing"
    assert found[0].load() is make_stance_attribution


def test_statements_equal_stance_extract(nlp, texts, expected):
    for text, statements in zip(texts, expected):
        doc = nlp(text)
        assert statements and _statements(doc) == statements
        for span, statement in zip(doc._.statements, statements):
            assert isinstance(span, Span) and span.doc is doc
            assert span.start_char <= statement.start and statement.end <= span.end_char
            assert doc.text[statement.start:statement.end] == statement.content
            assert (span._.speaker, span._.cue, span._.kind, span.label_) == (statement.speaker, statement.cue, statement.kind, statement.kind)
            if statement.speaker_start is not None:
                assert span._.speaker_span.start_char <= statement.speaker_start < span._.speaker_span.end_char


def test_nlp_pipe_gives_the_same_as_one_at_a_time(nlp, texts, expected):
    piped = list(nlp.pipe(texts + ["", "No one said anything here."], batch_size=2))
    assert [_statements(doc) for doc in piped[:2]] == expected
    assert piped[2]._.statements == [] and piped[3]._.statements == []


def test_bytes_and_docbin_round_trips_keep_the_statements(nlp, texts):
    doc = nlp(texts[0])
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _statements(restored) == _statements(doc)
    assert [(s.start_char, s.end_char, s.label_, s._.speaker) for s in restored._.statements] == [
        (s.start_char, s.end_char, s.label_, s._.speaker) for s in doc._.statements
    ]
    docbin = DocBin(store_user_data=True, docs=[doc])
    (from_bin,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(nlp.vocab)
    assert _statements(from_bin) == _statements(doc)


def test_a_saved_pipeline_loads_the_component_from_its_config(nlp, texts, expected, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names[-1] == FACTORY_NAME
    assert loaded.config["components"][FACTORY_NAME]["reuse_parse"] is False
    assert _statements(loaded(texts[1])) == expected[1]


def test_extractor_settings_reach_the_extractor(texts):
    pipeline = _spacy_pipeline()
    pipeline.add_pipe(FACTORY_NAME, config={"extractor_settings": {"cue_types": ["speech"]}})
    speech_only = Extractor(nlp=load_spacy(), config=ExtractorConfig(cue_types=frozenset({"speech"})))(texts[0]).statements
    assert _statements(pipeline(texts[0])) == speech_only
    with pytest.raises(ValueError, match="unknown extractor_settings"):
        spacy.blank("en").add_pipe(FACTORY_NAME, config={"extractor_settings": {"no_such_threshold": 1}})


@Language.component("test_count_docs")
def _count_docs(doc: Doc) -> Doc:
    _count_docs.seen += 1
    return doc


def test_reuse_parse_reads_the_docs_own_parse_without_parsing_again(texts):
    pipeline = _spacy_pipeline()
    pipeline.add_pipe("test_count_docs")
    pipeline.add_pipe(FACTORY_NAME, config={"reuse_parse": True})
    _count_docs.seen = 0
    doc = pipeline(texts[0])
    assert _count_docs.seen == 1  # the default mode sends every paragraph through the pipeline again
    assert doc._.statements
    for statement in _statements(doc):
        assert doc.text[statement.start:statement.end] == statement.content
    one_paragraph = "Mayor Ann Lee said the bridge would reopen in May, and the council agreed."
    assert _statements(pipeline(one_paragraph)) == stance.extract(one_paragraph)


def test_the_default_mode_parses_paragraphs_with_the_pipeline_before_it(texts):
    pipeline = _spacy_pipeline()
    pipeline.add_pipe("test_count_docs")
    pipeline.add_pipe(FACTORY_NAME)
    _count_docs.seen = 0
    pipeline(texts[0])
    assert _count_docs.seen > 2  # the doc, then each paragraph; the component itself is not re-entered
    assert FACTORY_NAME in pipeline.pipe_names  # switched back on after its own parse


def test_a_pipeline_without_a_parser_is_refused():
    blank = spacy.blank("en")
    blank.add_pipe(FACTORY_NAME)
    with pytest.raises(ValueError, match="no dependency parse"):
        blank("Smith said the plan would fail.")
    assert blank("   ")._.statements == []


def test_extension_names_taken_by_other_code_are_reported():
    saved = Span.get_extension("speaker")
    Span.remove_extension("speaker")
    Span.set_extension("speaker", default="someone else's")
    try:
        with pytest.raises(ValueError, match="span._.speaker"):
            StanceAttribution(spacy.blank("en"))
    finally:
        Span.remove_extension("speaker")
        Span.set_extension("speaker", getter=saved[2])
