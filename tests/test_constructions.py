"""Attribution constructions of issue 13: beliefs and plans, questions and requests,
written words, colon lines, denials, evidence, noun cues, quotes that run on; cue types
and quote grouping."""

from __future__ import annotations

import pytest

import stance
from stance.extract import Extractor, ExtractorConfig
from stance.extract.candidates import SentenceContext, headline


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize(
    "text, speaker, cue_type, content",
    [
        ("Several council members wanted to put limits on the new agency.", "Several Council Members", "belief", "put limits on the new agency"),
        ("Residents are demanding that the mayor resign.", "Residents", "question", "the mayor resign"),
        ("Governor Ann Lee is expected to sign the bill this month.", "Ann Lee", "intention", "sign the bill this month"),
        ("The company plans to break ground this autumn.", "Company", "intention", "break ground this autumn"),
        ("Senator Ann Lee tweeted that the plan was dead.", "Ann Lee", "writing", "the plan was dead"),
        ("Senator Ann Lee said in a statement that the board had failed.", "Ann Lee", "writing", "the board had failed"),
        ("Mayor Tom Hart has denied any wrongdoing.", "Tom Hart", "denial", "any wrongdoing"),
        ("Polls show trust in the board has collapsed.", "polls", "evidence", "trust in the board has collapsed"),
        ("Emails obtained by the Courier suggest that managers knew.", "emails", "evidence", "managers knew"),
        ("Stallholders voiced fears about rising rents.", "Stallholders", "belief", "fears about rising rents"),
    ],
)
def test_construction_and_cue_type(extractor, text, speaker, cue_type, content):
    [statement] = extractor(text).statements
    assert text[statement.start : statement.end] == statement.content
    assert (statement.speaker, statement.cue_type, statement.content) == (speaker, cue_type, content)


def test_a_cue_noun_speaks_through_its_possessor(extractor):
    text = "Mayor Tom Hart spoke on Monday. His claim that the audit was rigged drew criticism."
    claim = [s for s in extractor(text).statements if s.cue == "claim"]
    assert [(s.speaker, s.content) for s in claim] == [("Tom Hart", "the audit was rigged")]


def test_colon_lines_in_a_round_up_and_a_transcript(extractor):
    text = (
        "Debate reactions\n\n"
        'Dana Ortiz, Twitter: "The moderator was the real winner tonight."\n\n'
        'Sam Okafor, The Daily Ledger: "Mendez looked like a man arguing with his own record."\n\n'
        "REYES: Why was this contract never put out to bid?\n\n"
        "Update: the hearing resumes on Monday."
    )
    statements = extractor(text).statements
    assert [(s.speaker, s.cue, s.cue_type) for s in statements] == [
        ("Dana Ortiz", ":", "writing"), ("Sam Okafor", ":", "speech"), ("REYES", ":", "speech"),
    ]
    assert statements[0].content == "The moderator was the real winner tonight."
    assert statements[2].content == "Why was this contract never put out to bid?"


def test_a_quote_interrupted_by_its_cue_is_one_quote(extractor):
    text = '"We followed the rules," Okafor said, "and we will keep following them." Polls show trust fell.'
    extraction = extractor(text)
    first, second, poll = extraction.statements
    assert first.quote_id == second.quote_id != poll.quote_id
    [merged] = [q for q in extraction.quotes() if len(q.spans) == 2]
    assert merged.speaker == "Okafor" and merged.text == "We followed the rules and we will keep following them."


def test_a_quote_over_paragraphs_after_its_cue_is_one_statement_per_paragraph(extractor):
    text = (
        "Union rejects the new rules\n\n"
        "Union leader Jonas Brekke was angry.\n\n"
        "He told reporters: “People are not stupid. They read the small print.\n\n"
        "“Some of our members have waited since January.\n\n"
        "“We will not accept that.”\n\n"
        "The company did not respond."
    )
    extraction = extractor(text)
    parts = [s for s in extraction.statements if s.speaker == "Jonas Brekke"]
    assert [s.kind for s in parts] == ["direct", "continuation", "continuation"]
    assert [s.content for s in parts] == [
        "People are not stupid. They read the small print.", "Some of our members have waited since January.", "We will not accept that.",
    ]
    assert len({s.quote_id for s in parts}) == 1
    assert all(p is not None for s, p in zip(extraction.statements, extraction.parses) if s in parts)


def test_a_carried_quote_ending_its_sentence_stands_alone(extractor):
    text = '"Nobody disputes that families are struggling," Elise Meulen wrote. "The question is whether a cap fixes that." In a later post, she asked for data.'
    contents = [s.content for s in extractor(text).statements if s.speaker == "Elise Meulen"]
    assert "The question is whether a cap fixes that." in contents


def test_cue_types_filter(extractor):
    text = '"We won," Ann Lee said. Polls show trust has collapsed. She tweeted that the vote was rigged.'
    every = {s.cue_type for s in extractor(text).statements}
    assert every == {"speech", "evidence", "writing"}
    only = Extractor(nlp=extractor.nlp, config=ExtractorConfig(cue_types={"speech", "writing"}))(text).statements
    assert {s.cue_type for s in only} == {"speech", "writing"}
    with pytest.raises(ValueError, match="speech"):
        ExtractorConfig(cue_types={"gossip"})


def test_cue_types_on_the_command_line(tmp_path, capsys):
    from stance.cli import main

    article = tmp_path / "a.txt"
    article.write_text('Headline\n\n"We won," Ann Lee said. Polls show trust has collapsed.\n', encoding="utf-8")
    assert main(["extract", str(article), "--cue-types", "evidence"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1 and '"cue_type": "evidence"' in lines[0]
    with pytest.raises(SystemExit):
        main(["extract", str(article), "--cue-types", "gossip"])


@pytest.mark.parametrize(
    "text, speaker, content, kind",
    [
        ("In a televised address, President Ion Vasile called the law \u201cpainful but unavoidable\u201d.", "Ion Vasile", "the law \u201cpainful but unavoidable\u201d", "mixed"),
        ('Minister Ana Ruiz called the seizure "an act of piracy" and said the ambassador had been recalled.', "Ana Ruiz", 'the seizure "an act of piracy"', "mixed"),
        ('The observers described the vote as "largely orderly".', "observers", 'the vote as "largely orderly"', "mixed"),
        ("Mayor Tom Hart called the plan reckless.", "Tom Hart", "the plan reckless", "indirect"),
        # a label with a clause of its own runs to its closing quote; its verb is no cue
        (
            "Foreign policy chief Ana Berg called the package \u201ca message to anyone who thinks they can profit from this war.\u201d",
            "Ana Berg",
            "the package \u201ca message to anyone who thinks they can profit from this war.\u201d",
            "mixed",
        ),
    ],
)
def test_calling_something_a_name_is_a_statement_about_it(extractor, text, speaker, content, kind):
    statement = extractor(text).statements[0]
    assert (statement.speaker, statement.content, statement.kind, statement.cue_type) == (speaker, content, kind, "speech")
    assert statement.cue in ("called", "described")


@pytest.mark.parametrize("text", ["Mayor Tom Hart called the police.", "Residents call it Main Street.", "The senator described the bill as a compromise."])
def test_calling_without_a_quoted_or_evaluative_name_is_not(extractor, text):
    assert [s for s in extractor(text).statements if s.cue in ("called", "call", "described")] == []


@pytest.mark.parametrize(
    "text, speaker, contents",
    [
        (
            "Prosecutor Naomi Fitzgerald said the director had ignored two reports and that the firm had saved money.",
            "Naomi Fitzgerald",
            ["the director had ignored two reports", "the firm had saved money"],
        ),
        (
            "The minister told reporters that the talks had stalled but that a deal was still possible.",
            "minister",
            ["the talks had stalled", "a deal was still possible"],
        ),
    ],
)
def test_two_that_clauses_of_one_cue_are_two_statements(extractor, text, speaker, contents):
    # "X said A and that B": each clause is a statement with the same cue and speaker
    statements = extractor(text).statements
    assert [s.content for s in statements] == contents
    assert [text[s.start : s.end] for s in statements] == contents
    assert {(s.speaker, s.cue) for s in statements} == {(speaker, statements[0].cue)}


def test_one_that_clause_with_a_coordination_inside_stays_one_statement(extractor):
    text = "Prosecutor Naomi Fitzgerald said the director had ignored two reports and saved money."
    [statement] = extractor(text).statements
    assert statement.content == "the director had ignored two reports and saved money"


@pytest.mark.parametrize(
    "headline, speaker, content",
    [
        ("Governor says she will veto groundwater bill as farm lobby pushes back", "Governor", "she will veto groundwater bill"),
        ("Morvania accuses Kestria of ‘stealing a river’ as dam talks collapse", "Morvania", "Kestria of ‘stealing a river’"),
        ("Border bill will 'restore order', minister says as Commons passes it", "minister", "Border bill will 'restore order'"),
        ("Flat tax would 'bankrupt our schools,' Wisconsin governor says in veto of GOP bill", None, "Flat tax would 'bankrupt our schools,'"),
        ("Santos dockworkers extend strike as union calls automation plan \"a betrayal\"", None, 'automation plan "a betrayal"'),
        ("German coalition on brink as SPD rejects chancellor’s budget ‘ultimatum’", "SPD", "chancellor’s budget ‘ultimatum’"),
        ("Conservatives sweep to power in B.C. as Mah concedes: 'The people have spoken'", "Mah", "The people have spoken"),
    ],
)
def test_a_headline_statement_is_what_it_reports(extractor, headline, speaker, content):
    # the headline's content is the reported words, not its speaker, cue or "as ..." clause
    text = headline + "\n\nLONDON (Wire) - Officials spoke on Monday.\n"
    [statement] = [s for s in extractor(text).statements if s.kind == "headline"]
    assert statement.content == content == text[statement.start : statement.end]
    if speaker is not None:
        assert statement.speaker_mention == speaker


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the parser hangs "but that B" on the cue, after a quote
            "Vidmar said Ludania would attend “any meeting, anywhere,” but that it would not negotiate “with a gun to our heads.”",
            [("Ludania would attend “any meeting, anywhere,”", "Vidmar"), ("it would not negotiate “with a gun to our heads.”", "Vidmar")],
        ),
        (  # a subject the parser gave to the aside "asked about ..."
            'Treasurer Daniel Hosking, asked about a leaked estimate, said the figure "assumes nobody changes" and that exporters would "still profit".',
            [('the figure "assumes nobody changes"', "Daniel Hosking"), ('exporters would "still profit"', "Daniel Hosking")],
        ),
        (  # two reports in one sentence: each verb reports its own clause
            "Supporters said it would stop fraud; opponents said such cases were vanishingly rare.",
            [("it would stop fraud", "Supporters"), ("such cases were vanishingly rare", "opponents")],
        ),
        (  # a sentence's own "It said" is the company spoken of before it
            "Kaito Cells said the batteries were built as specified. It said it was cooperating fully with regulators.",
            [("the batteries were built as specified", "Kaito Cells"), ("it was cooperating fully with regulators", "Kaito Cells")],
        ),
    ],
)
def test_reports_the_parser_splits_oddly(extractor, text, expected):
    statements = extractor(text).statements
    assert [(s.content, s.speaker) for s in statements] == expected
    assert all(text[s.start : s.end] == s.content for s in statements)


def test_it_said_inside_a_clause_is_nobody(extractor):
    assert extractor("The rules, which it said would take effect in May, were dropped.").statements == []


def test_a_headline_that_ends_on_its_cue_is_reported_whole(extractor):
    # nothing after "says" in the parsed span: the whole headline, not an IndexError
    text = "Senator Lee says"
    sentence = next(iter(extractor.nlp(text).sents))
    end, candidate = headline(SentenceContext(text, 0, sentence, extractor.lexicon, extractor.config), 1)
    assert (end, candidate.start, candidate.end) == (len(text), 0, len(text))


@pytest.mark.parametrize(
    "headline_text, expected",
    [
        # the quote, then the subject or possessor that speaks; a cue after the colon still counts
        ("'We were never asked': fishers vow to fight wind farm", [("We were never asked", "fishers"), ("fight wind farm", "fishers")]),
        ("‘I can’t wait any longer’: Dana Ortiz’s long march on the capital", [("I can’t wait any longer", "Dana Ortiz")]),
        # a name, a colon, the quote
        ("Dana Ortiz: ‘This city can’t afford four more years’", [("This city can’t afford four more years", "Dana Ortiz")]),
        # no one named after the colon: the statement without a speaker
        ("'Twelve patients is not nursing': on the picket line as nurses' strike enters third week", [("Twelve patients is not nursing", None)]),
        # an inverted cue after the quote: the quote is what is said, not the speaker
        ("'We will fight on,' says union leader", [("We will fight on", "union leader")]),
    ],
)
def test_headlines_that_quote_their_speaker(extractor, headline_text, expected):
    text = headline_text + "\n\nThe talks resumed on Monday in the capital."
    statements = [s for s in extractor(text).statements if s.start < len(headline_text)]
    assert [(s.content, s.speaker_mention) for s in statements] == expected
    assert all(s.kind == "headline" for s in statements)


@pytest.mark.parametrize("verb", ["ordered", "directed", "instructed", "asked"])
def test_an_order_or_a_request_to_act_is_a_request(extractor, verb):
    statements = extractor(f"The court {verb} the agency to commission a fresh study.").statements
    assert [(s.content, s.speaker, s.cue_type) for s in statements] == [("the agency to commission a fresh study", "Court", "question")]
    # what is ordered without an act to perform is no statement
    assert extractor(f"The judge {verb} a retrial.").statements == []


def test_a_quote_after_the_cue_sentence_is_carried_on_whole(extractor):
    # the second quote's subject ("Kudiflow") is a word of the speaker's mention, which made
    # it a one-sentence continuation with its opening mark; it is the whole quotation
    text = (
        "“We found out from a journalist,” Kudiflow’s founder, Tobi Adeyemi, told reporters. "
        "“Kudiflow is not a bank that lost people’s money. It had a paperwork problem.”"
    )
    statements = extractor(text).statements
    assert [(s.content, s.kind, s.speaker) for s in statements][1:] == [
        ("Kudiflow is not a bank that lost people’s money. It had a paperwork problem.", "continuation", "Tobi Adeyemi")
    ]


def test_calls_her_and_a_quote_is_a_naming_statement(extractor):
    # the parser reads "her" as the possessor of the quoted noun
    text = "Derek Oyelaran calls her “the only candidate who has worn a hard hat for a living”."
    statements = extractor(text).statements
    assert [(s.content, s.speaker) for s in statements] == [("her “the only candidate who has worn a hard hat for a living”", "Derek Oyelaran")]


def test_requests_the_parser_splits_oddly(extractor):
    # the name made the root and "called" a clause on it
    text = "Party spokesperson Ciarán Moloney, a former minister, called on the government to suspend the grants."
    assert [(s.content, s.speaker) for s in extractor(text).statements] == [("the government to suspend the grants", "Ciarán Moloney")]
    # the infinitive parsed as an adverbial clause of "called", not its complement
    text = "Ashby-Cole said London would keep working with the council and called on Moscow to “let the aid through, if nothing else”."
    contents = [s.content for s in extractor(text).statements]
    assert contents[-1] == "Moscow to “let the aid through, if nothing else”"
    # an adjective the parser read as a participle that takes the accused as its object
    text = 'Foreign Minister Ilse Varga accused neighbouring Morvania of "stealing a river" at the summit.'
    assert [(s.content, s.speaker) for s in extractor(text).statements] == [('neighbouring Morvania of "stealing a river" at the summit', "Ilse Varga")]
    text = "The senator urged banning the drug in schools."
    assert [s.content for s in extractor(text).statements] == ["banning the drug in schools"]


def test_a_second_that_clause_whose_that_the_parser_took_for_a_subject(extractor):
    text = 'The club said Fonua retained the "full support" of the board and that prop Sione Latu would captain the side.'
    assert [s.content for s in extractor(text).statements] == ['Fonua retained the "full support" of the board', "prop Sione Latu would captain the side"]
    # a "that" right before its verb is a pronoun: one report
    assert [s.content for s in extractor("Smith said the plan failed, and that hurt the party.").statements] == ["the plan failed, and that hurt the party"]
    # "but that support was ...": the parser reads "that" as the noun's determiner; the copula heads the clause
    text = 'Two council members said the plan appeared to have the votes it needed but that support was "a lot softer than the mayor thinks."'
    assert [s.content for s in extractor(text).statements] == ["the plan appeared to have the votes it needed", 'support was "a lot softer than the mayor thinks."']


def test_a_participle_after_a_things_relative_clause_reports_the_main_subject(extractor):
    # the parser hangs ", ruling ..." on the rule's relative clause: the court rules, not the rule
    text = (
        "A federal appeals court on Thursday struck down a Federal Trade Commission rule that would have "
        "barred retailers from charging shoppers different prices based on their personal data, ruling 2-1 "
        "that the agency had exceeded the authority Congress gave it."
    )
    [statement] = [s for s in extractor(text).statements if s.cue == "ruling"]
    assert statement.content == "the agency had exceeded the authority Congress gave it"
    assert statement.speaker_mention == "A federal appeals court"


def test_a_verb_with_its_own_pronoun_object_reports_no_clause_before_it(extractor):
    # "we answered it": "it" is what was answered; the quote's sentence stays one continuation
    text = (
        '"Every month of delay is a month that patients do not have," Nadia Fair said. '
        '"The agency asked us a question in 2021, we answered it, and now it has changed the question."'
    )
    statements = extractor(text).statements
    assert [s.speaker for s in statements] == ["Nadia Fair", "Nadia Fair"]
    assert statements[1].content == "The agency asked us a question in 2021, we answered it, and now it has changed the question."
    # "The plan is dead, he told reporters": the clause before the cue is still reported
    [statement] = extractor("The plan is dead, Senator Ann Lee told reporters.").statements
    assert statement.content == "The plan is dead"


def test_a_second_that_clause_after_a_first_the_parser_hung_on_a_noun(extractor):
    # "said in its decision that A": A parsed as a clause of "decision"; "and that B" is still a report of its own
    text = (
        "The regulator said in its decision that Northlink had failed its customers and that the outage, "
        "which cut off emergency calls, was preventable."
    )
    assert [s.content for s in extractor(text).statements] == [
        "Northlink had failed its customers", "the outage, which cut off emergency calls, was preventable",
    ]


def test_a_naming_verb_with_a_quoted_label_the_parser_missed(extractor):
    # the parser takes "CRTC ruling" for a modifier and finds no object: a short object and a quoted label follow "called"
    [statement] = extractor("Marchetti called the CRTC ruling ‘punishment, not policy’ on Wednesday.").statements
    assert (statement.content, statement.speaker) == ("the CRTC ruling ‘punishment, not policy’", "Marchetti")
    assert extractor("Smith called the police at 2 a.m.").statements == []


def test_a_headline_with_an_acronym_after_a_lower_case_word_is_one_headline(extractor):
    # "as CEO calls": an acronym is no caption's first word, and the line is one headline
    text = "Northlink to fight record outage penalty as CEO calls CRTC ruling ‘punishment, not policy’\n\nTORONTO - The regulator ordered Northlink to pay."
    headlines = [s for s in extractor(text).statements if s.kind == "headline"]
    assert [(s.content, s.speaker) for s in headlines] == [("CRTC ruling ‘punishment, not policy’", "CEO")]


def test_a_headline_line_the_parser_cuts_in_two_is_one_headline(extractor):
    # spaCy ends a sentence after "Knew of" in this title-case line; with no full stop, the line is one headline
    text = "Filing Shows Harwell Foods Knew of Plant Contamination Months Before Recall\n\nDENVER - The company declined to comment."
    headlines = [s for s in extractor(text).statements if s.kind == "headline"]
    assert [s.content for s in headlines] == ["Harwell Foods Knew of Plant Contamination Months Before Recall"]


def test_according_to_after_a_cued_quote_is_its_source_not_its_speaker(extractor):
    text = 'At that hearing, the judge pressed them. "Counsel, your model assumes equipment nobody sells," Castille said, according to a transcript.'
    assert [s.speaker for s in extractor(text).statements] == ["Castille"]
    # a passive report is no speaker of its own: "according to" still names who told
    text = "Workers were told of the decision at a meeting on the shop floor, according to Dave Kowalski, president of the union local."
    assert [s.speaker for s in extractor(text).statements] == ["Dave Kowalski"]


def test_a_polls_finding_with_no_that_clause(extractor):
    text = "A Northgate Research poll of party members last week found Tallis 14 points ahead of Kerr."
    assert [(s.content, s.cue_type) for s in extractor(text).statements] == [("Tallis 14 points ahead of Kerr", "evidence")]
    # a person finding a thing is no report
    assert extractor("Police found the car in a ditch.").statements == []
    # the margin parsed as a clause of its own: the object is still its subject
    text = "A Harbour Research poll of 1,240 voters found Labor ahead 51–49 on a two-party-preferred basis."
    assert [s.content for s in extractor(text).statements] == ["Labor ahead 51–49 on a two-party-preferred basis"]


def test_a_typed_line_before_a_colon_is_written_speech(extractor):
    text = 'The patient cannot speak.\n\nAsked what he would do now, Kessling typed a single line on his screen: "I will sign up for the next trial."'
    statements = extractor(text).statements
    assert [(s.speaker, s.content, s.cue_type) for s in statements] == [("Kessling", "I will sign up for the next trial.", "writing")]


def test_an_event_expected_to_happen_is_no_ones_intention(extractor):
    assert extractor("The trial is expected to last ten weeks.").statements == []
    assert extractor("The appeal is expected to be heard within a month.").statements == []
    [statement] = extractor("The company plans to break ground this autumn.").statements
    assert statement.cue_type == "intention"


def test_a_request_after_a_reported_copula_clause_is_the_speakers_own(extractor):
    # the parser hangs "called" on the reported "was"; with no subject of its own and the
    # tense of "said", it is the speaker's second act, not the trust's
    text = 'The fans\' chair, Ann Reid, said the trust was "angry with everyone" and called on the league to let a new club start next season.'
    assert [(s.content, s.speaker, s.kind) for s in extractor(text).statements] == [
        ('the trust was "angry with everyone"', "Ann Reid", "mixed"),
        ("the league to let a new club start next season", "Ann Reid", "nominal"),
    ]


def test_a_request_after_a_clause_whose_subject_is_the_speaker_again(extractor):
    text = "The players' union said it supported the sanctions but urged the league to let the players join other clubs."
    assert [(s.content, s.speaker, s.kind) for s in extractor(text).statements] == [
        ("it supported the sanctions", "Players' Union", "indirect"),
        ("the league to let the players join other clubs", "Players' Union", "nominal"),
    ]


def test_a_participle_the_parser_took_for_the_reported_verb(extractor):
    # "shut" read as the clause's verb and "would drift" hung on the cue without a subject
    text = "Ann Reid warned that teenagers shut out of regulated apps would drift to overseas services \u201cthat answer to nobody.\u201d"
    assert [s.content for s in extractor(text).statements] == ["teenagers shut out of regulated apps would drift to overseas services \u201cthat answer to nobody"]


def test_a_report_before_a_semicolon_is_its_own_speakers(extractor):
    text = "Smith said the plan would fail; the board disagreed."
    assert [(s.content, s.speaker) for s in extractor(text).statements] == [("the plan would fail", "Smith")]


def test_a_modal_predicate_the_parser_coordinated_with_the_cue_is_reported(extractor):
    text = "The response came from Tom Reid, who said the minister was \u201chiding behind the union\u201d and should send the parties to arbitration."
    assert [s.content for s in extractor(text).statements] == ["the minister was \u201chiding behind the union\u201d and should send the parties to arbitration"]
    # a cue verb of its own after "and" is a second statement
    text = "Smith said the plan had failed and urged the board to quit."
    assert [s.content for s in extractor(text).statements] == ["the plan had failed", "the board to quit"]


def test_a_purpose_clause_inside_an_accusation_is_not_its_report(extractor):
    # "so that it can be closed" is why the trust ran the unit down, not what was said
    text = "The council leader accused the hospital trust of running down its maternity unit so that it can be closed without anyone noticing."
    assert [(s.content, s.kind) for s in extractor(text).statements] == [
        ("the hospital trust of running down its maternity unit so that it can be closed without anyone noticing", "nominal")
    ]


def test_a_reported_clause_the_parser_read_as_an_object_and_a_participle(extractor):
    text = "Ann Reid, who teaches at a business school, said the price valued Castlemere at about twice its annual revenue."
    assert [(s.content, s.speaker) for s in extractor(text).statements] == [("the price valued Castlemere at about twice its annual revenue", "Ann Reid")]


def test_a_quote_given_to_an_age_is_the_person_in_view(extractor):
    # the parser reads "told" as an adjective of "reporters"; no one was given the age
    text = (
        "Manager Gareth Mallinder said the news was bad. \"Tomas is not a cheat. I have known the lad "
        'since he was seventeen," the 52-year-old told reporters at the training ground.'
    )
    found = {s.content: s.speaker for s in extractor(text).statements}
    assert found["Tomas is not a cheat. I have known the lad since he was seventeen"] == "Gareth Mallinder"


def test_a_body_named_with_a_lower_case_word_speaks_whole(extractor):
    # NER tags "Medicines" a person and stops the name at "products"
    text = (
        "Glycora was suspended on Monday.\n\nThe Medicines and Healthcare products Regulatory Agency (MHRA) "
        "said it had received 212 reports of pancreatitis."
    )
    speakers = {s.content: s.speaker for s in extractor(text).statements}
    assert speakers["it had received 212 reports of pancreatitis"] == "Medicines and Healthcare products Regulatory Agency"


def test_an_accusation_after_a_reported_clause_about_a_thing_is_the_speakers_own(extractor):
    # "relied" and "accused" share a tense, but a formula accuses nobody: two statements of the speaker
    text = "Fenn-Ollivar said the council’s formula relied on “survey data from the last century” and accused Osterholm of “using herring to win an election.”"
    assert [(s.content, s.speaker) for s in extractor(text).statements] == [
        ("the council’s formula relied on “survey data from the last century”", "Fenn-Ollivar"),
        ("Osterholm of “using herring to win an election", "Fenn-Ollivar"),
    ]
    # the request hangs on the second of two coordinated reported verbs
    text = "Spokesperson Lin Qiu said China “has never sought a trade war but is not afraid of one” and called on Brussels to “correct its mistaken approach.”"
    assert [s.content for s in extractor(text).statements] == ["China “has never sought a trade war but is not afraid of one”", "Brussels to “correct its mistaken approach"]
    # after a person the accusation may be the person's: one statement, as before
    text = "Fenn-Ollivar said Hale relied on old figures and accused the council of bias."
    assert len(extractor(text).statements) == 1


def test_a_request_the_parser_hung_on_a_relative_clauses_object(extractor):
    # no verb root: the name is the root, "called" a clause on "the pact" inside "who helped negotiate the pact"
    text = "NLC Secretary-General Aurelie Brandstaetter-Kuhn, who helped negotiate the pact, called on both governments to “pick up the phone before they pick a fight.”"
    assert [(s.content, s.speaker) for s in extractor(text).statements] == [
        ("both governments to “pick up the phone before they pick a fight", "Aurelie Brandstaetter-Kuhn")
    ]


def test_a_finite_verb_joined_to_a_request_is_a_statement_of_its_own(extractor):
    # the parser joins "offered" to the infinitive "step back"; it is the envoy's next act
    text = "The envoy urged both capitals to step back from the quarrel and offered to host talks in Brennet."
    statements = extractor(text).statements
    assert [(s.content, s.cue) for s in statements] == [
        ("both capitals to step back from the quarrel", "urged"),
        ("host talks in Brennet", "offered"),
    ]


def test_quoted_words_that_finish_a_clause_after_the_cue_are_one_mixed_statement(extractor):
    # the subject of the quoted clause stands between "says" and the quote: one statement, from the subject on
    text = 'He wants to lead the party, and he says the current leader, Ingrid Solvind, “has taken us as far as she can.”\n'
    statements = extractor(text).statements
    assert [s.content for s in statements if "as far as" in s.content] == ["the current leader, Ingrid Solvind, “has taken us as far as she can"]


def test_a_document_a_speaker_reports_on_is_not_a_speaker_of_its_own(extractor):
    # "a hydrology report warning that ...": part of what the barrister told the court
    text = (
        'Barrister Sarah Whitmore told the court the ministry had "simply not read" a hydrology report warning '
        "that the pit could lower groundwater by up to 30 metres.\n"
    )
    statements = extractor(text).statements
    assert [(s.speaker, s.content) for s in statements] == [
        ("Sarah Whitmore", 'the ministry had "simply not read" a hydrology report warning that the pit could lower groundwater by up to 30 metres')
    ]
    # a statement that a body issues still speaks through its participle
    issued = extractor("The ministry issued a statement on Monday saying that the licence was lawful and that the mine would go ahead.\n").statements
    assert [s.content for s in issued] == ["the licence was lawful and that the mine would go ahead"]
