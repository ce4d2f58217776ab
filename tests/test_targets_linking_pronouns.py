"""Target linking (issue 12): pronouns that mean something other than a target.

A quote's "it" after a thing it names ("this fight ... finish it"), "they" after a plural
subject ("My players ... They"), reported speech's pronoun for its own speaker ("Atlantica
said it"), the demonstrative "that" (what was just said), and a speaker's own company
named by its type ("Coralbay's chief executive ... said the company"); a statement's "it"
after a thing in the sentence before it ("read this memo ... read it") or, in reported
speech, in its own sentence ("welcomed the cut, saying it"); "done it" (an action) and
"sign it" (a document, never a body); "their" bound by a quantified subject ("not a single
engineer ... their job"); "they" after a plural noun its own quote names ("told the
engineers ... help them"); "this is a matter for ..." (the situation itself).

The sentences are written for these tests, not taken from the evaluation articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linking_helpers import extractor, links_by_statement  # noqa: F401 (extractor is a fixture)
from stance.evaluation.pipeline import read_targets_json
from stance.extract.references import TargetLinker
from stance.targets import Target, names_a_body_or_thing

# Brazil is named often enough to be what a stray "it" would otherwise mean
BRAZIL = (
    "SANTOS, Brazil - Dockworkers in Brazil walked out on Monday. Brazil's ports handle most of "
    "Brazil's coffee, and Brazil depends on them.\n\n"
)


def test_a_quotes_it_means_the_thing_named_before_it_in_its_sentence(extractor):
    text = BRAZIL + '"We did not start this fight, but we will finish it," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil"), Target("Marcos Tavares")])
    assert found["We did not start this fight, but we will finish it"] == {}
    # with no thing before it, the quote's "it" still finds the target
    text = BRAZIL + '"It cannot afford a long strike," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert set(found["It cannot afford a long strike"]) == {"Brazil"}


def test_reported_speechs_it_is_its_speaker(extractor):
    # NER may tag "Atlantica Terminals" a person; its name says it is a company, so "it" is the speaker
    text = BRAZIL + "The operator, Atlantica Terminals, said on Tuesday that it would keep its offer open."
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["it would keep its offer open"] == {}


def test_they_after_a_plural_subject_that_is_a_target(extractor):
    # the pronoun means the farmers named just before it, and adds no other target
    text = (
        "The European Commission opened an inquiry into fertiliser prices. The European Commission said it would take a year.\n\n"
        '"Farmers paid these prices when they could least afford them," said Anna Berg, a farmers\' leader.'
    )
    found = links_by_statement(extractor, text, [Target("European Commission"), Target("farmers")])
    assert set(found["Farmers paid these prices when they could least afford them"]) == {"farmers"}


def test_a_plural_pronoun_after_a_plural_noun_its_own_quote_names_is_no_target(extractor):
    # the company is the article's topic, but "them" and "they" are the staff the quote names
    text = (
        "DUBLIN - Korvane Systems cut 300 jobs on Monday. Korvane Systems said the cuts were needed, "
        "and Korvane Systems will close two offices.\n\n"
        '"For years we told the engineers the tool was there to help them," said union official Niamh Roe.'
    )
    found = links_by_statement(extractor, text, [Target("Korvane Systems")])
    assert found["For years we told the engineers the tool was there to help them"] == {}
    # with no plural noun in the quote, "them" still finds the company
    text = text.replace("For years we told the engineers the tool was there to help them", "We will never trust them again")
    found = links_by_statement(extractor, text, [Target("Korvane Systems")])
    assert set(found["We will never trust them again"]) == {"Korvane Systems"}


def test_that_means_what_was_just_said(extractor):
    text = (
        "The Sentinel Peak mine would employ 400 people, Halvard Mining says.\n\n"
        '"She came out here and listened. That is more than the congressman has done," said rancher Buck Harlan.'
    )
    found = links_by_statement(extractor, text, [Target("Sentinel Peak mine")])
    content = next(c for c in found if c.startswith("She came"))
    assert "Sentinel Peak mine" not in found[content]


def test_a_speakers_own_company_by_its_type(extractor):
    assert names_a_body_or_thing("Atlantica Terminals")  # a company's name word, though NER may call it a person
    text = (
        "Dockworkers walked off the job at three Coralbay Terminals sites on Thursday.\n\n"
        "Coralbay's chief executive, Helen Achterberg, said the company had offered redeployment to every affected worker."
    )
    found = links_by_statement(extractor, text, [Target("Coralbay Terminals")])
    # her own company, known as a company by its name: an explicit self-side description
    assert found["the company had offered redeployment to every affected worker"] == {"Coralbay Terminals": ("the company", "description")}


def test_a_clefts_it_means_nothing(extractor):
    text = BRAZIL + '"Whoever blinks first, it will be the minister who gets the blame," said Fernanda Lobo, an economist.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["Whoever blinks first, it will be the minister who gets the blame"] == {}


def test_it_after_a_thing_in_the_quotes_sentence_before(extractor):
    # the subject of the sentence before wins over its object; a person is never "it"
    text = BRAZIL + '"Mr. Pike read this memo. We know he read it," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["Mr. Pike read this memo. We know he read it"] == {}
    # the same when the person is a target: "it" passes over him to the memo
    found = links_by_statement(extractor, text, [Target("Brazil"), Target("Harlan Pike")])
    assert found["Mr. Pike read this memo. We know he read it"] == {"Harlan Pike": ("Pike", "name")}
    text = BRAZIL + '"The strike will go on. It will cost the ports millions," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["The strike will go on. It will cost the ports millions"] == {}


def test_reported_speechs_it_after_a_thing_in_its_sentence(extractor):
    # "welcomed the cut, saying it ...": the cut, not the country named before
    text = BRAZIL + "Finance minister Ana Costa welcomed the tax cut, saying it would put money back in workers' pockets."
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["it would put money back in workers' pockets"] == {}


def test_an_actions_it_and_a_bills_it_are_no_body(extractor):
    # "done it": an action; "sign it" with no bill known: a document, not the country
    text = BRAZIL + '"They promised to keep the ports open and they have not done it," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["They promised to keep the ports open and they have not done it"] == {}
    text = BRAZIL + '"I will sign it tomorrow morning," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["I will sign it tomorrow morning"] == {}
    # "knows it", "will deserve it": a state of affairs
    text = BRAZIL + '"The workers are being sent home, and the minister knows it," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["The workers are being sent home, and the minister knows it"] == {}


def test_a_predicate_noun_is_not_what_it_means(extractor):
    # "called the Port Reform Act a giveaway ... repeal it": the act, not the giveaway
    text = BRAZIL + 'Senator Rui Lopes called the Port Reform Act "a giveaway to shipowners" and promised to repeal it within a year.'
    found = links_by_statement(extractor, text, [Target("Brazil"), Target("Port Reform Act")])
    linked = {t: m for content, targets in found.items() for t, m in targets.items() if "repeal it" in content}
    assert linked.get("Port Reform Act", (None, None))[1] in ("pronoun", "name")
    assert "Brazil" not in linked


def test_a_quantified_subjects_their_is_bound_by_it(extractor):
    # "not a single engineer ... their job": the engineer's, not the company's
    text = (
        "HELSINKI - Nordvik Telecom raised its offer for Saimaa Networks on Monday. Nordvik's bid values "
        "Saimaa at 4 billion euros, and Nordvik says it will keep the company's offices.\n\n"
        "Nordvik's chief executive, Anna Berg, said \"not a single engineer\" would lose their job as a result of the deal.\n\n"
        "Union leader Pekka Laine said every worker at Saimaa would fight for their job."
    )
    found = links_by_statement(extractor, text, [Target("Nordvik Telecom", aliases=("Nordvik",)), Target("Saimaa Networks", aliases=("Saimaa",))])
    engineer = next(content for content in found if "single engineer" in content)
    assert "Nordvik Telecom" not in found[engineer]
    worker = next(content for content in found if "every worker" in content)
    assert set(found[worker]) == {"Saimaa Networks"}  # named in it; "their" is the workers'


def test_an_object_it_is_never_its_own_clauses_subject(extractor):
    # "his caucus would vote for it": the bill named before, not the caucus, the clause's subject
    text = (
        "QUEBEC CITY - The Tenant Shield Act cleared its first reading on Monday.\n\n"
        "Opposition critic Marc Gagnon said the bill was too timid but that his caucus would vote for it."
    )
    found = links_by_statement(extractor, text, [Target("Tenant Shield Act", aliases=("the bill",))])
    assert set(found["his caucus would vote for it"]) == {"Tenant Shield Act"}


def test_an_ambiguous_it_means_the_thing_its_speaker_was_just_speaking_of(extractor):
    # a body and a bill are both in view; the governor's sentence before called the bill names
    text = (
        "MADISON - The Senate passed Senate Bill 77 on Tuesday. It would force the Department of Natural Resources "
        "to decide on permits within 60 days.\n\n"
        "Senator Roger Lind said the Department of Natural Resources had lost the ability to say yes or no.\n\n"
        'Governor Teresa Vang called the bill "a blank check." She said it would let a few operations drain the lakes.'
    )
    targets = [Target("Senate Bill 77", aliases=("the bill",)), Target("Department of Natural Resources")]
    found = links_by_statement(extractor, text, targets)
    assert set(found["it would let a few operations drain the lakes"]) == {"Senate Bill 77"}


def test_they_acting_on_something_is_a_body_not_a_thing_just_named(extractor):
    # "cost savings" were named last, but things do not hand anyone a press release
    text = (
        "PITTSBURGH - Harbor Steel will close its Millbrook mill, the company said on Monday.\n\n"
        "The closure will cost 900 jobs. Millbrook has lost two factories since 2010.\n\n"
        "Town leaders met on Tuesday night.\n\n"
        "Union president Dave Kowal denied that workers had been given any chance to propose cost savings. "
        '"They handed us a press release," he said.'
    )
    found = links_by_statement(extractor, text, [Target("Harbor Steel")])
    assert set(found["They handed us a press release"]) == {"Harbor Steel"}


def test_a_bodys_request_to_sign_it_means_the_bill_not_the_body(extractor):
    text = (
        "MADISON - The Senate passed Senate Bill 77 on Tuesday.\n\n"
        "The Dairy Growers Alliance, which lobbied for the bill, urged Governor Teresa Vang to sign it."
    )
    found = links_by_statement(extractor, text, [Target("Senate Bill 77", aliases=("the bill",)), Target("Teresa Vang")])
    assert set(found["Governor Teresa Vang to sign it"]) == {"Senate Bill 77", "Teresa Vang"}


def test_a_headlines_pronoun_means_what_the_rest_of_the_headline_names(extractor):
    text = (
        "‘They’d sell the hospitals’: Marlow turns on Greens as poll tightens\n\n"
        "Premier Ruth Marlow accused the Greens of planning to sell public hospitals.\n"
    )
    found = links_by_statement(extractor, text, [Target("Greens"), Target("Ruth Marlow")])
    assert found["They’d sell the hospitals"] == {"Greens": ("They", "pronoun")}
    # a target that does not agree ("they" is no person) or the speaker's own side is skipped
    text = (
        "‘They’d sell the hospitals’: Marlow turns on opponents as poll tightens\n\n"
        "Premier Ruth Marlow accused her opponents of planning to sell public hospitals.\n"
    )
    found = links_by_statement(extractor, text, [Target("Ruth Marlow")])
    assert found["They’d sell the hospitals"] == {}
    # in the body, a pronoun with nothing before it stays unlinked
    text = "Clubs face new rules\n\n“They will regret this,” said Tom Reid, a fan. The Greens met on Monday.\n"
    found = links_by_statement(extractor, text, [Target("Greens")])
    assert found["They will regret this"] == {}


def test_this_as_an_object_means_the_thing_spoken_of(extractor):
    text = (
        "Fans vow to fight\n\n"
        "Castlemere Athletic were thrown out of the league on Monday.\n\n"
        '"We will fight this in every court," said Tom Reid, a fan.'
    )
    found = links_by_statement(extractor, text, [Target("Castlemere ban", aliases=("the ban",)), Target("Castlemere Athletic")])
    assert found["We will fight this in every court"] == {}  # no ban named yet: nothing to mean
    text = (
        "Fans vow to fight\n\n"
        "Castlemere Athletic were given a two-year ban on Monday. The ban starts in May.\n\n"
        '"We will fight this in every court," said Tom Reid, a fan.'
    )
    found = links_by_statement(extractor, text, [Target("Castlemere ban", aliases=("the ban",)), Target("Castlemere Athletic")])
    assert found["We will fight this in every court"] == {"Castlemere ban": ("this", "pronoun")}


def test_this_is_a_matter_speaks_of_the_situation_not_the_thing(extractor):
    base = (
        "Fans vow to fight\n\n"
        "Castlemere Athletic were given a two-year ban on Monday. The ban starts in May.\n\n"
        '"SENTENCE," said Tom Reid, a fan.'
    )
    targets = [Target("Castlemere ban", aliases=("the ban",)), Target("Castlemere Athletic")]
    for sentence in ("This is a matter for the courts", "This is not about football", "This is a rare case where everyone lost"):
        found = links_by_statement(extractor, base.replace("SENTENCE", sentence), targets)
        assert found[sentence] == {}, sentence
    # a predicate that judges the thing keeps the link
    found = links_by_statement(extractor, base.replace("SENTENCE", "This is a disgrace"), targets)
    assert found["This is a disgrace"] == {"Castlemere ban": ("This", "pronoun")}


def test_a_possessive_bound_by_a_quantified_subject_is_no_target(extractor):
    text = (
        "Brazil warns trade pact would 'tear the bloc apart'\n\n"
        "LIMA - Brazil's foreign minister warned on Thursday that Uruguay's plan to sign a trade "
        'agreement with China would "tear the bloc apart".\n\n'
        '"No member can sign its own deals and still expect the benefits of a common tariff," '
        "Helena Barros told reporters.\n"
    )
    targets = [Target("Brazil"), Target("Uruguay")]
    found = links_by_statement(extractor, text, targets)
    assert found["No member can sign its own deals and still expect the benefits of a common tariff"] == {}


def test_a_company_named_with_a_plural_word_is_it(extractor):
    text = (
        "Bid raised\n\n"
        "Nordvik Telecom raised its offer for Saimaa Networks on Monday.\n\n"
        'Saimaa Networks said in a statement that the offer was too low. '
        'Its chairman, Pekka Virtanen, said the company was "not for sale at any price."'
    )
    targets = [Target("Nordvik Telecom", ("Nordvik",)), Target("Saimaa Networks", ("Saimaa",))]
    found = links_by_statement(extractor, text, targets)
    # "Saimaa" may be tagged a place, "Networks" is plural: still one company, its chairman's
    assert found['the company was "not for sale at any price'] == {"Saimaa Networks": ("the company", "description")}


def test_its_before_an_office_is_a_body_and_cancelling_it_is_the_thing(extractor):
    # "Its president" is the chamber's, not the tunnel's: the chamber's president is no side of the tunnel,
    # and the object of "cancelling" is the tunnel, not the chamber just named
    text = (
        "Tunnel row deepens\n\n"
        "The Kessling Tunnel would run under the hills. Voters are split on the tunnel.\n\n"
        "The Marrow Chamber of Commerce has backed the tunnel. Its president, Gunnar Hedlund, said cancelling it "
        'now would cost the province "more in penalties than it would save."\n'
    )
    found = links_by_statement(extractor, text, [Target("Kessling Tunnel")])
    content = next(c for c in found if c.startswith("cancelling it"))
    assert found[content] == {"Kessling Tunnel": ("it", "pronoun")}


def test_what_they_call_it_is_a_thing_never_a_body(extractor):
    # "call it modernisation": the plan, when one is known; never the company or the country
    text = (
        "Harbour operator Quayline will replace 400 crane drivers under its automation plan. "
        '"They call it modernisation. I call it a pink slip," said union organiser Rosa Delgado.'
    )
    found = links_by_statement(extractor, text, [Target("Quayline"), Target("automation plan")])
    assert found["They call it modernisation. I call it a pink slip"].get("automation plan", (None, None))[1] == "pronoun"
    assert "Quayline" not in {t for t, (mention, _) in found["They call it modernisation. I call it a pink slip"].items() if mention == "it"}
    text = BRAZIL + '"They have moved people from one list to another and called it progress," said union leader Marcos Tavares.'
    found = links_by_statement(extractor, text, [Target("Brazil")])
    assert found["They have moved people from one list to another and called it progress"] == {}


OWN_SUBJECT_CASES = [
    # "Carrow Street" (a street, no target) is what "It" means, not the farmers' group the speaker leads
    (
        "Bank to shut rural branches\n\n"
        "The Upland Farmers Alliance said on Monday it would fight the closures. Hallowmere Bank, whose head "
        "office stands on Carrow Street, plans to close 40 branches.\n\n"
        '"Carrow Street made 410 million in profit last year. It can afford a cashier in every market town," '
        "said Gwen Dunne, the alliance's president.\n",
        "Carrow Street made",
        "Upland Farmers Alliance",
    ),
]


@pytest.mark.parametrize("text, opening, target", OWN_SUBJECT_CASES)
def test_a_quote_s_own_subject_before_its_pronoun_is_what_it_means(extractor, text, opening, target):
    found = links_by_statement(extractor, text, [Target(target)])
    content = next(c for c in found if c.startswith(opening))
    assert target not in found[content]


def test_a_capitalised_plural_noun_opening_a_quote_is_what_they_means(extractor):
    # "Insurers" opens the quote's sentence (tagged as a name, but a plural noun): "They" are the
    # insurers, not the diabetes patients the article spoke of before (blind target set 19)
    path = Path(__file__).parent / "articles_targets_blind19" / "x06_drug_price_rise.txt"
    targets = read_targets_json(path.with_name("x06_drug_price_rise.targets.json"))
    found = links_by_statement(extractor, path.read_text(encoding="utf-8"), targets)
    content = next(c for c in found if c.startswith("Insurers made record profits"))
    assert "diabetes patients" not in found[content]


def test_a_quote_s_he_is_the_person_the_quote_just_made_its_subject(extractor):
    # "the shipping magnate Cassius Thornquill" is a person though NER calls him an
    # organisation; in the challenger's quote "his" and "He" are Thornquill, whom the quote
    # makes its subject, not the leader the article is about
    text = (
        "Challenger takes on party leader\n\n"
        "Aurelian Goss has led the Amberline Party since 2016. Goss says he will fight on, and he has "
        "the backing of the party's largest donor, the shipping magnate Cassius Thornquill, who wrote "
        'that a contest would be "a gift to our opponents."\n\n'
        '"Cassius is entitled to his money, and the members are entitled to their votes," says Saskia Vendrell-Oake. '
        '"He does not get a bigger vote than anyone else."\n'
    )
    targets = [Target("Aurelian Goss"), Target("Cassius Thornquill", ("Cassius", "Thornquill"))]
    found = links_by_statement(extractor, text, targets)
    assert "Aurelian Goss" not in found["Cassius is entitled to his money, and the members are entitled to their votes"]
    assert found["He does not get a bigger vote than anyone else."] == {"Cassius Thornquill": ("He", "pronoun")}


def test_a_he_or_his_with_its_man_in_its_own_sentence_is_not_ambiguous(extractor):
    text = (
        "OAKRIDGE - The Lions lost on Saturday, and a report said a group led by former forward Dario Menk wanted to buy the team. "
        "Owner Celia Brandt believes Tomas Ruud is the right coach for a rebuild, and she said his job was safe."
    )
    found = links_by_statement(extractor, text, [Target("Tomas Ruud"), Target("Dario Menk")])
    assert found["his job was safe"] == {"Tomas Ruud": ("his", "pronoun")}


def test_an_intensive_reflexive_is_the_phrase_before_it(extractor):
    # "the tax itself": the tax, not the ministry named before it
    text = (
        "The Finance Ministry defended the new fuel tax on Monday. The Finance Ministry said revenue would rise.\n\n"
        'A ministry official, Petra Lund, said the tax itself was "not up for debate".\n'
    )
    found = links_by_statement(extractor, text, [Target("Finance Ministry")])
    assert found['the tax itself was "not up for debate"'] == {}
    # a reflexive object still means the body acting on itself
    text = (
        "The Finance Ministry defended the new fuel tax on Monday.\n\n"
        'Opposition leader Karl Stenmark said the Finance Ministry "will have to explain itself".\n'
    )
    found = links_by_statement(extractor, text, [Target("Finance Ministry")])
    assert "Finance Ministry" in found['the Finance Ministry "will have to explain itself"']


def test_a_company_named_by_a_plural_trade_word_is_no_person(extractor):
    # "Supermarkets" names a company, so the statement's "it" is its speaker, not the takeover
    assert names_a_body_or_thing("Larkspur Supermarkets") and names_a_body_or_thing("Caledon Renewables")
    assert names_a_body_or_thing("Amberline Youth Forum") and names_a_body_or_thing("Ashbury United")
    # a union whose name ends in a club word is still a union
    assert names_a_body_or_thing("Warehouse Workers United")
    linker = TargetLinker([Target("Warehouse Workers United"), Target("Ashbury United")])
    assert linker.name_types("Warehouse Workers United") == {"union"} and linker.name_types("Ashbury United") == {"team"}
    text = (
        "Larkspur Supermarkets agreed on Monday to buy Pennant Markets. The Larkspur takeover needs approval.\n\n"
        "Dairy farmers said the chain squeezed its suppliers. Larkspur Supermarkets said in a statement that "
        "it \"does not comment on supplier arrangements\".\n"
    )
    found = links_by_statement(extractor, text, [Target("Larkspur Supermarkets"), Target("Larkspur takeover")])
    assert found['it "does not comment on supplier arrangements"'] == {}


def test_a_possessive_in_the_clause_of_a_kin_noun_subject_is_that_persons(extractor):
    # "his" is the husband's, not the man the article named before
    text = (
        "Opposition leader Karl Stenmark voted against the hospital levy on Tuesday.\n\n"
        '"My husband had his heart attack on the road to Fairhaven because our ward was shut," said Ingrid Tolland, a farmer.\n'
    )
    found = links_by_statement(extractor, text, [Target("Karl Stenmark")])
    assert found["My husband had his heart attack on the road to Fairhaven because our ward was shut"] == {}
    # with no such subject the possessive still finds him
    text = text.replace("My husband had his heart attack", "Voters will remember his vote")
    found = links_by_statement(extractor, text, [Target("Karl Stenmark")])
    assert set(found["Voters will remember his vote on the road to Fairhaven because our ward was shut"]) == {"Karl Stenmark"}


def test_a_utility_and_a_squad_are_kinds_of_body(extractor):
    text = (
        "Northmoor Water was fined 12 million pounds in 2021 for missing its leakage targets.\n\n"
        "Gwen Hollby, a retired teacher, said the utility had misled customers for years.\n"
    )
    found = links_by_statement(extractor, text, [Target("Northmoor Water")])
    assert found["the utility had misled customers for years"]["Northmoor Water"] == ("the utility", "description")
    assert TargetLinker([Target("Coastline Cycling")]).type_of({"squad"}) == {"team"}
    # an industry word ends a company's name, but not a person's with a first name before it
    assert names_a_body_or_thing("Avenor Insurance") and not names_a_body_or_thing("David Steel")


def test_it_in_an_idiom_means_no_target(extractor):
    # "As it stands" and "if it goes wrong" speak of the state of things, not of the authority
    text = (
        "The Competition Authority said on Tuesday that the merger could raise fares on 40 routes, and opened an in-depth investigation.\n\n"
        "“Passengers on these routes would be left with one airline,” the authority’s chair, Ruth Okafor, told reporters. "
        "“As it stands, this deal would be a licence to raise prices.”\n\n"
        'The authority said it would decide by June. "If it goes wrong, passengers pay," Okafor said.\n'
    )
    found = links_by_statement(extractor, text, [Target("Competition Authority")], min_score=0.0)
    assert found["As it stands, this deal would be a licence to raise prices."] == {}
    assert found["If it goes wrong, passengers pay"] == {}
