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


def test_a_surname_the_parser_takes_for_an_adverb_still_speaks():
    # spaCy's small model parses "Keneally said" as an adverb and its verb
    text = (
        "Brad Keneally has coached the Stingrays since 2019.\n\n"
        '"That decision is a joke," Keneally told reporters. Keneally said the club would not appeal.'
    )
    statements = stance.extract(text)
    assert [s.content for s in statements] == ["That decision is a joke", "the club would not appeal"]
    assert all(s.speaker_mention == "Keneally" for s in statements)


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


# ---- found on the second set of blind target articles (tests/articles_targets_blind2);
# the sentences here are written for the tests


def _speakers(text):
    return [(s.speaker, s.content) for s in stance.extract(text)]


def test_a_capitalised_title_before_an_apposed_name_is_not_the_speaker():
    text = (
        "Schools to close early\n\n"
        "The Education Secretary, Nadine Fairholm, told MPs the closures were regrettable. "
        'But she said the heating bills had doubled. "We had no choice," she said.'
    )
    assert {speaker for speaker, _ in _speakers(text)} == {"Nadine Fairholm"}


@pytest.mark.parametrize(
    "introduction",
    ["Its chief executive, Iain Mackenzie, said he was disappointed.", "Iain Mackenzie, its chief executive, said he was disappointed."],
)
def test_an_unlisted_first_name_stays_with_its_surname(introduction):
    text = f"Mill to shut\n\nBraeside Mills said the plant would close. {introduction}\n\n\"We tried everything,\" Mackenzie said."
    assert [speaker for speaker, _ in _speakers(text)][1:] == ["Iain Mackenzie", "Iain Mackenzie"]


def test_a_role_given_before_the_name_names_the_person_later():
    text = (
        "Port talks stall\n\n"
        "Harlow Shipping's chief executive, Greta Lindqvist, said the offer was final.\n\n"
        "The chief executive said the company would not return to talks."
    )
    assert [speaker for speaker, _ in _speakers(text)] == ["Greta Lindqvist", "Greta Lindqvist"]


def test_a_capital_is_never_the_next_pronouns_speaker():
    # the small model tags "Buenos Aires" as a PERSON here
    text = (
        "Trawler row deepens\n\n"
        "Foreign Minister Lucia Benavente said Buenos Aires had recalled its ambassador. "
        '"Those waters are ours," she told a news conference.'
    )
    assert [speaker for speaker, _ in _speakers(text)] == ["Lucia Benavente", "Lucia Benavente"]


def test_an_acronym_in_brackets_is_not_part_of_the_name_and_names_it_later():
    text = (
        "Dock strike\n\n"
        "The Harbour Porters Federation (HPF) said the stoppage would last three days.\n\n"
        '"We did not want this," the HPF said.'
    )
    assert [speaker for speaker, _ in _speakers(text)] == ["Harbour Porters Federation", "Harbour Porters Federation"]


def test_a_quotation_inside_a_clause_before_its_cue_is_a_mixed_statement():
    text = 'Council vote\n\nThe rezoning plan was "a gift to developers," Councillor Ada Obi said.'
    found = stance.extract(text)
    assert [(s.kind, s.content, s.speaker) for s in found] == [("mixed", 'The rezoning plan was "a gift to developers,"', "Ada Obi")]


def test_a_pronoun_speaker_is_not_the_person_named_in_what_is_said():
    text = (
        "Debate turns sour\n\n"
        "Martin Okafor, the former treasurer, said the budget was reckless. "
        'Zuri Abara, his rival, would "empty the treasury in a year," he said.'
    )
    assert [speaker for speaker, _ in _speakers(text)] == ["Martin Okafor", "Martin Okafor"]


# ---- found on the third set of blind target articles (tests/articles_targets_blind3)


def test_a_relative_clause_after_a_place_belongs_to_the_person_described():
    text = 'Marchers fill the square\n\nAmong the marchers was Dorina Pop, 58, a nurse from Ploiesti, who said she had planned to retire. "Now I wait," she said.'
    assert [speaker for speaker, _ in _speakers(text)] == ["Dorina Pop", "Dorina Pop"]


def test_a_hyphenated_role_before_an_apposed_name_is_not_the_speaker():
    text = 'Campaign welcomes rule\n\nA parents\' group met on Monday. Its co-founder, Mere Tane, said families had "waited long enough".'
    assert [speaker for speaker, _ in _speakers(text)] == ["Mere Tane"]


def test_a_spokesman_for_a_body_met_before_speaks_for_it():
    text = (
        "Watchdog widens inquiry\n\n"
        "The Fair Competition Board (FCB) said the merger could raise prices.\n\n"
        "The board will publish its findings in May, a spokesman for the board said."
    )
    assert [speaker for speaker, _ in _speakers(text)] == ["Fair Competition Board", "Fair Competition Board"]


def test_a_possessive_after_another_person_does_not_give_the_speaker_a_gender():
    # "her" is the opposition leader's, so "he" may still be the minister
    text = (
        "Pension row\n\n"
        "Ministers have accused Dragomir of exploiting fears. Labour Minister Petre Olaru said the opposition leader "
        'had voted for the increase when her party was in power. "She was for it before she was against it," he said.'
    )
    assert [speaker for speaker, _ in _speakers(text)][-2:] == ["Petre Olaru", "Petre Olaru"]


def test_a_headline_role_is_matched_through_its_synonyms():
    text = (
        "Opposition leader vows to fill every square\n\n"
        "Opposition president Ana Pavel told the crowd the law would fall. "
        '"We will not be grateful," Pavel said.'
    )
    assert _speakers(text)[0][0] == "Ana Pavel"


def test_senior_counsel_letters_are_not_part_of_the_name():
    text = 'Trial opens\n\nThe prosecutor, Nora Keane SC, said the company saved money. "This was no accident," Keane said.'
    assert {speaker for speaker, _ in _speakers(text)} == {"Nora Keane"}


def test_blaming_someone_for_something_is_a_statement_about_them():
    text = "Tensions rise\n\nThe Kremlin blamed Washington for stoking tensions in the region."
    assert [(s.kind, s.content) for s in stance.extract(text)] == [("nominal", "Washington for stoking tensions in the region")]


@pytest.mark.parametrize("listener", ["reporters", "a local radio station"])
def test_telling_someone_that_is_a_statement_of_what_was_told(listener):
    text = f"Water row\n\nRay Castell dismissed the criticism, telling {listener} that the chair had never irrigated a field."
    found = [(s.kind, s.content) for s in stance.extract(text) if s.kind == "participial"]
    assert found == [("participial", "the chair had never irrigated a field")]


def test_informing_someone_of_something_is_not_a_statement():
    text = "Curfew\n\nThe broadcaster interrupted its programmes, informing viewers of the curfew."
    assert [s for s in stance.extract(text) if s.kind == "participial"] == []


def test_a_speaker_saying_he_did_something_is_a_man_for_later_pronouns():
    # "Rawiri" is in no first-name list: "said he had" tells the gender, so "she" is not him
    text = (
        "Lena Marsters said the code was unworkable.\n\n"
        "Minister Rawiri Henare, who steered the legislation through parliament last year, said he had respect for Marsters.\n\n"
        '"She built something clever," Henare told reporters.\n\n'
        'Marsters replied that evening. "The minister means well," she wrote.'
    )
    assert [s.speaker for s in stance.extract(text)] == ["Lena Marsters", "Rawiri Henare", "Rawiri Henare", "Lena Marsters"]


def test_the_noun_right_before_a_subjectless_cue_is_its_speaker():
    # the parser hangs "a Department of Health spokesperson" on "campaigners"
    text = (
        "Asked on Saturday whether the minister would meet campaigners, a Department of Health and Social Care "
        "spokesperson said: \u201cThe minister expects the trust to listen carefully to local people.\u201d"
    )
    statements = stance.extract(text)
    assert [(s.speaker, s.kind, s.content) for s in statements] == [
        ("spokesperson", "direct", "The minister expects the trust to listen carefully to local people."),
    ]


def test_being_asked_a_question_is_not_asking_it():
    text = "Asked whether Hopscotch would comply or leave the market, Lena Marsters said the company would obey the law."
    assert [(s.cue, s.content) for s in stance.extract(text)] == [("said", "the company would obey the law")]


def test_a_country_possessing_the_role_is_not_the_apposed_speaker():
    # NER tags neither "Emeka" nor "Nwosu" as a person
    text = 'Nigeria\'s coach, Emeka Nwosu, said the red card was "clear". Nwosu said the win was deserved. "We were better," he said.'
    assert [s.speaker for s in stance.extract(text)] == ["Emeka Nwosu"] * 3


def test_a_cue_in_a_whether_clause_is_a_question_put_to_someone():
    text = "Asked whether she would campaign for the levy herself if it reached the ballot, Mayor Ana Villa said the council would decide."
    assert [(s.speaker, s.cue, s.content) for s in stance.extract(text)] == [("Ana Villa", "said", "the council would decide")]


@pytest.mark.parametrize("dateline", ["SANTA FE, N.M. - ", "COLUMBUS, Ohio - ", "SANTA FE - "])
def test_a_dateline_with_a_state_is_not_the_speaker(dateline):
    text = dateline + "Governor Denise Whitcomb said on Thursday she would veto Senate Bill 412."
    assert [(s.speaker, s.speaker_mention) for s in stance.extract(text)] == [("Denise Whitcomb", "Governor Denise Whitcomb")]


@pytest.mark.parametrize("dateline", ["KALDMARK, Ostrevia, Oct 14 (Tidewell Wire) - ", "BRELLPORT, Dec. 7 (Harbour Wire) - "])
def test_a_wire_dateline_with_a_date_and_an_agency_is_not_the_speaker(dateline):
    # the wire services' form: the city, maybe its country, the date, the agency
    text = dateline + "Ostrevia's finance minister, Ilse Brannoch-Vey, on Tuesday urged lawmakers to pass her bill."
    assert [s.speaker for s in stance.extract(text)] == ["Ilse Brannoch-Vey"]


def test_a_dateline_parsed_as_a_second_subject_is_not_the_speaker():
    text = "CHARLESTON, W.Va. - Lawyers for more than 2,000 residents told a federal jury on Monday that the company knew."
    assert [s.speaker_mention for s in stance.extract(text)] == ["Lawyers for more than 2,000 residents"]


def test_one_person_of_a_nation_is_the_person_just_named():
    text = 'Albion manager Stefan Lindqvist said the club would appeal. "Twelve points is not a punishment," the Swede said.'
    assert [s.speaker for s in stance.extract(text)] == ["Stefan Lindqvist", "Stefan Lindqvist"]


def test_former_officials_of_a_body_speak_for_themselves():
    # "two former FTC officials" are not the FTC: their speaker is the group
    from stance.extract import Extractor

    text = (
        "WASHINGTON - The Federal Trade Commission (FTC) lost its appeal on Thursday.\n\n"
        "Two former FTC officials said the agency was unlikely to win a rehearing."
    )
    [statement] = Extractor()(text).statements
    assert statement.speaker == "former FTC officials"
    text_now = text.replace("Two former FTC officials", "Two FTC officials")
    [statement] = Extractor()(text_now).statements
    assert statement.speaker == "FTC"


def test_who_after_a_verbs_prepositional_object_means_that_object():
    from stance.extract import Extractor

    # "setting up a showdown with Gov. Teresa Vang, who said ...": Vang, not the participle
    text = (
        "The Wisconsin Senate voted on Tuesday to pass a bill, setting up a showdown with Democratic Gov. Teresa Vang, "
        'who said she would "veto it the day it lands."'
    )
    [statement] = [s for s in Extractor()(text).statements if s.cue == "said"]
    assert statement.speaker == "Teresa Vang"
    # "a school cook from Ploiesti, who said": still the person, not the place
    text = "Among the marchers was Elena Stanciu, 61, a school cook from Ploiesti, who said she had planned to retire next spring."
    [statement] = Extractor()(text).statements
    assert statement.speaker == "Elena Stanciu"


@pytest.mark.parametrize("title, role", [("Sen.", "senator"), ("Gov.", "governor"), ("Rep.", "representative")])
def test_an_abbreviated_title_is_the_role_a_later_description_names(title, role):
    from stance.extract import Extractor

    text = f"{title} Teresa Vang said the bill would end years of uncertainty.\n\nThe {role} said the agency had lost its way."
    assert [s.speaker for s in Extractor()(text).statements] == ["Teresa Vang", "Teresa Vang"]


@pytest.mark.parametrize("mention, speaker", [("A No 10 spokesman", "No 10"), ("A Number 10 spokeswoman", "Number 10")])
def test_number_10_speaks_whole(mention, speaker):
    from stance.extract import Extractor

    [statement] = Extractor()(f"{mention} said on Tuesday that the policy would fail.").statements
    assert statement.speaker == speaker


def test_a_former_party_minister_speaks_for_themselves_and_again_later():
    from stance.extract import Extractor

    text = (
        "LONDON - Helen Ashworth is a former doctor.\n\n"
        "One former Conservative health minister, who asked not to be named, says the passport sounds wonderful.\n\n"
        '"She is a brilliant communicator," the former minister says.\n\n'
        "EPA Administrator Denise Whitlock said the agency would not be bullied."
    )
    speakers = [s.speaker for s in Extractor()(text).statements]
    assert speakers == ["former Conservative health minister", "former Conservative health minister", "Denise Whitlock"]


def test_a_known_surname_the_tagger_calls_a_common_noun_is_still_the_subject_she_means():
    from stance.extract import Extractor

    # spaCy sm tags "Ashworth" a common noun here; she is still the subject a later "she says" means
    text = (
        "LONDON - Helen Ashworth keeps a stethoscope in her car. \u201cHabit,\u201d she says.\n\n"
        "\u201cShe still remembers my mother\u2019s name,\u201d says Margaret Doyle, 74, a retired teacher.\n\n"
        "Ashworth does not accept that figure. \u201cThey have moved people from one list to another and called it progress,\u201d she says."
    )
    assert Extractor()(text).statements[-1].speaker == "Helen Ashworth"


def test_the_company_means_a_company_named_before_though_it_never_spoke():
    from stance.extract import Extractor

    text = (
        "EU fines video app over teenage users\n\n"
        "BRUSSELS - Regulators fined Vantrell $40 million on Wednesday under the EU's platform law.\n\n"
        "The commissioner said the company had shelved its own researchers' recommendations.\n\n"
        '"We strongly disagree with today\'s decision," the company said in a statement.'
    )
    assert [s.speaker for s in Extractor()(text).statements][-1] == "Vantrell"


def test_a_body_named_before_is_the_speaker_of_its_short_form_and_its_initials():
    from stance.extract import Extractor

    extractor = Extractor()
    text = (
        "Watchdog widens fertiliser probe\n\n"
        "The European Commission fined two fertiliser makers on Tuesday.\n\n"
        "The Commission said it would widen the inquiry next year."
    )
    assert [s.speaker for s in extractor(text).statements] == ["European Commission"]
    # an acronym in brackets that NER took into the name, then used alone
    text = (
        "Club finances under review\n\n"
        "Parliament set up the Independent Football Regulator (IFR) last year to oversee club finances.\n\n"
        "The IFR said it would not intervene."
    )
    assert [s.speaker for s in extractor(text).statements] == ["Independent Football Regulator"]
    # initials the article never spelled out in brackets
    text = (
        "Drug rejected\n\n"
        "The U.S. Food and Drug Administration declined on Friday to approve the drug.\n\n"
        "The FDA said the trial was too small to show a benefit."
    )
    assert [s.speaker for s in extractor(text).statements][-1] == "U.S. Food and Drug Administration"


@pytest.mark.parametrize("mention, speaker", [("Councilmember Ray Castellano", "Ray Castellano"), ("Shopkeeper Maria Lopez", "Maria Lopez"), ("Maria Lopez", "Maria Lopez")])
def test_a_descriptor_glued_before_a_first_name_is_not_part_of_the_name(mention, speaker):
    text = f"{mention} said the vote on the new budget was a mistake."
    assert [s.speaker for s in stance.extract(text)] == [speaker]


def test_a_name_apposed_to_an_apposed_role_is_the_speaker():
    text = "The club's owner, the 51-year-old shipping investor Dimitri Vance, said the decision was an execution without a trial."
    assert [s.speaker for s in stance.extract(text)] == ["Dimitri Vance"]
    text = "The club's owner, a shipping investor, said the decision was an execution without a trial."
    assert [s.speaker for s in stance.extract(text)] == ["club's owner"]


def test_his_after_another_name_is_not_the_speakers_gender():
    # "Harjit" is in no first-name list; "his" belongs to the accused, so the critic may be "she"
    text = (
        "Border bill passes\n\n"
        "NDP critic Harjit Sandhu accused Thibodeau of taking his talking points from Washington. "
        "She said the detention provision would not survive a court challenge."
    )
    assert [s.speaker for s in stance.extract(text)] == ["Harjit Sandhu", "Harjit Sandhu"]


def test_a_first_name_and_a_hyphenated_surname_tagged_as_a_body_is_a_person():
    from stance.extract.mentions import double_barrelled

    assert double_barrelled("Ilinca Moravetz-Kolb") and not double_barrelled("Rolls-Royce Holdings") and not double_barrelled("Anglo-Irish Bank")
    text = (
        "Border row overshadows summit\n\n"
        "Addressing the council in the capital, Ilinca Moravetz-Kolb said troops had built four new posts on the plateau.\n\n"
        '"They sign agreements in daylight and move soldiers at night," she told the assembled ministers.'
    )
    assert [s.speaker for s in stance.extract(text)] == ["Ilinca Moravetz-Kolb", "Ilinca Moravetz-Kolb"]


def test_a_described_name_the_parser_hung_on_a_place_before_it_is_the_subject():
    text = "At a bus stop on Fond du Lac Avenue, Carmen Ruiz, a 62-year-old retired nurse, said she had voted for the mayor twice."
    assert [(s.speaker, s.content) for s in stance.extract(text)] == [("Carmen Ruiz", "she had voted for the mayor twice")]


def test_a_name_with_an_of_phrase_of_its_party_is_the_person_not_the_party():
    text = (
        "The province's premier, Halvard Roos of the governing Civic Front, said on Tuesday that the tunnel "
        "would be finished on time."
    )
    assert [s.speaker for s in stance.extract(text)] == ["Halvard Roos"]


def test_a_name_between_commas_before_a_description_ends_at_its_comma():
    text = "Its chairman, Einar Lunde, a sheep farmer whose own well ran dry, accused the agency of lying."
    assert [s.speaker for s in stance.extract(text)] == ["Einar Lunde"]


def test_an_article_or_a_newspaper_that_alleges_speaks():
    text = "The article alleged that he had exaggerated his role in the mission."
    assert [(s.speaker, s.content) for s in stance.extract(text)] == [("article", "he had exaggerated his role in the mission")]
    text = "The newspaper alleged that he had exaggerated his role in the mission."
    assert [s.content for s in stance.extract(text)] == ["he had exaggerated his role in the mission"]
    # what a video or someone's efforts show is still narration
    assert stance.extract("The video shows that the plan worked. His efforts demonstrated that it was needed.") == []


def test_shot_back_that_is_a_retort():
    text = 'The premier, Halvard Roos, shot back that his rival "has never met a plan she could not cancel."'
    assert [(s.speaker, s.content) for s in stance.extract(text)] == [("Halvard Roos", 'his rival "has never met a plan she could not cancel')]
    # firing back at someone is not speech
    assert stance.extract("Police fired back at the gunmen on Monday.") == []


def test_a_first_name_ner_tags_a_place_still_opens_the_full_name():
    # "Edwina" is in no first-name list and NER tags it a place; "Tavistrom" alone recurs as a name
    text = (
        "Minister faces revolt\n\n"
        "ALDSHAW — Edwina Tavistrom keeps a chart on her wall.\n\n"
        "For fourteen years Tavistrom, 63, has run the ministry. Tavistrom says the numbers are on her side."
    )
    assert [s.speaker for s in stance.extract(text)] == ["Edwina Tavistrom"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a count is not part of who speaks: the gold of every blind set writes "diplomat", "diplomats"
        ("Diplomats were more measured. One diplomat who has attended every round said both sides need a deal.", "diplomat"),
        ("Two diplomats said the talks had stalled.", "diplomats"),
        ("Several independent senators said they would vote against the bill.", "independent senators"),
    ],
)
def test_a_count_before_an_unnamed_speaker_is_dropped(text, speaker):
    assert [s.speaker for s in stance.extract(text)] == [speaker]


def test_counsel_named_after_the_side_they_act_for_speaks():
    # the parser makes "Defending Kelvedrin" the subject and the barrister its apposition
    text = "Defending Kelvedrin, Lavinia Adebanjo KC said the company had spent 14 million pounds on its treatment works."
    assert [s.speaker for s in stance.extract(text)] == ["Lavinia Adebanjo"]


def test_a_bare_body_noun_means_the_body_it_heads_or_the_only_club_in_view():
    guild = (
        "The Airline Pilots Guild began a strike on Monday. Vantora said on Tuesday that it would operate 60 percent of flights. "
        "The guild called the plan “a publicity stunt with a safety risk attached.”"
    )
    assert stance.extract(guild)[-1].speaker == "Airline Pilots Guild"
    trust = "Ambervale Hospitals Trust dismissed a senior nurse in March.\n\nThe trust said she was dismissed for gross misconduct."
    assert stance.extract(trust)[-1].speaker == "Ambervale Hospitals Trust"
    # a club's name need not say it is one ("Brackwater Comets"), when no other such name is in view
    club = (
        "Comets sack coach\n\nThe Brackwater Comets fired head coach Lorcan Wexworthy on Monday.\n\n"
        'The club said in a statement that the decision had been taken "with great regret".'
    )
    assert stance.extract(club)[-1].speaker == "Brackwater Comets"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a people or place before a common noun describes who speaks; it is not the speaker
        ("A senior Egyptian diplomat said Cairo would not accept the text.", "senior Egyptian diplomat"),
        ("Kazakh officials said the pipeline was safe.", "Kazakh officials"),
        ("A US official said the deal was close.", "US official"),
    ],
)
def test_a_demonym_before_an_unnamed_speaker_is_part_of_the_description(text, speaker):
    assert [s.speaker for s in stance.extract(text)][-1] == speaker


def test_a_name_after_a_role_is_a_person_whatever_ner_says():
    # NER tags "Wendell Elmstead" an organisation; "assistant coach" before it says who he is
    text = (
        "Comets sack coach\n\nThe club said in a statement that assistant coach Wendell Elmstead would take charge "
        'for the rest of the season.\n\nElmstead, 44, said he was "honoured" to step in.'
    )
    assert stance.extract(text)[-1].speaker == "Wendell Elmstead"


@pytest.mark.parametrize(
    "headline, speaker",
    [
        # the name opening the clause after the colon speaks, not a later possessor ("Tarranford's mayor")
        ("‘I don’t need his permission’: Ysolde Thistlewaite takes on Tarranford’s mayor", "Ysolde Thistlewaite"),
        # a name opening a fragment the parser finds no clause in
        ("‘We can afford to be kind’: Nadia Ferrand and the dividend that divides Estavia", "Nadia Ferrand"),
        ("‘Twelve patients is not nursing’: on the picket line as the strike enters its third week", None),
    ],
)
def test_a_quoted_profile_headline_is_spoken_by_the_name_after_its_colon(headline, speaker):
    statements = stance.extract(headline + "\n\nThe story begins in a small town.")
    assert statements[0].kind == "headline" and statements[0].speaker == speaker


def test_post_nominal_letters_before_a_comma_are_not_part_of_the_name():
    text = "Barnaby Threlfall KC, for Meridale, said the group deeply regretted the attack."
    assert [s.speaker for s in stance.extract(text)] == ["Barnaby Threlfall"]


def test_people_at_an_institution_are_not_the_institution():
    # the head is "officials"; "the ministry" is where they work (not "Two Officials At The Ministry")
    text = "Two officials at the ministry, speaking on condition of anonymity, said ministers were discussing a softer bill."
    assert [s.speaker for s in stance.extract(text)] == ["officials at the ministry"]
    assert [s.speaker for s in stance.extract("The Ministry of Labour said it remained open to dialogue.")] == ["Ministry of Labour"]


def test_a_participle_split_at_its_hyphen_is_not_a_second_subject():
    # the parser makes "Cross" of "Cross-examining" a subject of "accused" beside the barrister
    text = (
        "Halvard Moe, 51, is suing the council for unfair dismissal.\n\n"
        "Cross-examining him, the council's barrister, Petra Lindqvist, accused Moe of \"inventing a feud.\"\n"
    )
    [statement] = [s for s in stance.extract(text) if "inventing" in s.content]
    assert statement.speaker == "Petra Lindqvist"


def test_one_of_the_people_counted_before_speaks_as_one_of_them():
    text = (
        "Two officials at the treasury said the budget had been rewritten twice. "
        "One said the minister had ordered the cuts himself.\n"
    )
    statements = stance.extract(text)
    assert [s.speaker_mention for s in statements] == ["Two officials at the treasury", "One"]
    assert statements[1].speaker == "official"
    # a plain "one" with nobody counted before stays as it was found
    alone = stance.extract("One said the minister had ordered the cuts himself.\n")
    assert [s.speaker for s in alone] != ["official"]


def test_a_headline_told_to_a_hearing_is_the_first_paragraphs_speaker():
    # the tribunal hears the case; the barrister the first paragraph names puts it
    text = (
        "Ferry firm sacked captain who 'would not sail unsafe boats', tribunal hears\n\n"
        "KELBY - A ferry company dismissed its senior captain after he refused to sail two boats "
        "he believed were unsafe, his barrister told an employment tribunal on Monday.\n"
    )
    statements = stance.extract(text)
    assert [s.content for s in statements] == [
        "Ferry firm sacked captain who 'would not sail unsafe boats'",
        "A ferry company dismissed its senior captain after he refused to sail two boats he believed were unsafe",
    ]
    assert statements[0].speaker == statements[1].speaker == "barrister"
    assert statements[0].speaker_mention is None


def test_an_age_and_a_role_is_the_person_in_view_and_teaches_the_role():
    # "the 57-year-old mayor" is the woman the paragraph is about, and a headline's
    # "Lindale's mayor" (a city's mayor, not the city) is then she
    text = (
        "'I am not finished yet': Lindale's mayor makes her case for a third term\n\n"
        "LINDALE - Nora Castellane keeps a hard hat on her windowsill. The first 900 homes are finished, "
        "and the 57-year-old mayor says she needs four more years to build the rest.\n"
    )
    statements = stance.extract(text)
    assert [s.content for s in statements] == ["I am not finished yet", "she needs four more years to build the rest"]
    assert [s.speaker for s in statements] == ["Nora Castellane", "Nora Castellane"]


def test_a_body_whose_name_says_what_the_description_says_speaks_through_it():
    # "the insurer" is Kestrel Insurance, though another untyped name comes between
    text = (
        "Insurer drops sponsorship of cycling team\n\n"
        "Kestrel Insurance is ending its sponsorship of the Harwood Pro Cycling team after a doping case, "
        "the insurer said on Monday.\n"
    )
    [statement] = [s for s in stance.extract(text) if s.content.startswith("Kestrel")]
    assert statement.speaker == "Kestrel Insurance"
    # a dateline NER takes into a body's name is no part of any speaker's name
    dated = stance.extract("Insurer drops sponsorship of cycling team\n\nKELDERBY - " + text.split("\n\n")[1])
    assert not any("KELDERBY" in (s.speaker or "") for s in dated)


def test_a_club_named_in_a_headline_role_is_not_the_role():
    # "Rovers owner": the owner the story names, not the club
    text = (
        "‘We will fight this in every court’: Rovers owner vows appeal after league ban\n\n"
        "CARDIFF — Pentraeth Rovers have been thrown out of the Welsh Premier League for the rest of the season "
        "after the Welsh Football Board (WFB) found the club had hidden £2.3 million in unpaid wages.\n\n"
        "The board’s disciplinary panel ruled on Monday that Rovers had misled its licensing officers about the club’s finances.\n\n"
        "Rovers’ owner, the 51-year-old shipping investor Dimitri Fenwick, said the decision was "
        "“an execution without a trial” and that the club would appeal.\n"
    )
    statements = stance.extract(text)
    assert statements[0].content == "We will fight this in every court"
    assert statements[0].speaker == "Dimitri Fenwick"


def test_a_first_name_and_a_surname_tagged_a_place_is_a_person():
    # NER may tag "Agnes Holloway" a place; her "she said" is still she
    text = (
        "The Medicines Pricing Authority said it had opened an inquiry.\n\n"
        "Its chair, Agnes Holloway, told lawmakers that the authority had \"real concerns\" about the rise. "
        "\"A company does not discover new costs worth 380 percent overnight,\" she said.\n"
    )
    statements = stance.extract(text)
    assert [s.speaker for s in statements if "overnight" in s.content] == ["Agnes Holloway"]


def test_the_people_a_fight_is_with_speak_in_their_relative_clause():
    # "who say" after "a fight with employers": the employers, not the fight
    text = (
        "FAIRHAVEN - The provincial parliament voted on Tuesday to approve a payroll levy, setting up "
        "a fight with employers who say the charge will cost jobs.\n"
    )
    assert [(s.content, s.speaker) for s in stance.extract(text)] == [("the charge will cost jobs", "employers")]


def test_a_role_before_a_name_teaches_the_role_a_former_description_names():
    # "the team's leading rider, Luca Brasch" ... "the former rider wrote": Brasch
    text = (
        "Avenor Insurance is ending its sponsorship of the Coastline team after the team's leading rider, "
        "Luca Brasch, was banned for four years for doping, the insurer said on Monday.\n\n"
        "In a post on Instagram on Saturday, the former rider wrote that he had \"never knowingly taken a banned substance\".\n"
    )
    statements = [s for s in stance.extract(text) if "banned substance" in s.content]
    assert [s.speaker for s in statements] == ["Luca Brasch"]


def test_a_place_opening_the_sentence_is_not_the_speaker():
    # the parser makes "Outside court" the subject and the speaker its conjunct
    text = (
        "Outside court, the company's chief executive, Dominic Farrant, said the mine would recycle "
        "\"nine litres in every ten\" of the water it used.\n"
    )
    assert [s.speaker for s in stance.extract(text)] == ["Dominic Farrant"]


def test_one_of_a_group_named_after_the_cue_is_the_named_person():
    text = (
        "\"The Lorvians want us to be afraid. We are not,\" said one of the organisers, Tereza Holm.\n\n"
        "\"We will march again on Friday,\" said one of the organisers.\n"
    )
    assert [s.speaker for s in stance.extract(text)] == ["Tereza Holm", "organisers"]


def test_a_named_person_who_gestures_is_the_he_who_speaks_next():
    # "Kerrow shrugs." parses as a noun phrase; he is still the person in view
    text = (
        "HALVERSTAD - Matthias Kerrow wants to lead his party. The finance minister, Teodor Vranken, has mocked "
        "his tax plan. \"Mr Kerrow has discovered a tax that raises money only in spreadsheets,\" he told parliament.\n\n"
        "Kerrow shrugs. \"If they think one cent in every mark is radical, they have been in power too long,\" he says.\n"
    )
    statements = [s for s in stance.extract(text) if "one cent" in s.content]
    assert [s.speaker for s in statements] == ["Matthias Kerrow"]


def test_a_role_given_an_age_and_no_name_is_the_person_in_view():
    # "The Labour Democrats' finance spokesman, 47, says": Kerrow, not the party
    text = (
        "HALVERSTAD — Matthias Kerrow keeps a spreadsheet open on his laptop even at lunch. "
        "The Labour Democrats’ finance spokesman, 47, says he checks the borrowing figures every morning.\n"
    )
    assert [s.speaker for s in stance.extract(text)] == ["Matthias Kerrow"]


def test_the_company_is_the_name_that_says_it_is_one_not_a_later_village():
    text = (
        "The ministry granted Carrack Minerals a 25-year licence in March to dig the mine on farmland "
        "two kilometres from Brenmoor, a village of about 900 people. The company says the project would create 1,400 jobs.\n"
    )
    assert [s.speaker for s in stance.extract(text)] == ["Carrack Minerals"]


def test_a_place_noun_opening_the_sentence_is_no_name():
    text = (
        "BRANTLEY, October 14 (Harbour Wire) - Brantley's city council voted 31 to 24 on Tuesday to charge drivers "
        "9 crowns a day to enter the city centre, handing Mayor Miriam Calloway the biggest victory of her first term.\n\n"
        "\"This is the hardest thing this council has done,\" Calloway said.\n\n"
        "City officials said the money would go to the long-delayed Eastline tram.\n"
    )
    assert [s.speaker.lower() for s in stance.extract(text)] == ["miriam calloway", "city officials"]


def test_a_first_name_from_the_world_list_starts_a_name_ner_missed():
    # NER tags nothing in "world number 14 Noemi Castellvi"; "Noemi" is a first name all the same
    text = (
        "CASTELMOR - The Brenorian Tennis Federation (VTF) suspended world number 14 Noemi Castellvi for 18 months "
        "on Monday after she missed three drug tests in a year.\n\n"
        'Castellvi said she was "heartbroken" and would appeal.\n'
    )
    assert [s.speaker for s in stance.extract(text)] == ["Noemi Castellvi"]
