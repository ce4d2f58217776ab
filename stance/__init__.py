"""stance: who said what about whom, and how they stand on it.

Example:
    >>> import stance
    >>> [(s.speaker, s.kind) for s in stance.extract('"We will win," Smith said.')]
    [('Smith', 'direct')]
    >>> nlp = stance.load()
    >>> nlp(article_text, targets=["Kazakhstan"]).to_records()
"""

import logging

from .extract import Extraction, Extractor, ExtractorConfig, Lexicon, extract, load_spacy
from .model import Pair, StanceClassifier
from .pipeline import Pipeline, load
from .records import STATEMENT_KINDS, ArticleMetadata, ArticleResult, StanceRecord, Statement
from .targets import Target
from .training import TrainConfig, train

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "Pair",
    "Pipeline",
    "StanceClassifier",
    "Target",
    "TrainConfig",
    "load",
    "train",
    "ArticleMetadata",
    "ArticleResult",
    "Extractor",
    "STATEMENT_KINDS",
    "StanceRecord",
    "Statement",
    "extract",
    "Extraction",
    "ExtractorConfig",
    "Lexicon",
    "load_spacy",
]
