"""Per-article extraction state, fed one parsed paragraph at a time.

``ArticleState`` walks the sentences in order, asks the finders in ``candidates`` for
statements, claims each quotation once, resolves speakers through ``mentions``, adds
continuation statements (a sentence or a quote with no cue of its own that carries on
the previous speaker), and keeps each statement with a snapshot of its parse.
"""

from __future__ import annotations

import re

from dataclasses import replace
from typing import Optional

from ..lexicons import name_lexicon
from ..records import ParsedSpan, Statement
from .candidates import Candidate, SentenceContext, colon_attribution, cue_candidates, cue_type_of, direct_quote, headline, quoted_headline, settle
from .config import ExtractorConfig
from .lexicon import Lexicon
from .mentions import SpeakerMentions, country_word, one_of_them
from .references import ArticleReferences, ReferenceCollector
from .segmenting import QUOTE_CHARS, Paragraph, QuoteSpan
from .spans import TRIM, drop_nested, has_partial_quote, strip_span
from .syntax import subject_of, tokens_starting_in

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


class ArticleState:
    """What extraction knows about one article so far.

    Example:
        >>> state = ArticleState(text, quotes, Lexicon.default(), ExtractorConfig())  # doctest: +SKIP
        >>> state.process_paragraph(0, paragraph, nlp(text[paragraph.start:paragraph.end]), 1)  # doctest: +SKIP
        >>> statements, parses = state.finish()  # doctest: +SKIP
    """

    def __init__(self, text: str, quotes: list[QuoteSpan], lexicon: Lexicon, config: ExtractorConfig) -> None:
        self.text = text
        self.quotes = quotes
        self.lexicon = lexicon
        self.config = config
        self.mentions = SpeakerMentions(text, lexicon.source_nouns)
        self.statements: list[Statement] = []
        self.parses: list[Optional[ParsedSpan]] = []  # aligned with ``statements``
        self.entities: list[tuple[int, int, str, str]] = []
        self.claimed_quotes: set[int] = set()  # quotes already part of a statement
        self.quote_cursor = 0
        self.last_statement: Optional[Statement] = None
        self.previous_sentence_end = -1
        self.pending_pieces: list[tuple[int, int, Statement]] = []  # later paragraphs of kept quotes
        self.next_quote_id = 0
        self.error: Optional[str] = None
        self.references = ReferenceCollector()  # referring phrases, for target linking

    # -------------------------------------------------------------- paragraphs
    def process_paragraph(self, index: int, para: Paragraph, doc, n_paragraphs: int) -> None:
        """Extract from one parsed paragraph (paragraphs must come in order)."""
        offset = para.start
        doc.user_data["stance_offset"] = offset
        self.entities.extend((offset + e.start_char, offset + e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in ENTITY_LABELS)
        sentences = list(doc.sents)
        headline_end = None
        if index == 0 and n_paragraphs > 1 and len(sentences) > 1 and _one_unpunctuated_line(doc.text):
            # "Northlink to fight ... penalty as CEO calls CRTC ruling '...'": the parser cut
            # a headline line in two; a line with no full stop is one headline
            sentences = [doc[:]]
        if index == 0 and n_paragraphs > 1 and sentences:
            headline_end, found = headline(self._context(sentences[0], offset), len(sentences))
            quoted = quoted_headline(self._context(sentences[0], offset), headline_end) if headline_end is not None else None
            found = [c for c in (quoted, found) if c is not None]
            if found:
                self._emit(found, sentences[0], offset)
        para_quotes = self._quotes_in(para)
        self._flush_pieces(para, doc)
        if sentences and (headline_end is None or headline_end < para.end):
            first = next((x for x in sentences if headline_end is None or offset + x.start_char >= headline_end), None)
            colon = colon_attribution(self._context(first, offset), para.end) if first is not None else None
            if colon is not None:
                self.claimed_quotes.update(qi for qi in para_quotes if colon.start <= self.quotes[qi].inner_start < colon.end)
                self._emit([colon], first, offset)
        for sent in sentences:
            s_start, s_end = offset + sent.start_char, offset + sent.end_char
            if headline_end is not None and s_start < headline_end:
                continue  # title-case headlines fool NER; the headline was handled above
            self.mentions.observe_people(sent, offset)
            self.mentions.observe_unlabelled_people(sent, offset)
            self.mentions.observe_subject(sent)
            ctx = self._context(sent, offset)
            found = self._claim_direct_quotes(ctx, para_quotes)
            claimed_cues = {cand.cue_token.i for cand in found}
            found = settle(found + cue_candidates(ctx, claimed_cues), self.text, self.config)
            emitted = self._emit(found, sent, offset)
            if not emitted and not self._inside_statement(s_start, s_end):
                self._continuation(sent, offset)
            self.previous_sentence_end = s_end
        self._carry_over_quotes(para, para_quotes, doc)
        self.references.observe(doc, offset)

    def _context(self, sent, offset: int) -> SentenceContext:
        return SentenceContext(self.text, offset, sent, self.lexicon, self.config)

    def _claim_direct_quotes(self, ctx: SentenceContext, para_quotes: list[int]) -> list[Candidate]:
        """Direct quotes ending or starting in this sentence; each quote is claimed once."""
        found = []
        for qi in para_quotes:
            cand = direct_quote(ctx, self.quotes[qi])
            if cand is not None and qi not in self.claimed_quotes:
                self.claimed_quotes.add(qi)
                found.append(cand)
        return found

    def _carry_over_quotes(self, para: Paragraph, para_quotes: list[int], doc) -> None:
        """A quotation with no cue of its own, standing as whole sentences right after a
        statement, carries on that statement's speaker (news style for a long quote)."""
        config = self.config
        for qi in para_quotes:
            quote = self.quotes[qi]
            if qi in self.claimed_quotes or quote.inner_start < para.start:
                continue
            start, end = strip_span(self.text, quote.inner_start, quote.inner_end, " \t\r\n,")
            # the statement before the quote, not one found inside it ("the research supports")
            prev = next((s for s in reversed(self.statements[-8:]) if s.start < quote.inner_start), None)
            same_paragraph = prev is not None and prev.end >= para.start
            min_words = config.carried_quote_min_words_same_paragraph if same_paragraph else config.carried_quote_min_words
            if len(self.text[start:end].split()) < min_words:
                continue
            outer_start = quote.open if quote.open is not None else quote.inner_start
            outer_end = quote.close + 1 if quote.close is not None and quote.close < para.end else min(quote.inner_end, para.end)
            if not self._stands_alone(para, outer_start, outer_end, opened=quote.open is not None):
                continue  # part of a larger sentence: a scare quote or a mixed quote
            if prev is None or prev.speaker is None or prev.kind == "headline" or outer_start - prev.end > config.carried_quote_max_distance:
                continue
            if any(s.start <= start < s.end for s in self.statements[-4:]):
                continue
            self.claimed_quotes.add(qi)
            cand = Candidate(start, end, "continuation", None, None, None, inherited=prev, sentence=(outer_start, outer_end))
            cand.confidence_bonus = config.carried_quote_confidence_bonus
            self._keep_pieces(cand, doc, para.start)

    def _stands_alone(self, para: Paragraph, outer_start: int, outer_end: int, opened: bool = True) -> bool:
        """Is the quotation [outer_start, outer_end) a sentence of its own in the paragraph?"""
        text = self.text
        before = text[max(para.start, text.rfind(".", para.start, outer_start) + 1) : outer_start]
        if before.strip():
            return False
        if opened and text[outer_start:outer_end].rstrip(" \"”’»").endswith((".", "!", "?")):
            return True  # the quote ends its own sentence; what follows is another one
        after_end = text.find(".", outer_end, para.end)
        after = text[outer_end : para.end if after_end < 0 else after_end]
        return not after.strip(" .!?\"”")

    # -------------------------------------------------------------- quotes over paragraphs
    def _keep_pieces(self, cand: Candidate, doc, offset: int, cue_token=None) -> None:
        """Keep a quote that runs on over several paragraphs after its cue as one statement
        per paragraph: the first now, the others (continuations of the same quote, same
        ``quote_id``) when their paragraph is parsed. ``offset`` is the current paragraph's start."""
        pieces = _paragraph_pieces(self.text, cand.start, cand.end)
        if pieces[0][0] < offset:
            pieces = [(cand.start, cand.end)]  # the cue comes after the quote's paragraphs: one statement
        cand.start, cand.end = pieces[0]
        statement = self._build(cand)
        self._keep(statement, doc, offset, cue_token)
        if statement is not None:
            self.pending_pieces.extend((start, end, statement) for start, end in pieces[1:])

    def _flush_pieces(self, para: Paragraph, doc) -> None:
        """Keep the pieces of earlier quotes that lie in this paragraph."""
        while self.pending_pieces and self.pending_pieces[0][0] < para.end:
            start, end, inherited = self.pending_pieces.pop(0)
            cand = Candidate(start, end, "continuation", None, None, None, inherited=inherited, sentence=(start, end))
            cand.confidence_bonus = self.config.carried_quote_confidence_bonus
            self._keep(self._build(cand), doc, para.start)

    def finish(self) -> tuple[list[Statement], list[Optional[ParsedSpan]]]:
        """The article's statements in text order (embedded ones dropped) and their parses."""
        kept = [(self.mentions.headline_speaker(s), p) for s, p in zip(self.statements, self.parses)]
        kept.sort(key=lambda pair: (pair[0].start, pair[0].end))
        _give_a_hearing_headline_its_speaker(kept, self.lexicon)
        statements, parses = drop_nested([s for s, _ in kept], [p for _, p in kept], self.config.nesting_window)
        wanted = self.config.cue_types
        if wanted is None:
            return statements, parses
        pairs = [(s, p) for s, p in zip(statements, parses) if s.cue_type in wanted]
        return [s for s, _ in pairs], [p for _, p in pairs]

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
        return any(s.start <= start and end <= s.end + 2 for s in reversed(self.statements[-8:]))

    # -------------------------------------------------------------- emitting
    def _emit(self, candidates: list[Candidate], sent, offset: int) -> bool:
        emitted = False
        for cand in sorted(candidates, key=lambda c: c.start):
            # a bare stance verb ("China supports ...") right after a statement carries it on
            stance_only = cand.cue_token is not None and cand.cue_token.lemma_.lower() in self.lexicon.stance_only_cues
            if stance_only and cand.kind != "headline" and self._continues_previous(sent, offset):
                continue
            if cand.kind == "direct":
                self._keep_pieces(cand, sent.doc, offset, cand.cue_token)
            else:
                self._keep(self._build(cand), sent.doc, offset, cand.cue_token)
            emitted = True
        return emitted

    def _keep(self, statement: Optional[Statement], doc, offset: int, cue_token=None) -> None:
        """Record a statement with a snapshot of its sentences' parse (for stance composition)."""
        if statement is None:
            return
        local = tokens_starting_in(doc, statement.start - offset, statement.end - offset)
        if cue_token is not None:
            local.append(cue_token)
        parsed = None
        if local:
            first = min(t.sent.start for t in local)
            last = max(t.sent.end for t in local)
            parsed = ParsedSpan.from_spacy(doc[first:last], offset, cue_token)
        self.statements.append(statement)
        self.parses.append(parsed)
        self.last_statement = statement

    def _build(self, cand: Candidate) -> Optional[Statement]:
        """The one way a candidate becomes a ``Statement``: speaker resolved, confidence set."""
        text, config = self.text, self.config
        start, end = cand.start, cand.end
        if not (0 <= start < end <= len(text)):
            return None
        speaker = mention = sp_start = sp_end = None
        confidence = config.confidence(cand.kind) + cand.confidence_bonus
        if cand.inherited is not None:
            speaker = cand.inherited.speaker
        elif cand.subject is not None:
            sp_start, sp_end = cand.speaker_span or self.mentions.span(cand.subject)
            mention = text[sp_start:sp_end]
            # NER is unreliable on title-case headlines ("Parcelo chief says ..." -> PERSON)
            resolution = self.mentions.resolve(cand.subject, sp_start, sp_end, trust_ner=cand.kind != "headline", named_in=text[start:end])
            speaker = resolution.canonical
            speaker = one_of_them(mention, self.last_statement) or speaker  # "Two officials said ... One said"
            floor = config.speaker_confidence_floor
            confidence *= floor + (1 - floor) * resolution.confidence
            if speaker is None:
                confidence *= config.unresolved_speaker_factor
        cue = cue_start = cue_end = None
        if cand.cue_start is not None and cand.cue_end is not None and cand.kind != "continuation":
            cue_start, cue_end = cand.cue_start, cand.cue_end
            cue = text[cue_start:cue_end]
        kind = "mixed" if cand.kind == "indirect" and has_partial_quote(text, start, end) else cand.kind
        sentence = cand.sentence or (start, end)
        if cand.inherited is not None:
            cue_type, quote_id = cand.inherited.cue_type, cand.inherited.quote_id
        else:
            cue_type, quote_id = cue_type_of(cand, self.lexicon), self._quote_id(cand)
        return Statement(
            content=text[start:end], start=start, end=end,
            speaker=speaker, speaker_mention=mention, speaker_start=sp_start, speaker_end=sp_end,
            cue=cue, cue_start=cue_start, cue_end=cue_end,
            kind=kind, confidence=round(min(1.0, max(0.0, confidence)), 3),
            sentence_start=min(sentence[0], start), sentence_end=max(sentence[1], end),
            cue_type=cue_type, quote_id=quote_id,
        )

    def _quote_id(self, cand: Candidate) -> int:
        """A new quote, unless this is the second part of a quote its cue interrupts
        (``"A," she said, "B."``): then the first part's."""
        if cand.kind == "direct" and cand.cue_start is not None:
            for earlier in reversed(self.statements[-4:]):
                if earlier.kind == "direct" and earlier.cue_start == cand.cue_start:
                    return earlier.quote_id
        self.next_quote_id += 1
        return self.next_quote_id - 1

    # -------------------------------------------------------------- continuation
    def _continues_previous(self, sent, offset: int) -> bool:
        """Does this sentence carry on the previous sentence's statement?"""
        prev = self.last_statement
        if prev is None or prev.kind == "headline" or prev.speaker is None or prev.speaker_mention is None:
            return False
        between = self.text[prev.sentence_end : offset + sent.start_char]
        if prev.sentence_end < self.previous_sentence_end or len(between) > self.config.max_continuation_gap or "\n\n" in between:
            return False
        root = sent.root
        subject = subject_of(root)
        if subject is None:
            return False
        subject_lower = {t.lower_ for t in subject.subtree}
        if prev.speaker and set(prev.speaker.lower().split()) & subject_lower:
            return False  # "Xi made the remarks ..." is narration about the speaker
        mention_words = {country_word(w.lower().strip(",.’'s")) for w in prev.speaker_mention.split()}
        if ({country_word(w) for w in subject_lower} & mention_words) - name_lexicon()["titles"] - {"the", "a"}:
            return True
        # reported speech goes on in the backshifted modal: "Such an override would be final."
        if prev.kind in ("indirect", "mixed", "continuation") and subject.pos_ != "PRON":
            return any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in root.children)
        return False

    def _continuation(self, sent, offset: int) -> None:
        if not self._continues_previous(sent, offset):
            return
        s_start, s_end = offset + sent.start_char, offset + sent.end_char
        start, end = strip_span(self.text, s_start, s_end, TRIM)
        if end - start < self.config.min_sentence_content_chars:
            return
        if self.text[start] in QUOTE_CHARS:
            return  # a quotation of its own: carried on whole by ``_carry_over_quotes``, not a sentence of it
        cand = Candidate(start, end, "continuation", None, None, None, inherited=self.last_statement, sentence=(s_start, s_end))
        self._keep(self._build(cand), sent.doc, offset)


    # -------------------------------------------------------------- target references
    def reference_table(self) -> ArticleReferences:
        """The article's referring phrases, with the genders speaker resolution learned
        (``stance.extract.references``)."""
        return self.references.result(self.mentions.resolver)

def _paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at its line breaks, each piece without quote marks at its edges."""
    pieces = []
    cursor = start
    while cursor < end:
        cut = text.find("\n", cursor, end)
        piece_end = end if cut < 0 else cut
        piece = strip_span(text, cursor, piece_end, " \t\r\n,“”\"«»„")
        if piece[1] - piece[0] >= 2:
            pieces.append(piece)
        cursor = piece_end + 1
    return pieces or [(start, end)]


def _one_unpunctuated_line(text: str) -> bool:
    """Is ``text`` a single line whose sentences end without a full stop (a headline)?"""
    body = text.strip()
    return "\n" not in body and not re.search(r"[.!?][\"”’')]*\s", body) and body[-1:] not in ".!?"


def _give_a_hearing_headline_its_speaker(kept: list, lexicon: Lexicon) -> None:
    """"Water company sacked engineer ..., tribunal hears": a headline whose "speaker" is the
    court or tribunal it was told to (``Lexicon.hearings``) puts the case the first paragraph
    puts, so it is that paragraph's speaker's. ``kept``: (statement, parse) pairs in text order."""
    if len(kept) < 2:
        return
    headline = kept[0][0]
    if headline.kind != "headline" or not headline.speaker_mention or (headline.cue or "").lower() not in ("told", "hears", "heard"):
        return
    if headline.speaker_mention.lower().split()[-1] in lexicon.hearings:
        kept[0] = (replace(headline, speaker=kept[1][0].speaker, speaker_mention=None, speaker_start=None, speaker_end=None), kept[0][1])
