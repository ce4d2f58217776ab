"""Target references: every phrase of an article that refers to a target, and how sure the link is.

Target linking shares its machinery with speaker resolution (``mentions``): one
``SpeakerResolver`` registry of who and what the article has mentioned (canonical names,
words, gender, roles learned from appositions), ``normalise_word`` and the organisation
types. It has two halves:

- the spaCy side, ``ReferenceCollector``: while the extractor parses an article it keeps
  the referring phrases of each paragraph (noun phrases with head, determiner,
  grammatical role, number and apposition; pronouns) as plain ``Reference`` records with
  article offsets. They do not depend on targets and travel on ``Extraction.references``;
- the linking side, ``TargetLinker``: given the targets, it finds their names, aliases,
  acronyms, demonyms and metonyms anywhere in the article (``targets.TargetForms``), then
  walks the article in order, keeping a salience score per entity (subjects and
  speakers weigh most, halving with each sentence), and links

  * pronouns by gender, number, salience and recency; inside a quote never to the
    speaker or the speaker's own organisation, and outside one a pronoun that means the
    speaker or the speaker's own side links nothing (``"... he said he would ..."``,
    ``Kremlin spokesman X said its ...``) unless it is reflexive;
  * titles (``the president``, ``the chair``) to the person whose name carried that
    title or whom an apposition described so (``Dana Ortiz, chair of ...``), and any
    definite role noun the article gave a person (``the Congolese referee, Jean-Pierre
    Mbala`` -> ``the referee``);
  * descriptions with the target's own head noun (``the bill`` -> Senate Bill 90,
    ``a robot`` -> warehouse robots), a kind-of-thing head with one of a thing target's
    own words (``rent bill`` -> Fair Rent Act, ``the corridor`` -> grain corridor deal)
    or, when definite, a head noun of its type (``the company``, ``the ministry``, ``the
    Central Asian nation``); a person's own side first (``the founder of Hopscotch``
    saying ``the company``: Hopscotch, as the gold annotates explicit self-side
    descriptions), but never a body's own when it speaks in its own name;
  * pairs (``both sides``, ``neither government``, ``two friends``): the two most
    prominent entities the noun can mean (names.json ``parties``), states first;
  * a copula's ``it`` (``it is a disgrace``) only to a thing, and the object of a verb of
    bills and deals (``veto it``; names.json ``thing_verbs``) to such a thing when one is near.

``statement_links`` then gives each statement its best link per target, and carries the
links of a quote's earlier parts into its later parts (``carried``) at a lower score.

Example:
    >>> linker = TargetLinker([Target("Kenya")])
    >>> [(m.text, m.kind) for m in linker.link(text, extraction)]  # doctest: +SKIP
    [('Kenyans', 'demonym')]
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

from ..lexicons import name_lexicon
from ..records import Statement
from ..targets import Target, TargetForms, article_seats, called_a_country, TargetMention, body_words, derived_demonyms, a_club_name, a_company_name, lexicon_words, looks_like_person, names_a_body_or_thing, reference_types, target_forms, writes_derived_demonym
from .mentions import singular_noun as _lemma
from .mentions import DETERMINERS, Entity, dateline_end, SpeakerResolver, _after_dateline, _org_types, country_word, double_barrelled, in_dateline, is_first_name, names_a_body, normalise_word

_RELATIVE_ROLE = re.compile(
    r"(?:,\s*\d{1,3})?,\s+who\s+(?:is|was|has been|had been|served as|became|remains)\s+(?:the\s+|a\s+|an\s+)?"
    r"((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*?)(?=\s+(?:from|since|until|in|of|for|at|when|between|under|and)\b|\s*[,.;])"
)  # ", 58, who was transport minister from 2017": a role the article gives in a relative clause
_ON_TRIAL = re.compile(
    r"(?:,[^.;\n]{0,120}?,)?\s+(?:has\s+|had\s+)?(?:denies|denied|pleaded|is charged|was charged|is accused|was accused|stands trial|stood trial|is on trial|went on trial)\b"
)  # the subject of a trial: "Viktor Halloran, 58, ..., denies four counts of bribery"
_SUED = re.compile(r"\b(?:sued|suing|sues|lawsuit against|suit against|prosecution of|trial of)\s+$")
_TRIED_SEPARATELY = re.compile(r"[^.;\n]{0,160}?\b(?:tried separately|separate trial)\b")  # not the defendant of this trial
_KIND_BEFORE_NAME = re.compile(r"\b([a-z][a-z-]{2,})\s+$")  # "fertiliser maker Agrivant": the noun before a name
_ROLE_APPOSED_BEFORE_NAME = re.compile(r"\b([a-z][a-z-]{2,}),\s+$")
# pronoun -> (gender or "n" for things, plural)
PRONOUNS = {
    "he": ("m", False), "him": ("m", False), "his": ("m", False), "himself": ("m", False),
    "she": ("f", False), "her": ("f", False), "hers": ("f", False), "herself": ("f", False),
    "it": ("n", False), "its": ("n", False), "itself": ("n", False),
    "they": (None, True), "them": (None, True), "their": (None, True), "theirs": (None, True), "themselves": (None, True),
}
REFLEXIVES = {"himself", "herself", "itself", "themselves"}
DEMONSTRATIVES = {"this", "that"}  # as a clause's subject ("This is a lifeline"): a thing or a deal, never a person
LOCATIVE_PREPOSITIONS = {"in", "at", "from", "to", "into", "near", "across", "outside", "inside", "within", "throughout", "around", "through"}
DEFINITE = {"the", "this", "that", "these", "those"}
POSSESSIVE_DETERMINERS = {"his", "her", "its", "their", "our", "my", "your"}
QUOTE_KINDS = {"direct", "continuation"}
UNTYPED_NAMES = {"company", "team"}  # organisation types whose names need not say so ("Norvik", "Harwick Albion")
# nouns that say only what kind of body something is: learned from one apposition, they
# do not make it the only "the company" of an article ("Kaito Cells, the Osaka-based company")
_KIND_NOUNS = {"company", "firm", "group", "business", "organisation", "organization", "union", "agency", "team", "club", "association"}
THING_TYPES = {"law", "deal", "project"}  # reference types of things (a bill, a merger, a dam), not organisations

# link scores by kind; an ambiguous pronoun, title or description scores AMBIGUOUS_FACTOR less
LINK_SCORES = {
    "name": 1.0, "alias": 0.95, "acronym": 0.95, "demonym": 0.9, "metonym": 0.85,
    "title": 0.8, "pronoun": 0.7, "demonstrative": 0.6, "description": 0.75, "type_description": 0.65, "indefinite_description": 0.6, "parties": 0.65, "carried": 0.5,
}
AMBIGUOUS_FACTOR = 0.7
CARRIED_FACTOR = 0.8
COUNSEL_WORDS = frozenset({"lawyer", "attorney", "counsel", "solicitor", "barrister", "advocate", "kc", "qc"})  # a person in court for a client
EXPLICIT_KINDS = ("name", "alias", "acronym", "demonym", "metonym")  # a carried link into a part that links targets of its own
AMBIGUOUS_RATIO = 0.7  # a runner-up with this share of the best salience makes a link ambiguous
SAME_SENTENCE_BONUS = 3.0  # a description's rank for a body named earlier in its own sentence
DECAY = 0.5  # salience halves with each sentence
MIN_SALIENCE = 0.03  # below this (about four sentences back) an entity is too far for a pronoun
# a mention's weight: 1 for being in the sentence at all, plus its role (after Lappin and Leass)
ROLE_WEIGHTS = {"subject": 1.8, "speaker": 1.8, "object": 1.5, "predicate": 1.5, "possessor": 1.4, "oblique": 1.3, "locative": 1.1}
PROMINENCE_DECAY = 0.9  # how often an entity was referred to, fading slowly: the article's topic
UNKNOWN_GENDER_FACTOR = 0.6  # a gendered pronoun's candidate whose gender is unknown
PROMINENCE_WEIGHT = 0.1
EXACT_TITLE = 10.0  # "the president" prefers a President to a leader (one synonym group in the lexicon)
THING_SUBJECT_FACTOR = 0.5  # a subject pronoun ("They handed us ...") means a thing less often than an agent  # its share in a pronoun's ranking (salience first)


@dataclass(frozen=True)
class Reference:
    """A referring phrase read off the parse: a noun phrase or a pronoun.

    ``start``/``end`` cover the phrase (its determiner included), ``head_start``/``head_end``
    its head word; ``words`` are its lower-case words without the determiner, an ``of``
    phrase after the head included (``the President of Kazakhstan``); ``apposition`` is the
    span of a phrase in apposition to it (``Dana Ortiz, chair of the party``).
    """

    start: int
    end: int
    head_start: int
    head_end: int
    head: str  # the head word's lemma, lower case (the pronoun itself for a pronoun)
    pos: str  # "PRON", "PROPN" or "NOUN"
    determiner: str  # "the", "this", "his", ... or ""
    role: str  # subject, object, possessor, oblique or locative
    plural: bool
    words: tuple[str, ...]
    sentence: int  # the sentence's index in the article
    apposition: Optional[tuple[int, int]] = None
    clause: int = -1  # the start of the verb whose clause it is in ("his caucus would vote for it": both "vote")
    acts_on: bool = False  # a subject whose verb has an object ("They handed us a press release")


@dataclass(frozen=True)
class ArticleReferences:
    """The referring phrases of one article, in text order, with its sentence starts
    and the genders speaker resolution learned (``(canonical, "m" | "f")``)."""

    references: tuple[Reference, ...] = ()
    sentence_starts: tuple[int, ...] = ()
    genders: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------------- spaCy side
class ReferenceCollector:
    """Keeps the referring phrases of each parsed paragraph (state: one article).

    Example:
        >>> collector = ReferenceCollector()
        >>> collector.observe(nlp(text), offset=0)  # doctest: +SKIP
        >>> collector.result(resolver).references[0].head  # doctest: +SKIP
        'kenyan'
    """

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self.sentence_starts: list[int] = []

    def observe(self, doc, offset: int) -> None:
        """Read one parsed paragraph whose text starts at ``offset`` in the article."""
        sentence_of = [0] * len(doc)  # token index -> the sentence's index in the article
        for sent in doc.sents:
            sentence_of[sent.start : sent.end] = [len(self.sentence_starts)] * (sent.end - sent.start)
            self.sentence_starts.append(offset + sent.start_char)
        found: list[Reference] = []
        parsed = doc.has_annotation("DEP")  # a pipeline without a parser has no noun phrases
        dateline = dateline_end(doc.text, 0) or 0  # "HALLBROOK - A water company ...": the phrase starts after it
        for chunk in doc.noun_chunks if parsed else ():
            root = chunk.root
            if root.pos_ == "PRON":
                continue
            lead = 0
            while lead < len(chunk) - 1 and (chunk[lead].lower_ in _FOCUS_ADVERBS or chunk[lead].idx < dateline):
                lead += 1  # "not the company", "only the union": the phrase starts after the adverb
            first = chunk[lead]
            determiner = first.lower_ if first.dep_ in ("det", "poss") and first.pos_ in ("DET", "PRON") else ""
            words = [t.lower_ for t in chunk[lead:] if not t.is_punct and not (determiner and t.i == first.i)]
            for child in root.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    words += [t.lower_ for t in child.subtree if not t.is_punct and t.dep_ != "det"]
            apposition = next(
                ((offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge.text)) for c in root.children if c.dep_ == "appos"),
                None,
            )
            head, pos, plural = root.lemma_.lower(), "PROPN" if root.pos_ == "PROPN" else "NOUN", root.tag_ in ("NNS", "NNPS")
            if _capitalised_plural_noun(root, chunk):
                head, pos, plural = root.lower_[:-1], "NOUN", True  # "Insurers made record profits": a plural noun
            elif pos == "PROPN" and determiner in ("the", "a", "an") and root.text.isupper() and 2 <= len(root.text) <= 4 \
                    and root.i - chunk[lead].i >= 2 and doc[root.i - 1].is_lower:
                pos = "NOUN"  # "the former GP": a role written in capitals after a modifier, not a name
            found.append(Reference(
                start=offset + first.idx, end=offset + chunk.end_char,
                head_start=offset + root.idx, head_end=offset + root.idx + len(root.text),
                head=head, pos=pos,
                determiner=determiner, role=_role(root), plural=plural,
                words=tuple(words), sentence=sentence_of[root.i], apposition=apposition, clause=offset + _clause_verb(root).idx,
            ))
        for token in doc:
            lower = token.lower_
            if lower not in PRONOUNS and lower not in DEMONSTRATIVES and token.dep_ != "poss":
                continue  # most tokens: nothing to keep
            if token.dep_ == "poss" and token.pos_ == "NOUN":
                # "the developer's pledge": the possessor is a phrase of its own
                left = token.left_edge
                start, end = offset + left.idx, offset + token.idx + len(token.text)
                # "the developer's", "her company's": an article or a possessive pronoun
                determiner = left.lower_ if left.dep_ in ("det", "poss") and left.pos_ in ("DET", "PRON") and left.i < token.i else ""
                found.append(Reference(
                    start=start, end=end, head_start=offset + token.idx, head_end=end, head=token.lemma_.lower(), pos="NOUN",
                    determiner=determiner, role="possessor", plural=token.tag_ == "NNS",
                    words=tuple(t.lower_ for t in doc[left.i : token.i + 1] if not t.is_punct and not (determiner and t.i == left.i)),
                    sentence=sentence_of[token.i],
                ))
                continue
            # a relative "that" ("a culture that respects ...", tagged WDT) refers to its noun, not back
            # "We will fight this", "If the board approves this": an object "this" too, never "that"
            object_this = token.lower_ == "this" and token.dep_ in ("dobj", "pobj")
            if token.lower_ in DEMONSTRATIVES and token.pos_ == "PRON" and (token.dep_ in ("nsubj", "nsubjpass") or object_this) and token.tag_ != "WDT":
                start = offset + token.idx
                found.append(Reference(
                    start=start, end=start + len(token.text), head_start=start, head_end=start + len(token.text),
                    head=token.lower_, pos="PRON", determiner="", role="subject" if not object_this else _role(token), plural=False,
                    words=(token.lower_,), sentence=sentence_of[token.i],
                ))
                continue
            if token.lower_ in PRONOUNS and token.pos_ == "PRON":
                start = offset + token.idx
                found.append(Reference(
                    start=start, end=start + len(token.text), head_start=start, head_end=start + len(token.text),
                    head=token.lower_, pos="PRON", determiner="", role=_role(token), plural=PRONOUNS[token.lower_][1],
                    words=(token.lower_,), sentence=sentence_of[token.i], clause=offset + _clause_verb(token).idx,
                    acts_on=token.dep_ == "nsubj" and any(c.dep_ in ("dobj", "dative") for c in token.head.children),
                ))
        found.sort(key=lambda r: (r.start, r.end))
        self.references.extend(r for i, r in enumerate(found) if i == 0 or (r.start, r.end) != (found[i - 1].start, found[i - 1].end))

    def result(self, resolver: Optional[SpeakerResolver] = None) -> ArticleReferences:
        """The article's references, with the genders ``resolver`` (speaker resolution) learned."""
        genders = tuple((e.canonical, e.gender) for e in resolver.entities if e.gender) if resolver is not None else ()
        return ArticleReferences(tuple(self.references), tuple(self.sentence_starts), genders)


def _clause_verb(token):
    """The verb whose clause ``token`` is in: its nearest verb ancestor (the token itself at the root)."""
    for _ in range(8):
        if token.head is token or token.head.pos_ in ("VERB", "AUX"):
            return token.head
        token = token.head
    return token


def _capitalised_plural_noun(root, chunk) -> bool:
    """Is ``root`` a plural common noun the tagger took for a name because it opens its
    sentence, or only a quotation mark comes before it ("Insurers made record profits last
    year", "Critics say ..."). A lone word, no entity, ending in one "s"."""
    text = root.text
    return (
        len(chunk) == 1 and root.pos_ == "PROPN" and all(t.is_punct for t in root.doc[root.sent.start : root.i]) and not root.ent_type_
        and text[:1].isupper() and text[1:].islower() and text.endswith("s") and not text.endswith("ss") and len(text) > 4
    )


def _role(token) -> str:
    """The grammatical role of a phrase's head; a conjunct or apposition takes its head's."""
    for _ in range(3):
        if token.dep_ in ("conj", "appos") and token.head is not token:
            token = token.head
        else:
            break
    dep = token.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return "subject"
    if dep == "poss":
        return "possessor"
    if dep == "pobj":
        return "locative" if token.head.lower_ in LOCATIVE_PREPOSITIONS else "oblique"
    if dep == "oprd":
        return "predicate"  # "called the act a slush fund": says what the object is, refers to nothing new
    return "object"


# ---------------------------------------------------------------------------- linking side
@dataclass
class _Known:
    """What the linker knows of one entity besides the registry's ``Entity``."""

    entity: Entity
    kind: str  # person, org, country, group, thing or place
    target: Optional[str] = None
    plural: bool = False
    types: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)  # head nouns that name it (bill, ministry, ...)
    salience: float = 0.0
    prominence: float = 0.0
    salience_sentence: int = 0
    subject_at: tuple[int, int] = (-1, -1)  # (sentence, position) of its latest mention as a subject
    seen: int = -1  # the latest position it was referred to
    raw: set[str] = field(default_factory=set)  # the lower-case words of its names and titles, as written
    relations: dict[str, "_Known"] = field(default_factory=dict)  # "lawyer" -> the person it is the lawyer of
    described_only: bool = False  # met only through descriptions ("the deal"): not yet what "it" means
    side_words: set[str] = field(default_factory=set)  # whom a person works for: "founder of Hopscotch", "Skyward's chief executive"

    def score(self, sentence: int) -> float:
        """Salience now: role weights halving with each sentence."""
        return self.salience * DECAY ** max(0, sentence - self.salience_sentence)

    def topic(self, sentence: int) -> float:
        """Prominence now: how often the article has referred to it, fading slowly."""
        return self.prominence * PROMINENCE_DECAY ** max(0, sentence - self.salience_sentence)

    def refer(self, position: int, sentence: int, role: str) -> None:
        self.prominence = self.topic(sentence) + 1.0
        self.salience = self.score(sentence) + ROLE_WEIGHTS.get(role, 1.3)
        self.salience_sentence = sentence
        if role == "subject":
            self.subject_at = (sentence, position)
        self.seen = max(self.seen, position)
        self.entity.last_seen = max(self.entity.last_seen, position)


class TargetLinker:
    """Links the mentions of an article to a fixed list of targets.

    Args:
        targets: the targets; with ``automatic`` they are the article's own named
            entities (``AutoTargets``) and adjectives inside a linked description
            (``the Central Asian nation``) are not links of their own.
        automatic: the targets are found per article (see above).
        min_score: ``statement_links`` drops links scoring less.

    Example:
        >>> linker = TargetLinker([Target("Gary Whitlock")])
        >>> [(m.text, m.kind) for m in linker.link(text, extraction)]  # doctest: +SKIP
        [('Gary Whitlock', 'name'), ('He', 'pronoun'), ('the defendant', 'title')]
    """

    def __init__(self, targets: Sequence[Target], automatic: bool = False, min_score: float = 0.0) -> None:
        self.targets = list(targets)
        self.automatic = automatic
        self.min_score = min_score
        self._by_name = {t.name: t for t in self.targets}
        self._reference_types = reference_types()
        self._heads = {t.name: _head_nouns(t) for t in self.targets}
        self._thing_words = _thing_target_words(self.targets, self)  # thing targets: their name lemmas and distinctive ones

    # ---- the article ------------------------------------------------------------
    def link(self, text: str, extraction) -> list[TargetMention]:
        """Every mention in the article linked to a target, in text order."""
        table = extraction.references or ArticleReferences()
        references = list(table.references)
        entities = sorted(extraction.entities, key=lambda e: e[0])
        self._places: set[str] = set()
        persons = self._persons(text, entities, references)
        explicit = TargetForms(self.targets, persons, article_seats(text, self.targets, persons)).find_all(text)
        return _Walk(self, text, extraction, table, references, entities, explicit, persons).run()

    def _persons(self, text: str, entities, references: Sequence[Reference] = ()) -> set[str]:
        """The targets that are people: named in full inside a PERSON entity, or, when NER
        never tags the full name, shaped like a person's name; never one the article
        calls a body (``Fair Wages Now, a labor advocacy group``; ``Crescent, which ...``)."""
        out = set()
        phrases = {ref.start: ref for ref in references}
        titles, heads = name_lexicon()["titles"], name_lexicon()["institution_heads"]
        person_roles = lexicon_words("person_roles", "roles") | (titles - heads)
        starts = [e[0] for e in entities]
        for target in self.targets:
            labels = []
            called_a_body = role_named = False
            for match in re.finditer(r"(?<!\w)" + re.escape(target.name) + r"(?!\w)", text, re.IGNORECASE):
                called_a_body = called_a_body or _called_a_body(text, match.end(), phrases)
                i = bisect.bisect_right(starts, match.start()) - 1
                surname_start = match.end() - len(target.name.split()[-1])
                for e_start, e_end, label, surface in entities[max(0, i - 1) : i + 2]:
                    # an entity over the name's last word says what it is ("Edwina" alone tagged a place does not)
                    if e_start < match.end() and surname_start < e_end:
                        words = [w.lower() for w in surface.split()]
                        titled = label == "ORG" and any(w in titles for w in words[:-1]) and not any(w in heads for w in words)
                        # "Kazakh President Kassym-Jomart Tokayev", "Dunstan Felgate-Rowe" as ORG
                        labels.append("PERSON" if titled or _person_shaped(label, surface) else label)
                # "Brennmark's justice minister, Ruprecht Essenbeck": a role apposed before the name too
                role_before = _KIND_BEFORE_NAME.search(text, max(0, match.start() - 30), match.start()) or _ROLE_APPOSED_BEFORE_NAME.search(text, max(0, match.start() - 30), match.start())
                # "the shipping magnate Cassius Thornquill": a person, whatever NER says
                role_named = role_named or role_before is not None and role_before.group(1) in person_roles or _person_apposed_after(text, match.end(), person_roles)
            if names_a_body_or_thing(target.name) or called_a_body:
                continue  # "Finance Bill 2025", though NER tags "Bill 2025" a person
            if writes_derived_demonym(text, target.name) or called_a_country(text, target.name):
                self._places.add(target.name)
                continue  # "Ostravia ... Ostravian": a place, whatever NER says
            if role_named and looks_like_person(target.name) or labels and labels.count("PERSON") * 2 > len(labels) or not labels and looks_like_person(target.name):
                out.add(target.name)
        return out

    def target_named(self, name: str) -> Optional[str]:
        """The target ``name`` (a speaker's canonical name) is a form of, if any."""
        return next((t.name for t in self.targets if is_speaker(t, name)), None)

    def name_types(self, name: str) -> set[str]:
        """The types a name says its bearer is: by its head word (``Securities and Exchange
        Commission`` is an agency, ``Kestrel Securities`` a company), else by any word."""
        if any(phrase in name.lower() for phrase in name_lexicon()["agency_names"]["phrases"]):
            return {"agency"}  # "Central Bank of Nigeria", "Reserve Bank of Australia": a regulator, not a company
        words = [w for w in re.split(r"[\s-]+", name.split(" of ")[0].lower()) if w.isalpha()]
        if not words:
            return set()
        if a_club_name(words):
            return {"team"}
        if a_company_name(words):
            return {"company"}
        return self.type_of({words[-1], _lemma(words[-1])}) or self.type_of(set(words))

    def type_of(self, words: set[str]) -> set[str]:
        """The organisation and reference types these (lower-case) words name."""
        types = set(_org_types(words))
        types |= {kind for kind, cues in self._reference_types.items() if words & cues}
        return types


class _Walk:
    """One pass over one article: events in text order, a registry, the links found."""

    def __init__(self, linker: TargetLinker, text: str, extraction, table: ArticleReferences, references, entities, explicit, persons) -> None:
        self.linker = linker
        self.text = text
        self.statements: list[Statement] = list(extraction.statements)
        self._statement_starts = [s.start for s in self.statements]
        self.sentence_starts = list(table.sentence_starts)
        self.references = references
        self.entities = entities
        self.explicit = explicit
        self.persons = persons
        self.genders = {canonical.lower(): gender for canonical, gender in table.genders}
        self.registry = SpeakerResolver()  # the shared registry: names, words, gender, described roles
        self.known: dict[str, _Known] = {}  # canonical (lower case) -> what the linker knows
        self.links: list[TargetMention] = []
        self._ref_starts = [r.start for r in references]
        self._appositions = [(r.start, r.end, r.apposition) for r in references if r.apposition is not None]
        self.pronoun_referents: dict[int, _Known] = {}  # where a pronoun was resolved -> to what
        self.stand_ins: dict[int, _Known] = {}  # statement start -> its speaker, for speakers the linker never met
        first_line = text.find("\n")
        self.headline_end = first_line if 0 < first_line < 400 and text[first_line:].lstrip(" \t").startswith("\n\n") else -1
        self.headline_pronouns: list[Reference] = []  # pronouns of the headline with nothing before them
        self.lede_end = _lede_end(text, self.headline_end)
        # "Ardenzan" -> "ardenza": a regular demonym of a place target, as its country word
        self._place_of_demonym = {d.lower(): t.name.lower() for t in linker.targets if t.name not in persons for d in derived_demonyms(t.name)}

    # ---- helpers -----------------------------------------------------------------
    def sentence_at(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def statement_at(self, position: int) -> Optional[Statement]:
        """The statement whose content holds ``position`` (statements do not nest)."""
        i = bisect.bisect_right(self._statement_starts, position) - 1
        if i >= 0 and position < self.statements[i].end:
            return self.statements[i]
        return None

    def enclosing(self, start: int, end: int) -> Optional[Reference]:
        """The smallest noun phrase containing [start, end)."""
        i = bisect.bisect_right(self._ref_starts, start)
        best = None
        for ref in self.references[max(0, i - 12) : i]:
            if ref.pos != "PRON" and ref.start <= start and end <= ref.end and (best is None or ref.end - ref.start < best.end - best.start):
                best = ref
        return best

    def _words(self, words) -> set[str]:
        out = set()
        for word in words:
            word = normalise_word(word)
            if word and word not in DETERMINERS and word not in _FUNCTION_WORDS:
                place = self._place_of_demonym.get(word)
                out |= {place} if place else {word, country_word(word)}
        return out

    def _known(self, entity: Entity, kind: str, target: Optional[str] = None) -> _Known:
        key = entity.canonical.lower()
        known = self.known.get(key)
        if known is None:
            known = _Known(entity, kind, target)
            self.known[key] = known
        if target and not known.target:
            known.target = target
        return known

    # ---- events --------------------------------------------------------------------
    def run(self) -> list[TargetMention]:
        # "DETROIT —", "SANTOS, Brazil, March 4 (Meridian Wire) -": where the story was filed, not what it refers to
        events = [(m.start, 0, "explicit", m) for m in self.explicit if not in_dateline(self.text, m.start)]
        covered = [(m.start, m.end) for m in self.explicit]
        for entity in self.entities:
            if not _overlaps(covered, entity[0], entity[1]) and not in_dateline(self.text, entity[0]):
                events.append((entity[0], 1, "entity", entity))
        for statement in self.statements:
            if statement.speaker:
                # after the speaker's own name ("Whitlock's lawyer, Daniel Ferreira") is registered
                events.append((statement.speaker_end if statement.speaker_end is not None else statement.start, 2, "speaker", statement))
        for ref in self.references:
            # a phrase around a name is still a phrase of its own when its head is not the
            # name: "the President of Kazakhstan", "the Kazakh authorities"
            if ref.pos == "PRON" or not _overlaps(covered, ref.head_start, ref.head_end):
                events.append((ref.start, 3, "reference", ref))
        events.sort(key=lambda e: (e[0], e[1]))
        for position, _order, kind, item in events:
            if self.headline_pronouns and position > self.headline_end:
                _resolve_headline_pronouns(self)
            if kind == "explicit":
                self.on_explicit(item)
            elif kind == "entity":
                self.on_entity(item)
            elif kind == "speaker":
                self.on_speaker(item)
            elif item.pos == "PRON":
                resolve_pronoun(self, item)
            else:
                resolve_phrase(self, item)
        if self.headline_pronouns:
            _resolve_headline_pronouns(self)
        self.links.sort(key=lambda m: (m.start, m.end))
        return self.links

    def on_explicit(self, mention: TargetMention) -> None:
        target = next(t for t in self.linker.targets if t.name == mention.target)
        phrase = self.enclosing(mention.start, mention.end)
        if self.linker.automatic and mention.kind == "demonym" and phrase is not None and phrase.head_start >= mention.end:
            # "the Central Asian nation": the adjective is part of a description resolved below
            if self.linker.type_of({phrase.head}) & {"country"}:
                return
        heads_phrase = phrase is not None and mention.start <= phrase.head_start < mention.end
        # the phrase's words describe the target only when the mention heads it ("President
        # Samuel Kiptoo"), not when it modifies another head ("Kazakh President Tokayev")
        words = set(self._words(phrase.words if heads_phrase else mention.text.split()))
        role = phrase.role if heads_phrase else ("possessor" if phrase is not None else "object")
        position = mention.start
        if target.name in self.persons:
            entity = self.registry.observe_person(target.name.split(), position, subject=role == "subject")
            entity = self.registry.register(entity.canonical if entity is not None else target.name, "person", words, position)
            gender = self.genders.get(entity.canonical.lower())
            if gender:
                self.registry.set_gender(entity.canonical, gender)
            known = self._known(entity, "person", target.name)
        else:
            entity = self.registry.register(target.name, "org", words | self._words(target.name.split()), position)
            known = self._known(entity, _target_kind(self, target, mention), target.name)
            known.types |= self.linker.name_types(target.name)
            known.heads |= self.linker._heads[target.name]
            # "Saimaa Networks", "Ferncastle Stores": one company, whatever its last word's number
            company_suffix = _lemma(target.name.split()[-1].lower()) in body_words()
            if mention.kind == "demonym" and mention.text.endswith("s") or phrase is not None and phrase.plural and phrase.head_start < mention.end and not company_suffix:
                known.plural = True
            elif known.kind == "country":
                known.plural = False
        known.described_only = False
        known.raw |= set(phrase.words if heads_phrase else mention.text.lower().split())
        self._describe(known, mention.start, mention.end)
        known.refer(position, self.sentence_at(position), role)
        self.links.append(mention)

    def on_entity(self, item) -> None:
        start, end, label, surface = item
        phrase = self.enclosing(start, end)
        role = phrase.role if phrase is not None and phrase.head_start < end else "object"
        bare = re.sub(r"['’]s$", "", surface).strip()
        if label != "PERSON" and " " not in bare and self.registry.full_name_of(bare) != bare:
            label = "PERSON"  # "Marsh said": NER's ORG is the person named in full before
        if label == "PERSON" and _the_dateline_city(self.text, bare):
            label = "GPE"  # "LINDALE — Nora Castellane ...": "Lindale's mayor" is the city's, whatever NER says
        elif _person_shaped(label, bare):
            label = "PERSON"  # "Marcus Tellbridge", "Ilinca Moravetz-Kolb" tagged ORG: a first name and a surname
        elif label == "PERSON" and names_a_body_or_thing(bare):
            label = "ORG"  # "Atlantica Terminals" tagged PERSON: the name says it is a company
        if label == "PERSON":
            entity = self.registry.observe_person(surface.split(), start, subject=role == "subject")
            if entity is None:
                return
            if phrase is not None and phrase.start <= start and end <= phrase.end:
                self.registry.register(entity.canonical, "person", self._words(phrase.words), start)
            gender = self.genders.get(entity.canonical.lower())
            if gender:
                self.registry.set_gender(entity.canonical, gender)
            known = self._known(entity, "person")
        elif _sentence_initial_common_word(self, surface):
            return
        else:
            words = self._words(re.sub(r"['’]s$", "", surface).split())
            canonical = re.sub(r"['’]s$", "", surface).strip()
            stands_for = _metonyms().get(canonical.lower())
            if stands_for and role != "locative":
                canonical, label = stands_for[0], "GPE"  # "Beijing opposes ...": China
            if canonical.lower().startswith("the "):
                canonical = canonical[4:]
            entity = self.registry.register(canonical, "org", words, start)
            kind = {"GPE": "country", "NORP": "group", "LOC": "place", "FAC": "place"}.get(label, "org")
            if stands_for and role == "locative":
                kind = "place"  # "In Ottawa, the minister said the government ...": where, not a second government
            known = self._known(entity, kind)
            known.types |= self.linker.name_types(canonical)
            if label == "NORP":
                known.plural = True
        known.raw |= set(phrase.words if phrase is not None and phrase.start <= start and end <= phrase.end else surface.lower().split())
        self._describe(known, start, end)
        known.refer(start, self.sentence_at(start), role)

    def on_speaker(self, statement: Statement) -> None:
        known = self.known.get(statement.speaker.lower())
        if known is None:
            target = self.linker.target_named(statement.speaker)
            known = self._known_target(target) if target else None
        if known is not None:
            position = statement.speaker_end if statement.speaker_end is not None else statement.start
            known.refer(position, self.sentence_at(position), "speaker")

    def _describe(self, known: _Known, start: int, end: int) -> None:
        """An apposition describes the entity named on its other side (``Kenya's main
        opposition leader, Grace Wanjiru``; ``The measure, Senate Bill 90``), and so does a
        kind-of-body noun right before the name (``Dutch fertiliser maker Agrivant``)."""
        if known.kind == "person":
            _learn_roles_around_name(self, known, start, end)
        before = _KIND_BEFORE_NAME.search(self.text, max(0, start - 30), start)
        if before is not None and known.kind != "person" and not known.types:
            known.types |= _org_types({before.group(1), _lemma(before.group(1))}) - {"country"}
        for a_start, a_end, (p_start, p_end) in self._appositions:
            if a_start > end:
                break
            if a_start <= start and end <= a_end and not (p_start <= start < p_end):
                other = self.text[p_start:p_end]
            elif p_start <= start and end <= p_end:
                other = self.text[a_start:p_start].rstrip(" ,")
                governor = _PP_GOVERNOR.search(self.text[max(0, a_start - 60) : a_start])
                if governor is not None and known.kind == "person":
                    # "the Republican nominee for governor, Hallett": the parser hangs the name
                    # on the preposition's object, but the role is the noun it completes
                    other = f"{governor.group(1)} {other}" if governor.group(2) == "of" else governor.group(1)
            else:
                continue
            whole, other = other, _ROLE_END.split(other, maxsplit=1)[0]  # "chair of the state party" -> "chair"
            # "the trust's chief executive": the possessor says whose role, not who holds it
            role = _COMMON_POSSESSOR.sub("", other) if known.kind == "person" else other
            words = self._words(role.split())
            known.raw |= {w.lower() for w in role.split()}
            known.entity.add_description(words, role)
            heads = [w for w in re.findall(r"[a-z]+", other.lower()) if w not in DETERMINERS]
            if heads and known.kind != "person":
                # "Larkspur Partners, the developer": "the developer" is it, and it is a company
                known.heads.add(_lemma(heads[-1]))
                if heads[-1] != "group":  # a company's group or a campaign group: no kind
                    known.types |= self.linker.type_of({heads[-1], _lemma(heads[-1])}) - {"country"} - THING_TYPES
            owner = self._possessor(other, p_start if other.startswith(self.text[p_start:p_start + 3]) else a_start)
            if owner is not None and heads:
                known.relations[_lemma(heads[-1])] = owner  # "Whitlock's lawyer, Daniel Ferreira"
            if known.kind == "person" and {w.lower() for w in other.split()} & _affiliation_roles():
                _learn_side(self, known, whole, other, owner)

    def _possessor(self, phrase: str, start: int) -> Optional[_Known]:
        """Whom a phrase like ``Whitlock's lawyer``, ``His agent`` or ``Its chair`` belongs to, if known."""
        match = re.match(r"\s*(\w+)['’]s\s+\w+", phrase)
        if match:
            full = self.registry.full_name_of(match.group(1))
            return self.known.get(full.lower()) or self.known.get(match.group(1).lower())
        if re.match(r"\s*(?:his|her|its|their)\s+\w+", phrase, re.IGNORECASE):
            return self.pronoun_referents.get(start)
        return None

    # ---- pronouns ------------------------------------------------------------------
    def _speaker_of(self, position: int) -> tuple[Optional[Statement], Optional[_Known]]:
        """The statement holding ``position`` and what the linker knows of its speaker
        (by canonical name, or the target the speaker's name is a form of)."""
        statement = self.statement_at(position)
        if statement is None or not statement.speaker:
            return statement, None
        speaker = self.known.get(statement.speaker.lower()) or self.known.get(self.registry.full_name_of(statement.speaker).lower())
        if speaker is None:
            target = self.linker.target_named(statement.speaker)
            speaker = self._known_target(target) if target else None
        if speaker is None and statement.speaker_mention and statement.speaker_start is not None:
            speaker = _stand_in(self, statement)
        return statement, speaker

    def _rank(self, candidates: list[tuple[float, int, _Known]]) -> tuple[Optional[_Known], bool]:
        """The best candidate, and whether a runner-up for another target comes close."""
        if not candidates:
            return None, False
        candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
        best = candidates[0]
        ambiguous = len(candidates) > 1 and candidates[1][2].target != best[2].target and candidates[1][0] >= AMBIGUOUS_RATIO * best[0]
        return best[2], ambiguous

    def _link(self, known: _Known, ref: Reference, kind: str, score_key: str, ambiguous: bool) -> None:
        known.refer(ref.start, ref.sentence, ref.role)
        if ref.pos == "NOUN" and known.kind == "org" and not ref.plural:
            known.plural = False  # "Harwick Albion were docked ... the club would appeal": "it" from now on
        if ref.pos == "PRON":
            self.pronoun_referents[ref.start] = known
        if known.target is not None:
            score = LINK_SCORES[score_key] * (AMBIGUOUS_FACTOR if ambiguous else 1.0)
            self.links.append(TargetMention(known.target, self.text[ref.start : ref.end], ref.start, ref.end, kind, round(score, 3)))

    def _introduce(self, name: str, ref: Reference) -> Optional[_Known]:
        """Register a non-person target the article introduces by a description of it."""
        target = self.linker._by_name.get(name)
        if target is None or name in self.persons:
            return None
        entity = self.registry.register(name, "org", self._words(name.split()), ref.start)
        mention = TargetMention(name, self.text[ref.start : ref.end], ref.start, ref.end, "description", LINK_SCORES["description"])
        known = self._known(entity, _target_kind(self, target, mention), name)
        known.types |= self.linker.name_types(name)
        known.heads |= self.linker._heads[name]
        known.plural = _plural_name(name)
        known.described_only = True
        return known

    def _known_target(self, name: str) -> Optional[_Known]:
        return next((k for k in self.known.values() if k.target == name), None)


def _learn_roles_around_name(walk: _Walk, known: _Known, start: int, end: int) -> None:
    """Roles the sentence gives a person outside an apposition: a relative clause ("Viktor
    Halloran, 58, who was transport minister from 2017": later "the minister") and a trial
    ("Halloran ... denies four counts of bribery", "sued Gregory Thane": "the defendant"; not
    a co-accused who "will be tried separately"), and the role a lede held back for it."""
    relative = _RELATIVE_ROLE.match(walk.text, end)
    if relative is not None:
        role = relative.group(1)
        known.raw |= set(role.split())
        known.entity.add_description(walk._words(role.split()), role)
    if (_ON_TRIAL.match(walk.text, end) or _SUED.search(walk.text, max(0, start - 30), start)) and not _TRIED_SEPARATELY.match(walk.text, end):
        known.entity.add_description({"defendant", "accused"}, "defendant")
    _learn_lede_role(walk, known, start)
    _learn_bare_officers_company(walk, known, start)


# a company officer's title with no company named: "Chief executive Ilona Brandt said ..."
_BARE_TITLE_BEFORE = re.compile(r"(?:\A|[.!?]['\"”’]?\s+|\n\s*)((?:[A-Za-z-]+\s+){1,3})\Z")


def _learn_bare_officers_company(walk: _Walk, known: _Known, start: int) -> None:
    """A company officer named with a bare title at the start of a sentence ("Chief executive
    Ilona Brandt said ...") speaks for the company that was the subject of one of the two
    sentences before ("Norwick Metals said on Tuesday it would close two plants ..."): her
    "the company" is that company, not the rival just named."""
    if known.kind != "person" or known.side_words:
        return
    title = _BARE_TITLE_BEFORE.search(walk.text, max(0, start - 40), start)
    if title is None or not set(title.group(1).lower().split()) <= lexicon_words("company_officer_titles"):
        return
    sentence = walk.sentence_at(start)
    companies = [k for k in walk.known.values() if k.kind == "org" and sentence - 2 <= k.subject_at[0] < sentence]
    if companies:
        company = max(companies, key=lambda k: k.subject_at)
        known.side_words |= company.entity.words


def _learn_lede_role(walk: _Walk, known: _Known, start: int) -> None:
    """A news lede that holds back the name ("A city councillor took a motor yacht ...") names
    its subject in the next paragraph ("Dunstan Felgate-Rowe, 58, who chaired ..."): the first
    person the body names, in one of the two sentences after the lede, holds the lede's role
    ("the councillor" from then on)."""
    if walk.headline_end < 0 or start <= walk.headline_end:
        return
    lede = walk.sentence_at(walk.headline_end + 2)
    if not lede < walk.sentence_at(start) <= lede + 2:
        return
    if any(k is not known and k.kind == "person" and walk.headline_end < k.seen < start for k in walk.known.values()):
        return  # someone else was named first
    roles = name_lexicon()["titles"] | lexicon_words("person_roles", "roles")
    for ref in walk.references:
        if ref.sentence > lede:
            break
        indefinite = ref.determiner in ("a", "an") or {"a", "an"} & set(ref.words)  # "OSTMARROW - A city councillor"
        if ref.sentence == lede and ref.role == "subject" and indefinite and ref.pos == "NOUN" and not ref.plural and ref.head in roles:
            known.entity.add_description({normalise_word(ref.head)}, ref.head)
            return


def _target_kind(walk: _Walk, target: Target, mention: TargetMention) -> str:
    """What a target named here is: a country, a thing (a bill, a deal), a group or a body."""
    label = _label_at(walk, mention.start, mention.end)
    types = walk.linker.type_of(walk._words(target.name.split()))
    body_types = types - THING_TYPES - {"country"}
    if mention.kind in ("demonym", "metonym"):
        return "country"
    # "Liberals" in a headline, "Saimaa Networks" tagged as places: the name says it is a body
    named_body = target.name.split()[-1].lower() in body_words() or walk.linker.name_types(target.name) - THING_TYPES - {"country"}
    if (label == "GPE" or target.name in walk.linker._places) and not named_body:
        return "country"
    if label == "GPE":
        label = "ORG"
    if types & THING_TYPES and not body_types:
        return "thing"  # a bill, a deal, a dam, even where the tagger calls its name an organisation
    words = target.name.split()
    common_head = words[-1][:1].islower() and not body_types
    if common_head and words[-1].endswith("s"):
        return "group"  # "warehouse robots"
    if common_head:
        return "thing"  # "Indonesian beef tariff", "Essequibo ceasefire", even tagged as an organisation
    if label == "ORG" or body_types:
        return "org"
    return "thing" if target.name[:1].islower() else "org"


# ---------------------------------------------------------------------------- pronouns
def resolve_pronoun(walk: _Walk, ref: Reference) -> None:
    demonstrative = ref.head in DEMONSTRATIVES
    gender, plural = ("t", False) if demonstrative else PRONOUNS[ref.head]
    sentence = ref.sentence
    statement, speaker = walk._speaker_of(ref.start)
    in_quote = statement is not None and statement.kind in QUOTE_KINDS
    reflexive = ref.head in REFLEXIVES
    if _means_no_target(walk, ref, plural, demonstrative, gender):
        return
    if not in_quote and not reflexive and speaker is not None and _speaks_of_itself(speaker, gender, plural) \
            and not (ref.role == "object" and _after_verb_in(walk.text, ref.start, "thing_verbs")):
        # "Atlantica said it was open to talks", "Vidmar said he would not sign": the speaker
        # (not "the alliance urged Vang to sign it": a bill, not the alliance)
        _refer_pronoun(walk, speaker, ref)
        return
    # "Relations with Russia are good, and they will stay good": the relations;
    # "We did not start this fight, but we will finish it": the fight
    antecedent = _plural_subject_before(walk, ref, statement) if plural and not reflexive else None
    if antecedent is None and ref.head in ("it", "its") and statement is not None:
        antecedent = _thing_before(walk, ref, statement)
    if antecedent is not None:
        if isinstance(antecedent, _Known):
            walk._link(antecedent, ref, "pronoun", "pronoun", False)  # a target named just before
        return
    if in_quote and not reflexive and gender in ("m", "f") and ref.role in ("possessor", "subject") \
            and _link_to_quote_subject(walk, ref, statement, gender, speaker):
        return  # "Cassius is entitled to his money ... He does not get a bigger vote"
    if ref.head == "it" and ref.role == "object" and _after_verb_in(walk.text, ref.start, "action_verbs"):
        return  # "they have not done it": an action, not a target
    # "it is a sentence", "it is not voluntary": a copula's "it" judges a thing or a state of affairs, not a body
    copular = ref.head == "it" and _COPULA_AFTER.match(walk.text, ref.end) is not None
    # "he would veto it", "sign it": the object of a verb of bills and deals is such a thing when one is near
    thing_object = ref.head in ("it", "them") and ref.role == "object" and _after_verb_in(walk.text, ref.start, "thing_verbs")
    candidates = []
    for known in walk.known.values():
        if known.seen < 0 or known.seen >= ref.start or not _agrees(known, gender, plural) or known.described_only and not demonstrative:
            continue
        if copular and known.kind != "thing":
            continue
        salience = known.score(sentence)
        if salience < MIN_SALIENCE:
            continue
        if in_quote and speaker is not None and not reflexive and (known is speaker or _belongs_to(known, speaker)):
            continue  # a quote's "he" is not its speaker, nor "they" the speaker's own side
        # "This is a lifeline": the thing the article is about, more than the latest one
        rank = known.topic(sentence) if demonstrative else salience + PROMINENCE_WEIGHT * known.topic(sentence)
        if known.kind == "thing" and known.target is None and ref.role == "subject" and not demonstrative:
            rank *= THING_SUBJECT_FACTOR
        if gender in ("m", "f") and known.entity.gender is None:
            rank *= UNKNOWN_GENDER_FACTOR  # "vote for her": Delphine Arkwright before a Bertrand of no known gender
        candidates.append((rank, known.seen, known))
    if thing_object:
        # a bill or a deal, never a body or a person: no such thing known, no link
        candidates = [c for c in candidates if c[2].kind == "thing" and c[2].types & THING_TYPES]
    elif ref.role == "possessor" and _before_a_role(walk.text, ref.end):
        # "Its president, Gunnar Hedlund": a body's or a country's officer, never a tunnel's
        candidates = [c for c in candidates if c[2].kind != "thing"]
    elif plural and ref.acts_on:
        # "They handed us a press release": people or bodies acting, not the savings just named
        candidates = [c for c in candidates if not (c[2].kind == "thing" and c[2].target is None)]
    best, ambiguous = walk._rank(candidates)
    if best is not None and plural and statement is not None and not reflexive and _plural_noun_in_quote(walk, statement, best, candidates):
        return  # "For two years workers were told Pulse was there to help them": the workers
    if best is None:
        if ref.start < walk.headline_end:
            walk.headline_pronouns.append(ref)  # "'We will fight this in every court': owner vows appeal after CFF ban"
        return
    if ambiguous and statement is not None and best.kind == "thing" and not plural and _spoken_of_just_before(walk, statement, best, candidates):
        ambiguous = False  # "called the bill 'a blank check'. She said it would ...": what she was just speaking of
    if ambiguous and gender in ("m", "f") and _only_one_in_this_sentence(best, candidates, sentence):
        ambiguous = False  # "Bennett believes Reyes is the right coach, and she said his job was safe": Reyes, not an earlier man
    if not reflexive and speaker is not None and (best is speaker or statement.kind not in QUOTE_KINDS and _belongs_to(best, speaker)):
        _refer_pronoun(walk, best, ref)
        # "Smith said he would ...": the speaker, never a target of their own statement; nor
        # the speaker's own side ("the Kremlin's spokesman said its economy ...")
        return
    walk._link(best, ref, "pronoun", "demonstrative" if demonstrative else "pronoun", ambiguous)


def _only_one_in_this_sentence(best: _Known, candidates: list, sentence: int) -> bool:
    """Is ``best`` referred to in the pronoun's own sentence, and every close runner-up for
    another target only in earlier ones?"""
    if best.salience_sentence != sentence:
        return False
    top = candidates[0][0]
    return all(known.salience_sentence < sentence for rank, _, known in candidates[1:] if known.target != best.target and rank >= AMBIGUOUS_RATIO * top)


def _resolve_headline_pronouns(walk: _Walk) -> None:
    """A headline's pronoun with nothing before it to mean (``'We will fight this in every
    court': Rovers owner vows appeal after CFF ban``, ``'They'd gut the water supply':
    premier turns on Liberals``) means the first target the rest of the headline names that
    agrees with it and is not the speaker's own side."""
    pending, walk.headline_pronouns = walk.headline_pronouns, []
    for ref in pending:
        demonstrative = ref.head in DEMONSTRATIVES
        gender, plural = ("t", False) if demonstrative else PRONOUNS[ref.head]
        _statement, speaker = walk._speaker_of(ref.start)
        for mention in [m for m in walk.links if ref.end <= m.start < walk.headline_end]:
            known = walk._known_target(mention.target)
            if known is None or not _agrees(known, gender, plural):
                continue
            if speaker is not None and (known is speaker or _belongs_to(known, speaker)):
                continue
            walk._link(known, ref, "pronoun", "demonstrative" if demonstrative else "pronoun", False)
            break


def _spoken_of_just_before(walk: _Walk, statement: Statement, best: _Known, candidates: list) -> bool:
    """Did the statement just before ``statement``, by the same speaker and in the sentence
    before or the same one, link ``best`` (a thing: a bill, a plan) and none of the close runners-up?"""
    i = bisect.bisect_left(walk._statement_starts, statement.start) - 1
    if i < 0:
        return False
    before = walk.statements[i]
    if before.speaker != statement.speaker or before.speaker is None or walk.sentence_at(before.start) < walk.sentence_at(statement.start) - 1:
        return False
    linked = {m.target for m in walk.links if m.start is not None and before.start <= m.start < before.end}
    close = {c[2].target for c in candidates[1:] if c[0] >= AMBIGUOUS_RATIO * candidates[0][0]}
    return best.target in linked and not (close & linked)


def _learn_side(walk: _Walk, person: _Known, role: str, title: str, owner: Optional[_Known]) -> None:
    """``the founder of Hopscotch``, ``Skyward's chief executive``: remember the words of
    the body a person's role (``title``, out of the whole ``role`` phrase) ties them to,
    the side they speak for."""
    of_part = role.split(" of ", 1)[1] if " of " in role else ""
    person.side_words |= walk._words(of_part.split())
    if owner is not None and owner.kind != "person":
        person.side_words |= owner.entity.words
    possessor = re.match(r"\s*(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s?\s", title)
    if possessor is not None:
        person.side_words |= walk._words(possessor.group(1).split())


def _before_a_role(text: str, end: int) -> bool:
    """Does an office a person holds in a body come right after ``end`` ("Its president",
    "their chief executive"; names.json ``body_officers``)?"""
    after = re.match(r"\s+([A-Za-z-]+)", text[end : end + 30])
    return after is not None and after.group(1).lower() in lexicon_words("body_officers", "nouns")


def _speaks_of_the_talk(text: str, end: int) -> bool:
    """Does a "this is (not) (a) ..." ending at ``end`` go on with a noun of names.json
    ``discourse_nouns`` ("a matter for", "a rare case where", "not about")?"""
    match = _COPULA_THEN.match(text, end)
    if match is None:
        return False
    nouns = lexicon_words("discourse_nouns", "nouns")
    return match.group(1).lower() in nouns or (match.group(2) or "").lower() in nouns - {"about"}


def _after_verb_in(text: str, start: int, lexicon_key: str) -> bool:
    """Does a verb of names.json ``lexicon_key`` (``thing_verbs``: of bills and deals;
    ``action_verbs``: "do") come right before ``start``?"""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 20) : start])
    return before is not None and before.group(1).lower() in lexicon_words(lexicon_key, "verbs")


@lru_cache(maxsize=None)
def _affiliation_roles() -> frozenset:
    """Role words that tie a person to the body they are of (titles, and names.json ``affiliation_roles``)."""
    return frozenset(name_lexicon()["titles"]) | lexicon_words("affiliation_roles", "roles")


@lru_cache(maxsize=None)
def _parties() -> dict[str, tuple[str, ...]]:
    """names.json ``parties``: a noun -> the kinds of entity a pair of it can mean."""
    return {k: tuple(v) for k, v in name_lexicon().get("parties", {}).items() if not k.startswith("_")}


def _plural_subject_before(walk: _Walk, ref: Reference, statement: Optional[Statement]) -> Union[_Known, bool, None]:
    """What a plural pronoun means when the latest subject before it is a plural noun phrase:
    in the pronoun's sentence (``Relations ... and they``), or in the sentence before when
    both are in one statement (``My players did not sign anything. They played football``).
    True for a phrase that names no target, the target's ``_Known`` for one that does
    ("Farmers paid ... when they": the farmers), None when no such subject comes first."""
    for earlier in reversed(_phrases_before(walk, ref.start, 24)):
        same_sentence = earlier.sentence == ref.sentence
        if not same_sentence and (earlier.sentence < ref.sentence - 1 or statement is None or earlier.start < statement.start):
            return None
        if earlier.role != "subject" or earlier.pos == "PRON" or earlier.end > ref.start:
            continue
        if _bound(ref) and earlier.clause == ref.clause:
            continue  # "the unions want the ministry to hear them": not the clause's own subject
        if not earlier.plural or earlier.pos not in ("NOUN", "PROPN"):
            return None
        linked = _linked_in(walk, earlier)
        if linked is not None:
            return linked
        return True if earlier.pos == "NOUN" else None
    return None


def _quote_start(walk: _Walk, statement: Statement) -> int:
    """Where the quote holding ``statement`` starts: its first part's start, for a
    continuation or the later part of a split quote."""
    return min((s.start for s in walk.statements if s.quote_id is not None and s.quote_id == statement.quote_id), default=statement.start)


def _link_to_quote_subject(walk: _Walk, ref: Reference, statement: Statement, gender: str, speaker: Optional[_Known]) -> bool:
    """Resolve a quote's "he"/"his" to the person the quote itself has just made its
    subject, if there is one (True then)."""
    person = _person_subject_before(walk, ref, statement, gender, speaker)
    if person is None:
        return False
    if person.target is not None:
        walk._link(person, ref, "pronoun", "pronoun", False)
    else:
        _refer_pronoun(walk, person, ref)
    return True


def _refer_pronoun(walk: _Walk, known: _Known, ref: Reference) -> None:
    """Resolve a pronoun to something that is no target of its statement (the speaker, a
    person the linker knows): later pronouns and possessives may still mean it."""
    known.refer(ref.start, ref.sentence, ref.role)
    walk.pronoun_referents[ref.start] = known


def _person_subject_before(walk: _Walk, ref: Reference, statement: Statement, gender: str, speaker: Optional[_Known]) -> Optional[_Known]:
    """The person a quote names as the subject just before its "he"/"his" ("Cassius is
    entitled to his money", "Aurelian is a decent man, but he ..."): the latest subject in
    the pronoun's sentence or, failing one, the sentence before within the quote (its parts
    split by the attribution count as one), when it is a person of that gender and not the
    speaker; None otherwise."""
    latest = None
    start = _quote_start(walk, statement)
    for known in walk.known.values():
        sentence, position = known.subject_at
        if position < start or position >= ref.start or sentence < ref.sentence - 1 or known is speaker:
            continue  # the speaker of "..., says Vendrell-Oake" is no subject of the quote
        if latest is None or (sentence, position) > latest.subject_at:
            latest = known
    if latest is None or latest.kind != "person" or not _agrees(latest, gender, False):
        return None
    return latest


def _means_no_target(walk: _Walk, ref: Reference, plural: bool, demonstrative: bool, gender: Optional[str] = None) -> bool:
    """Does the pronoun's own wording rule out any target (bound, partitive, extraposed, what was just said)?"""
    sentence_start = walk.sentence_starts[ref.sentence] if ref.sentence < len(walk.sentence_starts) else 0
    before = walk.text[sentence_start : ref.start]  # its sentence so far
    return bool(
        plural and _QUANTIFIED.search(before)  # "Nobody is going to lose their job", "not a single engineer would lose their job"
        or ref.role == "possessor" and _QUANTIFIED_SUBJECT.search(before)  # "No member can sign its own deals": bound
        or plural and _PARTITIVE.search(walk.text[max(0, ref.start - 30) : ref.start])  # "None of them closed the gap"
        or ref.head == "that"  # "That's more than he has done", "that is probably conservative": what was just said
        or demonstrative and _speaks_of_the_talk(walk.text, ref.end)  # "This is a matter for London and Paris": the situation
        or ref.head == "it" and _EXTRAPOSED.match(walk.text, ref.end)  # "It is not for me to decide", "it is clear that ..."
        or ref.head == "it" and _IDIOM_IT.search(walk.text, max(0, ref.start - 4), ref.end + 12) is not None  # "As it stands, this deal ..."
        or ref.head in REFLEXIVES and _right_after_a_phrase(walk, ref)  # "the retirement age itself": that phrase, nothing else
        or ref.role == "possessor" and _kin_subject_before(walk, ref, gender)  # "My husband had his heart attack": the husband's
    )


_IDIOM_IT = re.compile(r"\b(?:[Aa]s it (?:stands|happens|turns out)|[Ii]f it goes (?:wrong|badly))\b")


def _phrases_before(walk: _Walk, position: int, count: int) -> list[Reference]:
    """The ``count`` references (phrases and pronouns) that start last before ``position``, in text order."""
    i = bisect.bisect_left(walk._ref_starts, position)
    return walk.references[max(0, i - count) : i]


def _kin_subject_before(walk: _Walk, ref: Reference, gender: Optional[str]) -> bool:
    """Is the pronoun in the clause of a subject that is a person named by a noun of its sex
    (names.json ``kin_nouns``: "my husband", "her mother")?"""
    kin = name_lexicon()["kin_nouns"].get({"m": "male", "f": "female"}.get(gender or "", ""), ())
    return any(
        r.role == "subject" and r.pos == "NOUN" and r.head in kin and r.sentence == ref.sentence and r.clause == ref.clause
        for r in _phrases_before(walk, ref.start, 4)
    )


def _right_after_a_phrase(walk: _Walk, ref: Reference) -> bool:
    """Does a noun phrase end just before the pronoun (an intensive "itself", "himself")?"""
    before = walk.text[: ref.start].rstrip()
    return before[-1:].isalnum() and any(r.pos != "PRON" and r.end == len(before) for r in _phrases_before(walk, ref.start, 4))


def _plural_noun_in_quote(walk: _Walk, statement: Statement, best: _Known, candidates: list[tuple[float, int, _Known]]) -> bool:
    """Does a quote's plural pronoun mean a plural common noun its own quote names before it
    ("those recordings ... what they are", "small online sellers ... their business"), rather
    than ``best``, a target the quote has not named?"""
    start = _quote_start(walk, statement)
    if best.seen >= start:
        return False
    return any(known.seen >= start and known.kind == "thing" and known.target is None and known.plural for _, _, known in candidates)


def _linked_in(walk: _Walk, phrase: Reference) -> Optional[_Known]:
    """The target a recent link inside ``phrase`` names, as the linker knows it."""
    for mention in reversed(walk.links[-12:]):
        if mention.start is not None and phrase.start <= mention.start < phrase.end:
            return walk._known_target(mention.target)
    return None


def _bound(ref: Reference) -> bool:
    """Is ``ref`` a pronoun that cannot mean its own clause's subject (an object, not a reflexive)?"""
    return ref.pos == "PRON" and ref.role in ("object", "oblique", "locative") and ref.head not in REFLEXIVES and ref.clause >= 0


def _thing_before(walk: _Walk, ref: Reference, statement: Statement) -> Union[_Known, bool, None]:
    """What a statement's ``it`` means when a singular subject or object that is no person
    comes before it: the latest one in its own sentence (``If there was a cartel, we will
    find it``), else, in the sentence before within the statement, its subject before its
    object (``Mr. Pike read this memo. We know he read it``). A common noun that names no
    target gives True, a named target its ``_Known``; None when there is none. The
    sentence of a reported statement counts from its start (``welcomed the cut, saying it
    would ...``)."""
    first = statement.start if statement.kind in QUOTE_KINDS else walk.sentence_starts[ref.sentence]
    titles = name_lexicon()["titles"]
    bound = _bound(ref)
    speaker_span = (statement.speaker_start, statement.speaker_end) if statement.speaker_start is not None else (-1, -1)
    before = [
        r for r in _phrases_before(walk, ref.start, 24)
        if r.start >= first and r.end <= ref.start and r.sentence >= ref.sentence - 1
        and not speaker_span[0] <= r.start < speaker_span[1]  # "Kremlin spokesman X told reporters that it ...": not the speaker's side
    ]
    for sentence in (ref.sentence, ref.sentence - 1):
        phrases = [r for r in reversed(before) if r.sentence == sentence and r.pos != "PRON" and r.role in ("subject", "object") and not r.plural]
        phrases.sort(key=lambda r: r.role != "subject" and sentence != ref.sentence)  # stable: the subject first in the sentence before
        for earlier in phrases:
            if bound and earlier.role == "subject" and earlier.clause == ref.clause:
                continue  # "his caucus would vote for it": an object pronoun is never its own clause's subject
            linked = _linked_in(walk, earlier)
            if linked is not None and linked.kind == "person":
                continue  # "Mr. Pike read this memo. We know he read it": not the person, the memo
            if linked is not None:
                return linked
            if earlier.pos == "NOUN" and earlier.head not in titles:
                return True
            if earlier.pos == "PROPN" and _label_at(walk, earlier.start, earlier.end) not in _NOT_A_THING and not _a_person_named(walk, earlier):
                return True  # "Carrow Street made 410 million in profit last year. It can afford ...": the place named, no target
    return None


# a person, or a place or people that may be a country the linker did not link ("Wellington")
_NOT_A_THING = frozenset({"PERSON", "GPE", "NORP"})


def _a_person_named(walk: _Walk, phrase: Reference) -> bool:
    """Does ``phrase`` name someone the article knows as a person?"""
    return any(k.kind == "person" and k.seen >= 0 and set(phrase.words) & k.entity.words for k in walk.known.values())


def _stand_in(walk: _Walk, statement: Statement) -> _Known:
    """A speaker the linker never met, known by its mention: a quote before its attribution
    ('"... when it tore up the talks," MDU secretary Tony Brennan said') or a body named only
    as speaker ("Brazil's foreign ministry"); the mention says whose side it is on. One per
    statement."""
    known = walk.stand_ins.get(statement.start)
    if known is None:
        mention = statement.speaker_mention.split()
        if any(w.lower() in ("former", "ex") for w in mention[:-1]):
            mention = mention[-1:]  # "two former FTC officials" speak of the FTC from outside
        words = walk._words(mention)
        kind = "org" if names_a_body_or_thing(statement.speaker) else "person"
        known = walk.stand_ins[statement.start] = _Known(Entity(statement.speaker, kind, words=words), kind)
    return known


def _speaks_of_itself(speaker: _Known, gender: Optional[str], plural: bool) -> bool:
    """Reported speech's pronoun that fits its speaker is the speaker ("Atlantica said it
    would not abandon the project"; "Vidmar said he ..." when Vidmar is known to be a man),
    not some other target that fits too."""
    if gender in ("m", "f"):
        return speaker.kind == "person" and speaker.entity.gender == gender
    if gender == "n":
        return speaker.kind in ("org", "country")
    return plural and speaker.kind in ("org", "group")


def _agrees(known: _Known, gender: Optional[str], plural: bool) -> bool:
    if gender in ("m", "f"):
        return known.kind == "person" and known.entity.gender in (gender, None)
    if gender == "t":  # this / that
        return known.kind == "thing" and (known.target is not None or not known.plural)
    if gender == "n":
        return known.kind in ("org", "country", "thing") and not known.plural or known.kind == "country"
    # they / them / their
    return known.kind in ("org", "group") or known.plural and known.kind in ("country", "thing")


# ---------------------------------------------------------------------------- titles and descriptions
def resolve_phrase(walk: _Walk, ref: Reference) -> None:
    """A noun phrase: a title (``the president``), a description (``the company``), or
    something a later pronoun may mean."""
    lexicon = name_lexicon()
    if ref.pos != "NOUN" and ref.head not in lexicon["titles"]:
        return  # a name NER missed; "the President of Kazakhstan" is a title all the same
    words = walk._words(ref.words)
    statement, speaker = walk._speaker_of(ref.start)
    head = ref.head
    if statement is None:
        _learn_narrated_role(walk, ref)
    is_title = (head in lexicon["titles"] or lexicon["synonym_of"].get(head) in lexicon["titles"]) and head not in lexicon["institution_heads"] \
        and head not in lexicon.get("title_modifiers", ()) and not walk.linker.type_of({head})
    if is_title and not ref.plural:
        _resolve_title(walk, ref, words, speaker)
        return
    if is_title and not any(_lemma(head) in heads for heads in walk.linker._heads.values()):
        return  # "the senators": no one person; but "the nurses" may be the target "Lakeshore nurses"
    if head in lexicon["titles"] and not ref.plural and walk.linker.type_of({head}) and _resolve_title(walk, ref, words, speaker):
        return  # "the judge": a person the article named as one, else the court
    if _resolve_parties(walk, ref, speaker):
        return  # "both sides", "neither government", "two friends": the article's two sides
    if _learned_role(walk, ref):
        # "the referee" after "the Congolese referee, Jean-Pierre Mbala": a role the article gave a person
        _resolve_title(walk, ref, words, speaker)
        return
    if not _resolve_description(walk, ref, words, speaker) and ref.role in ("subject", "object", "predicate", "oblique") and ref.determiner in DEFINITE | POSSESSIVE_DETERMINERS | {""}:
        _thing(walk, ref)

def _resolve_parties(walk: _Walk, ref: Reference, speaker: Optional[_Known]) -> bool:
    """``both sides``, ``neither government``, ``two friends``, ``the parties concerned``:
    the two most prominent entities of a kind the noun can mean (names.json ``parties``),
    never the speaker or the speaker's own side. Both are linked; a close third makes
    the pair ambiguous. True when the phrase is such a pair (linked or not)."""
    kinds = _parties().get(_lemma(ref.head))
    if kinds is None:
        return False
    words = [w.lower() for w in ref.words]
    paired = ref.determiner in ("both", "neither", "either") or words[:1] == ["two"] or ref.determiner == "the" and words[-1:] == ["concerned"]
    if not paired:
        return False
    candidates = []
    # "the two airlines": companies, not their regulator
    wanted = walk.linker.type_of({_lemma(ref.head)}) if list(kinds) == ["org"] else set()
    for known in walk.known.values():
        if known.seen < 0 or known.seen >= ref.start or known.kind not in kinds or known is speaker:
            continue
        if wanted and known.types and not known.types & wanted:
            continue
        if speaker is not None and _belongs_to(known, speaker):
            continue
        if ref.role != "subject" and known.subject_at[0] == ref.sentence and known.subject_at[1] < ref.start:
            continue  # "Brussels was in close contact with both capitals": not one of them
        if walk.sentence_at(known.seen) == ref.sentence and walk.statement_at(known.seen) is None:
            continue  # "The Commission, acting for the EU, urged both sides": the narration's, not a side
        candidates.append((known.topic(ref.sentence) + 0.3 * known.score(ref.sentence), known.seen, known))
    targets = [c for c in candidates if c[2].target is not None]
    if len(targets) >= 2:
        candidates = targets  # the sides the user asked about, not the people who speak for them
        bodies = [c[2] for c in candidates if c[2].kind != "person"]
        speaking_for = [c for c in candidates if c[2].kind == "person" and any(_belongs_to(body, c[2]) for body in bodies)]
        if len(candidates) - len(speaking_for) >= 2:
            candidates = [c for c in candidates if c not in speaking_for]  # the union, not its leader
    countries = [c for c in candidates if c[2].kind == "country"]
    if len(countries) >= 2:
        candidates = countries  # "two friends" in a dispute between states: the states, not their ministers
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    if len(candidates) < 2:
        return True
    # a close third that is a group of people ("Stonebridge internationals") after two bodies
    # or states (a federation and a club) does not make the pair ambiguous
    ambiguous = len(candidates) > 2 and candidates[2][0] >= AMBIGUOUS_RATIO * candidates[1][0] \
        and not (candidates[2][2].kind == "group" and {candidates[0][2].kind, candidates[1][2].kind} <= {"org", "country"})
    for _score, _seen, known in candidates[:2]:
        walk._link(known, ref, "description", "parties", ambiguous)
    return True


def _thing(walk: _Walk, ref: Reference) -> None:
    """Remember an unlinked noun phrase (``the mill``, ``farmers``) as something a later
    pronoun may mean, so that ``it`` is not forced onto a target."""
    head = _lemma(ref.head)
    if not head.isalpha() or len(head) < 3:
        return
    entity = walk.registry.register(f"thing:{head}", "other", {head}, ref.start)
    known = walk._known(entity, "thing")
    known.plural = ref.plural
    known.refer(ref.start, ref.sentence, ref.role)

def _learn_narrated_role(walk: _Walk, ref: Reference) -> None:
    """``Marcus Delaney ... . The nominee spent 11 years ...``: the narrator's definite role
    noun (names.json ``person_roles``) as a sentence's subject, right after a sentence whose
    subject or topic was one person target, is that person's role from then on."""
    if ref.role != "subject" or ref.plural or ref.determiner not in ("the", "this"):
        return
    role = _lemma(ref.head) in lexicon_words("person_roles", "roles")
    title = not role and ref.head in name_lexicon()["titles"] and ref.head not in name_lexicon()["institution_heads"]
    if not (role or title):
        return
    before = [k for k in walk.known.values() if k.kind == "person" and k.target and 0 <= k.seen < ref.start and ref.sentence - 1 <= k.salience_sentence <= ref.sentence]
    if len(before) != 1:
        return
    if role:
        before[0].entity.described_as.add(normalise_word(ref.head))
        return
    # "Helen Ashworth keeps a stethoscope ... The shadow health secretary has not seen a
    # patient since": an office no one met so far holds, all its words
    words = {w for w in map(normalise_word, ref.words) if not names_a_body(w)}  # "the party leader": not "the party"
    if any(words <= k.entity.words | k.entity.described_as for k in walk.known.values() if k.kind == "person" and k.seen >= 0):
        return
    before[0].entity.described_as.update(words)


def _learned_role(walk: _Walk, ref: Reference) -> bool:
    """Is ``ref`` a definite singular noun (``the referee``, ``the nominee``) whose head
    the article used as a person's role (an apposition, a word before the name) though
    the lexicon does not list it as a title?"""
    if ref.pos != "NOUN" or ref.plural or ref.determiner not in ("the", "this", "that") or walk.linker.type_of({ref.head}):
        return False
    if ref.head in lexicon_words("place_nouns", "nouns"):
        return False  # "candidate for premier of West Marrow province, Maren Ostby": "the province" is no role
    if names_a_body(ref.head) and any(_lemma(ref.head) in heads for heads in walk.linker._heads.values()):
        return False  # "Board chair Howard Quillfeather ... the board": the target School Board, not his role
    head = normalise_word(ref.head)
    for known in walk.known.values():
        if known.kind != "person" or known.seen < 0 or known.seen >= ref.start:
            continue
        names = {normalise_word(w) for w in known.entity.canonical.split()}
        if head in known.entity.described_as - names or head in known.entity.words - names:
            return True
    return False

def _resolve_title(walk: _Walk, ref: Reference, words: set[str], speaker: Optional[_Known]) -> bool:
    """``the president``: the person whose name carried the title, or whom an apposition
    described with it; the most salient when several did. True when it linked someone.
    Titles that name one office (names.json ``title_synonyms``: a judge is Justice Karras)
    count as the same word."""
    content = {w for w in words if not w.isdigit()} - {"former", "new", "then", "current"}
    # "the agency's chief executive": an organisation noun as possessor says whose, not who
    content -= {
        normalise_word(w) for w, after in zip(ref.words, ref.words[1:] + ("",))
        if (re.search(r"['’]s?$", w) or after in ("'s", "’s", "'", "’")) and _org_types({normalise_word(w)})
    }
    if not content or ref.determiner in ("a", "an", "any", "some") or ref.determiner in POSSESSIVE_DETERMINERS:
        return False  # "a senator", "his lawyer": not one known person
    candidates = _title_holders(walk, ref, content, speaker)
    if not candidates and "of" in ref.words and ref.head in ref.words[: ref.words.index("of")]:
        # "accused the governor of siding with developers": the of-phrase is not the title's
        own = content & {normalise_word(w) for w in ref.words[: ref.words.index("of")]}
        candidates = _title_holders(walk, ref, own, speaker) if own else []
    bodies = {w for w in content if names_a_body(w)}
    if not candidates and bodies and content - bodies:
        # "the committee chair" for "Priya Rao, chair of the Senate Conservation Committee":
        # the body is the role's of-phrase; one holder of the role only
        candidates = _title_holders(walk, ref, content - bodies, speaker)
        candidates = candidates if len(candidates) == 1 else []
    best, ambiguous = walk._rank(candidates)
    if best is not None:
        walk._link(best, ref, "title", "title", ambiguous)
        return True
    named = _titled_by_alias(walk, content, speaker) if ref.determiner in DEFINITE else None
    if named is not None:
        _link_target(walk, named, None, ref, "title", "title", ambiguous=True)
    return named is not None


def _title_holders(walk: _Walk, ref: Reference, content: set[str], speaker: Optional[_Known]) -> list[tuple[float, int, _Known]]:
    """The people met before ``ref`` whose names, titles and descriptions hold every word of ``content``, ranked."""
    same_office = _title_synonyms()
    content = {same_office.get(w, w) for w in content}  # "the congressman": Rep. Dale Whitcomb
    ranks = lexicon_words("office_rank_modifiers") - set(ref.words)
    candidates, other_office = [], []
    for known in walk.known.values():
        if known.kind != "person" or known.seen < 0 or known.seen >= ref.start or known is speaker:
            continue
        known_words = known.entity.words | known.entity.described_as | {country_word(w) for w in known.entity.words}
        known_words |= {same_office[w] for w in known_words if w in same_office}
        if content <= known_words:
            exact = ref.head in known.raw
            rank = (known.score(ref.sentence) + PROMINENCE_WEIGHT * known.topic(ref.sentence) + (EXACT_TITLE if exact else 0.0), known.seen, known)
            # "the housing secretary" is the Housing Secretary before the shadow housing secretary
            (other_office if known_words & ranks else candidates).append(rank)
    return candidates or other_office


def _titled_by_alias(walk: _Walk, content: set[str], speaker: Optional[_Known]) -> Optional[str]:
    """The one person target whose aliases give it the title (``Prime Minister Simon Hartley``),
    for a title the article uses before it names them."""
    same_office = _title_synonyms()
    content = {same_office.get(w, w) for w in content}
    found = []
    for target in walk.linker.targets:
        if target.name not in walk.persons or speaker is not None and speaker.target == target.name:
            continue
        words = {same_office.get(w, w) for alias in target.aliases for w in (normalise_word(t) for t in alias.split())}
        if content <= words:
            found.append(target.name)
    return found[0] if len(found) == 1 else None




@lru_cache(maxsize=None)
def _title_synonyms() -> dict[str, str]:
    """names.json ``title_synonyms``: a title word -> the first word of its group (justice -> judge)."""
    return {word: group[0] for group in name_lexicon().get("title_synonyms", ()) for word in group}

def _resolve_description(walk: _Walk, ref: Reference, words: set[str], speaker: Optional[_Known]) -> bool:
    """Link a description to a target; True when it named something (target or not)."""
    head = _lemma(ref.head)
    if ref.determiner in POSSESSIVE_DETERMINERS and head in _relations():
        return _relation(walk, ref, head, speaker)
    if ref.determiner in POSSESSIVE_DETERMINERS and head in lexicon_words("rivals", "nouns"):
        return _rival(walk, ref, speaker)
    if ref.determiner in POSSESSIVE_DETERMINERS and head in lexicon_words("counterparts", "nouns"):
        return _counterpart(walk, ref, speaker)
    if head == "party" and (ref.determiner or ref.words[0]) in ("his", "her", "their"):
        return _possessor_party(walk, ref)  # "his party", "his party's plan"
    # the target's own head noun: "the bill", "her groundwater bill", "a robot"
    same = [t for t, heads in walk.linker._heads.items() if head in heads]
    learned = [k for k in walk.known.values() if k.target and head in k.heads and k.target not in same]
    kind = walk.linker.type_of({head}) - {"country"} if head in _KIND_NOUNS else set()
    if not same and kind and any(k.kind == "org" and k.types & kind and k not in learned for k in walk.known.values() if k.seen >= 0):
        # "Kaito Cells, the Osaka-based company": one company among others, not the only "the company"
        learned = []
    same += [k.target for k in learned]
    if not same:
        same = _things_named_by_their_words(walk, ref) or _body_named_by_its_members(walk, ref)
    if len(same) == 1:
        name = same[0]
        if speaker is not None and speaker.target == name:
            return True
        definite = ref.determiner in DEFINITE or ref.determiner in POSSESSIVE_DETERMINERS
        if _plural_name(name) and not ref.plural and definite and ref.determiner not in ("this", "that"):
            return False  # "his government" is not "European governments"
        if ref.plural and not ref.determiner and not _plural_name(name) and name not in walk.persons:
            return False  # "every time airlines merge": airlines at large, not Skyward Airlines
        if not _modifiers_agree(name, ref):
            return False  # "security forces" are not "outside forces"
        indefinite = ref.determiner in ("a", "an", "any", "some")
        known = walk._known_target(name)
        if known is None and not indefinite:
            # a target first met through its head noun ("$9 billion deal", "the merger"; not "a deal")
            # is now in the article: later descriptions of its type ("the transaction") may mean it
            known = walk._introduce(name, ref)
        _link_target(walk, name, known, ref, "description", "indefinite_description" if indefinite else "description")
        return True
    # a definite noun of the target's type: "the company", "the ministry", "the Central Asian nation"
    if ref.determiner not in DEFINITE and ref.determiner not in ("its", "their", "his", "her"):
        return _cataphoric(walk, ref, head)
    wanted = walk.linker.type_of({head, ref.head})
    if not wanted and head in lexicon_words("governing_bodies", "nouns") and ref.determiner in ("the", "this") and len(ref.words) == 1:
        wanted = {"team"}  # "the board" with no board among the targets: the club's
    if not wanted:
        return False
    if ref.determiner in ("his", "her", "their") and "country" in wanted:
        return _possessor_country(walk, ref)
    candidates = _kind_candidates(walk, ref, head, wanted, speaker)
    if any(known.types for _, _, known in candidates):
        # "this club" is Castlemere Athletic, known as a club, before a supporters' trust of no known kind,
        # unless named in the same sentence ("Redbridge workers learned of it, and the company ...")
        candidates = [c for c in candidates if c[2].types or walk.sentence_at(c[2].seen) == ref.sentence]
    # the founder's "the company" is her own company, known as one, whoever else is in view;
    # the blind sets annotate such explicit self-side descriptions (her "we" and "it" stay unlinked)
    own = [c for c in candidates if speaker is not None and speaker.kind == "person" and c[2].types and _belongs_to(c[2], speaker)]
    best, ambiguous = walk._rank(own or candidates)
    if best is None:
        return False
    if speaker is not None and speaker.kind != "person" and _belongs_to(best, speaker):
        return True  # a body's spokesman's "the agency" is the body speaking of itself: no target
    if not best.types and not ambiguous:
        best.types = set(wanted)  # "Harwick Albion ... the club": a club from now on, never "the carmaker"
    walk._link(best, ref, "description", "type_description", ambiguous)
    return True


def _cataphoric(walk: _Walk, ref: Reference, head: str) -> bool:
    """"Water company sacked engineer ...", "A water company dismissed ...": a headline or a
    first paragraph describes, before naming it, the one target of its kind (by its name's
    type: Northmoor Water, a company). Linked at the indefinite-description score."""
    if ref.plural or ref.determiner not in ("", "a", "an") or ref.start >= walk.lede_end:
        return False
    wanted = walk.linker.type_of({head}) - {"country"}
    if not wanted:
        return False
    fitting = [t.name for t in walk.linker.targets if t.name not in walk.persons and walk.linker.name_types(t.name) & wanted]
    if len(fitting) != 1 or walk._known_target(fitting[0]) is not None:
        return False  # none or several of that kind, or named already: not a description before its name
    _link_target(walk, fitting[0], None, ref, "description", "indefinite_description")
    return True


def _lede_end(text: str, headline_end: int) -> int:
    """Where the first paragraph after the headline ends (the article's end if none)."""
    start = headline_end + 2 if headline_end > 0 else 0
    end = text.find("\n\n", start)
    return end if end >= 0 else len(text)


def _kind_candidates(walk: _Walk, ref: Reference, head: str, wanted: set[str], speaker: Optional[_Known]) -> list[tuple[float, int, _Known]]:
    """The bodies and countries a definite noun of these types (``the company``) may mean, ranked."""
    # the latest subject before the description in its sentence is not what it describes
    clause_subject = max((k.subject_at[1] for k in walk.known.values() if k.subject_at[0] == ref.sentence and k.subject_at[1] < ref.start), default=-1)
    candidates = []
    for known in walk.known.values():
        if known.seen < 0 or known.seen >= ref.start or known.kind in ("person", "place") or known is speaker:
            continue
        if known.kind == "thing" and not known.types:
            continue
        if "court" in wanted and not _court_level_fits(known, ref):
            continue
        if ref.role != "subject" and known.subject_at[0] == ref.sentence and known.subject_at[1] == clause_subject:
            continue  # "Beijing opposes attempts to undermine the Central Asian nation": not Beijing
        if _of_wanted_kind(known, ref, head, wanted):
            rank = known.topic(ref.sentence) + 0.3 * known.score(ref.sentence)
            if walk.sentence_at(known.seen) == ref.sentence and not (speaker is not None and _belongs_to(known, speaker)):
                rank += SAME_SENTENCE_BONUS  # "According to a person familiar with TRG's thinking, the company ..."
            candidates.append((rank, known.seen, known))
    return candidates


def _of_wanted_kind(known: _Known, ref: Reference, head: str, wanted: set[str]) -> bool:
    """Can a description of these types (``the company``, ``this country``, ``the government``) mean ``known``?"""
    if known.kind == "country":
        # "the government" with no body so named: the country's ("Ireland ... the government")
        governs = head == "government" and ref.determiner in ("the", "this") and not ref.plural
        return ("country" in wanted or governs) and _country_fits(known, ref)
    if wanted == {"country"}:
        return False  # "this country" is no body named "First Nations"
    if head == "government" and "government" not in known.heads:
        return False  # "the government" is a state's or one named so, not any agency ("the European Commission")
    # a brand or a club is often named without its kind: "Norvik", "Harwick Albion"
    return bool(known.types & wanted) or bool(
        not known.types and wanted & UNTYPED_NAMES and known.kind == "org" and ref.determiner in DEFINITE
    )


def _body_named_by_its_members(walk: _Walk, ref: Reference) -> list[str]:
    """``the retailers`` for the Central Brantley Retailers' Association, ``the neighbors``
    for Millbrook Neighbors United: a definite plural noun alone that is a word of the name
    of one body met before, the people it gathers."""
    if not ref.plural or ref.determiner not in ("the", "these", "those") or len(ref.words) != 1:
        return []
    word = ref.words[0].lower()
    found = [
        k.target for k in walk.known.values()
        if k.target and k.kind in ("org", "group") and 0 <= k.seen < ref.start and word in {re.sub(r"['’]s?$", "", w.lower()) for w in k.target.split()}
    ]
    return found if len(found) == 1 else []


def _things_named_by_their_words(walk: _Walk, ref: Reference) -> list[str]:
    """The targets that are things (a bill, a deal, a project) a phrase names by their own
    words: a kind-of-thing head with one of the name's distinctive words (``rent bill`` for
    the Fair Rent Act, ``a gas pipeline agreement`` for the Trans-Caspian Pipeline), or,
    definite, the word before the name's own kind-of-thing head (``the corridor`` for the
    grain corridor deal)."""
    if not walk.linker._thing_words:
        return []
    thing_heads = _thing_heads()
    head = _lemma(ref.head)
    before_of = ref.words[: ref.words.index("of")] if "of" in ref.words else ref.words
    words = {_lemma(w) for part in before_of for w in re.split(r"[\s-]+", part) if w.isalpha()} - {head}
    found = []
    for name, (name_words, distinctive) in walk.linker._thing_words.items():
        if name in walk.persons:
            continue
        if head in thing_heads and words & distinctive:
            found.append(name)
        elif len(name_words) >= 2 and name_words[-1] in thing_heads and head == name_words[-2] and ref.determiner in DEFINITE:
            found.append(name)
    return found


@lru_cache(maxsize=None)
def _thing_heads() -> frozenset:
    """The head nouns of the kinds of thing (names.json ``reference_types`` of THING_TYPES)."""
    return frozenset().union(*(reference_types().get(kind, ()) for kind in THING_TYPES))


def _thing_target_words(targets: Sequence[Target], linker: "TargetLinker") -> dict[str, tuple[list[str], set[str]]]:
    """For each target whose name says it is a thing (a bill, a deal, a project): the
    lemmas of its name (before an ``of`` phrase) and the distinctive ones among them."""
    def lemmas(name: str) -> list[str]:
        return [_lemma(w) for w in re.split(r"[\s-]+", name.split(" of ")[0].lower()) if w.isalpha()]

    out = {}
    for target in targets:
        forms = (target.name, *target.aliases)
        if not any(linker.name_types(form) & THING_TYPES for form in forms):
            continue
        # "Bill C-62" also known as the Critical Minerals Partnership Act: "the minerals bill"
        distinctive = {w for form in forms for w in lemmas(form) if w not in _thing_heads() and w not in _FUNCTION_WORDS and len(w) > 2}
        out[target.name] = (lemmas(target.name), distinctive)
    return out


def _modifiers_agree(name: str, ref: Reference) -> bool:
    """A target named by a common noun phrase (``outside forces``) is defined by its
    modifiers: a phrase with other ones (``security forces``) is something else."""
    words = name.split()
    if not _plural_name(name) and not name[:1].islower() or len(words) < 2:
        return True
    own = {w.lower() for w in words[:-1]}
    modifiers = {w for w in ref.words[:-1] if w.isalpha() and w not in DETERMINERS and w not in ("any", "all", "some", "every", "such")}
    return not modifiers or bool(modifiers & own)

def _possessor_country(walk: _Walk, ref: Reference) -> bool:
    """``her country``: the country of the person ``her`` means (the demonym in their title)."""
    gender = {"his": "m", "her": "f"}.get(ref.determiner)
    people = [k for k in walk.known.values() if k.kind == "person" and k.seen >= 0 and k.seen <= ref.start and (gender is None or k.entity.gender in (gender, None))]
    if not people:
        return False
    person = max(people, key=lambda k: (k.score(ref.sentence), k.seen))
    words = person.entity.words | person.entity.described_as
    for known in walk.known.values():
        if known.kind != "country" or known.target is None:
            continue
        if known.target.lower() in words or any(demonym.lower() in words for demonym in derived_demonyms(known.target)):
            walk._link(known, ref, "description", "type_description", False)
            return True
    return False


def _link_target(walk: _Walk, name: str, known: Optional[_Known], ref: Reference, kind: str, score_key: str, ambiguous: bool = False) -> None:
    """Link ``ref`` to the target ``name``: through what the linker knows of it, or, for a
    target the article has not met as an entity, by the mention alone."""
    if known is not None:
        walk._link(known, ref, kind, score_key, ambiguous)
        return
    score = LINK_SCORES[score_key] * (AMBIGUOUS_FACTOR if ambiguous else 1.0)
    walk.links.append(TargetMention(name, walk.text[ref.start : ref.end], ref.start, ref.end, kind, round(score, 3)))


def _possessor_party(walk: _Walk, ref: Reference) -> bool:
    """``his party``, ``her own party``: the party target of the person ``his`` means, when
    their names or descriptions say it ("Republican Tom Brenner"), or the one party target
    when they name no party at all (names.json ``party_words``)."""
    person = walk.pronoun_referents.get(ref.start)
    if person is None or person.kind != "person":
        return False
    said = person.entity.words | person.entity.described_as | person.raw | person.side_words
    parties = [t for t in walk.linker.targets if any("party" in form.lower().split() for form in (t.name, *t.aliases))]
    party_words = {_lemma(w) for w in lexicon_words("party_words")}
    said = {_lemma(w) for w in said}
    chosen = None
    for target in parties:
        # the party's own words ("republican", "tory"), not its country ("Conservative Party of Canada")
        words = {_lemma(w) for form in target_forms(target) for w in form.text.lower().split()} & party_words
        if words & said:
            chosen = target
            break
    if chosen is None and len(parties) == 1 and not said & party_words:
        chosen = parties[0]
    if chosen is None:
        return False
    _link_target(walk, chosen.name, walk._known_target(chosen.name), ref, "description", "type_description")
    return True


def statement_links(
    statements: Sequence[Statement], links: Sequence[TargetMention], min_score: float = 0.0, targets: Sequence[Target] = (),
) -> list[list[TargetMention]]:
    """For each statement, its best link per target (text order of first mention), plus the
    targets of the earlier parts of its quote it does not link itself (``carried``).

    A statement's own speaker is never among its targets (``targets`` gives their aliases,
    so a speaker named by one is recognised too).

    Example:
        >>> [[m.kind for m in found] for found in statement_links(statements, links)]  # doctest: +SKIP
        [['demonym'], ['title', 'carried']]
    """
    by_name = {t.name: t for t in targets}
    starts = [m.start for m in links]
    carried: dict[int, dict[str, TargetMention]] = {}
    out = []
    for statement in statements:
        best: dict[str, TargetMention] = {}
        first = bisect.bisect_left(starts, statement.start)
        last = bisect.bisect_left(starts, statement.end)
        for mention in links[first:last]:
            if mention.end > statement.end or mention.score < min_score or is_speaker(by_name.get(mention.target, mention.target), statement.speaker):
                continue
            if _inside(mention, statement.speaker_start, statement.speaker_end) or _inside(mention, statement.cue_start, statement.cue_end):
                continue  # a headline's "Parcelo chief says ...": the speaker's words, not what is said
            current = best.get(mention.target)
            # the first name-like mention (what the classifier is shown), else the surest link
            if current is None or mention.kind in EXPLICIT_KINDS and current.kind not in EXPLICIT_KINDS \
                    or current.kind not in EXPLICIT_KINDS and mention.kind not in EXPLICIT_KINDS and mention.score > current.score:
                best[mention.target] = mention
        found = sorted(best.values(), key=lambda m: m.start)
        if statement.quote_id is not None:
            earlier = carried.setdefault(statement.quote_id, {})
            # a part that names targets of its own has moved on: what it carries is less sure
            score = LINK_SCORES["carried"] if not found else round(LINK_SCORES["carried"] * CARRIED_FACTOR, 3)
            if score >= min_score:
                for target in earlier:
                    if target not in best and not is_speaker(by_name.get(target, target), statement.speaker):
                        found.append(TargetMention(target, None, None, None, "carried", score))
            for mention in found:
                if mention.kind != "carried":
                    earlier.setdefault(mention.target, mention)
        out.append(found)
    return out


def is_speaker(target: Union[str, Target], speaker: Optional[str]) -> bool:
    """Is ``speaker`` (a canonical speaker name) the target itself, by its name, an alias,
    an acronym or a short name? A speaker is never a target of their own statement."""
    if not speaker:
        return False
    target = target if isinstance(target, Target) else Target(target)
    names = {target.name.lower()} | {form.text.lower() for form in target_forms(target)}
    # a speaker named with an apposition ("the country's police watchdog, the Independent
    # Policing Oversight Authority") or a bracketed acronym ("the Fair Trading Commission
    # (FTC") is the target one of its parts names
    parts = [re.sub(r"^the\s+|\s*\(.*$", "", part.strip().lower()) for part in speaker.split(",")]
    return speaker.lower() in names or any(part in names for part in parts if part)


_FOCUS_ADVERBS = {"not", "only", "even", "just", "also", "especially", "particularly"}
_FUNCTION_WORDS = {"of", "for", "at", "in", "on", "to", "from", "with", "by", "and", "&", "'s", "’s"}
_ROLE_END = re.compile(r"\s+(?:of|for|at|in|from|with|on|who|which|that|since)\s+|,")
_PARTITIVE = re.compile(r"\b(?:none|all|some|many|most|each|both|either|neither|any|several|few|one|two|three)\s+of\s+$", re.IGNORECASE)
_PP_GOVERNOR = re.compile(r"([A-Za-z]+)\s+(of|for|at|in|from|with|on)\s+(?:the\s+|a\s+|an\s+)?$")
_EXTRAPOSED = re.compile(
    r"\s+(?:(?:is|was|will be|would be|['’]s)\s+(?:not\s+)?(?:\w+\s+)?(?:for\s+\w+\s+)?(?:to|that)\b|(?:seems|seemed|appears|appeared)\b"
    # a cleft: "it will be the minister who gets the blame", "it was the company that broke it"
    r"|(?:is|was|will be|would be|['’]s)\s+(?:not\s+)?(?:the|a|an|this|that|our|their|his|her)\s+(?:\w+\s+){0,2}?\w+\s+(?:who|whom)\b)",
    re.IGNORECASE,
)
_COPULA_THEN = re.compile(r"(?:\s+(?:is|was|isn['’]t|wasn['’]t)|['’]s)(?:\s+not)?\s+(?:(?:a|an|the)\s+)?(\w+)(?:\s+(\w+))?", re.IGNORECASE)
_COPULA_AFTER = re.compile(r"(?:\s+(?:is|was|isn['’]t|wasn['’]t)|['’]s)(?:\s+not)?\s+(?!\w+(?:ing|ed)\b)", re.IGNORECASE)
_COMMON_POSSESSOR = re.compile(r"^(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*['’]s?\s+(?=\S)")
_QUANTIFIED_SUBJECT = re.compile(
    r"(?:^|[\"“‘(]\s*)(?:no|every|each|any)\s+[a-z]+\s+(?:can|could|will|would|should|must|may|might|shall|is|was|has|had|does|did|ever|wants)\b", re.IGNORECASE
)
_QUANTIFIED = re.compile(r"\b(?:nobody|no one|everyone|everybody|anyone|anybody|someone|somebody|each|every|not a single|not one)\b", re.IGNORECASE)


def _relations() -> dict:
    return {k: v for k, v in name_lexicon().get("relations", {}).items() if not k.startswith("_")}


def _relation(walk: _Walk, ref: Reference, head: str, speaker: Optional[_Known]) -> bool:
    """``his client``: the person whose lawyer (agent, ...) the possessor was introduced as;
    the possessor is the speaker or the person ``his`` means."""
    holders = [h for h in (speaker, walk.pronoun_referents.get(ref.start)) if h is not None]
    for holder in holders:
        for role in _relations()[head]:
            owner = holder.relations.get(role)
            if owner is not None:
                walk._link(owner, ref, "description", "description", False)
                return True
    # "defence barrister Oswin Tremlow KC ... his client": a lawyer introduced without a
    # client is the lawyer of the person on trial, else of the person target most in view
    relation_words = set(_relations()[head])
    for holder in holders if not ref.plural else ():
        if (holder.entity.words | holder.entity.described_as) & COUNSEL_WORDS:
            people = [k for k in _other_person_targets(walk, ref, holder) if not (k.entity.words | k.entity.described_as) & relation_words]
            on_trial = [k for k in people if {"defendant", "accused"} & k.entity.described_as]
            if _link_most_in_view(walk, ref, on_trial or people, "description"):
                return True
    return False


def _counterpart(walk: _Walk, ref: Reference, speaker: Optional[_Known]) -> bool:
    """``his Indonesian counterpart``: the person target (not the possessor) whose names and
    descriptions hold the country the modifier names, else the one who shares an office
    word with the possessor (the person ``his`` means, or the speaker for ``my``)."""
    holder = speaker if ref.determiner in ("my", "our") else walk.pronoun_referents.get(ref.start, speaker)
    if holder is None:
        return False
    def country_words(known: _Known) -> set[str]:
        return {country_word(w) for w in known.entity.words | known.entity.described_as}
    people = _other_person_targets(walk, ref, holder)
    modifiers = {country_word(normalise_word(w)) for w in ref.words[1:-1]}
    found = [k for k in people if modifiers and modifiers <= country_words(k)]
    if not found:
        office = (holder.entity.words | holder.entity.described_as) & _affiliation_roles()
        found = [k for k in people if office & (k.entity.words | k.entity.described_as)]
    return _link_most_in_view(walk, ref, found)


def _rival(walk: _Walk, ref: Reference, speaker: Optional[_Known]) -> bool:
    """``her opponent``, ``my rival``: the person target most in view who is not the
    possessor (the person ``her`` means, or the speaker for ``my``)."""
    holder = speaker if ref.determiner in ("my", "our") else walk.pronoun_referents.get(ref.start)
    if holder is None:
        return False
    return _link_most_in_view(walk, ref, _other_person_targets(walk, ref, holder))


def _other_person_targets(walk: _Walk, ref: Reference, holder: _Known) -> list[_Known]:
    """The person targets met before ``ref`` other than ``holder``."""
    return [k for k in walk.known.values() if k.kind == "person" and k.target and k is not holder and k.target != holder.target and 0 <= k.seen < ref.start]


def _link_most_in_view(walk: _Walk, ref: Reference, people: list[_Known], kind: str = "title") -> bool:
    """Link ``ref`` (as a ``kind``) to the most salient of ``people``; False when there are none."""
    best, ambiguous = walk._rank([(k.score(ref.sentence) + PROMINENCE_WEIGHT * k.topic(ref.sentence), k.seen, k) for k in people])
    if best is None:
        return False
    walk._link(best, ref, kind, kind, ambiguous)
    return True


@lru_cache(maxsize=1)
def _metonyms() -> dict:
    """The lexicon's metonyms (``kremlin`` -> ``Russia``); read once, never changed."""
    return {k: v for k, v in name_lexicon().get("metonyms", {}).items() if not k.startswith("_")}


def _country_fits(known: _Known, ref: Reference) -> bool:
    """A description's own words may say which country: a demonym (``the Kazakh nation``)
    or a region adjective whose countries the lexicon lists (``the Central Asian nation``)."""
    lexicon = name_lexicon()
    name = (known.target or known.entity.canonical).lower()
    text = " ".join(ref.words)
    regions = {k: v for k, v in lexicon.get("regions", {}).items() if not k.startswith("_")}
    for adjective, region in lexicon.get("region_adjectives", {}).items():
        if not adjective.startswith("_") and re.search(r"(?<!\w)" + re.escape(adjective) + r"(?!\w)", text):
            members = regions.get(region.lower())
            if members is not None:
                return name in members
    for word in ref.words:
        country = lexicon["demonyms"].get(word)
        if country is not None:
            return country.lower() == name
    return True


def _court_level_fits(known: _Known, ref: Reference) -> bool:
    """``the trial court`` is no court whose name says it hears appeals, and ``the appeal
    court`` none whose name says it tries cases first (names.json ``court_levels``)."""
    levels = name_lexicon()["court_levels"]
    said = {level for level in ("appeal", "trial") if set(ref.words) & set(levels[level])}
    if len(said) != 1:
        return True
    other = ({"appeal", "trial"} - said).pop()
    name_words = {normalise_word(w) for w in re.split(r"[\s-]+", known.target or known.entity.canonical)}
    return not name_words & set(levels[other])


def _called_a_body(text: str, end: int, phrases: dict[int, Reference]) -> bool:
    """Does the article call the name ending at ``end`` a body: in apposition to a phrase
    headed by an organisation word (``Fair Wages Now, a labor advocacy group``), or followed
    by ``, which`` (``Crescent Sports Partners, which is backed by ...``)?"""
    after = re.match(r"['’]?,\s+", text[end : end + 4])
    if after is None:
        return False
    if text.startswith("which ", end + after.end()):
        return True
    phrase = phrases.get(end + after.end())
    if phrase is None or phrase.pos != "NOUN" or phrase.determiner not in ("a", "an", "the") or phrase.plural:
        return False
    return phrase.head in body_words() and phrase.head not in name_lexicon()["titles"] and phrase.head not in ("prosecutor", "worker")


_APPOSED_AFTER_NAME = re.compile(r",\s+(?:(who)\b|(\d{1,3}),|(?:a|an|the)\s+(?:former\s+)?(?:[a-z-]+\s+)?([a-z-]+)\b|([a-z-]+)\s+(?:of|at)\b)")


def _person_apposed_after(text: str, end: int, person_roles: set) -> bool:
    """``Osric Tellemby, director of the agency``, ``Breck, who took over``, ``Ines Carvalho,
    23,``, ``Lena Ortiz, a former nurse``: what follows the name says it is a person's."""
    m = _APPOSED_AFTER_NAME.match(text, end)
    if m is None:
        return False
    role = m.group(3) or m.group(4)
    return bool(m.group(1) or m.group(2)) or role is not None and (role in person_roles or _lemma(role) in person_roles)


def _label_at(walk: _Walk, start: int, end: int) -> Optional[str]:
    """NER's label for the entity over ``start:end``, if any."""
    for e_start, e_end, label, _ in walk.entities:
        if e_start < end and start < e_end:
            return label
        if e_start >= end:
            break
    return None


_DATELINE_CITY = re.compile(r"(?m)^([A-Z][A-Z’' -]{2,30}?)(?:,[^\n—–]{0,40}?)? (?:—|–|-{1,2}) ")


def _the_dateline_city(text: str, name: str) -> bool:
    """Is ``name`` the city of the article's first dateline (``LINDALE — ...``)?"""
    found = _DATELINE_CITY.search(text, 0, 3000)
    return found is not None and found.group(1).strip().lower() == name.strip().lower()


def _sentence_initial_common_word(walk: _Walk, surface: str) -> bool:
    """``Chemical firm 'poisoned a river'``: one word NER took for a name because it opens a
    headline or sentence, which the article writes in lower case elsewhere ("A chemical
    manufacturer") and never capitalises inside a sentence."""
    word = surface.strip()
    if " " in word or not word.isalpha() or not word[0].isupper() or word.isupper() or walk.linker.target_named(word):
        return False
    if re.search(rf"(?<![\w'’-]){word.lower()}(?![\w'’-])", walk.text) is None:
        return False
    def opens_a_sentence(position: int) -> bool:
        return bool(walk.sentence_starts) and walk.sentence_starts[walk.sentence_at(position)] == position

    return all(
        opens_a_sentence(m.start()) or walk.text[m.start() - 1 : m.start()] in ("\"", "“", "'", "‘") and opens_a_sentence(m.start() - 1)
        for m in re.finditer(rf"(?<![\w'’-]){word}(?![\w'’-])", walk.text)
    )


def _person_shaped(label: str, surface: str) -> bool:
    """An entity NER mislabelled that is shaped like a person's name: a known first name
    ("Marcus Tellbridge") or a first name and a double-barrelled surname tagged ORG
    ("Ilinca Moravetz-Kolb", "Dunstan Felgate-Rowe")."""
    # "OSTMARROW - Dunstan Felgate-Rowe": the name after the dateline NER took into it
    return _first_named(label, surface) or label == "ORG" and double_barrelled(surface[_after_dateline(surface, 0, len(surface)) :])


def _first_named(label: str, surface: str) -> bool:
    """An ORG or unlabelled name that starts with a listed first name (names.json
    ``male_names``, ``female_names`` or the Census ``first_name_genders``) and is shaped
    like a person's name (``Marcus Tellbridge``, ``MILWAUKEE — Claire Dunleavy`` tagged ORG,
    ``LONDON - Helen Ashworth`` tagged FAC; not ``Marcus Group``)."""
    if label not in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "") or not looks_like_person(surface):  # "LONDON - Helen Ashworth" as FAC
        return False
    return is_first_name(surface.split()[0])


def _inside(mention: TargetMention, start: Optional[int], end: Optional[int]) -> bool:
    return start is not None and end is not None and start <= mention.start and mention.end <= end


def _belongs_to(known: _Known, speaker: _Known) -> bool:
    """Is ``known`` the speaker's own side: an organisation or country whose name, or one
    of whose forms (a demonym, a metonym: ``Kremlin spokesman`` -> Russia), describes the speaker?"""
    # "a former FDA reviewer" speaks of the FDA from outside
    described = (speaker.entity.described_as | speaker.side_words) - speaker.entity.formerly | speaker.entity.words
    words = {normalise_word(w) for w in known.entity.canonical.split()}
    if words and words <= described:
        return True
    # "Coralbay's chief executive" speaks for Coralbay Terminals: the name's own words, its type words aside
    own = words - body_words() - _FUNCTION_WORDS
    if known.kind in ("org", "country") and own and own <= speaker.side_words:
        return True
    # "FNP president Marcos Tavares" speaks for the National Federation of Port Workers (FNP):
    # a short form the article gave the body, in the speaker's own name
    if known.kind == "org" and (known.entity.words - words - body_words()) & speaker.entity.words:
        return True
    if known.target is None or known.kind == "person":
        return False
    return any(
        form.kind in ("demonym", "metonym", "acronym") and set(form.text.lower().split()) - DETERMINERS <= described
        for form in target_forms(Target(known.target))
    )


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf")))
    for s, e in spans[max(0, i - 2) : i + 1]:
        if s < end and start < e:
            return True
    return False


def _plural_name(name: str) -> bool:
    """A target named by a plural common noun (``European governments``, ``warehouse robots``)."""
    last = name.split()[-1]
    return last[:1].islower() and last.endswith("s") and not last.endswith("ss")


def _head_nouns(target: Target) -> set[str]:
    """The head nouns that name a non-person target: the last word of its name (before an
    ``of`` phrase and a number) when it is a common noun or an organisation or reference
    type (``bill`` of Senate Bill 90, ``ministry``, ``deal``, ``robot``)."""
    if looks_like_person(target.name):
        return set()
    heads = set()
    lexicon = name_lexicon()
    types = set().union(*lexicon["org_types"].values(), *reference_types().values())
    for name in (target.name, *target.aliases):
        tokens = name.split(" of ")[0].split()
        numbered = False
        while tokens and any(c.isdigit() for c in tokens[-1]):
            tokens.pop()  # "Bill C-62", "Senate Bill 90", "Resolution 2334": the word before the number says what it is
            numbered = True
        words = [w for token in tokens for w in re.sub(r"['’]s?$", "", token).split("-") if w.isalpha()]  # "Citizens’ Dividend"
        if len(words) < 2 and not (numbered and words):
            continue
        last = words[-1]
        if last.lower() in lexicon["demonyms"] or last.lower() in ("states", "kingdom", "republic", "union") and name.lower() in ("united states", "united kingdom"):
            continue
        if last[:1].islower() or last.lower() in types or _lemma(last) in types or last.lower() == "party":
            heads.add(_lemma(last))  # "the bill", "the ministry"; "the party" is the Amberline Party
    # "the alliance" is NATO, "the bloc" the EU (names.json body_descriptions)
    bodies = name_lexicon().get("body_descriptions", {})
    for name in (target.name, *target.aliases):
        heads.update(bodies.get(name.lower(), ()))
    return heads
