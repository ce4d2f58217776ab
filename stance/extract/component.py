"""The spaCy pipeline component ``stance_attribution``: the extractor's statements as Spans.

    >>> nlp = spacy.load("en_core_web_sm")
    >>> nlp.add_pipe("stance_attribution")
    >>> doc = nlp('"We will win," Smith said.')
    >>> [(s.text, s._.speaker, s._.cue, s._.kind) for s in doc._.statements]
    [('We will win', 'Smith', 'said', 'direct')]

The factory is registered with spaCy through the ``spacy_factories`` entry point
(pyproject.toml), so ``nlp.add_pipe("stance_attribution")`` and a config's
``factory = "stance_attribution"`` work without importing ``stance`` first.

Nothing is implemented twice: the component holds an ``Extractor`` built on the
pipeline it belongs to and returns exactly what that extractor returns. The one
choice is which parse the extractor reads:

- ``reuse_parse=False`` (default): the extractor parses the doc's text paragraph by
  paragraph with this pipeline's own components before this one (the rest are switched
  off for that call with ``nlp.select_pipes``), exactly as ``stance.extract`` does. The
  statements are the same as ``stance.extract(doc.text)`` with the same spaCy model, at
  the price of a second parse.
- ``reuse_parse=True``: the extractor's per-article state reads the doc's own parse,
  cut into the same paragraphs (``Span.as_doc``); nothing is parsed twice. But a parse
  of the whole text is not the parse of each paragraph alone: near paragraph boundaries
  tags, entities and sentence breaks can differ, and on the nine test articles two lost
  one statement each (a dateline or headline running into the next paragraph). Hence
  not the default.

What it sets, all kept by ``doc.to_bytes()`` / ``Doc.from_bytes`` and ``DocBin``
(span groups and user data are serialised; getters are not stored):

- ``doc.spans["stance_statements"]``: one span per statement, labelled with its kind;
- ``span._.stance_statement``: the statement's fields as a plain dict (serialisable);
- getters: ``doc._.statements`` (the spans, in text order), ``span._.speaker``,
  ``span._.cue``, ``span._.kind``, ``span._.speaker_span``, ``span._.cue_span`` and
  ``span._.statement`` (the ``stance.records.Statement``, with exact offsets).

A statement's offsets are characters; its span is widened to whole tokens when they
fall inside a token, so ``span.text`` is ``statement.content`` except in that case.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..records import Statement
from .config import ExtractorConfig
from .extractor import Extraction, Extractor
from .segmenting import Paragraph

FACTORY_NAME = "stance_attribution"
SPAN_GROUP = "stance_statements"
STORE = "stance_statement"  # the span extension holding the statement's dict


def _statements(doc: Doc) -> list[Span]:
    return list(doc.spans[SPAN_GROUP]) if SPAN_GROUP in doc.spans else []


def _stored(span: Span) -> dict[str, Any]:
    return span._.get(STORE) or {}


def _speaker(span: Span) -> Optional[str]:
    return _stored(span).get("speaker")


def _cue(span: Span) -> Optional[str]:
    return _stored(span).get("cue")


def _kind(span: Span) -> Optional[str]:
    return _stored(span).get("kind")


def _statement(span: Span) -> Optional[Statement]:
    stored = _stored(span)
    return Statement(**stored) if stored else None


def _offsets_span(field: str) -> Callable[[Span], Optional[Span]]:
    def getter(span: Span) -> Optional[Span]:
        stored = _stored(span)
        start, end = stored.get(f"{field}_start"), stored.get(f"{field}_end")
        if start is None or end is None:
            return None
        return span.doc.char_span(start, end, alignment_mode="expand")

    return getter


_DOC_GETTERS = {"statements": _statements}
_SPAN_GETTERS = {
    "speaker": _speaker,
    "cue": _cue,
    "kind": _kind,
    "statement": _statement,
    "speaker_span": _offsets_span("speaker"),
    "cue_span": _offsets_span("cue"),
}


def register_extensions() -> None:
    """Register the ``doc._`` and ``span._`` extensions (done on import; idempotent).

    An extension name another library registered first is left alone here (this runs
    whenever spaCy loads its entry points); ``check_extensions`` reports it.
    """
    for name, getter in _DOC_GETTERS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    for name, getter in _SPAN_GETTERS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
    if not Span.has_extension(STORE):
        Span.set_extension(STORE, default=None)


def check_extensions() -> None:
    """Raise ``ValueError`` when an extension name is taken by another library."""
    taken = [f"doc._.{name}" for name, getter in _DOC_GETTERS.items() if Doc.get_extension(name)[2] is not getter]
    taken += [f"span._.{name}" for name, getter in _SPAN_GETTERS.items() if Span.get_extension(name)[2] is not getter]
    if Span.get_extension(STORE) != (None, None, None, None):
        taken.append(f"span._.{STORE}")
    if taken:
        raise ValueError(f"{FACTORY_NAME}: extension attributes {taken} are already registered by other code; remove them (or use force=True there) before adding this component")


register_extensions()


class StanceAttribution:
    """Sets ``doc._.statements``: the attributed statements ``Extractor`` finds, as Spans.

    Args:
        nlp: the pipeline the component belongs to (it parses paragraphs unless
            ``reuse_parse``).
        name: the component's name in that pipeline.
        reuse_parse: read the doc's own parse instead of parsing each paragraph again
            (faster; near paragraph boundaries it can differ from ``stance.extract``).
        extractor_settings: ``ExtractorConfig`` fields to change, e.g.
            ``{"cue_types": ["speech"]}``.

    Example:
        >>> nlp.add_pipe("stance_attribution", config={"reuse_parse": True})
        >>> [s._.speaker for s in nlp('"We will win," Smith said.')._.statements]
        ['Smith']
    """

    def __init__(self, nlp: Language, name: str = FACTORY_NAME, *, reuse_parse: bool = False, extractor_settings: Optional[dict[str, Any]] = None) -> None:
        check_extensions()
        self.nlp = nlp
        self.name = name
        self.reuse_parse = reuse_parse
        self.extractor = Extractor(nlp=nlp, config=_extractor_config(extractor_settings or {}))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Process a stream of docs; in the default mode, paragraphs of a whole batch
        go through one ``nlp.pipe``."""
        for batch in minibatch(docs, size=batch_size):
            self.set_annotations(batch, self.predict(batch))
            yield from batch

    def predict(self, docs: list[Doc]) -> list[Extraction]:
        """The extractor's answer for each doc; writes nothing.

        Raises:
            ValueError: when a doc has text but no dependency parse (the component
                needs a trained pipeline's parser and entity recognizer before it).
            RuntimeError: when extraction failed on a doc.
        """
        for doc in docs:
            if doc.text.strip() and not doc.has_annotation("DEP"):
                raise ValueError(
                    f"{self.name}: the doc has no dependency parse; add the component to a trained English "
                    f"pipeline after its parser and ner, e.g. spacy.load('en_core_web_sm').add_pipe('{FACTORY_NAME}')"
                )
        if self.reuse_parse:
            extractions = [self._from_doc_parse(doc) for doc in docs]
        else:
            # the extractor's nlp.pipe runs this pipeline; without this component and the ones after it
            names = self.nlp.pipe_names
            later = names[names.index(self.name):] if self.name in names else []
            with self.nlp.select_pipes(disable=later):
                extractions = list(self.extractor.pipe([doc.text for doc in docs]))
        for extraction in extractions:
            if extraction.error is not None:
                raise RuntimeError(f"{self.name}: {extraction.error}")
        return extractions

    def set_annotations(self, docs: list[Doc], extractions: list[Extraction]) -> None:
        """Write each doc's statements as the ``stance_statements`` span group."""
        for doc, extraction in zip(docs, extractions):
            spans = []
            for statement in extraction.statements:
                span = doc.char_span(statement.start, statement.end, label=statement.kind, alignment_mode="expand")
                span._.set(STORE, statement.to_dict())
                spans.append(span)
            doc.spans[SPAN_GROUP] = spans

    def _from_doc_parse(self, doc: Doc) -> Extraction:
        """Feed the extractor's article state the doc's own parse, one paragraph at a time."""
        # TODO(extract owner): a public Extractor hook taking parsed paragraphs would replace
        # these two private calls (_prepare, result).
        article = self.extractor._prepare(doc.text, 0)
        for index, paragraph in enumerate(article.paragraphs):
            span = doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
            # widened to whole tokens, the paragraph's offsets follow the span it is read from
            paragraph = Paragraph(span.start_char, span.end_char)
            article.state.process_paragraph(index, paragraph, span.as_doc(), n_paragraphs=len(article.paragraphs))
        return article.result()


def _extractor_config(settings: dict[str, Any]) -> ExtractorConfig:
    valid = set(ExtractorConfig.__dataclass_fields__) - {"kinds"}
    unknown = sorted(set(settings) - valid)
    if unknown:
        raise ValueError(f"{FACTORY_NAME}: unknown extractor_settings {unknown}; valid: {', '.join(sorted(valid))}")
    return ExtractorConfig(**settings)


@Language.factory(
    FACTORY_NAME,
    default_config={"reuse_parse": False, "extractor_settings": {}},
    assigns=["doc._.statements", f"span._.{STORE}"],
    requires=["token.dep", "token.head", "doc.ents"],
)
def make_stance_attribution(nlp: Language, name: str, reuse_parse: bool, extractor_settings: dict[str, Any]) -> StanceAttribution:
    """spaCy's factory for ``stance_attribution`` (the ``spacy_factories`` entry point)."""
    return StanceAttribution(nlp, name, reuse_parse=reuse_parse, extractor_settings=extractor_settings)
