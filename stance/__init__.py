"""stance: who said what about whom, and how they stand on it.

Example:
    >>> import stance
    >>> [(s.speaker, s.kind) for s in stance.extract('"We will win," Smith said.')]
    [('Smith', 'direct')]
    >>> nlp = stance.load()
    >>> nlp(article_text, targets=["Kazakhstan"]).to_records()
"""

import importlib
import logging

from .extract import Extraction, Extractor, ExtractorConfig, Lexicon, extract, load_spacy
from .records import STATEMENT_KINDS, ArticleMetadata, ArticleResult, StanceRecord, Statement
from .targets import Target

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The classifier side imports torch and transformers (seconds): loaded on first use, so
# that `import stance` and spaCy finding the `stance_attribution` component stay quick.
_LAZY = {
    "Pair": "model", "StanceClassifier": "model",
    "Pipeline": "pipeline", "load": "pipeline",
    "TrainConfig": "training", "train": "training",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stance' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_LAZY))

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
