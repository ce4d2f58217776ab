"""Attributed-statement extraction: article text in, who-said-what out.

Everything that depends on spaCy lives here:

- ``extractor``: ``Extractor`` (call it on text for an ``Extraction``; ``pipe`` for
  many), ``load_spacy`` and the one-line ``extract``;
- ``candidates``: one finder per construction (direct quotes, reported speech,
  nominal, adjective and participial cues, according-to, headline);
- ``mentions``: speaker mentions and their resolution to one name per article;
- ``article``: per-article state (paragraphs, continuation, keeping statements);
- ``spans``: span trimming, quote balancing, nested-statement removal;
- ``segmenting``: header, paragraphs and quotation marks, before any parsing;
- ``config`` and ``lexicon``: ``ExtractorConfig`` (every threshold) and ``Lexicon``
  (the cue words, extendable without editing package data).

Note: ``stance.extract`` (the attribute of the ``stance`` package) is the function;
import names from this package with ``from stance.extract import Extractor``.

Example:
    >>> from stance.extract import Extractor
    >>> extraction = Extractor()('"We will win," Smith said.')
    >>> [(s.speaker, s.kind, s.content) for s in extraction.statements]
    [('Smith', 'direct', 'We will win,')]
"""

from .config import ExtractorConfig
from .extractor import DEFAULT_SPACY_MODELS, Extraction, Extractor, check_text, extract, load_spacy
from .lexicon import Lexicon

__all__ = ["DEFAULT_SPACY_MODELS", "Extraction", "Extractor", "ExtractorConfig", "Lexicon", "check_text", "extract", "load_spacy"]
