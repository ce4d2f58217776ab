"""First-name genders from the 1990 US Census (names.json ``first_name_genders``, built by
scripts/build_first_name_genders.py): a pronoun's gender for a person the lexicon's own
short name lists do not know, without making any word a first name."""

from __future__ import annotations

from linking_helpers import extractor, links_by_statement  # noqa: F401 (extractor is a fixture)
from stance.extract.mentions import _person_name
from stance.lexicons import name_lexicon
from stance.targets import Target


def test_census_names_give_a_gender_only_to_a_full_name():
    assert _person_name(["Elaine", "Delgado"])[1] == "f"
    assert _person_name(["Senator", "Elaine", "Delgado"]) == (["Elaine", "Delgado"], "f")
    assert _person_name(["Delgado"])[1] is None  # a surname alone says nothing
    lexicon = name_lexicon()
    genders = lexicon["first_name_genders"]
    assert "jordan" not in genders and "alpha" not in genders  # common for both, or too rare to tell: left out
    assert "elaine" not in lexicon["female_names"]  # still not a word that starts a person's name
    assert not set(genders) & (lexicon["female_names"] | lexicon["male_names"])


def test_he_is_not_a_woman_the_short_lists_do_not_know(extractor):
    text = 'Tom Brenner spoke first on Thursday. Elaine Delgado answered him at length.\n\n"He has never signed a paycheck," said Anna Berg, a voter.'
    found = links_by_statement(extractor, text, [Target("Tom Brenner"), Target("Elaine Delgado")])
    assert found["He has never signed a paycheck"] == {"Tom Brenner": ("He", "pronoun")}


def test_names_beyond_the_census_have_a_gender():
    genders = name_lexicon()["first_name_genders"]
    assert genders["bertrand"] == "m" and genders["imogen"] == "f" and genders["jean-pierre"] == "m"
    assert genders["elaine"] == "f"  # the Census names are still there
    lexicon = name_lexicon()
    assert "first_name_genders_world" not in lexicon  # merged, not a second list to consult


def test_a_gendered_pronoun_prefers_a_person_known_to_agree(extractor):
    text = (
        "Race tightens\n\n"
        "Delphine Arkwright wants to be the next mayor. Mayor Zorvan Sallow, 67, calls the plan a fairy tale.\n\n"
        '"I would vote for her tomorrow," says Gloria Ansah, a hospital cleaner.\n'
    )
    found = links_by_statement(extractor, text, [Target("Delphine Arkwright"), Target("Zorvan Sallow")])
    assert found["I would vote for her tomorrow"] == {"Delphine Arkwright": ("her", "pronoun")}
