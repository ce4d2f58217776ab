"""The bundled lexicons: JSON data files, read once per process.

- ``cues.json``: attribution cues (reporting verbs, nominal cues, source nouns, ...),
  used by ``stance.extract`` through a ``stance.extract.Lexicon`` a user can extend;
- ``names.json``: titles, first names, demonyms, capitals, synonyms and organisation
  types, used to canonicalise speakers and targets;
- ``polarity.json``: predicate polarities for stance composition.

Edit the data here, not in code. Keys starting with ``_`` are comments.

Example:
    >>> "said" in read_lexicon("cues")["reporting_verbs"] or "say" in read_lexicon("cues")["reporting_verbs"]
    True
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

LEXICON_NAMES = ("cues", "names", "polarity")


def read_lexicon(name: str) -> dict[str, Any]:
    """The raw JSON of one bundled lexicon, comment keys dropped (a fresh copy per call).

    Raises:
        ValueError: for a name that is not one of ``LEXICON_NAMES``.
    """
    return json.loads(_lexicon_text(name))


@lru_cache(maxsize=None)
def _lexicon_text(name: str) -> str:
    if name not in LEXICON_NAMES:
        raise ValueError(f"unknown lexicon {name!r}; valid: {', '.join(LEXICON_NAMES)}")
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return json.dumps({k: v for k, v in data.items() if not k.startswith("_")})


@lru_cache(maxsize=None)
def name_lexicon() -> dict:
    """The bundled name lexicons (titles, first names, demonyms, capitals, synonyms),
    with lists as frozensets and a ``synonym_of`` map (word -> its group's first word)."""
    data = read_lexicon("names")
    synonym_of: dict[str, str] = {}
    for group in data["synonyms"]:
        for word in group:
            synonym_of.setdefault(word, group[0])
    data["synonym_of"] = synonym_of
    for key in ("titles", "female_titles", "male_titles", "female_names", "male_names", "institution_heads", "name_particles", "post_nominals"):
        data[key] = frozenset(data[key])
    data["org_types"] = {kind: frozenset(words) for kind, words in data["org_types"].items()}
    # the Census names, then the names beyond them written for this project ("Bertrand", "Imogen")
    data["first_name_genders"] = {
        name: g
        for lists in (data.get("first_name_genders", {}), data.pop("first_name_genders_world", {}))
        for key, g in (("female", "f"), ("male", "m"))
        for name in lists.get(key, ())
    }
    return data


@lru_cache(maxsize=None)
def polarity_lexicon() -> dict[str, frozenset]:
    """Predicate polarities for stance composition, each list as a frozenset."""
    return {k: frozenset(v) for k, v in read_lexicon("polarity").items()}
