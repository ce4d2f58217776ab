"""Speaker resolution bugs a newcomer found (issue 13), each pinned by a test."""

from __future__ import annotations

import pytest

import stance


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"The plan is good," said Ursula von der Leyen.', "Ursula von der Leyen"),
        ('"Music is life," said Ludwig van Beethoven.', "Ludwig van Beethoven"),
        ("Samira al-Haddad said the cost would rise.", "Samira al-Haddad"),
    ],
)
def test_name_particles_stay_in_the_name(text, speaker):
    assert [s.speaker for s in stance.extract(text)] == [speaker]


def test_short_and_particle_forms_map_to_the_full_name():
    text = 'Omar bin Saleh said the campaign raised money. "We are not done," Bin Saleh said. "Not yet," Saleh said.'
    assert {s.speaker for s in stance.extract(text)} == {"Omar bin Saleh"}


def test_a_coordinated_headline_name_is_not_one_speaker():
    text = (
        "Lee and Park, Two Former Mayors, Say Grant Is Unfit\n\n"
        "Harold Lee and Grace Park said on Monday that the grant was wasteful.\n\n"
        '"It is a scandal," Mr. Lee said. "We will fight it," Ms. Park said.'
    )
    speakers = [s.speaker for s in stance.extract(text)]
    assert "Lee and Park" not in speakers
    assert speakers[-2:] == ["Harold Lee", "Grace Park"]


def test_the_most_recent_salient_person_wins_the_pronoun():
    text = (
        '"Great," Governor Johnson Sakaja told reporters. He said it would help. '
        'But opposition leader Raila Odinga criticised the government. "Kenyans deserve better," he said.'
    )
    statements = stance.extract(text)
    last = [s for s in statements if s.content.startswith("Kenyans")][0]
    assert last.speaker == "Raila Odinga"
    assert [s.speaker for s in statements if s.content == "it would help"] == ["Johnson Sakaja"]


def test_a_possessor_is_not_the_speaker():
    text = 'Anders Lund has defended the cap. Without fail, Mr. Lund\'s supporters reply, "Never!"'
    never = [s for s in stance.extract(text) if s.content.startswith("Never")][0]
    assert never.speaker == "Anders Lund's supporters"


def test_an_apposed_name_still_speaks_for_a_possessed_role():
    text = "Gary Whitlock's lawyer, Daniel Ferreira, said his client was a poor bookkeeper."
    assert [s.speaker for s in stance.extract(text)] == ["Daniel Ferreira"]


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ("According to consumer group Which?, prices rose sharply this year.", "Which?", "prices rose sharply this year"),
        ("The consumer group Who Pays? said prices rose.", "Who Pays?", "prices rose"),
    ],
)
def test_a_name_ending_in_a_question_mark_is_kept(text, speaker, content):
    [statement] = stance.extract(text)
    assert (statement.speaker, statement.content) == (speaker, content)


def test_a_description_the_article_introduced_resolves_to_the_person():
    text = (
        "Carla de la Cruz, the tough-on-crime prosecutor, said crime fell. "
        "Later the tough-on-crime prosecutor said the policy had failed."
    )
    assert [s.speaker for s in stance.extract(text)] == ["Carla de la Cruz", "Carla de la Cruz"]


def test_a_description_the_article_never_tied_to_a_name_stays_a_description():
    text = "Carla de la Cruz said crime fell. Later the tough-on-crime senator said the policy had failed."
    speakers = [s.speaker for s in stance.extract(text)]
    assert speakers[0] == "Carla de la Cruz" and speakers[1] != "Carla de la Cruz"


def test_a_coordinated_name_is_two_people_for_later_mentions():
    from stance.extract.mentions import SpeakerResolver

    resolver = SpeakerResolver()
    assert resolver.resolve_text("Abe Lincoln and Ben Franklin", 0).canonical == "Abe Lincoln"
    assert resolver.resolve_text("Mr. Franklin", 50).canonical == "Ben Franklin"
    assert resolver.resolve_text("Mr. Lincoln", 60).canonical == "Abe Lincoln"
    assert resolver.resolve_text("Procter & Gamble", 70, entity_label="ORG").canonical == "Procter & Gamble"


def test_the_agent_of_a_passive_is_the_latest_salient_person():
    text = (
        'Governor Anneke Berg said the budget was balanced. At an event, Berg was introduced by '
        'Senator Ruth Okonjo. "Nobody else in this race can say that," she said.'
    )
    last = stance.extract(text)[-1]
    assert (last.content, last.speaker) == ("Nobody else in this race can say that", "Ruth Okonjo")


def test_an_organisation_word_never_names_a_person():
    text = (
        "Company spokesman Erik Dahl said the policy had been misunderstood. "
        "Halvorsen Freight has faced disputes before. The company said it had acted in good faith."
    )
    speakers = [s.speaker for s in stance.extract(text)]
    assert speakers[0] == "Erik Dahl" and speakers[-1] != "Erik Dahl"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Alison Grey KC, for the prosecution, said the figures were false.", "Alison Grey"),
        ("Dominic Grieve QC told MPs the plan was unlawful.", "Dominic Grieve"),
        ("Caroline Lucas MP said the bill was wrong.", "Caroline Lucas"),
    ],
)
def test_post_nominal_letters_are_not_part_of_the_name(text, speaker):
    assert [s.speaker for s in stance.extract(text)] == [speaker]


def test_a_person_named_inside_a_quote_is_not_the_next_pronouns_speaker():
    text = (
        "Jonathan Blake, for the defence, said his client had relied on his auditors. "
        '"Mr Ansel is not a geologist and has never pretended to be one," he told the jury.'
    )
    assert [s.speaker for s in stance.extract(text)] == ["Jonathan Blake", "Jonathan Blake"]
