"""Target linking: what the article says a target is (a body, a club, a court, a
government) decides which descriptions refer to it."""

from __future__ import annotations

from pathlib import Path

from stance.evaluation.pipeline import read_targets_json
from stance.targets import Target, fold_accents, looks_like_person, names_a_body_or_thing

from linking_helpers import extractor, links_by_statement  # noqa: F401


def test_a_name_the_article_calls_a_group_is_no_person(extractor):
    # "Fair Wages Now" is shaped like a person's name and NER tags none of it: the apposition says it is a group
    text = (
        'Fair Wages Now, a labor advocacy group, has spent $2 million on ads against the nomination. '
        'Senator Wade Tolliver said the group was "a union front with a television budget."'
    )
    found = links_by_statement(extractor, text, [Target("Fair Wages Now")])
    assert found['the group was "a union front with a television budget'] == {"Fair Wages Now": ("the group", "description")}


def test_a_name_followed_by_which_is_no_person(extractor):
    text = (
        "Crescent Sports Partners, which is backed by a sovereign wealth fund, agreed to buy the club. "
        '"The consortium has passed every test," the league said. '
        '"They have done everything we asked," said Mark Dale, the league\'s chief executive.'
    )
    found = links_by_statement(extractor, text, [Target("Crescent Sports Partners")])
    assert found["The consortium has passed every test"] == {"Crescent Sports Partners": ("The consortium", "description")}


def test_a_club_known_as_a_club_comes_before_a_trust_of_no_known_kind(extractor):
    # both were met before "this club"; the trust is more salient, but nothing says it is a club
    text = (
        "Castlemere Athletic agreed to sell the club to a consortium in August. "
        "The Castlemere Athletic Supporters' Trust, which has 11,000 members, said it had concerns. "
        '"He has loaded this club with debt," said the trust\'s chair, Joanne Pickering.'
    )
    targets = [Target("Castlemere Athletic"), Target("Castlemere Athletic Supporters' Trust")]
    found = links_by_statement(extractor, text, targets)
    assert found["He has loaded this club with debt"] == {"Castlemere Athletic": ("this club", "description")}


def test_a_company_an_apposition_calls_a_company_is_not_the_only_company(extractor):
    # "Kaito Industries, the Osaka-based company" makes Kaito a company, not the article's one "the company"
    text = (
        "Norvik Motors said it would recall 212,000 cars and cut 2,400 jobs. "
        "Norvik blamed battery modules made by Kaito Industries, the Osaka-based company that supplies its packs. "
        "Norvik Motors said on Thursday that it would sue. "
        'The union accused the company of "using a recall as cover for cuts."'
    )
    found = links_by_statement(extractor, text, [Target("Norvik Motors"), Target("Kaito Industries")])
    assert found['the company of "using a recall as cover for cuts."'] == {"Norvik Motors": ("the company", "description")}


def test_the_government_is_the_country_when_no_body_is_named_so(extractor):
    text = (
        "Vantrell will cut 1,100 jobs in Ireland, the company said on Monday. "
        'The union said the government "must step in now."'
    )
    found = links_by_statement(extractor, text, [Target("Ireland"), Target("Vantrell")])
    assert found['the government "must step in now'] == {"Ireland": ("the government", "description")}


def test_the_trial_court_is_not_the_court_of_appeal(extractor):
    # in this court report the appeal court is the more salient court; "trial" and "lower" say which
    # one is meant, and "the lower court", subject of its own clause, is not ruled out by the
    # trial court's subject before it ("found that the trial court had erred, and said the lower court ...")
    path = Path(__file__).parent / "articles_targets_blind10" / "m02_graft_appeal"
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    found = links_by_statement(extractor, text, read_targets_json(path.with_suffix(".targets.json")))
    courts = [
        (mention, target)
        for links in found.values()
        for target, (mention, _kind) in links.items()
        if mention and mention.lower() in ("the trial court", "the lower court")
    ]
    assert courts and {target for _, target in courts} == {"Federal High Court"}
    assert {mention for mention, _ in courts} == {"the trial court", "the lower court"}


def test_a_plural_role_noun_is_the_group_target_named_by_it(extractor):
    # "nurse" is a title ("Nurse Ann Lee"), but "the nurses" are the target "Lakeshore nurses"
    text = (
        "MILWAUKEE - Lakeshore nurses walked out on Monday.\n\n"
        "Hospital spokesman Tom Hart said the nurses had rejected a fair offer.\n\n"
        "Investor Joe Park said the senators had been misled."
    )
    found = links_by_statement(extractor, text, [Target("Lakeshore nurses")])
    assert found["the nurses had rejected a fair offer"] == {"Lakeshore nurses": ("the nurses", "description")}
    assert found["the senators had been misled"] == {}


def test_the_agency_is_not_an_advisory_committee_and_a_former_official_speaks_from_outside(extractor):
    text = (
        "WASHINGTON - The Food and Drug Administration on Friday rejected the drug, against the advice of its "
        "Neurology Drugs Advisory Committee.\n\n"
        "Samuel Okafor, who chaired the committee, said the panel had seen strong data.\n\n"
        "Dr. Lena Marsh, a former FDA reviewer, said the agency had made the right call."
    )
    targets = [Target("Food and Drug Administration", ("FDA",)), Target("Neurology Drugs Advisory Committee")]
    found = links_by_statement(extractor, text, targets)
    assert found["the agency had made the right call"] == {"Food and Drug Administration": ("the agency", "description")}
    assert found["the panel had seen strong data"] == {"Neurology Drugs Advisory Committee": ("the panel", "description")}


def test_an_accented_capital_is_the_lexicons_unaccented_one(extractor):
    # names.json spells it "brasilia"; the article writes "Brasília" (and "Asunción" both ways)
    text = 'MONTEVIDEO -\n\n"Talks will go on with or without Brasília\'s blessing," said Martín Echeverry, the foreign minister.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert set(found["Talks will go on with or without Brasília's blessing"]) == {"Brazil"}
    assert fold_accents("Brasília, Asunción") == "Brasilia, Asuncion"


def test_a_country_ner_calls_a_person_is_never_she(extractor):
    # spaCy sm tags "Uruguay" PERSON in the lead; "she said" is still the economist, though
    # Uruguay is the subject of the sentence between them
    text = (
        "Argentina warns China pact would 'split the bloc' as Uruguay digs in\n\n"
        "MONTEVIDEO - Argentina's foreign minister warned on Monday that Uruguay's plan to sign a free trade "
        "agreement with China would \"split the bloc\", hardening a dispute before the summit.\n\n"
        "According to Mariana Ferreira, a trade economist in Sao Paulo, Uruguay now sends about a fifth of its exports to China.\n\n"
        '"For the Uruguayans, the Chinese market is not a theory," she said.'
    )
    statements = extractor(text).statements
    assert statements[-1].speaker == "Mariana Ferreira"


def test_a_us_state_is_the_state_and_its_capital(extractor):
    text = (
        "LAKE CHARLES, La. - Louisiana won a preliminary injunction against the rule on Tuesday.\n\n"
        "Judge Renee Castille wrote that the state was likely to succeed on its claim.\n\n"
        '"Baton Rouge will not stop fighting for these jobs," said Claude Thibodeaux, the attorney general.'
    )
    found = links_by_statement(extractor, text, [Target("Louisiana")])
    assert set(found["the state was likely to succeed on its claim"]) == {"Louisiana"}
    assert set(found["Baton Rouge will not stop fighting for these jobs"]) == {"Louisiana"}


def test_a_decision_is_a_ruling_target(extractor):
    text = (
        "TORONTO - Canada's telecommunications regulator issued its outage ruling against Northlink on Wednesday.\n\n"
        "Chief executive Daniel Marchetti said Northlink would appeal the decision to the Federal Court of Appeal."
    )
    found = links_by_statement(extractor, text, [Target("CRTC outage ruling", aliases=("outage ruling",))])
    assert set(found["Northlink would appeal the decision to the Federal Court of Appeal"]) == {"CRTC outage ruling"}


def test_a_company_named_in_the_same_sentence_is_the_company(extractor):
    text = (
        "Parcel merger under review\n\n"
        "Fleetway Parcels agreed to buy Redbridge Express in March. Fleetway Parcels said the deal "
        "would save money. Fleetway Parcels expects approval by June.\n\n"
        "Dave Mitchum, a union official, said Redbridge workers had learned of the deal from the news, "
        'and that the company had "not said one word" to the union since.\n'
    )
    targets = [Target("Fleetway Parcels", ("Fleetway",)), Target("Redbridge Express", ("Redbridge",))]
    # the link is weak (another company is in view), but it is to the one this sentence names
    found = links_by_statement(extractor, text, targets, min_score=0.4)
    content = next(c for c in found if c.startswith("the company had"))
    assert found[content] == {"Redbridge Express": ("the company", "description")}


def test_a_capitalised_policy_or_compact_is_no_person_and_its_head_describes_it(extractor):
    # "Citizens’ Dividend" and "Tarn River Compact" are shaped like names; their last word says what they are
    text = (
        "Farmers warned on Monday that the Tarn River Compact was failing. The Workers’ Dividend, a cash payment "
        "promised by the opposition, dominated the debate.\n\n"
        "Minister Ilse Varga said the compact had worked for thirty years.\n\n"
        "Finance spokesman Teodor Lind said the dividend would cost billions.\n"
    )
    found = links_by_statement(extractor, text, [Target("Tarn River Compact"), Target("Workers’ Dividend")])
    assert found["the compact had worked for thirty years"] == {"Tarn River Compact": ("the compact", "description")}
    assert found["the dividend would cost billions"] == {"Workers’ Dividend": ("the dividend", "description")}


def test_a_name_ending_in_a_club_word_is_a_club_not_a_person(extractor):
    # nothing in the article says "Brindle Rovers" is a club but its name: "the club" is it
    text = (
        "Brindle Rovers were fined on Monday. Brindle Rovers have lost six games in a row.\n\n"
        "Local councillor Ian Colley said the club had been run into the ground.\n"
    )
    found = links_by_statement(extractor, text, [Target("Brindle Rovers")])
    assert found["the club had been run into the ground"] == {"Brindle Rovers": ("the club", "description")}
    # a club word first ("Sporting Wickenhall") says so too; a first name then a surname does not
    assert names_a_body_or_thing("Sporting Wickenhall") and not looks_like_person("Sporting Wickenhall")
    assert not names_a_body_or_thing("Dana Sporting")


def test_the_board_is_the_clubs_when_no_board_is_a_target(extractor):
    # "the board" names no target of its own: at a club it is the club's board, so the club
    text = (
        "Harrowgate Athletic sacked its manager, Dermot Quell, on Sunday after a run of five defeats. "
        'Quell said the board had "never once backed me in the transfer market."'
    )
    found = links_by_statement(extractor, text, [Target("Harrowgate Athletic"), Target("Dermot Quell")])
    assert found['the board had "never once backed me in the transfer market'] == {"Harrowgate Athletic": ("the board", "description")}
    # a company's "the board" is left alone: it is as often a regulator's
    text = (
        "Pellbrook Foods cut 400 jobs on Monday. "
        'A union official said the board had "never once listened to the staff."'
    )
    found = links_by_statement(extractor, text, [Target("Pellbrook Foods")])
    assert "Pellbrook Foods" not in found.get('the board had "never once listened to the staff', {})


def test_the_project_is_a_plan_or_a_link_target(extractor):
    text = (
        "Tarrant Ports unveiled the Eastquay automation plan in March, which would replace 300 crane drivers with software. "
        'The company said it would "not abandon the project under pressure."'
    )
    found = links_by_statement(extractor, text, [Target("Eastquay automation plan")])
    assert found['it would "not abandon the project under pressure'] == {"Eastquay automation plan": ("the project", "description")}


def test_the_party_is_the_one_party_target(extractor):
    # "the party" is the Amberline Party, the only party among the targets
    text = (
        "Leader faces challenge\n\n"
        "Aurelian Goss has led the Amberline Party since 2016 and has lost two elections.\n\n"
        'Saskia Vendrell-Oake, who is challenging him, said the party "deserves a leader who can still win."\n'
    )
    found = links_by_statement(extractor, text, [Target("Amberline Party"), Target("Aurelian Goss")])
    content = next(c for c in found if c.startswith("the party"))
    assert found[content]["Amberline Party"] == ("the party", "description")


def test_a_place_in_the_dateline_is_not_what_the_story_names(extractor):
    # "SANTOS, Brazil, March 4 (Meridian Wire) -": the city the story was filed from, in its
    # country; "Santos" in a statement is the port, never a description of Brazil
    text = (
        "SANTOS, Brazil, March 4 (Meridian Wire) - Dockworkers voted on Tuesday to extend their strike.\n\n"
        "The operator said its automation plan will make Santos competitive with the big Asian hubs.\n"
    )
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["its automation plan will make Santos competitive with the big Asian hubs"] == {}


def test_a_bare_chief_executives_company_is_the_one_the_lede_made_its_subject(extractor):
    text = (
        "DUNMORE - Kestrel Minerals said on Monday it would shut the Ardley smelter, which it bought from Tarn Mining last year.\n\n"
        "Chief executive Moira Lund said the closure was unavoidable. She said Kestrel had spent 40 million pounds on "
        "Tarn Mining's old plant and that the company would retrain every worker."
    )
    found = links_by_statement(extractor, text, [Target("Kestrel Minerals"), Target("Tarn Mining")])
    assert found["the company would retrain every worker"] == {"Kestrel Minerals": ("the company", "description")}


def test_a_headline_and_first_paragraph_describe_the_one_target_of_their_kind_before_naming_it(extractor):
    text = (
        "Ferry company sacked captain who 'would not sail unsafe boats', tribunal hears\n\n"
        "KELBY - A ferry company dismissed its senior captain after he refused to sail two boats he "
        "believed were unsafe, his barrister told an employment tribunal on Monday.\n\n"
        "Tomas Vell, 52, worked for Kelby Shipping for 20 years. Kelby Shipping denies the claims.\n"
    )
    found = links_by_statement(extractor, text, [Target("Kelby Shipping"), Target("Tomas Vell")])
    assert found["Ferry company sacked captain who 'would not sail unsafe boats'"]["Kelby Shipping"] == ("Ferry company", "description")
    lede = "A ferry company dismissed its senior captain after he refused to sail two boats he believed were unsafe"
    assert found[lede]["Kelby Shipping"] == ("A ferry company", "description")
    # two companies among the targets: the description could be either, so it is neither
    found = links_by_statement(extractor, text, [Target("Kelby Shipping"), Target("Harwick Shipping")])
    assert "Kelby Shipping" not in found[lede] and "Harwick Shipping" not in found[lede]


def test_a_headlines_first_word_ner_takes_for_a_name_is_no_body(extractor):
    # "Chemical" opens the headline and NER calls it an organisation; the article writes
    # "chemical" in lower case, so "the company" is Kelbrook Chemicals, not "Chemical"
    text = (
        "Chemical firm 'poisoned a river for profit', prosecutor says\n\n"
        "LEEDS - A chemical manufacturer let solvent waste drain into the River Tamlin for years, a prosecutor told "
        "Leeds Crown Court on Monday at the start of the company's trial.\n\n"
        "Kelbrook Chemicals, which makes cleaning agents at a plant on the river, denies six counts of causing pollution. "
        "The charges were brought by the Rivers Agency.\n\n"
        'Opening the case for the agency, Magnus Hale told the jury that the company had "treated the Tamlin as a free drain."'
    )
    found = links_by_statement(extractor, text, [Target("Kelbrook Chemicals")])
    assert found['the company had "treated the Tamlin as a free drain'] == {"Kelbrook Chemicals": ("the company", "description")}


def test_the_members_a_body_is_named_after_are_the_body(extractor):
    # "the retailers" for the Central Brantley Retailers' Association: a plural word of its name
    text = (
        "BRANTLEY - The city council voted on Tuesday to charge drivers to enter the centre. "
        "The Central Brantley Retailers' Association said it would go to court.\n\n"
        "Mayor Miriam Calloway urged the retailers to drop their legal challenge."
    )
    found = links_by_statement(extractor, text, [Target("Central Brantley Retailers' Association")])
    assert found["the retailers to drop their legal challenge"] == {
        "Central Brantley Retailers' Association": ("the retailers", "description"),
    }
