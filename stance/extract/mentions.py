"""Speaker resolution: one canonical name per speaker within an article.

No coreference model is available offline, so this is a small, explicit resolver:

- person names: titles and demonyms are stripped (``Kazakh President Tokayev`` ->
  ``Tokayev``) and a short name is mapped to the fullest name seen in the article
  (``Xi`` -> ``Xi Jinping``);
- organisations and media: the proper-noun part of the mention (``The TASS news
  agency`` -> ``TASS``), or the title-cased description for unnamed institutions
  (``the interior ministry`` -> ``Interior Ministry``);
- descriptions (``the TV station``, ``the Kazakh President``) are matched to the most
  recent entity whose mentions carry the same words, with synonyms;
- pronouns go to the most recent compatible speaker (gender from titles, first names
  and earlier pronouns; ``they``/``it`` prefer organisations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from ..lexicons import name_lexicon
from ..records import Statement
from ..targets import ACRONYM, a_company_name
from .spans import TRIM, strip_span, words_with_offsets
from .syntax import SUBJECT_DEPS, doc_offset, is_subject, own_subject, tokens_starting_in

PUBLIC_INSTITUTIONS = {
    "police", "department", "office", "ministry", "council", "court", "committee", "government",
    "administration", "commission", "prosecutors", "authority", "senate", "parliament", "assembly",
    "legislature", "municipality", "sheriff", "fire", "board",
}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
FIRST_PERSON = {"i", "we", "me", "us"}
_AGE_NOUN = re.compile(r"^\d{1,3}-years?-old$")
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_COUNT_WORDS = frozenset({"one", "two", "three", "four", "five", "several", "some"})  # "two diplomats said": diplomats
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_PUNCTUATION = "\"“”‘’'.,;:!?()"
# an acronym given in brackets: after the mention, as one of its words, or closing its name
_ACRONYM_AFTER = re.compile(rf"\s*\(({ACRONYM})\)")
_ACRONYM_TOKEN = re.compile(rf"^\(({ACRONYM})\)?[,;:]?$")
_BRACKETED_ACRONYM = re.compile(rf"^(.+?)\s*\(({ACRONYM})\)?$")


def country_word(word: str) -> str:
    """A demonym or capital as its country (``kazakh`` -> ``kazakhstan``), lower case; other words as they are."""
    lexicon = name_lexicon()
    return lexicon["demonyms"].get(word, lexicon["capitals"].get(word, word)).lower()


def normalise_word(word: str) -> str:
    """Lower-case a word, drop trailing punctuation and a possessive, and map it to its synonym group."""
    word = _POSSESSIVE.sub("", word.lower().rstrip(",;:").strip("()"))
    return name_lexicon()["synonym_of"].get(word, word)


_FORMER = re.compile(r"\b(?:former|ex-|once|onetime|one-time)", re.IGNORECASE)  # a side left behind


@dataclass
class Entity:
    """A speaker or named person seen in the article."""

    canonical: str
    kind: str  # "person", "org" or "other"
    words: set[str] = field(default_factory=set)
    gender: Optional[str] = None
    last_seen: int = 0
    spoke: bool = False
    label: Optional[str] = None  # the NER label it was first seen with
    salient_at: int = -1  # the latest position where it spoke or was a sentence's subject
    described_as: set[str] = field(default_factory=set)  # words of descriptions the article gave it
    formerly: set[str] = field(default_factory=set)  # words of the sides it has left: "a former FDA reviewer"

    def add_description(self, words: set[str], description: str) -> None:
        """Words the article describes it with; a ``former`` description's are also a side it left."""
        self.described_as |= words
        if _FORMER.search(description):
            self.formerly |= words


@dataclass(frozen=True)
class Resolution:
    """A resolved speaker: canonical name (or None) and how sure the resolver is."""

    canonical: Optional[str]
    kind: str
    confidence: float


@dataclass(frozen=True)
class _Mention:
    """A mention being resolved: its words (determiners dropped) and what is known of it."""

    tokens: list
    is_proper: list
    lower: list
    words: set
    position: int
    entity_label: Optional[str]
    entity_text: Optional[str]
    speaking: bool
    salient: bool = False  # a sentence's subject: a later pronoun may mean it


class SpeakerResolver:
    """Keeps the article's entities and resolves speaker mentions to canonical names.

    Feed it the article's spaCy sentences in order (``observe_sentence``) and resolve
    each speaker mention when it is met (``resolve``); state is per article.

    Example:
        >>> resolver = SpeakerResolver()
        >>> resolver.resolve_text("President Xi Jinping", position=0).canonical
        'Xi Jinping'
    """

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_canonical: dict[str, Entity] = {}
        self._by_token: dict[str, list[Entity]] = {}
        self._acronyms: dict[str, Entity] = {}  # an acronym the article gave in brackets -> its bearer

    def register(self, canonical: str, kind: str, words: set[str], position: int, gender: Optional[str] = None) -> Entity:
        """Register an entity by its canonical name (or update the one already known)."""
        entity = self._by_canonical.get(canonical.lower())
        if entity is None:
            entity = Entity(canonical=canonical, kind=kind, gender=gender)
            self._by_canonical[canonical.lower()] = entity
            self.entities.append(entity)
            for token in canonical.lower().split():
                self._by_token.setdefault(token, []).append(entity)
        entity.words |= words
        entity.last_seen = max(entity.last_seen, position)
        if gender and not entity.gender:
            entity.gender = gender
        return entity

    def observe_person(self, mention_tokens: list[str], position: int, subject: bool = False) -> Optional[Entity]:
        """Register a person named in the text (whether or not they speak); ``subject``
        when the name is a sentence's subject (which makes it salient for pronouns)."""
        name_tokens, gender = _person_name(mention_tokens)
        if not name_tokens:
            return None
        canonical = self._full_name(name_tokens)
        words = {normalise_word(t) for t in mention_tokens}
        entity = self.register(canonical, "person", words, position, gender)
        if subject:
            entity.salient_at = max(entity.salient_at, position)
        return entity

    def describe(self, canonical: str, description: str) -> None:
        """Add the words of a description the article gives a known entity (an apposition:
        ``Carla de la Cruz, the tough-on-crime prosecutor``), so the description names it later."""
        entity = self._by_canonical.get(canonical.lower())
        if entity is not None:
            entity.add_description({normalise_word(w) for w in description.split()} - DETERMINERS, description)

    def learn_acronym(self, acronym: str, canonical: str) -> None:
        """``acronym`` (given in brackets after the name) names the entity ``canonical`` from now on."""
        entity = self._by_canonical.get(canonical.lower())
        if entity is not None and entity.kind != "person":
            self._acronyms.setdefault(acronym.lower(), entity)

    def set_gender(self, canonical: str, gender: str) -> None:
        entity = self._by_canonical.get(canonical.lower())
        if entity is not None and entity.gender is None:
            entity.gender = gender

    def _full_name(self, name_tokens: list[str]) -> str:
        """Map a (possibly short) name to the fullest known name containing it."""
        name = " ".join(name_tokens)
        if len(name_tokens) > 1:
            # a longer known name that contains this one wins (``Jinping`` is rare; ``Xi Jinping`` common)
            for entity in sorted(self._by_token.get(name_tokens[-1].lower(), []), key=lambda e: -e.last_seen):
                if entity.kind in ("person", "name") and name.lower() in entity.canonical.lower():
                    return entity.canonical
            return name
        candidates = [
            e for e in self._by_token.get(name.lower(), []) if e.kind in ("person", "name") and len(e.canonical.split()) > 1
        ]
        if candidates:
            return max(candidates, key=lambda e: e.last_seen).canonical
        return name

    def _learned_from_initials(self, acronym: str) -> bool:
        """Learn ``acronym`` for the organisation whose capitalised words spell it (``the FDA``
        after ``the U.S. Food and Drug Administration``, no brackets given)."""
        spelled = _spelled_by(self.entities, acronym)
        if spelled is not None:
            self.learn_acronym(acronym, spelled.canonical)
        return spelled is not None

    def full_name_of(self, name: str) -> str:
        """The fullest known person name containing the one-word ``name`` (or ``name`` itself)."""
        return self._full_name([name])

    def knows(self, word: str) -> bool:
        """Is this word part of a name already met in the article?"""
        return _POSSESSIVE.sub("", word.lower()) in self._by_token

    def resolve_text(self, mention: str, position: int, entity_label: Optional[str] = None) -> Resolution:
        """Resolve a mention given as plain text (tokens split on spaces)."""
        tokens = mention.split()
        proper = [t[:1].isupper() for t in tokens]
        return self.resolve(tokens, proper, position, entity_label)

    def resolve(
        self,
        tokens: list[str],
        is_proper: list[bool],
        position: int,
        entity_label: Optional[str] = None,
        entity_text: Optional[str] = None,
        speaking: bool = True,
        salient: bool = False,
        named_in: str = "",
    ) -> Resolution:
        """Resolve a speaker mention.

        Args:
            tokens: the mention's words, in order.
            is_proper: for each word, whether it is a proper noun (capitalised name part).
            position: character offset of the mention, for recency.
            entity_label: the NER label of a named entity inside the mention, if any.
            entity_text: that entity's text.
            speaking: False to only register the mention (a sentence subject that says nothing).
            salient: the mention is a sentence's subject (a later pronoun may refer to it).
            named_in: what the speaker says; a pronoun never means a person named there
                ('Valentina Rojas would "bankrupt Chile," he said').
        Returns:
            a Resolution; ``canonical`` is None when the mention names nobody.
        """
        tokens = [t for t in tokens if t.strip()]
        if not tokens:
            return Resolution(None, "other", 0.0)
        lower = [t.lower() for t in tokens]
        if len(tokens) == 1 and lower[0] in PERSON_PRONOUNS:
            return self._resolve_pronoun(PERSON_PRONOUNS[lower[0]], position, named_in)
        if len(tokens) == 1 and lower[0] in GROUP_PRONOUNS:
            return self._resolve_group_pronoun(position)
        if speaking and len(tokens) == 2 and lower[0] == "the" and entity_label == "NORP" and _one_national(tokens[1]):
            return self._resolve_pronoun(None, position, named_in)  # '"...," the Swede said': the person just quoted or named
        if len(tokens) == 1 and lower[0] in FIRST_PERSON:
            return Resolution(None, "other", 0.0)
        coordinated = _coordinated_names(tokens, is_proper, entity_label)
        if coordinated is not None:
            # "Abe Lincoln and Ben Franklin": two people, never one speaker; the first answers
            first, second = coordinated
            self.observe_person(second, position)
            return self.resolve(first, [True] * len(first), position, None, None, speaking)
        had_determiner = tokens[0].lower() in DETERMINERS
        while tokens and tokens[0].lower() in DETERMINERS:
            tokens, is_proper, lower = tokens[1:], is_proper[1:], lower[1:]
        if not tokens:
            return Resolution(None, "other", 0.0)
        mention = _Mention(tokens, is_proper, lower, {normalise_word(t) for t in tokens}, position, entity_label, entity_text, speaking, salient)
        found = self._resolve_person(mention)
        if found is None and had_determiner and not is_proper[-1]:
            found = self._resolve_description(mention)
        if found is None:
            found = self._resolve_proper(mention)
        return found if found is not None else self._resolve_other(mention)

    def _spoke(self, entity: Entity, mention: "_Mention", kind: str, confidence: float) -> Resolution:
        """Mark ``entity`` as met (and speaking) at the mention; answer it."""
        entity.spoke = entity.spoke or mention.speaking
        if mention.speaking or mention.salient:
            entity.salient_at = max(entity.salient_at, mention.position)
        return Resolution(entity.canonical, kind, confidence)

    def _resolve_person(self, m: "_Mention") -> Optional[Resolution]:
        """A titled or NER-tagged person: ``President Xi Jinping`` -> ``Xi Jinping``."""
        lexicon = name_lexicon()
        is_person = m.entity_label == "PERSON" or (
            any(m.is_proper)
            and any(w in lexicon["titles"] for w in m.lower)
            and m.entity_label not in ("ORG", "GPE", "NORP", "FAC", "PRODUCT")
            and not any(w in lexicon["institution_heads"] for w in m.lower)
        )
        name_tokens = None
        if m.entity_label == "PERSON" and m.entity_text:
            # NER spans often carry the title ("Councilman Bob Smith")
            name_tokens = _person_name(m.entity_text.split())[0] or m.entity_text.split()
            name_tokens[-1] = _POSSESSIVE.sub("", name_tokens[-1])
        if not (is_person or (m.entity_label == "ORG" and _titled_person(m.lower, m.is_proper))):
            return None
        if m.entity_label != "PERSON" and any(names_a_body(w) for w in (m.lower[-1], m.lower[-1][:-1])):
            return None  # "The Confederation of Free Trade Unions": headed by a body, whatever "Trade" is
        person_tokens, gender = _person_name(m.tokens, m.is_proper)
        if name_tokens is None or _extends(person_tokens, name_tokens):
            # NER may stop short of the mention's own name ("Ursula von der" + "Leyen")
            name_tokens = person_tokens
        if not name_tokens:
            return None
        entity = self.register(self._full_name(name_tokens), "person", m.words, m.position, gender)
        return self._spoke(entity, m, "person", 0.95)

    def _resolve_description(self, m: "_Mention") -> Optional[Resolution]:
        """``the TV station``, ``the Kazakh President``: a description of someone met before;
        a bare organisation noun (``the union``) may fall back to the latest organisation of that type."""
        titles = name_lexicon()["titles"]
        bare = not any(m.is_proper) and not any(w in titles for w in m.lower[:-1])
        described = match_description(self.entities, m.words, m.position, head=m.lower[-1] if bare else None, head_noun=m.lower[-1])
        if described is None:
            return None
        described.last_seen = m.position
        return self._spoke(described, m, described.kind, 0.75)

    def _resolve_proper(self, m: "_Mention") -> Optional[Resolution]:
        """A proper-noun run names an organisation, a place's institution or a short name."""
        proper_run = _proper_run(m.tokens, m.is_proper)
        if not proper_run or _modifies_a_common_noun(m, proper_run, self.entities):
            return None  # "A senior Egyptian diplomat", "Kazakh officials": people described, not Egypt
        canonical = proper_run
        entity_text = m.entity_text
        if m.entity_label in ("ORG", "PRODUCT", "FAC", "WORK_OF_ART") and entity_text:
            entity_text = _strip_determiner(entity_text)
            # the entity and the proper-noun run usually agree; keep the fuller name
            if proper_run in entity_text or entity_text not in proper_run:
                canonical = entity_text
        # "Danbury police", "the Connecticut attorney general's office": a place
        # followed by a public institution names that place's institution
        canonical = _with_institution(m.tokens, m.is_proper, canonical) or canonical
        canonical = _strip_determiner(_POSSESSIVE.sub("", canonical))
        # "the Maritime and Dockworkers Union (MDU)": the name, and its acronym for later
        bracketed = _BRACKETED_ACRONYM.match(canonical)
        acronym = next((found.group(1) for found in map(_ACRONYM_TOKEN.match, m.tokens[1:]) if found), None)
        if bracketed is not None:
            canonical, acronym = bracketed.group(1), bracketed.group(2)
        elif acronym is None and (canonical.lower() in self._acronyms or self._learned_from_initials(canonical)):
            known = self._acronyms[canonical.lower()]
            known.last_seen = m.position
            return self._spoke(known, m, known.kind, 0.85)
        words = canonical.split()
        post_nominal = len(words) >= 3 and _is_post_nominal(words[-1])
        if post_nominal:  # "Dominic Grieve QC": a person, named without the letters
            canonical = " ".join(words[:-1])
        if len(canonical.split()) == 1:
            # a single name may be a short form of a person met before ("Xi"), or of an
            # organisation ("Greystone" for Greystone Utilities)
            full = self._full_name([canonical])
            known = self._by_canonical.get(full.lower())
            if known is not None and known.kind in ("person", "name") and full != canonical:
                known.last_seen = m.position
                return self._spoke(known, m, "person", 0.9)
            organisation = _organisation_named_by(self._by_token.get(canonical.lower(), []), canonical) if len(m.tokens) == 1 else None
            if organisation is not None:
                organisation.last_seen = m.position
                return self._spoke(organisation, m, "org", 0.85)
        if m.entity_label == "PERSON" or post_nominal or _first_name_and_surname(canonical):
            kind = "person"
        elif m.entity_label in ("ORG", "GPE", "NORP", "FAC", "PRODUCT") or any(w in name_lexicon()["institution_heads"] for w in m.lower):
            kind = "org"
        else:
            kind = "name"  # an unknown proper name: a person or an organisation
        entity = self.register(canonical, kind, m.words, m.position)
        entity.label = entity.label or m.entity_label
        if acronym is not None:
            self.learn_acronym(acronym, entity.canonical)
        return self._spoke(entity, m, kind, 0.9)

    def _resolve_other(self, m: "_Mention") -> Resolution:
        """No name: a description met before, an institution (title-cased), or the words themselves."""
        described = match_description(self.entities, m.words, m.position, head_noun=m.lower[-1]) or _spoken_for(self.entities, m)
        if described is not None:
            described.last_seen = m.position
            return self._spoke(described, m, described.kind, 0.75)
        if _only_an_age(m.lower) and (in_view := self._resolve_pronoun(None, m.position)).canonical is not None:
            # '"...," the 52-year-old told reporters': the person in view; "the 57-year-old mayor" says what she is
            self.describe(in_view.canonical, " ".join(w for w in m.lower if not _AGE_NOUN.match(w)))
            return self._spoke(self._by_canonical[in_view.canonical.lower()], m, "person", in_view.confidence)
        if any(w in name_lexicon()["institution_heads"] for w in _before_a_preposition(m.lower)):
            canonical = " ".join(t[:1].upper() + t[1:] for t in m.tokens)
            return self._spoke(self.register(canonical, "org", m.words, m.position), m, "org", 0.8)
        return self._spoke(self.register(" ".join(_without_count(m.tokens)), "other", m.words, m.position), m, "other", 0.6)

    def _resolve_pronoun(self, gender: Optional[str], position: int, named_in: str = "") -> Resolution:
        named = {_POSSESSIVE.sub("", w.strip(_NAME_PUNCTUATION)) for w in named_in.split() if w[:1].isupper()}
        possible = [e for e in self.entities if e.last_seen <= position and (gender is None or e.gender in (gender, None)) and e.canonical.split()[-1] not in named]
        candidates = [e for e in possible if e.kind == "person" or e.kind == "name" and _looks_like_a_person(e)]
        if not candidates:
            candidates = [e for e in possible if e.kind == "name" and e.spoke]
        if not candidates:
            return Resolution(None, "person", 0.0)
        # prefer earlier speakers over people only mentioned, then recency
        # the most recent salient person (a speaker or a sentence's subject) wins;
        # a gender that does not match is never taken; people only mentioned come last
        best = max(candidates, key=lambda e: (e.salient_at >= 0, e.salient_at, e.gender == gender, e.last_seen))
        if best.gender is None:
            best.gender = gender
        best.last_seen = best.salient_at = position
        return Resolution(best.canonical, "person", 0.7)

    def _resolve_group_pronoun(self, position: int) -> Resolution:
        candidates = [
            e for e in self.entities if e.last_seen <= position and (e.kind in ("org", "name") or e.spoke and e.kind == "other")
        ]
        if not candidates:
            return Resolution(None, "other", 0.0)
        # as for people: the most recent salient one (a speaker or a subject) first
        best = max(candidates, key=lambda e: (e.salient_at >= 0, e.salient_at, e.last_seen))
        best.last_seen = best.salient_at = position
        return Resolution(best.canonical, best.kind, 0.6)


def _unlabelled_names(sent, text: str) -> list:
    """Name spans NER did not tag as people: a known first name followed by capitalised
    names (``Theresa Amankwah, the families' lead lawyer, ...``), or a first name NER tags
    alone as a place before a word the article uses again on its own ("ALDSHAW — Edwina
    Tavistrom keeps ...", then "Tavistrom says")."""
    lexicon = name_lexicon()
    runs = []
    i = sent.start
    while i < sent.end:
        token = sent.doc[i]
        j = i + 1
        misfire = token.ent_type_ in ("GPE", "LOC", "ORG", "NORP") and token.ent_iob_ == "B" and (i + 1 >= sent.end or sent.doc[i + 1].ent_iob_ != "I")
        known_first = is_first_name(token.lower_) and (not token.ent_type_ or misfire)  # the world list too: "Noemi Castellvi"
        if (known_first or misfire and token.pos_ == "PROPN") and token.text[:1].isupper():
            while j < sent.end and sent.doc[j].pos_ == "PROPN" and sent.doc[j].text[:1].isupper() and sent.doc[j].ent_type_ in ("", "PERSON"):
                j += 1
            if known_first and j - i >= 2 or misfire and j - i == 2 and _named_again(text, sent.doc[i + 1].text):
                runs.append(sent.doc[i:j])
        i = j
    return runs


def _named_again(text: str, word: str) -> bool:
    """Does the article use ``word`` more than once, as a surname is used on its own?"""
    if not word.isalpha() or names_a_body(word.lower()) or word.lower() in name_lexicon()["titles"]:
        return False
    return len(re.findall(rf"\b{re.escape(word)}\b", text)) >= 2


def _organisation_named_by(entities: list[Entity], word: str) -> Optional[Entity]:
    """The most recent organisation whose longer name starts with ``word`` (``Greystone``
    for Greystone Utilities) or, failing that, ends with it (``the Commission`` for the
    European Commission, ``the Stingrays`` for Illawarra Stingrays)."""
    organisations = [e for e in entities if e.kind == "org" and len(e.canonical.split()) > 1]
    for position in (0, -1):
        found = [e for e in organisations if e.canonical.split()[position].lower() == word.lower()]
        if found:
            return max(found, key=lambda e: e.last_seen)
    return None


def _named_as(entities: list[Entity], noun: str, position: int) -> Optional[Entity]:
    """``Avenor Insurance ..., the insurer said``: the latest body whose own name says what a
    kind-of-company noun says (a later word of the name sharing its first five letters); not
    for institution words ("the ministry"), which ``match_description`` resolves by type."""
    if len(noun) < 5 or not _org_types({noun}) or noun in name_lexicon()["institution_heads"]:
        return None
    named = [e for e in entities if e.kind in ("org", "name") and e.last_seen <= position
             and any(w[:5] == noun[:5] and w != noun for w in e.canonical.lower().split()[1:])]
    return max(named, key=lambda e: e.last_seen, default=None)


def _spelled_by(entities: list[Entity], acronym: str) -> Optional[Entity]:
    """The most recent organisation whose capitalised words' initials are ``acronym``."""
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
        return None
    spelled = [e for e in entities if e.kind == "org" and "".join(w[0] for w in e.canonical.split() if w[:1].isupper() and w.isalpha()) == acronym]
    return max(spelled, key=lambda e: e.last_seen) if spelled else None


def _only_an_age(words: list[str]) -> bool:
    """``the 52-year-old``, ``the 57-year-old mayor``: an age and nothing else, or an age
    and one singular noun that names no body: a person the story has already named."""
    words = [w for w in words if w not in DETERMINERS]
    if len(words) == 2 and _AGE_NOUN.match(words[0]) and words[1].isalpha() and singular_noun(words[1]) == words[1]:
        return not names_a_body(words[1])
    return bool(words) and all(_AGE_NOUN.match(w) for w in words)


def match_description(entities: list[Entity], words: set[str], position: int, head: Optional[str] = None, head_noun: Optional[str] = None) -> Optional[Entity]:
    """The most recent entity a definite description refers to.

    First by words (``the Kazakh President`` -> the person whose mentions carried
    both words); else, for an organisation noun (``the union``, ``the online
    retailer``, given as ``head``), the most recent organisation of a compatible type.
    ``head_noun`` is the description's last word: an organisation word never names a person.
    """
    lexicon = name_lexicon()
    content = {w for w in words if w not in DETERMINERS}
    named_so = _named_as(entities, head or head_noun or "", position)
    if named_so is not None:
        return named_so
    # a bare role word ("the mayor") must be a title or an institution word to count, or one
    # the article gave a person ("the team's leading rider, Luca Brasch" ... "the former rider")
    learned = head_noun is not None and head_noun not in lexicon["titles"] and any(e.kind == "person" and head_noun in e.described_as for e in entities)
    if learned:
        content -= {"former", "ex"}
    elif not content or not any(w in lexicon["titles"] or w in lexicon["institution_heads"] or w in lexicon["synonym_of"].values() for w in content):
        return None
    best: Optional[Entity] = None
    # "the company" is never a person, even one introduced as "company spokesman Erik Dahl"
    org_noun = head_noun is not None and bool(_org_types({head_noun})) and head_noun not in lexicon["titles"]
    for entity in entities:
        if org_noun and entity.kind == "person":
            continue
        if entity.last_seen <= position and content <= entity.words | entity.described_as:
            if best is None or entity.last_seen > best.last_seen:
                best = entity
    if best is not None or head is None:
        return best
    wanted = _org_types({head})
    if not wanted:
        return None
    untyped = []
    typed: Optional[Entity] = None
    for entity in entities:
        if entity.kind not in ("org", "name") or entity.label in ("GPE", "NORP") or entity.last_seen > position:
            continue
        types = _org_types(entity.words | set(entity.canonical.lower().split()))
        if not types and a_company_name(entity.canonical.lower().split()):
            types = {"company"}  # "Carrack Minerals": its name says it is a company
        # companies carry arbitrary names ("Parcelo"); other kinds must show their type
        compatible = types & wanted or (not types and "company" in wanted)
        if compatible and (best is None or entity.last_seen > best.last_seen):
            best = entity
        elif not types and "team" in wanted:
            untyped.append(entity)
        if types & wanted and (typed is None or entity.last_seen > typed.last_seen):
            typed = entity
    # "the company" after "Carrack Minerals ... from Brenmoor": the name that says it is one
    # before a later name that says nothing; clubs ("Brackwater Comets") may be untyped, but
    # only where no other untyped name could be meant
    if typed is not None or best is not None:
        return typed or best
    return untyped[0] if len(untyped) == 1 else None


def _spoken_for(entities: list[Entity], m: "_Mention") -> Optional[Entity]:
    """``a spokesman for the authority``: the body met before that the mention speaks for."""
    if "for" not in m.lower[:-1]:
        return None
    tail = m.lower[m.lower.index("for") + 1 :]
    described = match_description(entities, {normalise_word(w) for w in tail}, m.position, head=tail[-1], head_noun=tail[-1])
    return described if described is not None and described.kind != "person" else None


def _looks_like_a_person(entity: Entity) -> bool:
    """An unlabelled name (NER missed it) that reads as a person's: two or three
    capitalised words, none an organisation or institution word, salient in the article."""
    words = entity.canonical.split()
    lexicon = name_lexicon()
    return (
        entity.salient_at >= 0
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not _org_types({w.lower() for w in words})
        and not any(w.lower() in lexicon["institution_heads"] for w in words)
    )


def _org_types(words: set[str]) -> set[str]:
    """Which kinds of organisation (union, company, agency, media, ...) these words suggest."""
    return {kind for kind, cues in name_lexicon()["org_types"].items() if words & cues}


def names_a_body(word: str) -> bool:
    """Is this (lower-case) word an institution or organisation word (``ministry``,
    ``committee``, ``union``, ``company``)?"""
    return word in name_lexicon()["institution_heads"] or bool(_org_types({word}))


def _with_institution(tokens: list[str], is_proper: list[bool], proper_run: str) -> Optional[str]:
    """Extend a place name over the institution words after it, title-cased."""
    lower = [t.lower() for t in tokens]
    last = max((i for i, w in enumerate(lower) if _POSSESSIVE.sub("", w) in PUBLIC_INSTITUTIONS), default=None)
    first = next((i for i, p in enumerate(is_proper) if p), None)
    if last is None or first is None or last <= first or " ".join(tokens[first : last + 1]).startswith(proper_run + " ") is False:
        return None
    words = tokens[first : last + 1]
    return " ".join(w if w[:1].isupper() else w[:1].upper() + w[1:] for w in words)


def _modifies_a_common_noun(m: "_Mention", proper_run: str, entities: list[Entity]) -> bool:
    """Is the mention's only name a place or people (NER's GPE or NORP, a demonym, or a place
    noun capitalised because it opens the sentence: ``City officials``) before a
    common-noun head (``senior Egyptian diplomat``, ``US official``, ``Kazakh officials``), and
    not the short name of a body met before (``a Lakeshore spokeswoman``: Lakeshore Health's)?"""
    tagged = m.entity_label in ("NORP", "GPE") and bool(m.entity_text) and _strip_determiner(m.entity_text) == proper_run
    demonyms = all(w.lower() in name_lexicon()["demonyms"] for w in proper_run.split())
    place_noun = proper_run.lower() in name_lexicon()["place_nouns"]["nouns"]  # "City officials said" at a sentence's start
    return (tagged or demonyms or place_noun) and not m.is_proper[-1] and m.lower[-1].isalpha() and not m.tokens[-1][:1].isupper() \
        and _organisation_named_by(entities, proper_run.split()[0]) is None


def _before_a_preposition(words: list[str]) -> list[str]:
    """The words of a mention before its first preposition: "two officials at the ministry" are
    officials, not a ministry; "Ministry of Labour" is one."""
    cut = next((i for i, w in enumerate(words) if i and w in ("at", "in", "from", "with", "on")), len(words))
    return words[:cut]


def singular_noun(word: str) -> str:
    """A crude singular for head nouns (``robots`` -> ``robot``, ``ministries`` -> ``ministry``)."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def one_of_them(mention: str, earlier: Optional[Statement]) -> Optional[str]:
    """``Two officials in the premier's office said ... One said``: who the speaker mention
    "One" is (an official), from the statement before it when its speaker mention counts
    people; else None."""
    if mention.lower() != "one" or earlier is None:
        return None
    words = earlier.speaker_mention.split() if earlier.speaker_mention else []
    if not words or words[0].lower() not in _COUNT_WORDS - {"one"}:
        return None
    noun = next((w for w in words[1:] if w.isalpha() and w.islower()), None)
    return singular_noun(noun) if noun is not None and noun.endswith("s") else None


_AGE_APPOSED = re.compile(r",\s*\d{2},")


def _aged_role(resolver: SpeakerResolver, head, text: str, sp_start: int, sp_end: int) -> Optional[Resolution]:
    """``Matthias Kerrow keeps a spreadsheet ... The Labour Democrats' finance spokesman, 47,
    says``: a role given an age and no name is the person in view, and now has that role."""
    if head.pos_ != "NOUN" or head.lower_ not in name_lexicon()["titles"] or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children):
        return None
    if _AGE_APPOSED.match(text, sp_end) is None:
        return None
    in_view = resolver._resolve_pronoun(None, sp_start)
    if in_view.canonical is None:
        return None
    resolver.describe(in_view.canonical, " ".join([c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound")] + [head.lower_]))
    return in_view


def _one_of_them_named(head):
    """``said one of the organisers, Tereza Holm``: the person the apposition names."""
    if head.lower_ != "one":
        return None
    groups = [g for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of" for g in prep.children if g.dep_ == "pobj"]
    return next((c for g in groups for c in g.children if c.dep_ == "appos" and c.i > g.i and c.ent_type_ == "PERSON"), None)


def _without_count(tokens: list[str]) -> list[str]:
    """``One diplomat who has attended every round said``: a diplomat, not "One diplomat"."""
    if len(tokens) > 2 and tokens[0].lower() in _COUNT_WORDS and tokens[1] == "of":
        rest = tokens[2:]  # "one of the organisers": organisers, not "of the organisers"
        return rest[1:] if len(rest) > 1 and rest[0].lower() in DETERMINERS else rest
    if len(tokens) > 1 and tokens[0].lower() in _COUNT_WORDS and tokens[1][:1].islower():
        return tokens[1:]
    return tokens


def _strip_determiner(text: str) -> str:
    parts = text.split()
    while parts and parts[0].lower() in DETERMINERS:
        parts = parts[1:]
    return " ".join(parts)


def _titled_person(lower: list[str], is_proper: list[bool]) -> bool:
    """``Kazakh President Tokayev``: a title followed by proper nouns, no institution word."""
    lexicon = name_lexicon()
    lower = [w.strip(",;:") for w in lower]
    if any(w in lexicon["institution_heads"] for w in lower):
        return False
    # after the last title word ("its chief executive, Iain Mackenzie"), only name words
    last_title = max((i for i, w in enumerate(lower[:-1]) if w in lexicon["titles"]), default=None)
    return last_title is not None and all(is_proper[last_title + 1 :]) and lower[-1] not in lexicon["titles"]


def _is_post_nominal(word: str) -> bool:
    """Letters written after a name (``KC``, ``MP``, ``PhD``), from the name lexicon."""
    return word.lower().rstrip(".,;:") in name_lexicon()["post_nominals"]


def _person_name(tokens: list[str], is_proper: Optional[list[bool]] = None) -> tuple[list[str], Optional[str]]:
    """Strip titles, demonyms, determiners and post-nominal letters from a person mention; guess gender."""
    lexicon = name_lexicon()
    if is_proper is None:
        is_proper = [t[:1].isupper() for t in tokens]
    is_proper = [p or _particle_prefixed(t) for t, p in zip(tokens, is_proper)]
    gender: Optional[str] = None
    name: list[str] = []
    for i, (token, proper) in enumerate(zip(tokens, is_proper)):
        low = token.lower().rstrip(",;:")  # "The Education Secretary, Nadine Fairholm"
        if low in lexicon["female_titles"]:
            gender = "f"
        elif low in lexicon["male_titles"]:
            gender = "m"
        if low in lexicon["titles"] or low in lexicon["demonyms"] or low in DETERMINERS:
            name = []  # the name comes after the last title word
            continue
        if name and _is_post_nominal(token):
            continue  # "Alison Grey KC", "Jane Doe MP": letters after a name are not part of it
        if not proper and _particle_before_name(tokens, is_proper, i):
            name.append(token)  # "Ursula von der Leyen", "Omar bin Saleh"
            continue
        if not proper or token in {",", "(", ")", "-"}:
            if name:
                break
            continue
        name.append(_POSSESSIVE.sub("", token))
    name = [n for n in name if n]
    if len(name) >= 3 and not is_first_name(name[0]) and is_first_name(name[1]):
        name = name[1:]  # "Pensioner Milena Hruba", "Councilmember Ray Castellano": a descriptor before the first name
    if name and gender is None:
        first = name[0].lower()
        if first in lexicon["female_names"]:
            gender = "f"
        elif first in lexicon["male_names"]:
            gender = "m"
        elif len(name) > 1:
            gender = lexicon["first_name_genders"].get(first)  # Census first names: "Maya Delgado", not "Delgado"
    return name, gender


_PUNCTUATED_NAME = re.compile(r"\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3}[?!](?=[,;:]|\s+[a-z])")


def punctuated_name_length(text: str, end: int) -> int:
    """The length of a name ending in ``?`` or ``!`` right after ``end`` (``consumer group
    Which?, ...``, ``the campaign Who Pays? said``), with its leading space; 0 when none."""
    match = _PUNCTUATED_NAME.match(text, end)
    return match.end() - end if match else 0


def _coordinated_names(tokens: list[str], is_proper: list[bool], entity_label: Optional[str]) -> Optional[tuple[list[str], list[str]]]:
    """``A and B`` where both sides are capitalised names and nothing says it is one
    organisation (``Procter & Gamble`` is tagged ORG): the two sides, else None."""
    lower = [t.lower() for t in tokens]
    if entity_label in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART") or lower.count("and") + lower.count("&") != 1:
        return None
    cut = lower.index("and") if "and" in lower else lower.index("&")
    first, second = tokens[:cut], tokens[cut + 1 :]
    if not first or not second or not all(is_proper[:cut]) or not all(is_proper[cut + 1 :]):
        return None
    return first, second


# "SANTA FE, N.M. - ", "COLUMBUS, Ohio - ", "WASHINGTON, Dec 7 (Reuters) - ", "KALDMARK, Ostrevia, Oct 14 (Tidewell Wire) - "
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’-]*(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]*\))?\s+(?:-|--|—|–)\s+"
)
_DASH = re.compile(r"\s(?:-|--|—|–)\s+")


def inside_quote(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a quotation opened earlier in its paragraph.

    Example:
        >>> text = 'Lee said. "Mr Ansel is honest," he told the jury.'
        >>> inside_quote(text, text.index("Ansel")), inside_quote(text, text.index("he told"))
        (True, False)
    """
    before = text[text.rfind("\n", 0, position) + 1 : position]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _one_national(word: str) -> bool:
    """``Swede``, ``Kenyan``, ``Briton``, ``Frenchman``: one person of a nation, not the
    people (``the French``, ``the Chinese``, ``the Swiss``)."""
    return word[:1].isupper() and word.isalpha() and not re.search(r"(?:s|ch|sh|ese|ss)$", word.lower())


def dateline_end(text: str, start: int) -> Optional[int]:
    """Where a dateline (``CASTLEFORD –``, ``SANTA FE, N.M. -``) that starts at ``start``,
    at the start of a paragraph, ends; None when there is none."""
    if start != 0 and text[start - 1] != "\n":
        return None
    match = _DATELINE.match(text[start : start + 80])
    return start + match.end() if match is not None else None


def _dateline_holds(text: str, start: int, position: int) -> bool:
    """Is ``position`` inside a dateline that starts at ``start`` (``SANTA FE, N.M. -``)?"""
    end = dateline_end(text, start)
    return end is not None and position < end


def in_dateline(text: str, position: int) -> bool:
    """Is ``position`` inside the dateline opening its paragraph (``SANTOS, Brazil, March 4
    (Meridian Wire) -``: "Brazil" says where the story was filed, not what it is about)?"""
    return _dateline_holds(text, text.rfind("\n", 0, position) + 1, position)


def _after_dateline(text: str, start: int, end: int) -> int:
    """Skip a dateline the parser put into the mention: ``CASTLEFORD - The head of ...``,
    ``PORT CARROW (Reuters) -- ...``."""
    match = _DATELINE.match(text[start:end])
    return start + match.end() if match and match.end() < end - start else start


def _extends(longer: list[str], shorter: list[str]) -> bool:
    """Is ``longer`` the name ``shorter`` with more words after it?"""
    return len(longer) > len(shorter) and longer[: len(shorter)] == shorter


def _whole_hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) over a hyphen-joined word it cuts (``Samira al|-Haddad``)."""
    while end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        end += 1
        while end < len(text) and (text[end].isalnum() or text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha()):
            end += 1
    while start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        start -= 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    return start, end


def _particle_before_name(tokens: list[str], is_proper: list[bool], index: int) -> bool:
    """Is ``tokens[index]`` a name particle (``von``, ``der``, ``bin``) leading on to a proper name?"""
    particles = name_lexicon()["name_particles"]
    j = index
    while j < len(tokens) and tokens[j].lower() in particles:
        j += 1
    return j > index and j < len(tokens) and is_proper[j] and tokens[j].lower() not in particles


def _particle_prefixed(word: str) -> bool:
    """``al-Haddad``, ``bin-Talal``: a particle joined by a hyphen to a capitalised name."""
    head, _, tail = word.partition("-")
    return bool(tail) and head.lower() in name_lexicon()["name_particles"] and tail[:1].isupper()


def _inside_a_body_name(tokens: list[str], is_proper: list[bool], i: int) -> bool:
    """A lower-case word inside a body's name: "Medicines and Healthcare products Regulatory Agency"."""
    return tokens[i].isalpha() and i + 1 < len(tokens) and is_proper[i + 1] and any(
        names_a_body(tokens[k].lower()) for k in range(i + 1, len(tokens)) if is_proper[k]
    )


def _proper_run(tokens: list[str], is_proper: list[bool]) -> str:
    """The contiguous proper-noun part of a mention (hyphens and numbers kept)."""
    start = end = None
    for i, proper in enumerate(is_proper):
        # a capitalised word the tagger calls an adjective goes on a run: "Confederation of Free Trade Unions"
        if proper or start is not None and tokens[i][:1].isupper() and tokens[i].isalpha():
            if start is None:
                start = i
            end = i + 1
            lower_next = i + 1 < len(tokens) and not tokens[i + 1][:1].isupper()
            if tokens[i][-1:] in ",;:" and len(tokens[i]) > 1 and lower_next:
                break  # "Its chairman, Einar Lunde, a sheep farmer": the name ends at its comma (not "Culture, Media and Sport")
        elif start is not None and tokens[i] not in {"-", "of", "for", "and", "&"} and not _inside_a_body_name(tokens, is_proper, i):
            break
    if start is None:
        return ""
    run = tokens[start:end]
    run[-1] = run[-1].rstrip(",;:") or run[-1]
    text = ""
    for token in run:
        if text and not (token == "-" or text.endswith("-")):
            text += " "
        text += token
    return text


# ---------------------------------------------------------------------------- spaCy side
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_MENTION_PREPS = {"of", "by", "from", "for", "at"}
_MENTION_DROP_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"}
_MENTION_TRIM = TRIM + "\"“”'’("


class SpeakerMentions:
    """The speaker side of one article: reads speaker mentions off the parse and
    resolves them through a ``SpeakerResolver`` (state: the article's entities).

    Example:
        >>> mentions = SpeakerMentions(text, source_nouns=Lexicon.default().source_nouns)  # doctest: +SKIP
        >>> mentions.resolve(subject_token, *mentions.span(subject_token)).canonical  # doctest: +SKIP
        'Xi Jinping'
    """

    def __init__(self, text: str, source_nouns: frozenset) -> None:
        self.text = text
        self.source_nouns = source_nouns
        self.resolver = SpeakerResolver()

    def span(self, head) -> tuple[int, int]:
        """The speaker mention: the subject's phrase without relative clauses or appositions."""
        offset = doc_offset(head)
        # "the spokesman, who ..." -> antecedent of a relative pronoun
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            head = head.head.head
            # "Elena Stanciu, 61, a school cook from Ploiesti, who said": not the place, the person
            # ("setting up a showdown with Gov. Teresa Vang, who said": a verb's object, the antecedent herself)
            # ("a fight with employers who say": the employers, the other side of a "with")
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.lower_ not in self.source_nouns and head.i > head.head.i \
                    and head.head.head.pos_ not in ("VERB", "AUX") and head.head.lower_ not in ("with", "against", "between", "among"):
                head = head.head.head
                if head.dep_ == "appos" and head.pos_ == "NOUN":
                    head = head.head
        appos = next((c for c in head.children if c.dep_ == "appos"), None)
        dateline = appos is not None and _dateline_holds(self.text, offset + head.left_edge.idx, offset + head.idx)
        if dateline:
            head = appos  # "CASTLEFORD – The head of the board has denied ...": the dateline is not the subject
        elif appos is not None and appos.ent_type_ == "PERSON" and head.left_edge.i == head.sent.start \
                and head.left_edge.lower_ in name_lexicon()["counsel_openings"]["words"]:
            head = appos  # "Defending Kelvedrin, Lavinia Adebanjo KC said": the counsel, not the side she acts for
        head = _one_of_them_named(head) or head
        keep = [head]
        # "Its general secretary, Samuel Osei, said": the apposed name is the speaker (not
        # so after a name: "Abena Mensah, a Democrat from Kilby, said")
        # "The Health Secretary, Joanna Merrick, told": a title is not a name, even capitalised
        for child in _apposed(head) if head.pos_ != "PROPN" or head.lower_ in name_lexicon()["titles"] else ():
            if child.dep_ == "appos" and child.pos_ == "NOUN" and not child.ent_type_:
                # "Rovers' owner, the shipping investor Dimitri Fenwarne, said": the name apposed to the apposed role
                child = next((g for g in child.children if g.dep_ == "appos" and g.i > child.i and g.ent_type_ == "PERSON"), child)
            if child.dep_ == "appos" and child.i > head.i and (child.ent_type_ in ("PERSON", "ORG") or child.pos_ == "PROPN"):
                keep.extend(t for t in child.subtree if t.dep_ != "punct" or t.i < child.right_edge.i)
        is_source = head.lemma_.lower() in self.source_nouns
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
        start = offset + head.doc[left].idx
        end = offset + head.doc[right].idx + len(head.doc[right].text)
        start, end = strip_span(self.text, start, end, _MENTION_TRIM)
        if end <= start:
            start, end = offset + head.idx, offset + head.idx + len(head.text)
        start, end = _whole_hyphenated(self.text, start, end)
        start = _after_dateline(self.text, start, end)
        dash = _DASH.search(self.text, start, end) if dateline else None
        if dash is not None:
            start = dash.end()  # "SANTA FE, N.M. - Governor Denise Whitcomb": the parser hung "N.M." on the name
        if head.pos_ == "NOUN":
            end += punctuated_name_length(self.text, end)  # "consumer group Which?"
        return start, end

    def resolve(self, head, sp_start: int, sp_end: int, speaking: bool = True, trust_ner: bool = True, salient: bool = False, named_in: str = "") -> Resolution:
        """Resolve the mention [sp_start, sp_end) headed by ``head`` to a canonical speaker
        (``named_in``: what the speaker says, see ``SpeakerResolver.resolve``)."""
        offset = doc_offset(head)
        doc = head.doc
        tokens = tokens_starting_in(doc, sp_start - offset, sp_end - offset)
        if not tokens:
            return Resolution(None, "other", 0.0)
        words, proper = _words_and_proper(self, tokens, offset, sp_start, sp_end)
        ent_label = ent_text = None
        apposed = any(t.dep_ == "appos" for t in tokens)
        for ent in doc.ents if trust_ner else ():
            if apposed and ent.root.dep_ == "poss":
                continue  # "Nigeria's coach, Emeka Nwosu": the possessor says whose coach, the apposed name who
            if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of" and ent.root.head.head.pos_ == "PROPN" and ent.root.head.head.i < ent.start:
                continue  # "The province's premier, Halvard Roos of the governing Civic Front": his party, not him
            if ent.start >= tokens[0].i and ent.end <= tokens[-1].i + 1 and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"):
                if ent.label_ == "NORP" and ent_label is not None:
                    continue
                if ent.label_ == "PERSON" and head.pos_ == "PROPN" and head.i >= ent.end and names_a_body(head.lower_):
                    continue  # "The Medicines and Healthcare products Regulatory Agency": "Medicines" is no person
                if ent_label is None or ent.label_ == "PERSON" or (ent_label == "NORP"):
                    ent_label, ent_text = ("PERSON" if ent.label_ == "ORG" and double_barrelled(ent.text) else ent.label_), ent.text
        if head.lemma_.lower() in self.source_nouns:
            # an unnamed document or poll speaks as itself: "a report released Monday" -> "report",
            # "emails obtained by the Courier" -> "emails" (only words up to the head count)
            head_end = offset + head.idx + len(head.text)
            starts = [start for start, _ in words_with_offsets(self.text, sp_start, sp_end)]
            if not any(p for start, p in zip(starts, proper) if start < head_end):
                return Resolution(head.text.lower(), "other", 0.7)
        possessed = self._possessed_by_person(head, sp_end, speaking)
        if possessed is not None:
            return possessed
        former = next((t for t in tokens if t.lower_ in ("former", "ex") and t.i < head.i), None)
        if former is not None and head.pos_ == "NOUN" and not any(c.dep_ == "appos" for c in head.children) \
                and any(t.pos_ == "PROPN" or t.ent_type_ == "NORP" for t in tokens if former.i < t.i < head.i):
            # "two former FTC officials", "a former Conservative health minister": people who
            # left the body or party speak for themselves, not for it
            canonical = self.text[offset + former.idx : sp_end].strip()
            entity = self.resolver.register(canonical, "other", {normalise_word(w) for w in canonical.split()}, offset + head.idx)
            entity.spoke = entity.spoke or speaking  # "the former minister" later is the same speaker
            return Resolution(canonical, "other", 0.7)
        aged = _aged_role(self.resolver, head, self.text, sp_start, sp_end) if speaking else None
        if aged is not None:
            return aged
        resolution = self.resolver.resolve(words, proper, sp_start, ent_label, ent_text, speaking=speaking, salient=salient, named_in=named_in)
        after = _ACRONYM_AFTER.match(self.text, sp_end)
        if after is not None and resolution.canonical is not None:
            self.resolver.learn_acronym(after.group(1), resolution.canonical)  # "the Harbour Porters Federation (HPF)"
        return resolution

    def _possessed_by_person(self, head, sp_end: int, speaking: bool) -> Optional[Resolution]:
        """``Mr. Lund's supporters``: a possessor is not the speaker; the possessed group is,
        named after the possessor (``Anders Lund's supporters``)."""
        if head.pos_ != "NOUN" or any(c.dep_ == "appos" for c in head.children):
            return None  # "Whitlock's lawyer, Daniel Ferreira": the apposed name speaks
        possessor = next((c for c in head.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lower_ in ("his", "her"))), None)
        if possessor is None:
            return None
        offset = doc_offset(head)
        if possessor.pos_ == "PROPN":
            owner = self.resolve(possessor, *self.span(possessor), speaking=False)
        else:  # "his office": the person the pronoun means
            owner = self.resolver.resolve([possessor.text], [False], offset + possessor.idx, speaking=False)
        if owner.kind != "person" or owner.canonical is None:
            return None
        after = offset + possessor.right_edge.idx + len(possessor.right_edge.text)
        group = self.text[after:sp_end].strip()
        if not group:
            return None
        canonical = f"{owner.canonical}'s {group}"
        words = {normalise_word(w) for w in group.split()}
        institution = any(names_a_body(w) for w in words)
        kind = "org" if institution else "other"  # "his office" can later be "it"
        entity = self.resolver.register(canonical, kind, words, offset + head.idx)
        entity.spoke = entity.spoke or speaking
        entity.salient_at = max(entity.salient_at, offset + head.idx)
        return Resolution(canonical, kind, 0.85)

    def observe_people(self, sent, offset: int) -> None:
        """Register the people a sentence names (speaking or not), with a gender hint."""
        lexicon = name_lexicon()
        for ent in sent.ents:
            # "Kettleby vetoed it" tagged ORG: the surname of a person named in full before
            known_surname = len(ent) == 1 and ent.label_ in ("ORG", "GPE") and self.resolver.full_name_of(ent.text) != ent.text
            if not _names_a_person(ent, lexicon) and not known_surname:
                self._observe_organisation(ent, offset)
                continue
            first = ent.start
            # NER may leave out a first name: "Anders Lund" tagged as "Lund"
            while first > ent.sent.start and _untagged_name_part(ent.doc[first - 1], ent, lexicon):
                first -= 1
            while first > ent.sent.start and (
                ent.doc[first - 1].lower_ in lexicon["titles"]
                or ent.doc[first - 1].lower_ in lexicon["demonyms"]
                or ent.doc[first - 1].ent_type_ == "NORP"
            ):
                first -= 1
            words = ent.doc[first : ent.end].text.split()
            # the subject, or the agent of a passive ("was introduced by Senator Ruth Okonjo"), is salient
            agent = ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent"
            # a subject inside a quote is the quoted speaker's topic, not the narrative's
            subject = (is_subject(ent.root) or agent) and not inside_quote(self.text, offset + ent.start_char)
            entity = self.resolver.observe_person(words, offset + ent.start_char, subject=subject)
            if entity is not None:
                self._learn_gender(ent, entity.canonical)
                # "the team's leading rider, Luca Brasch": a role before the name; not a title
                # ("the nominee for governor, Hallett": the parser may hang the name on "governor")
                role = ent.root.head if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN" and ent.root.head.lower_ not in lexicon["titles"] else None
                for appos in [c for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"] + ([role] if role is not None else []):
                    # its head and the modifiers before it: "the tough-on-crime prosecutor",
                    # not "of the union" nor a possessor ("the union's president")
                    owned = {t.i for c in appos.children if c.dep_ == "poss" for t in c.subtree}
                    words = [t.text_with_ws for t in ent.doc[appos.left_edge.i : appos.i + 1] if t.i not in owned]
                    self.resolver.describe(entity.canonical, "".join(words))

    def _observe_organisation(self, ent, offset: int) -> None:
        """Remember a company named outside quotes ("The European Commission fined Orbly ..."),
        so a later "the company said" can mean it though it never spoke."""
        if ent.label_ != "ORG" or inside_quote(self.text, offset + ent.start_char) or ent.root.dep_ in ("compound", "amod", "nmod", "appos"):
            return  # ("The Education Secretary, Nadine Fairholm": a title's modifier, a name apposed to a role)
        name, acronym = _organisation_name(ent.text)
        if name is None or self.resolver.knows(name.split()[0]):
            return  # nothing met before under another name
        self.resolver.register(name, "org", {normalise_word(w) for w in name.split()}, offset + ent.start_char)
        if acronym is not None:
            self.resolver.learn_acronym(acronym, name)

    def observe_unlabelled_people(self, sent, offset: int) -> None:
        """People NER left untagged (``_unlabelled_names``) are people too."""
        for run in _unlabelled_names(sent, self.text):
            subject = run.root.dep_ in SUBJECT_DEPS or run.root.dep_ == "ROOT"
            self.resolver.observe_person(run.text.split(), offset + run.start_char, subject=subject and not inside_quote(self.text, offset + run.start_char))

    def observe_subject(self, sent) -> None:
        """Remember a named organisation in subject position, for a later ``they``/``it``."""
        subject = own_subject(sent.root) or _gesturing_name(self.resolver, sent)
        if subject is None or subject.pos_ == "PRON":
            return
        start, end = self.span(subject)
        if inside_quote(self.text, start):
            return  # the quoted speaker's subject, not the narrative's
        words = self.text[start:end].split()
        named = any(t.pos_ == "PROPN" for t in subject.subtree) or any(w[:1].isupper() for w in words[1:])
        # "Ashworth does not accept that figure.": a name met before, though tagged a common noun
        named = named or len(words) == 1 and words[0][:1].isupper() and self.resolver.knows(words[0])
        if named or any(c.dep_ == "poss" for c in subject.children):  # "The consumer group Who Pays? has ...": the parser saw a clause, not a name
            self.resolve(subject, start, end, speaking=False, salient=True)

    def _learn_gender(self, ent, canonical: str) -> None:
        # "Smith ... his"/"him"/"her" right after the name, within the sentence, unless another
        # person comes first ("Enache said the opposition leader had voted ... when her party")
        titles = name_lexicon()["titles"]
        own = _own_pronoun(ent)
        if own is not None:
            # "Rawiri Henare, who steered the bill, said he had ...": the speaker's own pronoun
            self.resolver.set_gender(canonical, "m" if own.lower_ == "he" else "f")
            return
        for token in ent.doc[ent.end : min(ent.end + 12, ent.sent.end)]:
            if token.ent_type_ == "PERSON" or token.pos_ == "NOUN" and token.lower_ in titles:
                return
            if token.pos_ == "PROPN" and (not token.ent_type_ or token.dep_ in ("dobj", "nsubj")):
                return  # "Harpreet Sandhu accused Thibodeau of taking his talking points": his, not hers
            if token.lower_ in ("his", "him", "himself"):
                self.resolver.set_gender(canonical, "m")
                return
            if token.lower_ in ("her", "herself"):
                self.resolver.set_gender(canonical, "f")
                return

    def headline_speaker(self, statement: Statement) -> Statement:
        """``Parcelo chief says ...``: a headline names its speaker by role; the body names them."""
        if statement.kind != "headline" or not statement.speaker_mention:
            return statement
        if statement.speaker and len(statement.speaker.split()) == 1:
            # "Lee and Park ... Say ...": a surname in the headline, the full name in the body
            full = self.resolver.full_name_of(statement.speaker)
            if full != statement.speaker:
                return replace(statement, speaker=full)
        lexicon = name_lexicon()
        mention_words = statement.speaker_mention.lower().split()
        if names_a_body(mention_words[-1]):
            return statement  # "Health Ministry warns ...": a body, not a role
        words = {normalise_word(w.strip("’'")) for w in mention_words}  # "leader" is "president"
        roles = {w for w in words if w in lexicon["titles"]}
        if not roles:
            return statement
        best, best_score = None, 0
        for entity in self.resolver.entities:
            known_as = entity.words | entity.described_as  # "Lena Marsters, the founder of Hopscotch"
            if entity.kind not in ("person", "name") or not entity.spoke or not roles & known_as or entity.canonical == statement.speaker:
                continue
            if set(entity.canonical.lower().split()) & (words - roles):
                continue  # "Rovers owner vows ...": the club whose owner speaks is not the owner
            score = len(words & known_as)
            if score > best_score:  # ties keep the first person met
                best, best_score = entity, score
        if best is None:
            return statement
        return replace(statement, speaker=best.canonical)


def _words_and_proper(mentions: SpeakerMentions, tokens, offset: int, sp_start: int, sp_end: int) -> tuple[list[str], list[bool]]:
    """Whitespace words of the mention (hyphenated names stay whole: ``Kassym-Jomart``)
    and whether each is a proper name part."""
    lexicon = name_lexicon()
    titles = lexicon["titles"]
    words, proper, first_pos = [], [], None
    for word_start, word in words_with_offsets(mentions.text, sp_start, sp_end):
        inside = [t for t in tokens if word_start <= offset + t.idx < word_start + len(word)]
        words.append(word)
        if first_pos is None:
            first_pos = inside[0].pos_ if inside else ""
        if word.isdigit() and words[-2:-1] and words[-2].rstrip(".") in ("No", "Number"):
            proper.append(True)  # "a No 10 spokesman": the seat of power is "No 10", not "No"
            continue
        if any(t.ent_type_ in _NOT_NAMES for t in inside):
            proper.append(False)  # "a report released Monday": dates are not names
            continue
        proper.append(
            any(t.tag_ in ("NNP", "NNPS") for t in inside)
            or (word[:1].isupper() and (word_start > sp_start or mentions.resolver.knows(word)) and word.lower() not in titles)
        )
    # "Iain Mackenzie, its chief executive, said": a capitalised first word the tagger took
    # for a common noun, before a name word, is the first name (not a title or a kind of body)
    if len(words) >= 2 and not proper[0] and proper[1] and first_pos in ("NOUN", "PROPN") and words[0][:1].isupper():
        low = words[0].lower()
        if low not in titles and low not in DETERMINERS and low not in lexicon["demonyms"] and not names_a_body(low):
            proper[0] = True
    return words, proper


def _gesturing_name(resolver: SpeakerResolver, sent):
    """``Kerrow shrugs.``, ``Vang laughs.``: a short sentence the parser read as a noun
    phrase (a plural noun after a name) names a person the article knows, as its subject."""
    root = sent.root
    if root.pos_ != "NOUN" or root.tag_ != "NNS" or len([t for t in sent if not t.is_punct and not t.is_space]) > 4:
        return None
    name = next((c for c in root.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == root.i - 1), None)
    return name if name is not None and resolver.knows(name.text) else None


def _apposed(head) -> list:
    """The head's children, and those of the second half of a hyphenated head the parser
    split ("Its co-founder, Sarah Pennington": co <- founder <- Pennington)."""
    children = list(head.children)
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text in ("-", "‐") and not doc[head.i + 1].whitespace_:
        children += [c for c in doc[head.i + 2].children if c.dep_ == "appos"]
    return children


def _untagged_name_part(token, ent, lexicon: dict) -> bool:
    """A capitalised proper noun compounded onto the entity but left out of it by NER."""
    return (
        token.tag_ == "NNP"
        and not token.ent_type_
        and token.dep_ == "compound"
        and ent.start <= token.head.i < ent.end
        and token.lower_ not in lexicon["titles"]
        and token.lower_ not in lexicon["demonyms"]
    )


@lru_cache(maxsize=None)
def _organisation_name(text: str) -> tuple[Optional[str], Optional[str]]:
    """The name (and bracketed acronym) of what NER tagged an organisation, or None when it
    is a place, a seat of power, a titled person, a person's name or too long to be a body's."""
    if _after_dateline(text, 0, len(text)) > 0:
        return None, None  # "KELDERBY - Avenor Insurance": NER took the dateline in; the name is met again
    name = _strip_determiner(_POSSESSIVE.sub("", text))
    acronym = None
    bracketed = _BRACKETED_ACRONYM.match(name)
    if bracketed is not None:
        name, acronym = bracketed.group(1), bracketed.group(2)  # "the Independent Football Regulator (IFR"
    words = name.split()
    if name.lower() in _places_and_seats():
        return None, None  # "the EU", "Brussels": a union or a seat of power, never "the company"
    if any(w.lower() in name_lexicon()["titles"] for w in words):
        return None, None  # "The Education Secretary": a titled person NER took for a body
    if len(words) >= 2 and is_first_name(words[0]):
        return None, None  # "Nadine Fairholm" tagged ORG: a person's name
    if len(words) > 4 or not name[:1].isupper():
        return None, None
    return name, acronym


def _country_names() -> frozenset:
    """The countries names.json knows (what its demonyms name), lower case."""
    return frozenset(country.lower() for country in name_lexicon()["demonyms"].values())


@lru_cache(maxsize=None)
def _places_and_seats() -> frozenset:
    """Countries and unions by any of their names (``eu``, ``the us``) and the seats of power
    that stand for them (``brussels``), lower case: never a company."""
    lexicon = name_lexicon()
    variants = {v for names in lexicon["country_names"].values() if isinstance(names, list) for v in names}
    return _country_names() | variants | frozenset(lexicon["country_names"]) | frozenset(lexicon["metonyms"])


def is_first_name(word: str) -> bool:
    """Is ``word`` a listed first name (names.json ``male_names``, ``female_names`` or the
    Census ``first_name_genders``)?"""
    lexicon, first = name_lexicon(), word.lower()
    return first in lexicon["male_names"] or first in lexicon["female_names"] or first in lexicon["first_name_genders"]


def _first_name_and_surname(name: str) -> bool:
    """``Agnes Holloway`` (tagged a place): a listed first name and one or two capitalised
    words, none of them a body's word, is a person whatever NER says."""
    words = name.split()
    return 2 <= len(words) <= 3 and is_first_name(words[0]) and all(w[:1].isupper() and w.isalpha() and not names_a_body(w.lower()) for w in words)


_DOUBLE_BARRELLED = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[A-Z][a-z]+")


def double_barrelled(name: str) -> bool:
    """A first name and a hyphenated surname, no body word in either (``Ilinca
    Moravetz-Kolb`` tagged ORG is a person; ``Rolls-Royce`` and ``Kessler Agro`` are not shaped so)."""
    name = _strip_determiner(name)
    return bool(_DOUBLE_BARRELLED.fullmatch(name)) and not any(names_a_body(w.lower()) for w in re.split(r"[ -]", name))


def _names_a_person(ent, lexicon: dict) -> bool:
    """A PERSON entity, a name NER mislabelled that starts with a known first name
    (``Nadia Okonkwo-Reyes`` as ORG), or an ORG that is really a titled person (``Governor Smith``)."""
    if ent.label_ == "PERSON":
        # NER calls some capitals and countries people ("said Buenos Aires had recalled its
        # ambassador", "Uruguay now sends a fifth of its exports to China")
        name = _strip_determiner(ent.text).lower()
        return name not in lexicon["metonyms"] and name not in _country_names()
    first = ent[0].lower_
    if len(ent) >= 2 and ent.label_ in ("ORG", "GPE", "NORP", "FAC") and (first in lexicon["female_names"] or first in lexicon["male_names"]):
        return all(t.tag_ in ("NNP", "NNPS", "HYPH") for t in ent)
    if ent.label_ != "ORG":
        return False
    if double_barrelled(ent.text) or _named_after_a_role(ent, lexicon):
        return True
    if not any(t.lower_ in lexicon["titles"] for t in ent) or any(t.lower_ in lexicon["institution_heads"] for t in ent):
        return False
    return any(t.tag_ in ("NNP", "NNPS") and t.lower_ not in lexicon["titles"] and t.lower_ not in lexicon["demonyms"] for t in ent)


def _named_after_a_role(ent, lexicon: dict) -> bool:
    """``assistant coach Wendell Elmstead`` tagged ORG: two or three proper nouns, none a body
    word, right after a lower-case title."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (
        before is not None and before.text.islower() and before.lower_ in lexicon["titles"] and 2 <= len(ent) <= 3
        and all(t.tag_ in ("NNP", "NNPS") for t in ent)
        and not any(names_a_body(t.lower_) or t.lower_ in lexicon["institution_heads"] for t in ent)
    )


def _own_pronoun(ent):
    """``he`` or ``she`` as the subject of the clause that the verb ``ent`` is the subject
    of reports (``Henare said he had ...``), if any."""
    if ent.root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for clause in ent.root.head.children:
        if clause.dep_ == "ccomp" and clause.i > ent.root.i:
            return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she")), None)
    return None
