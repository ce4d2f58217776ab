"""Plain frozen records that users get back.

Every span points back into the original article text by character offsets:
``article_text[s.start:s.end] == s.content`` for every statement, and likewise for
the speaker mention, the cue and target mentions. Writers (JSONL, CSV, DataFrame)
build on ``to_dict()`` only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Optional

@dataclass(frozen=True)
class StatementKind:
    """A kind of statement: its name, the extractor's base confidence in it, and its
    priority when two candidate statements compete for the same words (higher wins)."""

    name: str
    confidence: float
    priority: int
    description: str


# The one table of statement kinds; ``ExtractorConfig.kinds`` starts from it.
STATEMENT_KIND_TABLE = (
    StatementKind("direct", 0.95, 5, 'a quotation with its cue: ""...," X said", "X said: "...""'),
    StatementKind("indirect", 0.85, 3, "reported speech: X said (that) ..."),
    StatementKind("mixed", 0.85, 3, "reported speech holding a partial quote"),
    StatementKind("according_to", 0.85, 4, "according to X, ..."),
    StatementKind("participial", 0.8, 2, "..., saying ... / adding that ..."),
    StatementKind("nominal", 0.7, 1, "X called for / urged / expressed support for / is opposed to ..."),
    StatementKind("headline", 0.55, 0, "a headline that reports a stance"),
    StatementKind("continuation", 0.45, 0, "a sentence or quote carrying on the previous speaker, no cue of its own"),
)
STATEMENT_KINDS = tuple(kind.name for kind in STATEMENT_KIND_TABLE)


@dataclass(frozen=True)
class ArticleMetadata:
    """What a scraper's header line, or an HTML page's metadata, says about the article.

    Example:
        >>> ArticleMetadata(date="2022-01", authors=("CAO DESHENG",), outlet="China Daily").outlet
        'China Daily'
    """

    date: Optional[str] = None
    authors: tuple[str, ...] = ()
    outlet: Optional[str] = None
    updated: Optional[str] = None
    header_start: Optional[int] = None
    header_end: Optional[int] = None
    title: Optional[str] = None  # the page's headline, for an article read from HTML
    extracted_from: Optional[str] = None  # "html": the text was extracted from a page, and offsets point into that text

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["authors"] = list(self.authors)
        return out


@dataclass(frozen=True)
class Statement:
    """One quoted or attributed statement.

    ``content`` is ``text[start:end]``; ``speaker`` is the canonical speaker name within
    the article (``None`` when nobody is named); ``speaker_mention`` is how the speaker
    appears at this statement (a pronoun, a title, a name), with its own offsets.

    Example:
        >>> s = stance.extract('"We will win," Smith said.')[0]
        >>> (s.speaker, s.kind, s.content)
        ('Smith', 'direct', 'We will win,')
    """

    content: str
    start: int
    end: int
    speaker: Optional[str]
    speaker_mention: Optional[str]
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    kind: str
    confidence: float
    sentence_start: int
    sentence_end: int
    cue_type: Optional[str] = None  # speech, writing, question, belief, intention, denial or evidence
    quote_id: Optional[int] = None  # statements that are parts of one attributed quote share it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quote:
    """One attributed quote whose parts are several statements (a quote and its
    continuation sentences or paragraphs, a quote its cue interrupts): ``spans`` are the
    parts' ``(start, end)`` offsets in text order, ``text`` their contents joined by spaces.

    Example:
        >>> [q.text for q in extraction.quotes() if len(q.spans) > 1]
        ['We followed the rules and we will keep following them.']
    """

    quote_id: int
    speaker: Optional[str]
    spans: tuple[tuple[int, int], ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["spans"] = [list(span) for span in self.spans]
        return out


@dataclass(frozen=True)
class ParsedSpan:
    """The dependency parse of a statement's sentence, detached from spaCy.

    Offsets are absolute (article) character offsets; ``heads`` index into the span
    (the root points to itself); ``cue`` is the index of the cue token, if any.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lemmas: tuple[str, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]
    cue: Optional[int] = None

    @classmethod
    def from_spacy(cls, span, offset: int, cue_token=None) -> "ParsedSpan":
        """Snapshot a spaCy span (``offset`` = the doc's offset in the article)."""
        first = span.start
        heads = []
        for token in span:
            head = token.head.i
            heads.append(head - first if span.start <= head < span.end else token.i - first)
        cue = cue_token.i - first if cue_token is not None and span.start <= cue_token.i < span.end else None
        return cls(
            starts=tuple(offset + t.idx for t in span),
            ends=tuple(offset + t.idx + len(t.text) for t in span),
            lemmas=tuple(t.lemma_.lower() for t in span),
            deps=tuple(t.dep_ for t in span),
            heads=tuple(heads),
            cue=cue,
        )

    def children(self, index: int) -> list[int]:
        return [i for i, h in enumerate(self.heads) if h == index and i != index]


@dataclass(frozen=True)
class StanceRecord:
    """One (statement, target) pair with its stance and sentiment scores.

    The statement's fields are kept whole under ``statement``; ``to_dict()`` flattens
    them so a record is one row of a table. ``target_mention`` (with its offsets) is the
    phrase that linked the statement to the target, ``mention_kind`` how it refers to it
    (name, alias, acronym, demonym, metonym, pronoun, title, description, or carried from
    an earlier part of the quote, with no mention of its own) and ``link_score`` how sure
    the link is (0-1); all None for a pair scored only because of ``all_targets``.

    Example:
        >>> rec.to_dict()["stance"], rec.to_dict()["target"]
        ('support', 'Kazakhstan')
    """

    statement: Statement
    target: str
    target_mention: Optional[str]
    target_start: Optional[int]
    target_end: Optional[int]
    stance: str
    stance_scores: dict[str, float]
    sentiment: str
    sentiment_scores: dict[str, float]
    article_id: Optional[str] = None
    mention_kind: Optional[str] = None
    link_score: Optional[float] = None

    def to_dict(self) -> dict[str, Any]:
        out = self.statement.to_dict()
        out.update(
            article_id=self.article_id,
            target=self.target,
            target_mention=self.target_mention,
            target_start=self.target_start,
            target_end=self.target_end,
            mention_kind=self.mention_kind,
            link_score=self.link_score,
            stance=self.stance,
            stance_scores=dict(self.stance_scores),
            sentiment=self.sentiment,
            sentiment_scores=dict(self.sentiment_scores),
        )
        return out


@dataclass(frozen=True)
class ArticleResult:
    """Everything ``stance`` found in one article."""

    text: str
    metadata: ArticleMetadata
    statements: list[Statement] = field(default_factory=list)
    records: list[StanceRecord] = field(default_factory=list)
    article_id: Optional[str] = None
    error: Optional[str] = None  # set when this input was skipped; then there are no records

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per (statement, target) record.

        Example:
            >>> nlp(text, targets=["Kazakhstan"]).to_records()[0]["target"]
            'Kazakhstan'
        """
        return [r.to_dict() for r in self.records]

    def to_dataframe(self):
        """The records as a pandas DataFrame, one row per (statement, target)."""
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=RECORD_FIELDS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "error": self.error,
            "metadata": self.metadata.to_dict(),
            "statements": [s.to_dict() for s in self.statements],
            "records": self.to_records(),
        }


STATEMENT_FIELDS = tuple(f.name for f in fields(Statement))
RECORD_FIELDS = STATEMENT_FIELDS + (
    "article_id", "target", "target_mention", "target_start", "target_end", "mention_kind", "link_score",
    "stance", "stance_scores", "sentiment", "sentiment_scores",
)
