"""Capitals an article gives invented places, "nobody in Moscow", and the gender of a
person whose surname NER tags as an organisation (issue 12).

The sentences are written for these tests, not taken from the evaluation articles.
"""

from __future__ import annotations

from linking_helpers import extractor, links_by_statement  # noqa: F401 (extractor is a fixture)
from stance.targets import Target, TargetForms, article_seats, derived_demonyms


def test_a_capital_stated_or_shown_by_how_the_article_speaks_of_it():
    targets = [Target("Ostrenia"), Target("Tavaria")]
    text = "In Kalvik, Ostrenia's president spoke to the nation. Tavaria's parliament in Rostel voted against the Ostrenian dam. Tavarian farmers cheered."
    assert article_seats(text, targets) == {"Kalvik": "Ostrenia", "Rostel": "Tavaria"}
    assert article_seats("The talks moved to Morvel, the Ardenzan capital, on Friday.", [Target("Ardenza")]) == {"Morvel": "Ardenza"}
    told = "Tavaria's foreign minister, Sabine Kurz, was angry. Kurz told reporters in Rostel that the dam was theft from Tavarian farmers."
    assert article_seats(told, targets) == {"Rostel": "Tavaria"}


def test_a_dateline_counts_only_for_a_place_with_no_other_capital():
    targets = [Target("Harbrenn"), Target("Kestria")]
    opening = "VALMORA — Harbrenn on Wednesday accused Kestria of plundering the sea, angering Harbrenner fishermen.\n\n"
    assert article_seats(opening, targets) == {"Valmora": "Harbrenn"}
    # Harbrenn's own parliament sits elsewhere: the dateline is where the story was filed
    assert article_seats(opening + "The prime minister told Harbrenn's parliament in Osterholm that talks were over.", targets) == {"Osterholm": "Harbrenn"}


def test_no_capital_for_a_company_a_known_country_or_a_place_two_targets_claim():
    assert article_seats("SEATTLE — Parcelo's chief executive said the robots would stay.", [Target("Parcelo")]) == {}
    # the lexicon knows Canada: a dateline or a minister in Toronto says nothing about its capital
    assert article_seats("TORONTO — Canada's finance minister, Mark Dunn, said ... Dunn told reporters in Toronto.", [Target("Canada")]) == {}
    both = "In Lisvane, Ostrenia's president spoke. In Lisvane, Tavaria's president spoke."
    assert article_seats(both, [Target("Ostrenia"), Target("Tavaria")]) == {}


def test_a_learned_capital_links_where_it_acts_or_its_people_are_meant():
    text = "In Kalvik, Ostrenia's president spoke. “Ostrenians know Kalvik has decided to build. Nobody in Kalvik asked us,” she said. She was born in Kalvik."
    forms = TargetForms([Target("Ostrenia")], seats=article_seats(text, [Target("Ostrenia")]))
    found = [(m.text, m.kind, m.start) for m in forms.find_all(text) if m.text == "Kalvik"]
    # not "In Kalvik" nor "born in Kalvik": the place; "Kalvik has decided", "Nobody in Kalvik": its government
    assert found == [("Kalvik", "metonym", text.index("Kalvik has")), ("Kalvik", "metonym", text.index("Kalvik asked"))]


def test_nobody_in_a_known_capital_is_its_government(extractor):
    text = "“Nobody in Moscow has a veto over Kazakh gas,” the minister said. The minister lives in Moscow, he said."
    found = links_by_statement(extractor, text, [Target("Russia")])
    assert found["Nobody in Moscow has a veto over Kazakh gas"] == {"Russia": ("Moscow", "metonym")}
    assert found["The minister lives in Moscow"] == {}


def test_a_surname_tagged_as_an_organisation_still_tells_the_persons_gender(extractor):
    # "Kettleby ... overrode him": he is a man, so the later "Her supporters" is not his
    text = (
        "Ysolde Thistlewaite keeps a pair of handcuffs in her desk drawer. She is challenging Mayor Dorian Kettleby. "
        "Kettleby vetoed it twice before the council overrode him.\n\n"
        "“I had concerns,” Kettleby said.\n\n"
        "Her supporters say the registry worked, and Kettleby said it would not last."
    )
    genders = dict(extractor(text).references.genders)
    assert genders["Dorian Kettleby"] == "m"



def test_a_capital_where_a_minister_speaks_to_parliament_and_a_demonym_of_a_name_in_e():
    # "Norvanian" says Norvane is a place the lexicon does not know, like "Ostrenian" does for Ostrenia
    assert derived_demonyms("Norvane") == ("Norvanian", "Norvanean")
    text = (
        "Trelosa's foreign minister, Aurelio Castellane, went further. Speaking in the Senate in Aldmouth, he said "
        "Norvanian trawlers had fished in Trelosan waters for twenty years."
    )
    assert article_seats(text, [Target("Trelosa"), Target("Norvane")]) == {"Aldmouth": "Trelosa"}
