"""Named targets: how a statement mentions them, and finding them automatically.

A target is given as a string or as ``Target(name, aliases=[...])``. ``target_forms``
lists every way an article may name it, each with a mention kind and a link score:
its name or an alias in any case (``name``, ``alias``), a person's surname or first
name, an acronym of a multi-word name (``acronym``: the National Rifle Association ->
``NRA``), a country's demonym, plural and group noun (``demonym``: ``Kenyan``,
``Kenyans``, ``the Chinese``; an unknown place's regular one, Ostravia -> ``Ostravian``),
and the capitals and seats of power that stand for it (``metonym``: Beijing -> China,
from ``lexicons/names.json``). Pronouns, titles and descriptions are linked to targets
by ``stance.extract.references``.

``TargetMatcher`` is the names-only matching inside one statement (``link="names"``);
with no targets, ``AutoTargets`` proposes the named people, organisations, countries
and groups of an article, one canonical name each.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional, Sequence, Union

from .lexicons import name_lexicon

ACRONYM = r"[A-Z][A-Za-z.&]{1,9}"  # an acronym an article defines in brackets: "(SFO)", "(U.N.)"

TARGET_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC")


@dataclass(frozen=True)
class Target:
    """A stance target with optional aliases.

    Example:
        >>> Target("Kazakhstan", aliases=("the Central Asian nation",)).name
        'Kazakhstan'
    """

    name: str
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a target needs a non-empty name, got {self.name!r}")
        aliases = (self.aliases,) if isinstance(self.aliases, str) else tuple(self.aliases)
        for alias in aliases:
            if not isinstance(alias, str) or not alias.strip():
                raise ValueError(f"target {self.name!r}: aliases must be non-empty strings, got {alias!r}")
        object.__setattr__(self, "name", self.name.strip())
        object.__setattr__(self, "aliases", tuple(a.strip() for a in aliases))


@dataclass(frozen=True)
class TargetMention:
    """Where an article refers to a target (offsets into the article text), how
    (``kind``, one of ``MENTION_KINDS``) and how sure the link is (``score``, 0-1).
    A ``carried`` link has no mention of its own: ``text``, ``start`` and ``end`` are None.

    Example:
        >>> TargetMention("Kenya", "Kenyans", 1, 8, kind="demonym", score=0.9).kind
        'demonym'
    """

    target: str
    text: Optional[str]
    start: Optional[int]
    end: Optional[int]
    kind: str = "name"
    score: float = 1.0


# "resolved": names, aliases, acronyms, demonyms, metonyms, pronouns, titles, descriptions and
# carried links (``stance.extract.references``); "names": a target's name, alias or demonym
# inside the statement only (the behaviour before issue 12)
LINK_MODES = ("resolved", "names")
DEFAULT_MIN_LINK_SCORE = 0.5

# How a mention refers to its target (a record's ``mention_kind``)
MENTION_KINDS = ("name", "alias", "acronym", "demonym", "metonym", "pronoun", "title", "description", "carried")


@dataclass(frozen=True)
class Form:
    """One way of naming a target: the surface text (lower case unless
    ``case_sensitive``), its mention kind and its link score."""

    text: str
    kind: str
    score: float
    case_sensitive: bool = False


def as_targets(targets: Optional[Iterable[Union[str, Target]]]) -> Optional[list[Target]]:
    """Normalise user targets (strings or ``Target``) into a list of ``Target``.

    Raises:
        ValueError: for an empty name, a duplicate, or an item of another type.
    """
    if targets is None:
        return None
    if isinstance(targets, (str, Target)):
        targets = [targets]
    out: list[Target] = []
    seen: set[str] = set()
    for item in targets:
        if isinstance(item, str):
            item = Target(item)
        elif not isinstance(item, Target):
            raise ValueError(f"targets must be strings or stance.Target objects, got {type(item).__name__}")
        if item.name.lower() in seen:
            raise ValueError(f"target {item.name!r} is given twice")
        seen.add(item.name.lower())
        out.append(item)
    return out


@lru_cache(maxsize=None)
def _country_demonyms() -> dict[str, tuple[str, ...]]:
    by_country: dict[str, list[str]] = {}
    for demonym, country in name_lexicon()["demonyms"].items():
        by_country.setdefault(country.lower(), []).append(demonym)
    return {k: tuple(v) for k, v in by_country.items()}


def _lexicon_map(key: str) -> dict:
    """A names.json mapping without its ``_about`` comment key."""
    return {k: v for k, v in name_lexicon().get(key, {}).items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def lexicon_words(key: str, field: str = "words") -> frozenset:
    """A names.json word list kept under ``{key: {"_about": ..., field: [...]}}`` (``thing_verbs``
    -> ``verbs``, ``rivals`` -> ``nouns``, ``party_words`` -> ``words``); empty when absent."""
    return frozenset(name_lexicon().get(key, {}).get(field, ()))


@lru_cache(maxsize=None)
def reference_types() -> dict[str, frozenset[str]]:
    """names.json ``reference_types``: kind of thing -> the head nouns that name it (``deal``: deal, merger, ...)."""
    return {kind: frozenset(cues) for kind, cues in _lexicon_map("reference_types").items()}


@lru_cache(maxsize=None)
def _metonyms_by_referent() -> dict[str, tuple[str, ...]]:
    """Referent (lower case, every country name variant) -> the metonyms standing for it."""
    variants = _country_variants()
    out: dict[str, list[str]] = {}
    for metonym, referents in _lexicon_map("metonyms").items():
        for referent in referents:
            for name in variants.get(referent.lower(), (referent.lower(),)):
                out.setdefault(name, []).append(metonym)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def _country_variants() -> dict[str, tuple[str, ...]]:
    """Any name of a country (lower case) -> all its names (``the us`` -> united states, us, ...)."""
    out: dict[str, tuple[str, ...]] = {}
    for country, others in _lexicon_map("country_names").items():
        group = (country, *others)
        for name in group:
            out[name] = group
    return out


def _plural(word: str) -> Optional[str]:
    """A demonym's plural group noun (``Kenyans``, ``Kazakhs``); None when it is its own
    plural (``Chinese``, ``Swiss``, ``British``, ``Dutch``)."""
    if word.endswith(("ese", "ss", "sh", "ch")) or word.endswith("s"):
        return None
    return word + "s"


def derived_demonyms(name: str) -> tuple[str, ...]:
    """Every regular demonym of a one-word place name the lexicon does not know, singular:
    Ostravia -> Ostravian, Ohio -> Ohioan, after a consonant Halden -> Haldener
    (Icelander, Berliner), Sorvik -> Sorvikan and Tesmar -> Tesmari (Israeli, Omani), and
    Tressany -> Tressan or Tressanian (German, Hungarian), Norvane -> Norvanian (Ukrainian).

    Example:
        >>> derived_demonyms("Harbrenn")
        ('Harbrenner', 'Harbrennan', 'Harbrenni')
    """
    if " " in name or not name[:1].isupper() or not name.isalpha():
        return ()
    if name.endswith("a"):
        return (name + "n",)
    if name.endswith("o"):
        return (name + "an",)
    if name[-1].lower() not in "aeiouy":
        return (name + "er", name + "an", name + "i")
    if name.endswith("e"):
        return (name[:-1] + "ian", name + "an")  # Norvane -> Norvanian (Ukrainian), Zimbabwean
    if name.endswith("y") and name[-2:-1].lower() not in "aeiou":
        return (name[:-1], name[:-1] + "ian")  # Germany -> German, Hungary -> Hungarian
    return ()


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, not a country, no institution word, not headed by a
    kind of thing (``Act``, ``Treaty``): a person's name."""
    tokens = name.split()
    return (
        2 <= len(tokens) <= 4
        and all(t[:1].isupper() for t in tokens)
        and name.lower() not in _country_demonyms()
        and name.lower() not in _country_variants()
        and name.lower() not in {region.lower() for region in _lexicon_map("region_adjectives").values()}
        and tokens[0].lower() not in name_lexicon()["demonyms"]  # "Australian Greens", "Chinese firms"
        and tokens[0].lower() not in _country_variants()  # "Canada Post", "Brazil Foods"
        and not names_a_body_or_thing(name)
    )


@lru_cache(maxsize=None)
def body_words() -> frozenset:
    """Words that say what kind of body a name is (``Ministry``, ``Federation``, ``Terminals``),
    not which one: names.json ``institution_heads`` and every ``org_types`` word."""
    lexicon = name_lexicon()
    return frozenset(lexicon["institution_heads"]).union(*lexicon["org_types"].values())


def a_club_name(words: Sequence[str]) -> bool:
    """Are a name's lower-case words a sports club's: a club word last after another word
    (names.json ``club_name_endings``: "Alderwick Athletic", "Harwick Albion") or first
    before one (``club_name_openings``: "Sporting Wickenhall"), and no body word in it?"""
    if len(words) < 2 or any(w in body_words() for w in words):
        return False  # "Warehouse Workers United": a union, though "United" ends club names
    return words[-1] in lexicon_words("club_name_endings") or words[0] in lexicon_words("club_name_openings")


def a_company_name(words: Sequence[str]) -> bool:
    """Are a name's lower-case words a company's: an industry word last (names.json
    ``company_name_endings``: "Northmoor Water", "Avenor Insurance") after a word that is no
    first name ("David Steel" is a person)?"""
    return len(words) > 1 and not _opens_with_a_first_name(words) and words[-1] in lexicon_words("company_name_endings")


def _opens_with_a_first_name(words: Sequence[str]) -> bool:
    """Is a name's first lower-case word a listed first name (names.json ``male_names``, ``female_names``)?"""
    lexicon = name_lexicon()
    return words[0] in lexicon["male_names"] or words[0] in lexicon["female_names"]


def names_a_body_or_thing(name: str) -> bool:
    """Does the name say it is no person, whatever a tagger says: an institution or
    organisation word anywhere (``Union``, ``Trade Unions``), a club word last (``Harwick
    Albion``), or headed by a kind of thing (``Voucher Expansion Act``; ``Finance Bill
    2025``, its year aside)? A thing word that is also a surname counts only where no first
    name starts the name (``Jacob Levy``).

    Example:
        >>> names_a_body_or_thing("Finance Bill 2025"), names_a_body_or_thing("Grace Wanjiru")
        (True, False)
    """
    words = [t.lower().strip(".,") for t in name.split()]
    words = [w for w in words if w.isalpha()]
    if not words:
        return False
    first_named = _opens_with_a_first_name(words)
    bodies = body_words()
    # a plural only without a first name: "Trade Unions", not "Tyra Banks"
    if any(w in bodies or not first_named and w.endswith("s") and w[:-1] in bodies for w in words):
        return True
    if a_club_name(words) or a_company_name(words):
        return True  # a sports club, a company
    if not any(words[-1] in cues for cues in reference_types().values()):
        return False
    return not first_named or len(words) < len(name.split())


def acronyms_of(name: str) -> tuple[str, ...]:
    """Initialisms of a multi-word name: of its capitalised words (``NRA``, ``OSHA``) and of
    every word (``DOJ`` for Department of Justice); hyphenated parts count (``TCP``)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    capitals = "".join(w[0] for w in words if w[0].isupper())
    if len(capitals) < 2 or any(w[0].islower() and w.lower() not in _FUNCTION_WORDS for w in words):
        return ()  # "warehouse robots" has no acronym
    every = "".join(w[0].upper() for w in words if w.lower() not in ("and", "&"))
    return tuple(dict.fromkeys(a for a in (capitals, every) if len(a) >= 3))


_FUNCTION_WORDS = {"of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le", "&"}


@lru_cache(maxsize=4096)
def target_forms(target: Target, person: Optional[bool] = None) -> tuple[Form, ...]:
    """Every way an article may name ``target``, longest first, each with its kind and score.

    ``person`` says whether the target is a person (short names count, acronyms do not);
    None guesses from the name (``looks_like_person``).

    Example:
        >>> sorted((f.text, f.kind) for f in target_forms(Target("Kenya")))
        [('Kenyan', 'demonym'), ('Kenyans', 'demonym'), ('kenya', 'name'), ('nairobi', 'metonym')]
    """
    lexicon = name_lexicon()
    name_words = {w.lower() for w in target.name.split()}
    if person is None:
        person = looks_like_person(target.name)
    forms: list[Form] = [Form(target.name.lower(), "name", 1.0)]
    for alias in target.aliases:
        if alias.isupper() and len(alias) >= 2 and " " not in alias:
            forms.append(Form(alias, "acronym", 0.95, case_sensitive=True))
            continue
        words = {w.lower().strip(".") for w in alias.split()} - set(lexicon["titles"])
        forms.append(Form(alias.lower(), "name" if words and words <= name_words else "alias", 0.95))
    names = [target.name, *target.aliases]
    for name in names:
        for demonym in _country_demonyms().get(name.lower(), ()):
            display = " ".join(word[:1].upper() + word[1:] for word in demonym.split())  # "Sierra Leonean"
            forms.append(Form(display, "demonym", 0.9, case_sensitive=True))
            plural = _plural(display)
            if plural:
                forms.append(Form(plural, "demonym", 0.9, case_sensitive=True))
        for adjective, region in _lexicon_map("region_adjectives").items():
            if region.lower() == name.lower():
                forms.append(Form(" ".join(w.capitalize() for w in adjective.split()), "demonym", 0.85, case_sensitive=True))
        for metonym in _metonyms_by_referent().get(name.lower(), ()):
            forms.append(Form(metonym, "metonym", 0.85))
        for party_form in _lexicon_map("party_forms").get(name.lower(), ()):
            forms.append(Form(party_form, "alias", 0.9, case_sensitive=True))  # "Democrats", "the GOP", "Tories"
        for other in _country_variants().get(name.lower(), ()):
            short = other.replace(".", "").replace("the ", "")
            if other != name.lower() and not (len(short) <= 3 and other.startswith("the ")):
                # "US" only in capitals: "us" is a pronoun
                forms.append(Form(other.upper(), "alias", 0.9, case_sensitive=True) if len(short) <= 3 else Form(other, "alias", 0.95))
    if not person and target.name.lower() not in _country_demonyms():
        for derived in derived_demonyms(target.name):
            forms += [Form(derived, "demonym", 0.85, case_sensitive=True), Form(derived + "s", "demonym", 0.85, case_sensitive=True)]
    tokens = target.name.split()
    if person:
        # a surname is written with its capital ("Tokayev"; "nursery staff" is not "Nursery")
        forms.append(Form(tokens[-1], "name", 0.95, case_sensitive=True))  # surname: "Tokayev"
        first = tokens[0].lower()
        if first not in lexicon["female_names"] | lexicon["male_names"] and len(tokens[0]) >= 2:
            forms.append(Form(tokens[0], "name", 0.95, case_sensitive=True))  # family name first: "Xi" (Xi Jinping)
        elif tokens[0].isalpha():
            forms.append(Form(tokens[0], "name", 0.8, case_sensitive=True))  # first name: "Gary"
    elif target.name.lower() not in _country_demonyms() and target.name.lower() not in _country_variants():
        forms += [Form(a, "acronym", 0.9, case_sensitive=True) for a in acronyms_of(target.name)]
    seen: set[tuple[str, bool]] = set()
    out = []
    for form in forms:
        key = (form.text.lower(), form.case_sensitive)
        if form.text and key not in seen and (form.text.lower(), False) not in seen:
            seen.add(key)
            out.append(form)
    return tuple(sorted(out, key=lambda f: len(f.text), reverse=True))


class TargetForms:
    """Finds every mention of a list of targets in a whole article by their forms
    (``target_forms``, plus acronyms the article defines: ``the Serious Fraud Office (SFO)``).

    Example:
        >>> [(m.text, m.kind) for m in TargetForms([Target("Kenya")]).find_all('"Kenyans deserve better," Odinga said.')]
        [('Kenyans', 'demonym')]
    """

    def __init__(self, targets: Sequence[Target], persons: Optional[set[str]] = None, seats: Optional[dict[str, str]] = None) -> None:
        """``persons``: the names of the targets that are people (None: guessed from the names);
        ``seats``: capitals and seats the article gives its targets (``article_seats``)."""
        self.targets = list(targets)
        self._compiled = []
        for target in self.targets:
            forms = target_forms(target, None if persons is None else target.name in persons)
            forms += tuple(Form(seat, "metonym", 0.8, case_sensitive=True) for seat, owner in (seats or {}).items() if owner == target.name)
            by_text = {}
            for form in forms:
                by_text.setdefault(fold_accents(form.text if form.case_sensitive else form.text.lower()), form)
            insensitive = [fold_accents(f.text) for f in forms if not f.case_sensitive]
            sensitive = [fold_accents(f.text) for f in forms if f.case_sensitive]
            patterns = []
            if insensitive:
                patterns.append((_form_pattern(insensitive, re.IGNORECASE), True))
            if sensitive:
                patterns.append((_form_pattern(sensitive, 0), False))
            defined = re.compile(re.escape(target.name) + rf"\s*\(({ACRONYM})\)", re.IGNORECASE)
            self._compiled.append((target, patterns, by_text, defined))

    def find_all(self, text: str) -> list[TargetMention]:
        """Every mention in ``text``, in text order; where two overlap the longer wins."""
        found: list[TargetMention] = []
        folded = fold_accents(text)  # "Brasília" is a form of "Brasilia", and the other way round
        for target, patterns, by_text, defined in self._compiled:
            for pattern, lower in patterns:
                for match in pattern.finditer(folded):
                    m_start, m_end = match.start(), match.end()
                    surface = text[m_start:m_end]
                    possessive = re.search(r"['’]s$", surface)
                    if possessive:
                        m_end -= len(possessive.group(0))
                        surface = text[m_start:m_end]
                    form = by_text.get(fold_accents(surface.lower() if lower else surface)) or by_text.get(fold_accents(surface.lower()))
                    if form is None:
                        continue
                    if form.kind == "metonym" and not _metonym_use(text, m_start, surface):
                        continue
                    found.append(TargetMention(target.name, surface, m_start, m_end, form.kind, form.score))
            for definition in defined.finditer(text):
                acronym = definition.group(1)
                if acronym.lower() == target.name.lower():
                    continue
                for match in re.finditer(r"(?<![\w(])" + re.escape(acronym) + r"(?!\w)", text):
                    found.append(TargetMention(target.name, acronym, match.start(), match.end(), "acronym", 0.95))
        found.sort(key=lambda m: (m.start, -(m.end - m.start), -m.score))
        out: list[TargetMention] = []
        covering: Optional[TargetMention] = None  # the longest mention kept so far that reaches furthest
        for mention in found:
            if covering is not None and mention.start < covering.end:
                if _heads_a_common_noun_name(text, mention, covering):
                    out.append(mention)  # "Greyhaven takeover": the takeover, and Greyhaven too
                continue
            out.append(mention)
            covering = mention
        return out


def _heads_a_common_noun_name(text: str, inner: TargetMention, outer: TargetMention) -> bool:
    """Is ``inner`` a target that opens ``outer``'s name, the rest of which is lower-case
    words (``Greyhaven`` in "Greyhaven takeover", ``Ardenzan`` in "Ardenzan farmers", ``NRL``
    in "NRL judiciary"), so that the outer name speaks of the inner target too? Not a body
    named after a person ("Thane Built"), nor a country inside a name ("Central Bank of Nigeria").
    Each half of a hyphened pair opens it too: ``Northway`` and ``Bluecrest`` in
    "Northway-Bluecrest merger"."""
    rest = text[inner.end : outer.end]
    before = text[outer.start : inner.start]
    opens = inner.start == outer.start or re.fullmatch(r"[A-Z][\w'’]*[-–]", before) is not None
    common_noun_rest = re.fullmatch(r"(?:[-–][A-Z][\w'’]*)?(?:\s+[a-z][a-z-]*)+", rest) is not None
    return opens and inner.target != outer.target and inner.kind in ("name", "alias", "acronym", "demonym") and common_noun_rest


def fold_accents(text: str) -> str:
    """``text`` with each accented letter replaced by its base letter, one character for one
    (offsets into the result are offsets into ``text``).

    Example:
        >>> fold_accents("Brasília, Asunción")
        'Brasilia, Asuncion'
    """
    if text.isascii():
        return text
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text)


def _form_pattern(forms: Sequence[str], flags: int) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?:['’]s)?(?!\w)", flags)


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|to|into|near|outside|across|via|through|around|of)\s+(?:the\s+)?$", re.IGNORECASE)
# "Auckland, Wellington and Christchurch": a place after a place is one more place; not
# "In the meantime, Wellington will ..." nor "On Tuesday, Beijing said ..."
_PLACE_BEFORE = re.compile(r"\b([A-Z][a-z]+),\s*$")
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


def _metonym_use(text: str, start: int, surface: str) -> bool:
    """A capital or seat of power stands for its country when capitalised and not a place
    someone is in, goes to or comes from (``in Beijing``, ``talks in Moscow``), unless
    those in it are its people (``nobody in Moscow``, names.json ``metonym_people_words``)."""
    if not any(c.isupper() for c in surface):
        return False
    before = text[max(0, start - 40) : start]
    place = _PLACE_BEFORE.search(before)
    if place is not None and place.group(1).lower() not in _CALENDAR_WORDS:
        return False
    if _LOCATIVE_BEFORE.search(before[-20:]) is None:
        return True
    # "nobody in Moscow", "our friends in Marisk": the people of the seat of power
    among = re.search(r"\b([A-Za-z]+(?: one)?)\s+in\s+(?:the\s+)?$", before)
    if among is not None and among.group(1).lower().replace(" ", "-") in lexicon_words("metonym_people_words"):
        return True
    # "aid to Kyiv", "a gift to the Kremlin", "pressure from Washington": given to or coming from the state
    sent = re.search(r"\b([A-Za-z]+)\s+(?:to|from)\s+(?:the\s+)?$", before, re.IGNORECASE)
    return sent is not None and sent.group(1).lower() in lexicon_words("metonym_exchange_nouns")




@lru_cache(maxsize=4096)
def surface_forms(target: Target) -> tuple[str, ...]:
    """Every string that counts as a mention of ``target`` (lower case)."""
    lexicon = name_lexicon()
    forms = [target.name, *target.aliases]
    forms += list(_country_demonyms().get(target.name.lower(), ()))
    tokens = target.name.split()
    looks_like_person = (
        2 <= len(tokens) <= 4
        and all(t[:1].isupper() for t in tokens)
        and target.name.lower() not in _country_demonyms()
        and not any(t.lower() in lexicon["institution_heads"] for t in tokens)
    )
    if looks_like_person:
        forms.append(tokens[-1])  # surname: "Tokayev"
        if tokens[0].lower() not in lexicon["female_names"] | lexicon["male_names"] and len(tokens[0]) >= 2:
            forms.append(tokens[0])  # family name first: "Xi" (Xi Jinping)
    seen, out = set(), []
    for form in forms:
        low = form.lower()
        if low and low not in seen:
            seen.add(low)
            out.append(low)
    return tuple(sorted(out, key=len, reverse=True))


# ---- seats an article gives its places and bodies ------------------------------------
_SEAT = r"([A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+)?)"  # "Kalvik", "Port Ulsen"
_SEAT_BODIES = r"(?:parliament|government|capital|presidency|cabinet|ministry|legislature|assembly|palace|headquarters|head office|seat of government)"
_TOLD_IN = re.compile(
    r"\b(?:told|addressed|addressing|briefed|[Ss]peaking (?:to|in)|spoke (?:to|in))\s+(?:the\s+)?(?:reporters|journalists|[Pp]arliament|[Ss]enate|[Aa]ssembly|lawmakers|legislators|"
    r"a news conference|a press conference|state (?:television|radio|media))\s+in\s+" + _SEAT + r"|\b(?:flying|flew|fly|returning|returned|travelled|traveled)\s+(?:back\s+)?home\s+to\s+" + _SEAT
)


@lru_cache(maxsize=4096)
def _side_pattern(target: Target) -> str:
    """A regex group of the ways an article says that something belongs to a place target:
    its name, aliases and demonyms (``Ostrenia``, ``Ostrenian``), longest first."""
    names = [target.name, *target.aliases]
    demonyms = [d for name in names for d in (*_country_demonyms().get(name.lower(), ()), *derived_demonyms(name))]
    forms = sorted({*names, *(d[:1].upper() + d[1:] for d in demonyms)}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


def _seat_claims(text: str, target: Target, known_place: bool) -> list[str]:
    """The capitals ``text`` states for ``target`` (see ``article_seats``)."""
    side = _side_pattern(target)
    owner = rf"(?:{side}['’]s|[Tt]he {side})"
    patterns = [
        rf"\b{_SEAT}, (?:{owner}|the) capital(?: of {side})?\b",  # "Morvel, the Ardenzan capital"
        rf"\b{owner} capital,? {_SEAT}",  # "the Ardenzan capital, Morvel"
        rf"\bcapital of {side},? {_SEAT}",
    ]
    if not known_place:  # an invented country: where its government sits, from how the article speaks of it
        patterns += [
            rf"(?:^|\n|\.\s+)In {_SEAT}, {owner}\s",  # "In Kalvik, Ostrenia's President Aurel Danek dismissed ..."
            rf"\b{side}['’]s (?:[a-z]+ ){{0,2}}{_SEAT_BODIES} (?:in|at) {_SEAT}",  # "Harbrenn's parliament in Osterholm"
        ]
    return [m.group(1) for p in patterns for m in re.finditer(p, text)]


def _dateline_seat(text: str, target: Target) -> Optional[str]:
    """The dateline city of a story that opens on an invented place: ``HALISPORT —
    Corvannia on Wednesday accused ...``, ``MARISK — Ludania's president ...``."""
    m = re.search(rf"(?:^|\n)([A-Z][A-Z’' -]{{2,30}}?)(?:, [^\n—–]{{1,40}}?)? (?:—|–|-{{1,2}}) (?:[Tt]he )?{_side_pattern(target)}(?:['’]s)?\s", text)
    return m.group(1).strip().title() if m else None


def _is_place(target: Target, text: str) -> Optional[bool]:
    """True for a country the lexicon knows, False for a place it does not (the article
    writes its regular demonym: ``Ostrenian``), None for anything else."""
    names = [target.name.lower(), *(a.lower() for a in target.aliases)]
    if any(n in _country_variants() or n in _country_demonyms() for n in names):
        return True
    if writes_derived_demonym(text, target.name):
        return False
    return None


_COUNTRY_OWNS = r"(?:(?:foreign|justice|interior|defence|defense|finance|trade|prime) minister|foreign ministry|ambassador|embassy|armed forces|army|navy|border guards?|coast guard|capital)"


def called_a_country(text: str, name: str) -> bool:
    """Does ``text`` speak of the one-word ``name`` as a state: ``neighbouring Brennmark``,
    ``Brennmark's justice minister``, ``Brennmark's ambassador``?"""
    if " " in name.strip():
        return False
    word = re.escape(name)
    return re.search(rf"\b[Nn]eighbou?ring {word}\b|\b{word}['’]s {_COUNTRY_OWNS}\b", text) is not None


def writes_derived_demonym(text: str, name: str) -> bool:
    """Does ``text`` use a regular demonym of ``name`` (``Ostrenian``, ``Haldeners``), the sign
    that the name is a place the lexicon does not know?"""
    return any(re.search(r"(?<!\w)" + re.escape(demonym) + r"s?\b", text) for demonym in derived_demonyms(name))


def article_seats(text: str, targets: Sequence[Target], persons: Iterable[str] = ()) -> dict[str, str]:
    """The capitals an article gives its place targets, where the lexicon does not know
    them: surface -> target name. A capital is claimed by ``the Ardenzan capital, Morvel``
    or ``Morvel, the capital of Ardenza``; for a place the lexicon does not know (an
    invented country), also by ``In Kalvik, Ostrenia's President ...``, ``Harbrenn's
    parliament in Osterholm``, one of its people telling reporters there or flying home
    to it (``Tavaria's foreign minister, Sabine Kurz`` ... ``Kurz told reporters in
    Rostel``), or, for a place given no other capital, the dateline over a first sentence
    about it (``HALISPORT — Corvannia on Wednesday accused ...``). A capital two targets
    claim is nobody's; a word of a target's own name is never one. Companies and bodies
    get none: "jobs in Bramport" is the town.

    Example:
        >>> article_seats("In Kalvik, Ostrenia's president spoke.", [Target("Ostrenia")])
        {'Kalvik': 'Ostrenia'}
    """
    persons = set(persons)
    places = {t.name: _is_place(t, text) for t in targets if t.name not in persons}
    places = {name: known for name, known in places.items() if known is not None}
    own_words = {w.lower() for t in targets for f in (t.name, *t.aliases) for w in f.split()}
    known = set(_lexicon_map("metonyms")) | set(_country_variants()) | set(name_lexicon()["demonyms"])
    claims: dict[str, set[str]] = {}
    people: dict[str, str] = {}  # surname -> the invented place its bearer speaks for
    for target in (t for t in targets if t.name in places):
        for seat in _seat_claims(text, target, places[target.name]):
            claims.setdefault(seat, set()).add(target.name)
        if not places[target.name]:
            for m in re.finditer(rf"\b{_side_pattern(target)}(?:['’]s)? (?:[A-Za-z-]+,? ){{0,3}}?((?:[A-Z][\w’'-]+ )+[A-Z][\w’'-]+)\b", text):
                people.setdefault(m.group(1).split()[-1], target.name)
    for m in _TOLD_IN.finditer(text):
        paragraph = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        mentioned = [(paragraph.rfind(surname), owner) for surname, owner in people.items() if surname in paragraph]
        if mentioned:
            claims.setdefault(m.group(1) or m.group(2), set()).add(max(mentioned)[1])
    seated = {owner for owners in claims.values() for owner in owners}
    for target in (t for t in targets if places.get(t.name) is False and t.name not in seated):
        # weaker: a dateline is where the story was filed, so only for a place with no other capital
        seat = _dateline_seat(text, target)
        if seat and seat not in claims:
            claims[seat] = {target.name}
    return {
        seat: next(iter(owners))
        for seat, owners in claims.items()
        if len(owners) == 1 and not {w.lower() for w in seat.split()} & own_words and seat.lower() not in known
        and seat.lower() not in _CALENDAR_WORDS and seat.split()[0] not in ("The", "A", "An")
    }

class TargetMatcher:
    """Finds mentions of a fixed list of targets in statements.

    Example:
        >>> m = TargetMatcher([Target("Kazakhstan")])
        >>> m.find("Kazakh authorities acted.", 0, 25)[0].text
        'Kazakh'
    """

    def __init__(self, targets: Sequence[Target]) -> None:
        self.targets = list(targets)
        self._patterns = []
        for target in self.targets:
            forms = surface_forms(target)
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?:['’]s)?(?!\w)", re.IGNORECASE)
            self._patterns.append((target, pattern))

    def find(self, text: str, start: int, end: int) -> list[TargetMention]:
        """The first mention of each target inside ``text[start:end]``, in target order."""
        mentions = []
        for target, pattern in self._patterns:
            match = pattern.search(text, start, end)
            if match is not None:
                m_start, m_end = match.start(), match.end()
                surface = text[m_start:m_end]
                possessive = re.search(r"['’]s$", surface)
                if possessive:
                    m_end -= len(possessive.group(0))
                mentions.append(TargetMention(target.name, text[m_start:m_end], m_start, m_end, _names_kind(target, text[m_start:m_end])))
        return mentions


def _names_kind(target: Target, surface: str) -> str:
    """The mention kind of a names-only match: its name, an alias or a demonym (a short name counts as the name)."""
    low = surface.lower()
    if low in (a.lower() for a in target.aliases):
        return "alias"
    if low in _country_demonyms().get(target.name.lower(), ()):
        return "demonym"
    return "name"


class AutoTargets:
    """Canonical target names for the named entities of one article.

    Short person names map to the fullest name seen in the article, demonyms to their
    country (``Chinese`` -> China), titles are stripped (``Kazakh President Tokayev``).
    """

    def __init__(self, entities: Sequence[tuple[int, int, str, str]]) -> None:
        lexicon = name_lexicon()
        self._lexicon = lexicon
        # sorted by start, so a statement's entities are found by bisection
        self.entities = sorted((e for e in entities if e[2] in TARGET_ENTITY_LABELS), key=lambda e: e[0])
        self._starts = [e[0] for e in self.entities]
        self._full_names: dict[str, str] = {}
        for _start, _end, label, text in self.entities:
            name = self._clean(label, text)
            if name and len(name.split()) > 1 and self._is_person(label, text):
                for token in name.split():
                    current = self._full_names.get(token.lower())
                    if current is None or len(name) > len(current):
                        self._full_names[token.lower()] = name

    def _is_person(self, label: str, text: str) -> bool:
        if label == "PERSON":
            return True
        words = [w.lower() for w in text.split()]
        return label == "ORG" and any(w in self._lexicon["titles"] for w in words) and not any(w in self._lexicon["institution_heads"] for w in words)

    def _clean(self, label: str, text: str) -> Optional[str]:
        lexicon = self._lexicon
        text = re.sub(r"['’]s$", "", text.strip())
        words = text.split()
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        if not words:
            return None
        country = lexicon["demonyms"].get(" ".join(words).lower())
        if country is not None:
            return country  # "Chinese" -> China, also when NER calls "Kazakh" a PERSON
        region = _lexicon_map("region_adjectives").get(" ".join(words).lower())
        if region is not None:
            return region  # an adjective alone is its region: "Central Asian" -> Central Asia
        if label == "NORP":
            return " ".join(words)
        if self._is_person(label, text):
            # drop titles and demonyms before the name
            while len(words) > 1 and (words[0].lower() in lexicon["titles"] or words[0].lower() in lexicon["demonyms"]):
                words = words[1:]
        return " ".join(words)

    def canonical(self, label: str, text: str) -> Optional[str]:
        name = self._clean(label, text)
        if not name:
            return None
        if len(name.split()) == 1:
            # a short name of a person named in full elsewhere, whatever NER called it
            return self._full_names.get(name.lower(), name)
        return name

    def targets(self) -> list[Target]:
        """The article's canonical targets, each with the surface forms the article used
        for it as aliases (for linking them like user targets)."""
        surfaces: dict[str, dict[str, None]] = {}
        display: dict[str, str] = {}
        for _start, _end, label, text in self.entities:
            name = self.canonical(label, text)
            if not name:
                continue
            display.setdefault(name.lower(), name)
            surface = re.sub(r"['’]s$", "", text.strip())
            if surface.lower() != name.lower() and len(surface) > 1:
                surfaces.setdefault(name.lower(), {})[surface] = None
        return [Target(display[key], tuple(surfaces.get(key, {}))) for key in display]

    def in_span(self, start: int, end: int) -> list[TargetMention]:
        """Canonical targets named inside [start, end), first mention of each."""
        out: dict[str, TargetMention] = {}
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end)
        for e_start, e_end, label, text in self.entities[first:last]:
            if e_end <= end:
                name = self.canonical(label, text)
                if name and name.lower() not in out:
                    out[name.lower()] = TargetMention(name, text, e_start, e_end)
        return list(out.values())
