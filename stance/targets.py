"""Named targets: how a statement mentions them, and finding them automatically.

A target is given as a string or as ``Target(name, aliases=[...])``. A statement
mentions it by its name or an alias in any case, with or without a possessive; a
country also by its demonym or adjective (``Kazakh`` -> Kazakhstan); a person also by
a shortened name (``Tokayev`` -> Kassym-Jomart Tokayev). Descriptions such as ``the
Central Asian nation`` count only when given as aliases.

With no targets, ``find_targets`` proposes the named people, organisations, countries
and groups of each statement, one canonical name per article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional, Sequence, Union

from .lexicons import name_lexicon

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
    """Where a statement mentions a target (offsets into the article text)."""

    target: str
    text: str
    start: int
    end: int


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
                mentions.append(TargetMention(target.name, text[m_start:m_end], m_start, m_end))
        return mentions


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
