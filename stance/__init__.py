"""stance: who said what about whom, and how they stand on it.

Example:
    >>> import stance
    >>> [(s.speaker, s.kind) for s in stance.extract('"We will win," Smith said.')]
    [('Smith', 'direct')]
"""

import logging

from .attribution import Extractor, extract, extract_article, load_spacy
from .records import STATEMENT_KINDS, ArticleMetadata, ArticleResult, StanceRecord, Statement

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

__all__ = [
    "ArticleMetadata",
    "ArticleResult",
    "Extractor",
    "STATEMENT_KINDS",
    "StanceRecord",
    "Statement",
    "extract",
    "extract_article",
    "load_spacy",
]
