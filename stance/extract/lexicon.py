"""The attribution cue lexicon as an object a user can extend without editing package data.

Example:
    >>> from stance.extract import Extractor, Lexicon
    >>> lexicon = Lexicon.default().extended(reporting_verbs=["opine"])
    >>> "opine" in lexicon.reporting_verbs
    True
    >>> extractor = Extractor(lexicon=lexicon)   # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Iterable, Mapping

from ..lexicons import read_lexicon

_WORD_LISTS = (
    "reporting_verbs", "participial_verbs", "nominal_verbs", "stance_verbs", "source_nouns", "source_verbs",
    "xcomp_verbs", "naming_verbs", "command_verbs", "event_nouns", "written_nouns", "platforms", "hearings",
)
_PREPOSITION_MAPS = ("nominal_preps", "stance_adjectives", "cue_nouns", "cue_types")
CUE_TYPES = ("speech", "writing", "question", "belief", "intention", "denial", "evidence")


def _frozen_map(data: Mapping[str, Iterable[str]]) -> Mapping[str, frozenset]:
    return MappingProxyType({key: frozenset(value) for key, value in data.items()})


@dataclass(frozen=True)
class Lexicon:
    """Cue words, as lower-case lemmas (``stance/lexicons/cues.json`` by default).

    Attributes:
        reporting_verbs: verbs that report speech or thought (``say``, ``argue``).
        participial_verbs: cues of ``..., saying ...`` clauses.
        nominal_verbs: verbs whose object or prepositional phrase is the statement
            (``call for``, ``urge``, ``express``).
        nominal_preps: verb -> the prepositions that introduce its content.
        stance_verbs: verbs that take a stance on their object (``support``, ``oppose``).
        stance_adjectives: adjective -> its prepositions (``opposed to``); empty = any.
        source_nouns: documents and polls that can speak (``report``, ``poll``).
        source_verbs: verbs a document speaks with (``show``, ``find``).
        command_verbs: nominal verbs whose object is a statement only with the act it is
            asked or ordered to perform (``ordered the agency to commission a study``; not
            ``ordered a retrial``).
        xcomp_verbs: verbs whose to-infinitive is the statement (``wanted to ...``,
            ``plans to ...``, ``is expected to ...``, ``declined to comment``).
        event_nouns: things and events expected to happen, never the subject of a wish or
            plan (``The trial is expected to last ten weeks``).
        naming_verbs: verbs that call their object something (``called the law "painful
            but unavoidable"``, ``described the vote as "largely orderly"``): the object
            with what it is called is the statement, when that is quoted or an adjective.
        cue_nouns: noun -> the words that introduce its content (``allegations that
            ...``, ``criticism of ...``, ``fears about ...``).
        cue_types: cue type -> its cue lemmas (``CUE_TYPES``; a cue not listed is speech).
        written_nouns: ``said in a statement / an email``: the words that make speech writing.
        platforms: ``posted on Facebook``, ``said on X``: places that make speech writing.
        hearings: those a case is put to (``court``, ``jury``, ``tribunal``): in a headline
            ``..., tribunal hears`` or ``..., fraud trial told`` they are told, not speaking,
            and the speaker is the one the story's first paragraph names.
    """

    reporting_verbs: frozenset = frozenset()
    participial_verbs: frozenset = frozenset()
    nominal_verbs: frozenset = frozenset()
    nominal_preps: Mapping[str, frozenset] = field(default_factory=lambda: MappingProxyType({}))
    stance_verbs: frozenset = frozenset()
    stance_adjectives: Mapping[str, frozenset] = field(default_factory=lambda: MappingProxyType({}))
    source_nouns: frozenset = frozenset()
    source_verbs: frozenset = frozenset()
    xcomp_verbs: frozenset = frozenset()
    naming_verbs: frozenset = frozenset()
    command_verbs: frozenset = frozenset()
    event_nouns: frozenset = frozenset()
    cue_nouns: Mapping[str, frozenset] = field(default_factory=lambda: MappingProxyType({}))
    cue_types: Mapping[str, frozenset] = field(default_factory=lambda: MappingProxyType({}))
    written_nouns: frozenset = frozenset()
    platforms: frozenset = frozenset()
    hearings: frozenset = frozenset()

    @classmethod
    def default(cls) -> "Lexicon":
        """The bundled lexicon (read once per process)."""
        return _default_lexicon()

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> "Lexicon":
        """Build from a dict in the layout of ``cues.json`` (keys starting with ``_`` ignored).

        Raises:
            ValueError: for a key that is not a field, listing the valid ones.
        """
        valid = {f.name for f in fields(cls)}
        unknown = sorted(k for k in data if not k.startswith("_") and k not in valid)
        if unknown:
            raise ValueError(f"unknown lexicon keys {unknown}; valid: {sorted(valid)}")
        values = {}
        for key, value in data.items():
            if key.startswith("_"):
                continue
            values[key] = _frozen_map(value) if key in _PREPOSITION_MAPS else frozenset(w.lower() for w in value)
        return cls(**values)

    def extended(self, **additions: Iterable[str] | Mapping[str, Iterable[str]]) -> "Lexicon":
        """A copy with more words: lists are added to lists, mappings merged into mappings.

        Raises:
            ValueError: for a name that is not a field, listing the valid ones.
        """
        valid = _WORD_LISTS + _PREPOSITION_MAPS
        unknown = sorted(set(additions) - set(valid))
        if unknown:
            raise ValueError(f"unknown lexicon fields {unknown}; valid: {list(valid)}")
        changes: dict[str, object] = {}
        for name, extra in additions.items():
            current = getattr(self, name)
            if name in _PREPOSITION_MAPS:
                merged = dict(current)
                for word, preps in dict(extra).items():
                    merged[word.lower()] = merged.get(word.lower(), frozenset()) | frozenset(preps)
                changes[name] = MappingProxyType(merged)
            else:
                changes[name] = current | frozenset(w.lower() for w in extra)
        return replace(self, **changes)

    # unions the extractor asks about per token: derived in __post_init__, so an extension updates them too
    speech_cues: frozenset = field(init=False, repr=False, compare=False)
    any_verb_cues: frozenset = field(init=False, repr=False, compare=False)
    object_cues: frozenset = field(init=False, repr=False, compare=False)
    nominal_cues: frozenset = field(init=False, repr=False, compare=False)
    stance_only_cues: frozenset = field(init=False, repr=False, compare=False)
    type_of_cue: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        speech = self.reporting_verbs | self.nominal_verbs
        derived = {
            "speech_cues": speech,
            "any_verb_cues": speech | self.stance_verbs,
            "object_cues": self.nominal_verbs | self.stance_verbs,
            "nominal_cues": self.nominal_verbs | frozenset(self.nominal_preps),
            "stance_only_cues": (self.stance_verbs | frozenset(self.stance_adjectives)) - self.nominal_verbs,
        }
        unknown = sorted(set(self.cue_types) - set(CUE_TYPES))
        if unknown:
            raise ValueError(f"unknown cue types {unknown}; valid: {list(CUE_TYPES)}")
        type_of_cue = {lemma: kind for kind in CUE_TYPES for lemma in self.cue_types.get(kind, ())}
        derived["type_of_cue"] = MappingProxyType(type_of_cue)
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # frozen: set once, here


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon.from_dict(read_lexicon("cues"))
