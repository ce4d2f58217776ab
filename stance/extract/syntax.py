"""Small dependency-tree helpers shared by the candidate finders and speaker mentions."""

from __future__ import annotations

from bisect import bisect_left

SUBJECT_DEPS = ("nsubj", "nsubjpass")


def is_subject(token) -> bool:
    """A subject, or a surname the parser took for an adverb of the verb after it
    (``Keneally said``, ``Keneally told reporters``: names ending in -ly)."""
    return token.dep_ in SUBJECT_DEPS or _misparsed_subject(token)


def _misparsed_subject(token) -> bool:
    head = token.head
    return (
        token.dep_ in ("advmod", "npadvmod") and token.pos_ == "PROPN" and token.text[:1].isupper()
        and head.pos_ in ("VERB", "AUX") and token.i < head.i and not any(c.dep_ in SUBJECT_DEPS for c in head.children)
    )


def own_subject(token):
    """The token's own subject child, or None (no walking up; see ``subject_of``). A
    dateline the parser took for a second subject (``CASTLEFORD – The head ... has denied``)
    gives way to the real one."""
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        # nor does the first half of a participle the parser split at its hyphen
        # ("Cross-examining her, the company's barrister accused ...")
        subjects = [s for s in subjects if not _is_dateline_token(s) and not _first_half_of_hyphenated(s)] or subjects
    if not subjects:
        subjects = [c for c in token.children if _misparsed_subject(c)]
    return _after_fronted_place(subjects[0]) if subjects else None


_PLACE_OPENERS = ("outside", "inside")


def _after_fronted_place(subject):
    """``Outside court, the company's chief executive, Dominic Farrant, said``: the parser
    made "court" the subject and the speaker its conjunct; the speaker is the conjunct."""
    doc = subject.doc
    opener = doc[subject.left_edge.i]
    if opener.lower_ not in _PLACE_OPENERS or opener.i == subject.i or subject.i + 1 >= len(doc) or doc[subject.i + 1].text != ",":
        return subject
    return next((c for c in subject.children if c.dep_ in ("conj", "appos") and c.i > subject.i), subject)


def _first_half_of_hyphenated(token) -> bool:
    doc = token.doc
    return not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].tag_ == "VBG"


def _is_dateline_token(token) -> bool:
    """``CASTLEFORD –``, ``CHARLESTON, W.Va. -``: an upper-case word with a dash in or right after its phrase."""
    if not token.text.isupper():
        return False
    after = token.right_edge.i + 1
    return any(c.is_punct and c.text in _DASHES for c in token.children) or (after < len(token.doc) and token.doc[after].text in _DASHES)


_DASHES = ("–", "—", "-", "--")


def subject_of(token):
    """The subject of a verb, walking up through conjunctions, participles and ``as`` phrases."""
    seen = 0
    current = token
    while current is not None and seen < 6:
        subject = own_subject(current)
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
    if current is not None and current.dep_ == "acl" and current.tag_ == "VBD" and current.head.dep_ == "ROOT" \
            and current.head.pos_ in ("NOUN", "PROPN") and current.head.i < current.i:
        # "Senator Rodrigo Vial, who sits on ..., called the plan ...": the parser made the
        # name the root and the finite verb a clause on it; the name is the subject
        return current.head
    if current is not None and _main_verb_hung_in_a_relative_clause(current):
        # "Aurelie Brandstaetter-Kuhn, who helped negotiate the pact, called on ...": the parser
        # made the name the root and hung "called" on the relative clause's object
        return current.sent.root
    if current is not None and current.dep_ == "amod" and current.tag_ == "VBD" and current.i >= 3 \
            and current.doc[current.i - 1].lower_ == "old" and current.doc[current.i - 3].lower_ in ("year", "years"):
        # '"...," the 52-year-old told reporters': the parser read "told" as an adjective of
        # "reporters"; the age noun phrase before it is the subject
        return current.doc[current.i - 1]
    if current is not None and current.dep_ == "ROOT" and current.i > current.sent.start:
        # "..., a Department of Health spokesperson said: ...": the parser hung the noun
        # right before the verb on an earlier phrase; it is the subject all the same
        before = current.doc[current.i - 1]
        if before.pos_ in ("NOUN", "PROPN") and before.dep_ in ("conj", "appos", "dobj", "pobj") and before.head.i < before.i:
            return before
        if before.text == "," and current.i >= 2:
            # "At a bus stop on Fond du Lac Avenue, Carmen Ruiz, a retired nurse, said ...": the
            # name the apposition before the comma describes, hung by the parser on the place
            apposed = next((t for t in current.doc[current.sent.start : current.i - 1] if t.dep_ == "appos" and t.right_edge.i == current.i - 2), None)
            if apposed is not None and apposed.head.pos_ == "PROPN" and apposed.head.dep_ in ("conj", "pobj", "appos"):
                return apposed.head
    return None


def _main_verb_hung_in_a_relative_clause(verb) -> bool:
    """Is ``verb`` the sentence's real main verb, read as a clause on a word inside a
    relative clause of the name the parser made the root (a sentence with no verb root)?"""
    root = verb.sent.root
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or root.pos_ != "PROPN" or not root.i < verb.i:
        return False
    if verb.i < 1 or verb.doc[verb.i - 1].text != ",":
        return False
    return any(a.dep_ == "relcl" and a.head.i == root.i for a in verb.ancestors)


def misparsed_that_clause(verb):
    """``said at the time that the ship was ...``: the parser hung the that-clause on a
    noun as a relative clause; a ``that`` + subject + verb after the cue is still its content."""
    searched = [t for child in verb.rights if child.dep_ in ("prep", "dobj", "npadvmod", "dative") for t in child.subtree]
    for token in searched:
        if token.lower_ != "that":
            continue
        if token.i > 0 and token.doc[token.i - 1].lower_ in ("so", "such", "now", "order"):
            continue  # "accused the trust of running down the unit so that it can be closed": a purpose, not a report
        clause = token.head
        if clause.i > token.i and clause.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS and c.i > token.i for c in clause.children):
            return clause
        return None
    return None


def doc_offset(token) -> int:
    """The article offset of the paragraph ``token``'s doc was parsed from."""
    return token.doc.user_data.get("stance_offset", 0)


def tokens_starting_in(doc, start: int, end: int) -> list:
    """The tokens of ``doc`` whose first character lies in [start, end) (doc offsets);
    the tokens' start offsets are found by bisection (kept on the doc once)."""
    starts = doc.user_data.get("stance_token_starts")
    if starts is None:
        starts = doc.user_data["stance_token_starts"] = [t.idx for t in doc]
    return [doc[i] for i in range(bisect_left(starts, start), bisect_left(starts, end))]
