"""The extractor's settings: every threshold the extraction code uses, in one place.

Example:
    >>> from stance.extract import Extractor, ExtractorConfig
    >>> config = ExtractorConfig().with_kind_confidence(continuation=0.3)
    >>> config.kinds["continuation"].confidence
    0.3
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Mapping, Optional

from ..records import STATEMENT_KIND_TABLE, StatementKind
from .lexicon import CUE_TYPES


def _default_kinds() -> Mapping[str, StatementKind]:
    return MappingProxyType({kind.name: kind for kind in STATEMENT_KIND_TABLE})


@dataclass(frozen=True)
class ExtractorConfig:
    """Thresholds of attributed-statement extraction.

    Confidence and priority of each statement kind live in ``kinds`` (from
    ``stance.records.STATEMENT_KIND_TABLE``). Distances are in characters unless the
    name says words or tokens.
    """

    kinds: Mapping[str, StatementKind] = field(default_factory=_default_kinds)
    # direct quotes: how far the cue may sit from the closing / opening quote mark
    max_cue_gap_after_quote: int = 80
    max_cue_gap_before_quote: int = 60
    # a statement's content must be at least this long (characters)
    min_content_chars: int = 3
    # ... or this long when it is a whole sentence (cue interrupting or ending it, continuation)
    min_sentence_content_chars: int = 10
    min_according_to_chars: int = 5
    min_headline_chars: int = 10
    # a one-sentence first paragraph this short (tokens) is a headline even when it ends in "."
    max_headline_tokens: int = 25
    # a quote with no cue of its own carries on the previous speaker when it has at least
    # this many words (in the same paragraph / in a later one), starts at most this far
    # from the previous statement, and gets the continuation confidence plus this bonus
    carried_quote_min_words_same_paragraph: int = 2
    carried_quote_min_words: int = 5
    carried_quote_max_distance: int = 1500
    carried_quote_confidence_bonus: float = 0.1
    # a continuation sentence follows its statement's sentence with at most this gap
    max_continuation_gap: int = 4
    # a statement's confidence is scaled by (floor + (1 - floor) * speaker confidence),
    # and by this factor when nobody is named
    speaker_confidence_floor: float = 0.6
    unresolved_speaker_factor: float = 0.5
    # embedded statements are looked for among this many neighbours on each side
    nesting_window: int = 12
    # keep only statements whose cue reports one of these (``Lexicon`` CUE_TYPES); None keeps all
    cue_types: Optional[frozenset] = None
    # parsing: paragraphs per spaCy batch, characters per batch and per parsed chunk
    batch_size: int = 64
    max_batch_chars: int = 50_000
    max_chunk_chars: int = 200_000

    def __post_init__(self) -> None:
        missing = [kind.name for kind in STATEMENT_KIND_TABLE if kind.name not in self.kinds]
        if missing:
            raise ValueError(f"ExtractorConfig.kinds lacks {missing}; it needs every kind of {[k.name for k in STATEMENT_KIND_TABLE]}")
        if self.cue_types is not None:
            unknown = sorted(set(self.cue_types) - set(CUE_TYPES))
            if unknown:
                raise ValueError(f"unknown cue types {unknown}; valid: {', '.join(CUE_TYPES)}")
            object.__setattr__(self, "cue_types", frozenset(self.cue_types))

    def confidence(self, kind: str) -> float:
        return self.kinds[kind].confidence

    def priority(self, kind: str) -> int:
        return self.kinds[kind].priority

    def with_kind_confidence(self, **confidences: float) -> "ExtractorConfig":
        """A copy with other base confidences for the named kinds.

        Raises:
            ValueError: for a name that is not a statement kind.
        """
        unknown = sorted(set(confidences) - set(self.kinds))
        if unknown:
            raise ValueError(f"unknown statement kinds {unknown}; valid: {list(self.kinds)}")
        kinds = {name: replace(kind, confidence=confidences.get(name, kind.confidence)) for name, kind in self.kinds.items()}
        return replace(self, kinds=MappingProxyType(kinds))
