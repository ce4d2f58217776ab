"""Candidate statements, one small finder per construction.

Each finder reads one sentence (a ``SentenceContext``: the sentence, the article text
and offsets, the lexicon and the config) and answers a ``Candidate`` or None. None
reads or changes article state: quotes already claimed, speakers, continuation are
``article.py``'s business. The constructions:

- ``direct_quote``: a quotation whose closing mark is followed by ``X said``
  (``cue_after_quote``) or whose opening mark follows ``X said:`` / ``X said,``
  (``cue_before_quote``, the colon and comma forms);
- ``verb_cue``: reported speech, a reporting verb with a clausal complement
  (``X said (that) ...``, ``..., X said``, ``The plan, X insisted, was ...``);
- ``nominal_cue``: a cue verb whose object or prepositional phrase is the statement
  (``X called for ...``, ``X expressed support for ...``, ``X urged Y to ...``);
- ``adjective_cue``: ``X is (firmly) opposed to Y``;
- ``participial``: ``..., saying ...``, ``adding that ...``, ``quoted X as saying ...``;
- ``according_to``: ``according to X, ...``;
- ``headline``: a headline that reports a stance (``Beijing opposes ...``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import Optional

from ..lexicons import name_lexicon
from .config import ExtractorConfig
from .lexicon import Lexicon
from .mentions import dateline_end, punctuated_name_length
from .segmenting import QUOTE_CHARS, QuoteSpan
from .spans import TRIM, balance_quotes, has_partial_quote, strip_span, strip_trailing_words, subtree_span, token_range_span
from .syntax import doc_offset, misparsed_that_clause, own_subject, subject_of


@dataclass
class Candidate:
    """A statement found in a sentence, before its speaker is resolved."""

    start: int
    end: int
    kind: str
    cue_token: Optional[object]  # spaCy Token; None for continuations
    cue_start: Optional[int]
    cue_end: Optional[int]
    subject: Optional[object] = None  # spaCy Token heading the speaker mention
    inherited: Optional[object] = None  # continuation: the Statement carried on
    sentence: Optional[tuple[int, int]] = None
    coordinated_with: Optional[int] = None  # token index of the cue verb this one is coordinated with
    confidence_bonus: float = 0.0
    speaker_span: Optional[tuple[int, int]] = None  # the speaker mention, when not the subject's phrase
    cue_type: Optional[str] = None  # set when the construction decides it (a colon line on Twitter)


@dataclass(frozen=True)
class SentenceContext:
    """One parsed sentence and what the finders may read besides it."""

    text: str  # the whole article
    offset: int  # the parsed paragraph's offset in the article
    sent: object  # spaCy Span
    lexicon: Lexicon
    config: ExtractorConfig

    @property
    def start(self) -> int:
        return self.offset + self.sent.start_char

    @property
    def end(self) -> int:
        return self.offset + self.sent.end_char

    def candidate(self, start: int, end: int, kind: str, cue, subject, cue_token=None) -> Candidate:
        """A candidate whose cue is the token ``cue`` (``cue_token`` if another token carries it)."""
        cue_start = self.offset + cue.idx
        after = dateline_end(self.text, start)
        start = after if after is not None and after < end else start  # "HALLBROOK - A water company ...": not the dateline
        return Candidate(start, end, kind, cue_token if cue_token is not None else cue, cue_start, cue_start + len(cue.text), subject=subject)


# ---------------------------------------------------------------------------- direct quotes
def direct_quote(ctx: SentenceContext, quote: QuoteSpan) -> Optional[Candidate]:
    """A quotation with its cue after the closing mark or before the opening mark."""
    close_pos = quote.close if quote.close is not None else quote.inner_end
    open_pos = quote.open if quote.open is not None else quote.inner_start
    cue = None
    if ctx.start <= close_pos < ctx.end + 1:
        cue = cue_after_quote(ctx, close_pos)
        if cue is not None and _quoted_words_in_a_clause(ctx, open_pos):
            # 'Both governments wanted "a calm resolution," he said.': the clause is what
            # he said, partly in his words
            start, _ = strip_span(ctx.text, ctx.start, open_pos, " \t\r\n")
            cand = ctx.candidate(start, close_pos + 1, "mixed", cue, subject_of(cue))
            cand.sentence = (ctx.start, max(ctx.end, close_pos + 1))
            return cand
    if cue is None and ctx.start <= open_pos < ctx.end:
        cue = cue_before_quote(ctx, open_pos)
    if cue is None:
        return None
    start, end = strip_span(ctx.text, quote.inner_start, quote.inner_end, " \t\r\n,")
    cand = ctx.candidate(start, end, "direct", cue, subject_of(cue))
    cand.sentence = (min(ctx.start, start), max(ctx.end, end))
    return cand


def _quoted_words_in_a_clause(ctx: SentenceContext, open_pos: int) -> bool:
    """Does the quotation open inside a clause of the sentence (at least two words before
    its opening mark, with no quotation mark, colon or reporting verb among them)?"""
    lead = ctx.text[ctx.start : open_pos]
    if len(lead.split()) < 2 or any(c in lead for c in QUOTE_CHARS + ":;") or lead.rstrip().endswith(","):
        return False
    return not any(
        ctx.offset + token.idx < open_pos and token.lemma_.lower() in ctx.lexicon.reporting_verbs and token.pos_ in ("VERB", "AUX")
        for token in ctx.sent
    )


def cue_after_quote(ctx: SentenceContext, close_pos: int):
    """``"...," X said`` / ``"...," said X``: a reporting verb right after the closing mark."""
    text, offset = ctx.text, ctx.offset
    for token in ctx.sent:
        pos = offset + token.idx
        if pos <= close_pos:
            continue
        if pos - close_pos - 1 > ctx.config.max_cue_gap_after_quote:
            return None
        if token.lemma_.lower() in ctx.lexicon.reporting_verbs and token.pos_ in ("VERB", "AUX"):
            subject = subject_of(token)
            if subject is None or offset + subject.idx < close_pos:
                return None
            between = text[close_pos + 1 : offset + min(token.idx, subject.left_edge.idx)]
            if between.strip(" ,.!?—–-\"”’\n") in ("", "the") or offset + subject.idx > pos:
                return token
            return None
        if token.is_punct and token.text not in "," and token.text in ".!?" and pos > close_pos + 2:
            return None
    return None


def cue_before_quote(ctx: SentenceContext, open_pos: int):
    """``X said: "..."`` (colon) / ``X said, "..."`` (comma): a reporting verb shortly before the opening mark."""
    best = None
    for token in ctx.sent:
        if ctx.offset + token.idx >= open_pos:
            break
        if token.lemma_.lower() in ctx.lexicon.reporting_verbs and token.pos_ in ("VERB", "AUX") and subject_of(token) is not None:
            best = token
    if best is None:
        return None
    gap = ctx.text[ctx.offset + best.idx + len(best.text) : open_pos]
    if len(gap) <= ctx.config.max_cue_gap_before_quote and gap.rstrip()[-1:] in (":", ",") and not any(c in gap for c in QUOTE_CHARS + ".!?") \
            and not _subject_of_the_quote_between(ctx, best, open_pos):
        return best
    return None


def _subject_of_the_quote_between(ctx: SentenceContext, cue, open_pos: int) -> bool:
    """``he says the current leader, Ingrid Solvind, "has taken us as far as she can."``: the
    quoted words finish a clause whose subject stands between the cue and the quote."""
    after_cue = ctx.offset + cue.idx + len(cue.text)
    return any(
        after_cue < ctx.offset + t.idx < open_pos and t.dep_ in ("nsubj", "nsubjpass") and ctx.offset + t.head.idx > open_pos
        for t in ctx.sent
    )


# ---------------------------------------------------------------------------- cue words
def cue_candidates(ctx: SentenceContext, claimed: set[int]) -> list[Candidate]:
    """Every verb, participial, nominal, adjective and according-to candidate of the
    sentence, skipping the tokens in ``claimed`` (cues of its direct quotes)."""
    lex = ctx.lexicon
    sent = ctx.sent
    found = []
    for token in sent:
        if token.i in claimed:
            continue
        lemma = token.lemma_.lower()
        cand = None
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            cand = according_to(ctx, token)
        elif token.tag_ == "VBG" and lemma in lex.participial_verbs and token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp"):
            cand = participial(ctx, token)
        elif token.pos_ in ("VERB", "AUX") and (token.tag_ != "VBG" or _progressive(token)):
            cand = verb_cue(ctx, token, "counter" if _answers_back(token, lemma) else lemma)
        elif token.pos_ == "ADJ" and lemma in lex.stance_adjectives:
            cand = adjective_cue(ctx, token, lemma)
        elif token.pos_ == "NOUN" and lemma in lex.cue_nouns:
            cand = noun_cue(ctx, token)
        if cand is not None:
            cand.sentence = (ctx.start, ctx.end)
            found.append(cand)
            second = second_that_clause(ctx, cand)
            if second is not None:
                found.append(second)
    return found


def second_that_clause(ctx: SentenceContext, cand: Candidate) -> Optional[Candidate]:
    """``X said A and that B`` / ``but that B``: the second that-clause is a statement of its
    own, with the same cue and speaker; ``cand`` is cut to ``A``. The parser hangs ``that B``
    on the cue or anywhere inside ``A``. None when the report has one clause."""
    if cand.kind != "indirect" or cand.cue_token is None:
        return None
    cue = cand.cue_token
    ccomp = _reported_clause(cue, ctx.lexicon.reporting_verbs)
    misparsed = ccomp is None and misparsed_that_clause(cue)
    if misparsed:
        ccomp = misparsed  # "said in its decision that A and that B": the parser hung A on "decision"
    if ccomp is None or ccomp.i < cue.i:
        return None
    scope = {cue.i} | {t.i for clause in cue.children if clause.dep_ == "ccomp" and clause.i > cue.i for t in clause.subtree}
    if misparsed:
        scope |= {t.i for t in ccomp.subtree}
    conj = next(
        (t for t in cue.doc[ccomp.i + 1 : cue.sent.end] if t.dep_ == "conj" and t.head.i in scope and t.left_edge.lower_ == "that" and _marks_clause(t.left_edge, t)),
        None,
    )
    if conj is None or conj.left_edge.i < 1:
        return None
    joint = cue.doc[conj.left_edge.i - 1]
    if joint.dep_ != "cc":
        return None
    b_start, b_end = subtree_span(ctx.text, conj, ctx.offset, stop_at=cue)
    if ctx.text[b_start : b_start + 5].lower() == "that ":
        b_start += 5  # the "that" the parser took for the clause's subject
    b_start, b_end = balance_quotes(ctx.text, b_start, b_end)
    b_end = _closing_quote(ctx.text, b_start, b_end, ctx.end + 1)
    b_end = _run_to_closing_quote(ctx.text, b_start, b_end, ctx.end + 1)
    a_start, a_end = strip_span(ctx.text, cand.start, min(cand.end, ctx.offset + joint.idx), TRIM)
    a_start, a_end = balance_quotes(ctx.text, a_start, a_end)
    a_end = _closing_quote(ctx.text, a_start, a_end, ctx.offset + joint.idx)
    if not (a_start < a_end <= b_start < b_end) or min(a_end - a_start, b_end - b_start) < ctx.config.min_content_chars:
        return None
    cand.start, cand.end = a_start, a_end
    return replace(cand, start=b_start, end=b_end)


def _marks_clause(that, verb) -> bool:
    """Is ``that`` the mark of the clause ``verb`` heads? The parser sometimes makes it the
    subject ("and that prop Sione Latu would captain ...": "prop" read as a verb); a "that"
    right before its verb ("and that hurt") is a pronoun."""
    if that.dep_ == "mark":
        return True
    # "but that support was ...": a copula heads its clause itself
    return that.i + 1 < verb.i and (verb.pos_ == "AUX" or any(c.dep_ == "aux" for c in verb.children))


def _progressive(token) -> bool:
    """``are demanding``, ``is planning to``: a VBG with its own ``be``, a finite verb."""
    return any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children)


def _is_nominal_verb(token, lemma: str, lex: Lexicon) -> bool:
    if lemma in lex.nominal_verbs:
        return True
    preps = lex.nominal_preps.get(lemma)
    if preps is None:
        return False
    return any(
        c.lower_ in preps or c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)
        for c in token.children
    )


def _speaker_pronoun(subject) -> bool:
    return subject is not None and subject.lower_ in ("it", "he", "she", "they", "we", "i")


def _verb_speaker(token, lex: Lexicon):
    """(subject, index of the cue it is coordinated with) of a cue verb."""
    subject = subject_of(token)
    if subject is None:
        # "Hosking, asked about a leaked estimate, said ...": the parser made "asked" the
        # verb's clause and gave it the subject
        aside = next((c for c in token.children if c.dep_ == "ccomp" and c.i < token.i and c.tag_ in ("VBN", "VBD") and c.lower_ in ("asked", "pressed", "questioned") and token.doc[c.i - 1].text == ","), None)
        subject = own_subject(aside) if aside is not None else None
    attached = token.head.i if token.dep_ == "conj" else None
    clause = token.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "said China has never sought a war but is not afraid of one and called on ..."
    reporter = clause.head if token.dep_ == "conj" and clause.dep_ == "ccomp" else None
    if (
        reporter is not None
        and reporter.lemma_.lower() in lex.reporting_verbs
        and own_subject(token) is None
        and token.tag_ == reporter.tag_
        and (token.head.tag_ != token.tag_ or token.head.pos_ == "AUX" or _speaker_pronoun(own_subject(token.head)) or _speech_act_after_no_person(token, lex))
    ):
        # "said the government had been sleepwalking ... and called for a debate":
        # the tense says "called" goes with "said", not with the reported clause; so does a
        # copula ("said the trust was angry ... and called on the federation to ..."); and a
        # clause whose subject is the speaker again ("said it supported the sanctions but
        # urged the CFF to ...": the same body either way, two statements)
        subject = own_subject(reporter) or subject
        attached = reporter.i
    return subject, attached


_PERSON_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you"})


def _speech_act_after_no_person(token, lex: Lexicon) -> bool:
    """``said the formula relied on old data and accused Osterholm of ...``: a speech act
    (accuse, urge, call on) coordinated with a reported clause whose subject is no person
    is the reporter's second statement; after a person (``said Hale had lied and accused
    ...``) it may be the person's."""
    lemma = token.lemma_.lower()
    if lemma not in lex.nominal_verbs and lemma not in lex.nominal_preps:
        return False
    subject = own_subject(token.head)
    return subject is not None and subject.ent_type_ != "PERSON" and subject.lower_ not in _PERSON_PRONOUNS


_BACK_VERBS = frozenset({"shoot", "hit", "fire", "snap"})  # "shot back that", "hit back that": a retort


def _answers_back(token, lemma: str) -> bool:
    """Is the verb a retort with its particle ("Roos shot back that his rival ...")?"""
    return lemma in _BACK_VERBS and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in token.children)


def verb_cue(ctx: SentenceContext, token, lemma: str) -> Optional[Candidate]:
    """Reported speech (``X said (that) ...``) or, failing that, a nominal or stance verb cue."""
    lex = ctx.lexicon
    is_reporting = lemma in lex.reporting_verbs
    is_nominal = _is_nominal_verb(token, lemma, lex)
    xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None) if lemma in lex.xcomp_verbs else None
    naming = lemma in lex.naming_verbs
    if not (is_reporting or is_nominal or naming or xcomp is not None or lemma in lex.stance_verbs):
        return None
    opens = token.tag_ == "VBN" or token.tag_ == "VBD" and token.i == token.sent.start  # "Asked what ..." tagged VBD
    if opens and token.dep_ == "advcl" and own_subject(token) is None and token.i < token.head.i:
        return None  # "Asked whether she would resign, the minister said ...": she was asked; the question is not hers
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in token.children):
        return None  # "whether she would campaign for the levy": a question put to her, not her words
    subject, attached = _verb_speaker(token, lex)
    if subject is None or subject.dep_ == "nsubjpass" and subject.lower_ in ("it",):
        return None
    # "... it said" inside a clause is nobody; a sentence's own "It said it would cooperate" is the body spoken of before it
    if subject.lower_ in ("it",) and any(c.dep_ == "ccomp" for c in token.children) and subject.i != token.sent.start:
        return None
    if naming:
        found = naming_cue(ctx, token, subject)
        if found is not None:
            found.coordinated_with = attached
            return found
    if lemma in lex.source_verbs and lemma not in ("say", "state", "claim", "allege", "warn", "note", "confirm") and subject.lemma_.lower() not in lex.source_nouns:
        # "his efforts demonstrated that ...", "the video shows ..." are narration
        if subject.pos_ not in ("PROPN", "PRON") and subject.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
    if is_reporting or is_nominal:
        found = reported_speech(ctx, token, subject, is_reporting)
        if found is not None:
            return found
    if xcomp is not None:
        found = intention(ctx, token, xcomp, subject)
        if found is not None:
            return found
    if lemma in lex.stance_verbs or is_nominal:
        cand = nominal_cue(ctx, token, lemma, subject)
        if cand is not None:
            cand.coordinated_with = attached
        return cand
    return None


def naming_cue(ctx: SentenceContext, token, subject) -> Optional[Candidate]:
    """``X called the law "painful but unavoidable"``, ``described the vote as "largely
    orderly"``, ``called the plan reckless``: the object with what it is called is the
    statement, when that is quoted or an adjective ("called the police", "they call it
    Main Street" are not statements)."""
    sent = token.sent
    obj = next((c for c in token.rights if c.dep_ in ("dobj", "obj", "xcomp")), None)
    if obj is None:
        return _quoted_label(ctx, token, subject)
    complement = next((c for c in token.rights if c.dep_ in ("oprd", "acomp") and c.i > obj.i), None)
    if complement is None:
        # "described the vote as ...": an as-phrase on the verb or on its object
        complement = next((t for t in token.doc[obj.i + 1 : sent.end] if t.lower_ == "as" and t.head.i in (token.i, obj.i)), None)
    if complement is None:
        # "calls her “the only candidate ...”": the parser reads "her" as the quoted noun's possessor
        her = next((c for c in obj.children if c.dep_ == "poss" and c.lower_ == "her" and token.doc[c.i + 1].text in QUOTE_CHARS), None)
        if her is not None:
            obj, complement = her, obj
    if complement is None:
        return _quoted_label(ctx, token, subject)
    right = complement.right_edge
    while right.i + 1 < sent.end and token.doc[right.i + 1].text in QUOTE_CHARS and token.doc[right.i + 1].head.i in (token.i, complement.i):
        right = token.doc[right.i + 1]
    words = token.doc[obj.left_edge.i : right.i + 1]
    evaluative = complement.pos_ == "ADJ" or complement.lower_ == "as" and any(t.pos_ == "ADJ" for t in complement.subtree)
    if not any(t.text in QUOTE_CHARS for t in words) and not evaluative:
        return None
    span = token_range_span(ctx.text, obj.left_edge, right, ctx.offset)
    # "called the package “a message to anyone who thinks ...”": the label runs to its closing quote
    span = (span[0], _run_to_closing_quote(ctx.text, span[0], span[1], ctx.end + 1))
    if span[1] - span[0] < ctx.config.min_content_chars:
        return None
    cand = ctx.candidate(span[0], span[1], "indirect", token, subject)
    cand.cue_type = "speech"
    return cand


_CLOSING = {"'": "'", '"': '"', "’": "‘", "”": "“"}
_CLOSING_QUOTE_OF = {opening: closing for closing, opening in _CLOSING.items()}  # the other way round
# a short object (a possessive's apostrophe allowed inside a word) right before an opening quote
_LABEL_AFTER_VERB = re.compile(r"\s+((?:[^\s‘'“\"]+(?:['’][A-Za-z]+)?\s+){1,6}?)([‘'“\"])")


def _quoted_label(ctx: SentenceContext, token, subject) -> Optional[Candidate]:
    """``CEO calls CRTC ruling ‘punishment, not policy’``: the parser found no object or no
    complement, but a short object and a quoted label follow the verb: the object to the
    closing quote is the statement."""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if after is None or after.pos_ in ("ADP", "PART", "SCONJ", "PUNCT") or after.dep_ in ("prt", "prep"):
        return None  # "called on Moscow to ...", "called for": a request, not a label
    verb_end = ctx.offset + token.idx + len(token.text)
    match = _LABEL_AFTER_VERB.match(ctx.text, verb_end, ctx.end)
    if match is None:
        return None
    close = ctx.text.find(_CLOSING_QUOTE_OF[match.group(2)], match.end(), ctx.end + 1)
    if close < 0 or close - match.end() < 3:
        return None
    cand = ctx.candidate(match.start(1), close + 1, "indirect", token, subject)
    cand.cue_type = "speech"
    return cand


def reported_speech(ctx: SentenceContext, token, subject, is_reporting: bool) -> Optional[Candidate]:
    """The clause a reporting verb reports: its complement, or the sentence it interrupts or ends."""
    text, offset, config = ctx.text, ctx.offset, ctx.config
    ccomp = _reported_clause(token, ctx.lexicon.reporting_verbs)
    misparsed = ccomp is None and is_reporting
    if misparsed:
        ccomp = misparsed_that_clause(token)
    if ccomp is not None:
        start, end = subtree_span(text, ccomp, offset, stop_at=token)
        obj = next((c for c in token.children if c.dep_ == "dobj" and token.i < c.i < ccomp.left_edge.i), None)
        if obj is not None and own_subject(ccomp) is None and not misparsed:
            start = offset + obj.left_edge.idx  # "a poll found Labor ahead 51-49": the object is the clause's subject
        # "warned that teenagers shut out of regulated apps would drift to ...": the parser took
        # the participle for the clause's verb and hung the real one, subjectless, on the cue
        later = next((c for c in token.children if c.dep_ == "ccomp" and c.i > ccomp.i and own_subject(c) is None), None)
        if later is not None and not misparsed and all(t.dep_ != "cc" and t.text not in ",;" for t in token.doc[ccomp.right_edge.i + 1 : later.left_edge.i]):
            end = max(end, subtree_span(text, later, offset, stop_at=token)[1])
        # "said the minister was hiding behind the union and should direct ...": a modal
        # predicate the parser coordinated with the cue goes on with the reported clause
        modal = next((c for c in token.children if c.dep_ == "conj" and c.i > ccomp.i and own_subject(c) is None and any(a.dep_ == "aux" and a.tag_ == "MD" for a in c.children)), None)
        if modal is not None and not misparsed and not any(a.tag_ == "MD" for a in token.children):
            end = max(end, subtree_span(text, modal, offset, stop_at=token)[1])
        if misparsed and text[start : start + 5].lower() == "that ":
            start, end = strip_span(text, start + 5, end, TRIM)
        return ctx.candidate(start, end, "indirect", token, subject) if end - start >= config.min_content_chars else None
    if not is_reporting:
        return None
    sent = token.sent
    small = _small_clause_finding(ctx, token, subject) or _object_read_as_clause(ctx, token, subject)
    if small is not None:
        return small
    if token.dep_ == "parataxis" and token.head.i > token.i:
        # "The plan, Smith insisted, was never about money.": the cue interrupts the content
        start, end = strip_span(text, offset + sent.start_char, offset + sent.end_char, TRIM)
        if end - start >= config.min_sentence_content_chars:
            return ctx.candidate(start, end, "indirect", token, subject)
    trailing = token.doc[token.i + 1 : sent.end]
    clause_follows = any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in token.children) or any(t.pos_ in ("VERB", "AUX") for t in trailing)
    if token.dep_ in ("ROOT", "parataxis") and token.i > subject.i and not clause_follows:
        # "CLAUSE, X said." with the clause parsed as the verb's sibling
        left = min(subject.left_edge.i, token.i)
        if left > sent.start and token.doc[left - 1].text == ",":
            start, end = strip_span(text, offset + sent.start_char, offset + token.doc[left - 1].idx, TRIM + "\"“”")
            if end - start >= config.min_sentence_content_chars:
                return ctx.candidate(start, end, "indirect", token, subject)
    return None


def _small_clause_finding(ctx: SentenceContext, token, subject) -> Optional[Candidate]:
    """``A poll found Tallis 14 points ahead of Kerr``, ``the report put the cost at $3
    billion``: a document's finding given as an object and what is said of it, with no
    that-clause; the object to the sentence end is the statement."""
    if token.lemma_.lower() not in ("find", "show", "put") or subject.lemma_.lower() not in ctx.lexicon.source_nouns:
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or not any(c.i > obj.i and c.dep_ in ("advmod", "prep", "acomp", "oprd") for c in token.children):
        return None
    start, end = strip_span(ctx.text, ctx.offset + obj.left_edge.idx, ctx.offset + token.sent.end_char, TRIM)
    return ctx.candidate(start, end, "indirect", token, subject) if end - start >= ctx.config.min_content_chars else None


def _object_read_as_clause(ctx: SentenceContext, token, subject) -> Optional[Candidate]:
    """``said the price valued Castlemere at 2.5 times its revenue``: the parser read the
    reported clause's subject as the verb's object and its verb as a participle on it; a
    verb of saying takes no such object, so the object to the sentence end is the statement."""
    if token.lemma_.lower() not in ("say", "argue", "claim", "insist", "warn", "add"):
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    verb = next((c for c in obj.children if c.dep_ == "acl" and c.i == obj.i + 1 and c.tag_ in ("VBD", "VBN")), None) if obj is not None else None
    if verb is None or not any(c.dep_ in ("dobj", "prep", "ccomp") for c in verb.children):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in token.doc[obj.left_edge.i : obj.i]):
        return None  # "said the bill would "breach contracts signed ..."": a clause the parser tore apart
    start, end = token_range_span(ctx.text, obj.left_edge, obj.right_edge, ctx.offset)
    end = _closing_quote(ctx.text, start, end, ctx.end + 1)
    return ctx.candidate(start, end, "indirect", token, subject) if end - start >= ctx.config.min_content_chars else None


def _reported_clause(token, reporting_verbs: frozenset = frozenset()):
    """The clause a reporting verb reports: its ccomp after it, else one before it that is
    not a report of its own (``Supporters said A; opponents said B``: B is the second
    verb's, A the first's) nor the aside that holds its subject (``X, asked about Y, said``)."""
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    after = next((c for c in clauses if c.i > token.i), None)
    if after is not None:
        return after
    if any(c.dep_ == "dobj" and c.lower_ in ("it", "this", "that", "them") for c in token.children):
        return None  # "The agency asked us a question, we answered it, ...": the pronoun is what was answered
    subject = subject_of(token)
    # "Smith said the plan would fail; the board disagreed": Smith's report, not the board's
    clauses = [c for c in clauses if not (c.lemma_.lower() in reporting_verbs and any(g.dep_ == "ccomp" and g.i > c.i for g in c.children))]
    return next((c for c in clauses if own_subject(c) is None or subject is None or own_subject(c).i != subject.i), None)


def intention(ctx: SentenceContext, token, xcomp, subject) -> Optional[Candidate]:
    """Wishes, plans, expectations and refusals: ``X wanted to ...``, ``X plans to ...``,
    ``X is expected to ...``, ``X declined to comment on ...``: the to-infinitive is the statement."""
    if subject.pos_ == "NOUN" and subject.lemma_.lower() in ctx.lexicon.event_nouns:
        return None  # "The trial is expected to last ten weeks", "the bill is expected to pass": no one's wish
    left = xcomp.left_edge
    if left.lower_ == "to" and left.i < xcomp.i:
        left = left.doc[left.i + 1]  # the content starts after "to"
    if left.i <= token.i:
        return None
    start, end = token_range_span(ctx.text, left, xcomp.right_edge, ctx.offset)
    if end - start < ctx.config.min_content_chars:
        return None
    return ctx.candidate(start, end, "indirect", token, subject)


def noun_cue(ctx: SentenceContext, token) -> Optional[Candidate]:
    """``allegations that ...``, ``his claim that ...``, ``criticism of ...``, ``fears about ...``:
    a cue noun whose speaker is its possessor, the agent after ``by`` / ``from``, or the
    subject of the verb it is the object of (``voiced fears about``, ``issued a warning that``)."""
    words = ctx.lexicon.cue_nouns.get(token.lemma_.lower())
    if not words or token.pos_ != "NOUN":
        return None
    content = None
    for child in token.children:
        mark = next((m for m in child.children if m.dep_ == "mark"), None)
        if child.dep_ in ("acl", "ccomp", "relcl") and mark is not None and mark.lower_ in words and mark.i == child.left_edge.i:
            content = (child.doc[mark.i + 1], child.right_edge)
        elif child.dep_ == "prep" and child.lower_ in words:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                content = (obj.left_edge, obj.right_edge)
        if content is not None:
            break
    speaker = _noun_cue_speaker(token)
    if content is None or speaker is None or content[0].i <= token.i:
        return None
    start, end = token_range_span(ctx.text, content[0], content[1], ctx.offset)
    if end - start < ctx.config.min_content_chars:
        return None
    return ctx.candidate(start, end, "nominal", token, speaker)


def _noun_cue_speaker(noun):
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            if agent is not None:
                return agent
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ in ("VERB", "AUX"):
        return subject_of(noun.head)
    return None


def nominal_cue(ctx: SentenceContext, token, lemma: str, subject) -> Optional[Candidate]:
    """``X called for Y``, ``X urged Y to ...``, ``X expressed support for Y``: the object or
    prepositional phrase of a cue verb is the statement."""
    span = _nominal_span(ctx, token, lemma)
    if span is None or span[1] - span[0] < ctx.config.min_content_chars:
        return None
    return ctx.candidate(span[0], span[1], "nominal", token, subject)


def _nominal_span(ctx: SentenceContext, token, lemma: str) -> Optional[tuple[int, int]]:
    text, offset = ctx.text, ctx.offset
    preps = ctx.lexicon.nominal_preps.get(lemma, frozenset())
    dobj = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
    # "called on Moscow to let the aid through": the infinitive, parsed as a complement or an adverbial clause
    xcomp = next((c for c in token.children if c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    prep = next((c for c in token.children if c.dep_ in ("prep", "prt") and c.lower_ in preps), None)
    marked = None
    if prep is None and preps:
        marked = next((c for c in token.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children)), None)
    if marked is not None:
        mark = next(m for m in marked.children if m.dep_ == "mark")
        return token_range_span(text, token.doc[mark.i + 1], marked.right_edge, offset)
    if prep is not None:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        first = obj if obj is not None else prep
        last = xcomp if xcomp is not None and xcomp.i > first.i else first
        return token_range_span(text, first.left_edge, last.right_edge, offset)
    if dobj is None and xcomp is not None and xcomp.tag_ == "VBG" and xcomp.i == token.i + 1 and any(c.dep_ in ("dobj", "obj") for c in xcomp.children):
        dobj, xcomp = xcomp, None  # "accused neighbouring Marrowa of ...", "urged banning the drug": a participle as the object
    if dobj is None or lemma not in ctx.lexicon.object_cues:
        return None
    if lemma in ctx.lexicon.command_verbs and xcomp is None:
        return None  # "ordered the agency to commission a study"; not "ordered the poll"
    # the object with the verb's own complements after it: "expressed his sympathy to
    # Tokayev for the unrest", "urged people over 65 ... to get vaccinated", "calling their
    # behavior "unacceptable""; a participial or subordinate clause after a comma is a statement of its own
    last = dobj
    for child in token.rights:
        if child.i <= dobj.i:
            continue
        if child.dep_ in ("dobj", "obj", "prep", "dative", "xcomp", "oprd", "ccomp", "acomp", "npadvmod", "conj"):
            last = child
        elif child.dep_ in ("advcl", "parataxis", "cc") or child.dep_ == "punct" and child.text not in (",",) + tuple(QUOTE_CHARS):
            break
    right = last.right_edge
    # "urged Karsk to step back and offered to host talks": a finite verb the parser joined to
    # the infinitive is the speaker's next act, a statement of its own
    finite = next((c for c in last.children if c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ") and last.tag_ == "VB"), None) if last.dep_ == "xcomp" else None
    if finite is not None:
        cc = next((c for c in last.children if c.dep_ == "cc" and c.i < finite.i), None)
        right = token.doc[(cc.i if cc is not None else finite.i) - 1]
    # a closing quote mark hanging on the verb belongs with the quoted object
    while right.i + 1 < token.sent.end and token.doc[right.i + 1].text in QUOTE_CHARS + ".!?" and token.doc[right.i + 1].head.i == token.i:
        right = token.doc[right.i + 1]
    return token_range_span(text, dobj.left_edge, right, offset)


def adjective_cue(ctx: SentenceContext, token, lemma: str) -> Optional[Candidate]:
    """``X is (firmly) opposed to Y``."""
    preps = ctx.lexicon.stance_adjectives[lemma]
    prep = next((c for c in token.children if c.dep_ == "prep" and (not preps or c.lower_ in preps)), None)
    if prep is None:
        return None
    subject = subject_of(token.head) if token.dep_ == "acomp" else None
    if subject is None:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    phrase = obj if obj is not None else prep
    start, end = token_range_span(ctx.text, phrase.left_edge, phrase.right_edge, ctx.offset)
    if end - start < ctx.config.min_content_chars:
        return None
    return ctx.candidate(start, end, "nominal", token, subject)


def participial(ctx: SentenceContext, token) -> Optional[Candidate]:
    """``..., saying ...`` / ``adding that ...`` / ``quoted X as saying ...``."""
    head = token.head
    cue, kind = token, "participial"
    # "quoted witnesses as saying ...": the speaker is the one who quotes
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_.lower() == "quote":
        cue, kind = head.head, "indirect"
    if _names_a_document_inside_a_report(ctx, token):
        return None
    subject = speaker_subject(token, ctx.lexicon)
    if subject is None:
        return None
    span = _participial_span(ctx, token)
    if span is None or span[1] - span[0] < ctx.config.min_content_chars:
        return None
    return ctx.candidate(span[0], span[1], kind, cue, subject)


def _names_a_document_inside_a_report(ctx: SentenceContext, token) -> bool:
    """``told the court the ministry had "simply not read" a hydrology report warning that the
    pit ...``: a participle after a noun inside what someone reports is part of what they
    report, not a statement of its own (unlike ``issued a statement saying ...``)."""
    if token.dep_ != "acl" or token.head.pos_ != "NOUN":
        return False
    clause = token.head
    for _ in range(6):
        if clause.dep_ == "ccomp":
            return clause.head.lemma_.lower() in ctx.lexicon.reporting_verbs
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _participial_span(ctx: SentenceContext, token) -> Optional[tuple[int, int]]:
    ccomp = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if ccomp is not None:
        return subtree_span(ctx.text, ccomp, ctx.offset, stop_at=token)
    lemma = token.lemma_.lower()
    if lemma in ctx.lexicon.nominal_cues:
        span = _nominal_span(ctx, token, lemma)
        if span is not None and span[1] - span[0] >= ctx.config.min_content_chars:
            return span
    right = token.right_edge
    if right.i == token.i:
        return None
    if lemma in _TELL_VERBS:
        # "telling a radio station that the chair ...": what was told, not whom (the parser
        # may hang the that-clause on the listener)
        that = next((t for t in token.doc[token.i + 1 : right.i + 1] if t.lower_ == "that" and t.i > token.i + 1), None)
        if that is not None and that.i < right.i:
            return token_range_span(ctx.text, token.doc[that.i + 1], right, ctx.offset)
    # "calling their behavior "unacceptable."": run on to the sentence end when no clause follows
    if not any(t.pos_ in ("VERB", "AUX") for t in token.doc[right.i + 1 : token.sent.end]):
        right = token.sent[-1]
    return token_range_span(ctx.text, token.doc[token.i + 1], right, ctx.offset)


_TELL_VERBS = {"tell"}  # a listener, then what they were told


def speaker_subject(token, lexicon: Lexicon):
    """The speaker of a participial or conjoined cue: the subject of the outermost reporting
    ancestor (``X said the town would ..., adding ...`` -> X), else the nearest subject up the tree."""
    found = None
    ancestor = token
    for _ in range(8):
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
        if ancestor.lemma_.lower() in lexicon.speech_cues and ancestor.pos_ in ("VERB", "AUX"):
            subject = own_subject(ancestor)
            if subject is not None:
                found = subject  # keep climbing: the outermost reporter is the speaker
    if found is None and _after_relative_clause(token):
        # "struck down a rule that would have barred ..., ruling that ...": the parser hung the
        # participle on the relative clause; it reports what the main clause's subject did
        return subject_of(token.head.head.head)
    return found if found is not None else subject_of(token)


def _after_relative_clause(token) -> bool:
    """Is ``token`` a participle after a comma that the parser hung on a thing's relative
    clause (``a rule that would have barred ..., ruling``)?"""
    relcl = token.head
    if token.dep_ != "advcl" or relcl.dep_ != "relcl" or token.i == 0 or token.doc[token.i - 1].text != ",":
        return False
    subject = own_subject(relcl)
    return subject is not None and subject.lower_ in ("that", "which") and relcl.head.head.pos_ in ("VERB", "AUX")


def according_to(ctx: SentenceContext, token) -> Optional[Candidate]:
    """``According to X, ...`` / ``..., according to X.`` / ``X, according to Y, did Z``."""
    sent, text, offset = ctx.sent, ctx.text, ctx.offset
    to = token.nbor(1)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        # the parser sometimes hangs the object on "According"
        pobj = next((c for c in token.subtree if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_start = token.i
    phrase_end = max(pobj.right_edge.i, to.i) + 1
    if phrase_start == sent.start or (phrase_start == sent.start + 1 and sent[0].is_punct):
        start = offset + token.doc[phrase_end].idx if phrase_end < sent.end else ctx.end
        name_end = offset + pobj.right_edge.idx + len(pobj.right_edge.text)
        start = max(start, name_end + punctuated_name_length(text, name_end))  # "According to Which?, ..."
        start, end = strip_span(text, start, ctx.end, TRIM)
    elif phrase_end < sent.end - 1:
        # "X, according to Y, did Z": take the whole sentence
        start, end = strip_span(text, ctx.start, ctx.end, TRIM)
    else:
        if any(t.i < token.i and t.lemma_.lower() in ctx.lexicon.reporting_verbs and any(c.dep_ == "nsubj" for c in t.children) for t in sent):
            return None  # "'...,' Castille said, according to a transcript": the source of the report, not its speaker
        start, end = strip_span(text, ctx.start, offset + token.idx, TRIM)
    if end - start < ctx.config.min_according_to_chars:
        return None
    cand = ctx.candidate(start, end, "according_to", token, pobj)
    cand.cue_end = offset + to.idx + len(to.text)
    return cand


# ---------------------------------------------------------------------------- colon lines
_COLON_LINE = re.compile(
    r"(?P<who>[A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|of|the|de|del|la|van|von|der|den|al|bin|ibn))*)"
    r"(?:,[ \t]*(?P<where>[^:\n\"“”,]{1,60}))?[ \t]*:[ \t]+(?P<what>\S)"
)
_NOT_SPEAKERS = frozenset({"update", "updated", "note", "editor", "photo", "caption", "watch", "read", "related", "source", "sources",
                           "correction", "disclosure", "q", "a", "by", "date", "listen", "video", "see", "also", "more", "breaking", "exclusive"})


def colon_attribution(ctx: SentenceContext, paragraph_end: int) -> Optional[Candidate]:
    """Round-ups and transcripts: ``Dana Ortiz, Twitter: "..."``, ``Sam Okafor, The Daily
    Ledger: "..."``, ``MENDEZ: As mayor, "I fought ..."`` at the start of a paragraph; the
    rest of the paragraph is the statement."""
    text = ctx.text
    match = _COLON_LINE.match(text, ctx.start, paragraph_end)
    if match is None or len(match.group("who").split()) > 6 or match.group("who").split()[0].lower().strip(".") in _NOT_SPEAKERS:
        return None
    who_start, who_end = match.span("who")
    tokens = [t for t in ctx.sent if who_start <= ctx.offset + t.idx < who_end]
    colon = next((t for t in ctx.sent if ctx.offset + t.idx >= who_end and t.text == ":"), None)
    if not tokens or colon is None or not _names_someone(tokens, match.group("who")):
        return None
    start, end = strip_span(text, match.start("what"), paragraph_end, " \t\r\n")
    start, end = balance_quotes(text, *_unquote(text, start, end))
    if len(text[start:end].split()) < 2:
        return None
    kind = "mixed" if text[start] not in QUOTE_CHARS and has_partial_quote(text, start, end) else "direct"
    cand = ctx.candidate(start, end, kind, colon, tokens[-1])
    cand.speaker_span = (who_start, who_end)
    cand.sentence = (ctx.start, max(ctx.end, end))
    where = (match.group("where") or "").lower().split()
    if set(where) & ctx.lexicon.platforms:
        cand.cue_type = "writing"
    return cand


def _names_someone(tokens, who: str) -> bool:
    """A named person or organisation, a titled name, or a transcript's capitalised name."""
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in tokens):
        return True
    letters = [c for c in who if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) or any(t.lower_ in name_lexicon()["titles"] for t in tokens[:-1])


def _unquote(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the quote marks around a wholly quoted span."""
    if end - start >= 2 and text[start] in QUOTE_CHARS and text[end - 1] in QUOTE_CHARS:
        return strip_span(text, start + 1, end - 1, " \t\r\n")
    return start, end


# ---------------------------------------------------------------------------- headline
def headline(ctx: SentenceContext, n_sentences: int) -> tuple[Optional[int], Optional[Candidate]]:
    """A headline at the start of the first paragraph: (its absolute end, a candidate if
    it reports a stance), or (None, None) when the paragraph does not start with one."""
    first = ctx.sent
    end_token = _caption_start(first)
    if end_token is not None:
        h_end = ctx.offset + end_token.idx
    elif first.text.rstrip()[-1:] not in ".!?\"”" or n_sentences == 1 and len(first) <= ctx.config.max_headline_tokens:
        h_end = ctx.end
    else:
        return None, None
    h_start, h_end = strip_span(ctx.text, ctx.start, h_end, TRIM)
    if h_end - h_start < ctx.config.min_headline_chars:
        return None, None
    quoted = _QUOTE_THEN_COLON.match(ctx.text, h_start, h_end)
    after_colon = quoted.end() if quoted is not None else h_start  # "'We were never asked': fishers vow to fight ..."
    head_tokens = [t for t in first if after_colon <= ctx.offset + t.idx < h_end]
    stance_verbs = ctx.lexicon.any_verb_cues | ctx.lexicon.naming_verbs
    cues = [t for t in head_tokens if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in stance_verbs or _a_hearing_hears(ctx, t)) and subject_of(t) is not None]
    if not cues:
        return h_end, None
    # "dockworkers extend strike as union calls automation plan "a betrayal"": the cue of the quote
    first_quote = next((t.i for t in head_tokens if t.text in QUOTE_CHARS and t.i > cues[0].i), None)
    cue = [t for t in cues if t.i < first_quote][-1] if first_quote is not None else cues[0]
    subject = _hearing_subject(ctx, cue) if cue.lemma_.lower() == "hear" else subject_of(cue)
    if ctx.offset + subject.idx >= h_end:
        return h_end, None
    c_start, c_end = _headline_content(ctx, cue, subject, after_colon, h_end)
    cand = ctx.candidate(c_start, c_end, "headline", cue, subject)
    cand.sentence = (h_start, h_end)
    return h_end, cand


def _a_hearing_hears(ctx: SentenceContext, token) -> bool:
    """``..., tribunal hears``: a court hearing a case is told it (``Lexicon.hearings``)."""
    return token.lemma_.lower() == "hear" and _hearing_subject(ctx, token) is not None


def _hearing_subject(ctx: SentenceContext, token):
    """The subject of ``hears`` that is a hearing (the parser may give it a second one:
    "Ferry firm sacked captain ..., tribunal hears")."""
    return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ctx.lexicon.hearings), None)


_QUOTED = r"[‘'\"“](?P<quote>(?:[^‘’'\"“”]|(?<=\w)[’'](?=\w))+?)[’'\"”]"  # "can’t" inside it
_QUOTE_THEN_COLON = re.compile(r"\s*" + _QUOTED + r"\s*:\s+")
_NAME_THEN_QUOTE = re.compile(r"\s*(?P<who>[^:‘’'\"“”]{3,60}):\s*" + _QUOTED + r"\s*$")
_NAME_POS = ("PROPN", "NOUN", "DET", "ADJ", "PUNCT", "PART", "NUM")


def quoted_headline(ctx: SentenceContext, h_end: int) -> Optional[Candidate]:
    """A headline that quotes its speaker with a colon, no cue: ``'We were never asked':
    fishers vow ...``, ``'I am not in a hurry': Marta Ibarrola's slow march ...`` (the
    subject or possessor after the colon speaks, when there is one) and ``Denise Okafor:
    'This city can't afford ...'`` (the name before it)."""
    h_start, h_end = strip_span(ctx.text, ctx.start, h_end, TRIM)
    tokens = [t for t in ctx.sent if h_start <= ctx.offset + t.idx < h_end]
    found = _QUOTE_THEN_COLON.match(ctx.text, h_start, h_end)
    if found is not None:
        after = [t for t in tokens if ctx.offset + t.idx >= found.end()]
        # the possessor ("Marta Ibarrola's slow march") or the subject ("fishers vow") opening the first
        # clause, not a later possessor ("Ysolde Thistlewaite takes on Tarranford's mayor"); else a
        # name opening a clause the parser did not find ("Nadia Ferrand and the dividend that divides Estavia")
        # ("Lindale's mayor makes her case": the mayor, not the city whose mayor she is)
        opening = [t for t in after if t.dep_ == "poss" and t.pos_ == "PROPN" and t.head.lower_ not in name_lexicon()["titles"]] + [
            t for t in after if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN")
        ]
        subject = next((t for t in opening if t.left_edge.i == after[0].i), None) if after else None
        name = list(itertools.takewhile(lambda t: t.pos_ == "PROPN", after))
        if subject is None and len(name) >= 2:
            subject = name[-1]
    else:
        found = _NAME_THEN_QUOTE.match(ctx.text, h_start, h_end)
        if found is None:
            return None
        before = [t for t in tokens if ctx.offset + t.idx < found.end("who")]
        if not before or any(t.pos_ not in _NAME_POS for t in before):
            return None  # "Conservatives sweep to power as Mah concedes: '...'": a cue, handled by ``headline``
        subject = next((t for t in reversed(before) if t.pos_ in ("PROPN", "NOUN")), None)
    start, end = strip_span(ctx.text, found.start("quote"), found.end("quote"), TRIM)
    if end - start < ctx.config.min_content_chars:
        return None
    cand = Candidate(start, end, "headline", None, None, None, subject=subject, cue_type="speech")
    cand.sentence = (h_start, h_end)
    if subject is not None and subject.dep_ == "poss":
        cand.speaker_span = (ctx.offset + subject.left_edge.idx, ctx.offset + subject.idx + len(subject.text))  # not the "'s"
    return cand


def _headline_content(ctx: SentenceContext, cue, subject, h_start: int, h_end: int) -> tuple[int, int]:
    """What a headline reports: the words after its cue (``Governor says`` *water bill will
    pass*; ``Morvania accuses`` *Kestria of 'stealing a river'*), up to a trailing ``as ...``
    clause, or the words before a speaker set off by a comma or a quote (*Border bill will
    'restore order'*``, minister says``); the whole headline when that leaves too little."""
    doc = cue.doc
    # "Varga 'betrayed ...', lawyer tells CAS": the subject nearest the cue, set off from what it reports
    subject = max((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i), key=lambda c: c.i, default=subject)
    if subject.i < cue.i and subject.left_edge.i > 0 and (doc[subject.left_edge.i - 1].text in ",'’\"”"):
        start, end = h_start, ctx.offset + subject.left_edge.idx
    elif subject.i > cue.i > 1 and (doc[cue.i - 1].text in "'’\"”" or doc[cue.i - 1].text == "," and doc[cue.i - 2].text in "'’\"”"):
        start, end = h_start, ctx.offset + cue.idx  # "'We will fight on,' says union leader": what comes before the cue
    elif cue.i + 1 < len(doc):
        after = doc[cue.i + 1]
        if (after.lower_ in ("that", "to") or after.lower_ == "for" and cue.lemma_.lower() == "call") and after.i + 1 < len(doc):
            after = doc[after.i + 1]
        start, end = ctx.offset + after.idx, h_end
        objects = {cue.i} | {c.i for c in cue.children if c.dep_ in ("dobj", "obj")}
        for token in doc[after.i + 1 :]:
            at = ctx.offset + token.idx
            if at >= end:
                break
            # "... as dam talks collapse", "... amid protests"; not "described the vote as orderly"
            clause = token.lower_ == "as" and (doc[token.i - 1].text in "'’\"”" or any(t.pos_ in ("VERB", "AUX") for t in doc[token.i + 1 :]))
            if token.lower_ in ("as", "while", "amid") and token.dep_ in ("mark", "prep") and (clause or token.head.i not in objects) or token.text == ";":
                end = at
                break
    else:
        return h_start, h_end  # the cue ends the paragraph: nothing after it
    start, end = strip_span(ctx.text, start, min(end, h_end), TRIM)
    end = _closing_quote(ctx.text, start, end, h_end)
    quotes = QUOTE_CHARS + "'‘’"
    if end - start > 2 and ctx.text[start] in quotes and ctx.text[end - 1] in quotes and ctx.text[start + 1].isupper():
        start, end = strip_span(ctx.text, start + 1, end - 1, TRIM)  # a whole quoted sentence: "Mah concedes: 'The people have spoken'"
    return (start, end) if end - start >= ctx.config.min_content_chars else (h_start, h_end)




def _closing_quote(text: str, start: int, end: int, limit: int) -> int:
    """Take in the quote mark (and the comma before it) that closes one the span opens:
    ``Flat tax would 'bankrupt our schools,'``."""
    found = re.match(r"[,.!?]?(['’\"”])", text[end:limit])
    if found is None:
        return end
    close = found.group(1)
    segment = re.sub(r"(?<=\w)['’](?=\w)", "", text[start:end])  # not the apostrophe of "chancellor’s"
    opener = _CLOSING[close]
    unbalanced = segment.count(close) % 2 == 1 if opener == close else segment.count(opener) > segment.count(close)
    return end + found.end() if unbalanced else end


def _run_to_closing_quote(text: str, start: int, end: int, limit: int) -> int:
    """A span that opens a quote the parser cut short (``support was "a lot softer than the
    mayor`` + ``thinks."``) runs on to the quote's closing mark before ``limit``."""
    segment = text[start:end]
    straight_open = segment.count('"') % 2 == 1
    if not straight_open and segment.count("“") <= segment.count("”"):
        return end
    close = text.find('"' if straight_open else "”", end, limit)
    return close + 1 if close >= 0 else end


def _caption_start(first):
    """A headline run together with a caption: ``...Central Asian country People line up...``."""
    for token in first[1:]:
        prev = token.nbor(-1)
        if (
            token.i - first.start >= 3
            and token.text[:1].isupper()
            and not token.text.isupper()  # "... penalty as CEO calls ...": an acronym, not a caption's first word
            and token.tag_ not in ("NNP", "NNPS")
            and not token.ent_type_
            and token.text.lower() not in ("i",)
            and prev.text[:1].islower()
            and prev.is_alpha
        ):
            return token
    return None


# ---------------------------------------------------------------------------- cue types
def cue_type_of(cand: Candidate, lexicon: Lexicon) -> Optional[str]:
    """What the cue reports: speech, writing, question, belief, intention, denial or
    evidence (``Lexicon.cue_types``; a document or poll as the source is evidence;
    ``said in a statement`` / ``posted on Facebook`` is writing); None without a cue."""
    if cand.cue_type is not None or cand.cue_token is None:
        return cand.cue_type
    cue = cand.cue_token
    if cand.subject is not None and cand.subject.lemma_.lower() in lexicon.source_nouns:
        return "evidence"
    lemma = cue.lemma_.lower()
    if lemma == "expect" and any(c.dep_ == "auxpass" for c in cue.children):
        return "intention"  # "the governor is expected to sign"
    found = lexicon.type_of_cue.get(lemma)
    if found is not None:
        return found
    if any(_written_medium(child, lexicon) for child in cue.children):
        return "writing"
    return "speech"


def _written_medium(child, lexicon: Lexicon) -> bool:
    """``in a statement``, ``in an email``, ``on Facebook``, ``via X``."""
    if child.dep_ != "prep" or child.lower_ not in ("in", "on", "via", "through"):
        return False
    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.lemma_.lower() in lexicon.written_nouns or obj.lower_ in lexicon.platforms)


# ---------------------------------------------------------------------------- settling
def settle(candidates: list[Candidate], text: str, config: ExtractorConfig) -> list[Candidate]:
    """Cut a statement at a participial or coordinated cue inside it; drop a candidate
    whose cue sits inside another of at least half its length and no lower priority."""
    if len(candidates) < 2:
        return candidates
    for outer in candidates:
        for inner in candidates:
            if inner is not outer and inner.cue_start is not None and _cuts(outer, inner):
                clause_start = doc_offset(inner.cue_token) + inner.cue_token.left_edge.idx
                cut = min(inner.cue_start, clause_start)
                outer.start, outer.end = strip_span(text, outer.start, max(outer.start, cut), TRIM)
                outer.start, outer.end = strip_trailing_words(text, outer.start, outer.end)
                outer.start, outer.end = balance_quotes(text, outer.start, outer.end)
    kept = []
    for cand in candidates:
        if cand.end - cand.start < config.min_content_chars:
            continue
        nested = any(
            other is not cand
            and other.start <= cand.cue_start < other.end
            and (other.end - other.start) >= (cand.end - cand.start) * 0.5
            and not (cand.start <= other.cue_start < cand.end and config.priority(cand.kind) >= config.priority(other.kind))
            for other in candidates
        )
        if not nested:
            kept.append(cand)
    return kept


def _cuts(outer: Candidate, inner: Candidate) -> bool:
    """Does ``inner``'s cue end ``outer``'s content (``X said A, adding B``; ``X said A and called for B``)?"""
    same_speaker = outer.cue_token is not None and inner.coordinated_with == outer.cue_token.i and inner.cue_token.i > outer.cue_token.i
    if inner.kind != "participial" and not same_speaker:
        return False
    inside = outer.start <= inner.start and inner.end <= outer.end and outer.kind == "direct"
    return outer.start < inner.cue_start < outer.end and not inside
