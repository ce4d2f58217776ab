"""Target linking (issue 12): pairs of sides ("both sides", "neither government"), things
named by their own words ("rent bill", "a minerals bill" for Bill C-62), names that say
they are no person, generic plurals, a speaker's own organisation, a candidate's
opponent ("her opponent") and party ("his party"), and what news calls alliances, parties
and seats of power ("the alliance", "a Democrat", "Brussels" for the European Commission).

The sentences are written for these tests, not taken from the evaluation articles.
"""

from __future__ import annotations

from linking_helpers import extractor, links_by_statement  # noqa: F401 (extractor is a fixture)
from stance.targets import Target, names_a_body_or_thing


def test_names_that_say_they_are_no_person():
    assert names_a_body_or_thing("Finance Bill 2025")  # a law, its year aside
    assert names_a_body_or_thing("Confederation of Free Trade Unions")  # a plural body word
    assert not names_a_body_or_thing("Jacob Levy")  # a first name: "Levy" is a surname here
    assert not names_a_body_or_thing("Mary Banks")
    assert not names_a_body_or_thing("Grace Wanjiru")


def test_a_central_bank_is_the_regulator_not_a_company(extractor):
    text = (
        "The Central Bank of Nigeria froze new sign-ups at Kudiflow, a payments company, on Monday.\n\n"
        "Analysts said the regulator had every right to be strict."
    )
    found = links_by_statement(extractor, text, [Target("Central Bank of Nigeria"), Target("Kudiflow")])
    assert found["the regulator had every right to be strict"] == {"Central Bank of Nigeria": ("the regulator", "description")}


def test_a_body_named_with_a_title_word_speaks_as_itself(extractor):
    # "Trade" is a title word ("Trade Secretary"); the name is headed by "Unions"
    text = (
        "The Confederation of Free Trade Unions, the largest labour federation, said it would call a general strike. "
        "The government said the law would stay."
    )
    statements = extractor(text).statements
    assert statements[0].speaker == "Confederation of Free Trade Unions"


def test_both_sides_and_neither_government_mean_the_two_countries(extractor):
    text = (
        "Peru and Chile traded accusations on Monday over the closed border, and their ministers, "
        "Anna Kres and Piet Dorn, refused to meet.\n\n"
        "Brazil's foreign ministry said it was \"ready to help two friends find a way back to the table.\" "
        "A UN envoy said neither government wanted a long crisis."
    )
    targets = [Target("Peru"), Target("Chile"), Target("Anna Kres"), Target("Piet Dorn")]
    found = links_by_statement(extractor, text, targets)
    friends = found['it was "ready to help two friends find a way back to the table']
    assert set(friends) == {"Peru", "Chile"}  # the states, not their ministers
    assert all(kind == "description" for _mention, kind in friends.values())
    assert set(found["neither government wanted a long crisis"]) == {"Peru", "Chile"}


def test_who_urges_both_sides_is_not_one_of_them(extractor):
    text = (
        "Peru and Chile traded accusations on Monday over the closed border.\n\n"
        "The Andean Council, which speaks for the Andean Community, urged both sides to return to talks. "
        'A spokeswoman, Lia Soto, said Quito was "in close contact with both capitals."'
    )
    targets = [Target("Peru"), Target("Chile"), Target("Andean Community"), Target("Ecuador")]
    found = links_by_statement(extractor, text, targets)
    # the community named in the frame of the request, and Quito, the clause's subject, are not sides
    assert set(found["both sides to return to talks"]) == {"Peru", "Chile"}
    both_capitals = found['Quito was "in close contact with both capitals']
    assert {t for t, (mention, _kind) in both_capitals.items() if mention == "both capitals"} == {"Peru", "Chile"}


def test_a_thing_named_by_its_own_words(extractor):
    text = (
        "Housing Minister Priya Rao introduced the Fair Rent Act on Monday. "
        'Landlords said a rent bill like this would be "a disaster for small owners." '
        "Ostravia and Velmoria signed the grain corridor deal on Monday. Ostravia said the corridor would carry grain by October."
    )
    targets = [Target("Fair Rent Act"), Target("grain corridor deal")]
    found = links_by_statement(extractor, text, targets)
    assert found['a rent bill like this would be "a disaster for small owners'] == {"Fair Rent Act": ("a rent bill", "description")}
    assert found["the corridor would carry grain by October"] == {"grain corridor deal": ("the corridor", "description")}
    # a bare generic plural is things at large, not the named company
    text = "Skyward Airlines agreed to buy Pacific Coast Air.\n\n\"Every time airlines merge, fares go up,\" said Tom Reid, a consumer advocate."
    found = links_by_statement(extractor, text, [Target("Skyward Airlines")])
    assert found["Every time airlines merge, fares go up"] == {}


def test_the_speakers_own_company_is_what_she_names(extractor):
    # a person speaking for a company names it when she says "the company": the blind sets'
    # convention annotates such explicit self-side descriptions (her "we" and "it" stay unlinked)
    text = (
        "The regulator met Lena Marsters, the founder of Hopscotch, on Monday.\n\n"
        '"The company will obey the rule under protest," Marsters said.'
    )
    found = links_by_statement(extractor, text, [Target("Hopscotch")])
    assert found["The company will obey the rule under protest"] == {"Hopscotch": ("The company", "description")}
    # her own side is what she means, so the link does not fall to the other company in view
    text = (
        "Kidsafe Labs, a rival app maker, backed the rule.\n\n"
        "The regulator met Lena Marsters, the founder of Hopscotch, on Monday. Hopscotch, a video app company, has fought the rule for a year.\n\n"
        '"The company will obey the rule under protest," Marsters said.'
    )
    found = links_by_statement(extractor, text, [Target("Hopscotch"), Target("Kidsafe Labs")])
    assert found["The company will obey the rule under protest"] == {"Hopscotch": ("The company", "description")}
    # "Its founder": "its" is the company the sentence before named, so she speaks for it
    text = (
        "Hopscotch, which makes a video app, was fined on Monday. Its founder, Lena Marsters, was in court.\n\n"
        '"We will obey the rule under protest, and the company will appeal," Marsters said.'
    )
    found = links_by_statement(extractor, text, [Target("Hopscotch")])
    assert found["We will obey the rule under protest, and the company will appeal"] == {"Hopscotch": ("the company", "description")}
    text = (
        "Hopscotch, an app maker, met the regulator on Monday.\n\n"
        '"The company will obey the rule under protest," said Tom Reid, a parent.'
    )
    found = links_by_statement(extractor, text, [Target("Hopscotch")])
    assert found["The company will obey the rule under protest"] == {"Hopscotch": ("The company", "description")}
    # a company speaking in its own name does not name itself
    text = (
        "Hopscotch, an app maker, met the regulator on Monday.\n\n"
        '"The company will obey the rule under protest," Hopscotch said in a statement.'
    )
    found = links_by_statement(extractor, text, [Target("Hopscotch")])
    assert found["The company will obey the rule under protest"] == {}


def test_his_opponent_is_the_other_candidate(extractor):
    text = (
        "Senator Maya Delgado and former governor Tom Brenner met on Thursday for their only debate.\n\n"
        'Brenner called his opponent "a career politician." Delgado said her opponent had signed the same program as governor.'
    )
    found = links_by_statement(extractor, text, [Target("Maya Delgado"), Target("Tom Brenner")])
    assert found['his opponent "a career politician."'] == {"Maya Delgado": ("his opponent", "title")}
    assert found["her opponent had signed the same program as governor"] == {"Tom Brenner": ("her opponent", "title")}


def test_a_numbered_bill_is_a_bill_and_its_other_names_words_name_it(extractor):
    text = (
        "Minister Elaine Thibodeau introduced Bill C-62 in March.\n\n"
        '"The minister has written a bill that lets one objection hold a project hostage," said Gordon Lachance.'
    )
    found = links_by_statement(extractor, text, [Target("Bill C-62")])
    assert found["The minister has written a bill that lets one objection hold a project hostage"] == {"Bill C-62": ("a bill", "description")}
    # the words of an alias name the bill too: the Critical Minerals Partnership Act is "a minerals bill"
    text = (
        "Minister Elaine Thibodeau introduced Bill C-62, the Critical Minerals Partnership Act, in March. It passed a first vote.\n\n"
        '"Nobody asked us about a minerals bill of this size," said Gordon Lachance.'
    )
    found = links_by_statement(extractor, text, [Target("Bill C-62", ("Critical Minerals Partnership Act",))])
    assert found["Nobody asked us about a minerals bill of this size"] == {"Bill C-62": ("a minerals bill", "description")}


def test_his_party_is_the_party_the_person_belongs_to(extractor):
    targets = [Target("Tom Brenner"), Target("Maya Delgado"), Target("Republican Party", ("Republicans", "GOP"))]
    text = (
        "Republican Tom Brenner and Senator Maya Delgado met on Thursday.\n\n"
        "Delgado asked whether he backed his party's plan to cut unemployment insurance."
    )
    found = links_by_statement(extractor, text, targets)
    assert found["whether he backed his party's plan to cut unemployment insurance"]["Republican Party"] == ("his party", "description")
    # a Democrat's party is not the Republican Party
    text = "Former governor Tom Brenner and Senator Maya Delgado, a Democrat, met on Thursday.\n\nBrenner said she had voted with her party on every bill."
    found = links_by_statement(extractor, text, targets)
    assert "Republican Party" not in found["she had voted with her party on every bill"]


def test_what_news_calls_alliances_parties_and_seats_of_power(extractor):
    text = (
        "NATO leaders met in Vilnius on Tuesday. Hungary blocked the aid pledge.\n\n"
        'Foreign Minister Gabor Kiss said the alliance would "find a way forward." '
        '"Any Democrat could vote for this bill," said Senator Margaret Ashby. '
        '"We will cooperate fully with Brussels," said Anna Berg, a farmers\' leader. '
        'Senator Luis Ordaz urged the administration to "pick up the phone."'
    )
    targets = [Target("NATO"), Target("Democratic Party", ("Democrats",)), Target("European Commission"), Target("White House")]
    found = links_by_statement(extractor, text, targets)
    assert found['the alliance would "find a way forward'] == {"NATO": ("the alliance", "description")}
    assert set(found["Any Democrat could vote for this bill"]) == {"Democratic Party"}
    assert set(found["We will cooperate fully with Brussels"]) == {"European Commission"}
    assert set(found['the administration to "pick up the phone."']) == {"White House"}


def test_both_sides_are_the_targets_not_the_people_who_speak_for_them(extractor):
    text = (
        "BRISBANE - Dockworkers walked off the job at Coralbay Terminals on Thursday. The Maritime Union said the strike would last three days.\n\n"
        '"We did not want this strike," union secretary Tony Brennan said. Coralbay chief executive Helen Achterberg said Brennan was '
        '"holding exporters to ransom." Brennan said Achterberg had "chosen a fight."\n\n'
        "Employment Minister Rajiv Menon urged both sides to return to the table."
    )
    found = links_by_statement(extractor, text, [Target("Maritime Union"), Target("Coralbay Terminals")])
    assert found["both sides to return to the table"] == {
        "Maritime Union": ("both sides", "description"), "Coralbay Terminals": ("both sides", "description"),
    }


def test_a_leader_named_with_his_bodys_acronym_speaks_for_it_not_as_a_third_side(extractor):
    # "SINDAP president Aldo Ferreira" is the union's man (an acronym that is not its
    # initials, learned from the article): "both sides" are the union and the company
    text = (
        "SANTOS - About 5,000 members of the National Union of Dock Workers (SINDAP) stayed off the job on Monday.\n\n"
        '"We did not start this fight, but we will finish it," SINDAP president Aldo Ferreira told a rally. '
        "Kelmar Terminals said its plan would not cost jobs.\n\n"
        'Kelmar chief executive Paulo Reis said Ferreira had rejected three offers. "The SINDAP leadership is fighting the last war," he said.\n\n'
        "Ferreira told reporters on Tuesday that the SINDAP would stay out. Kelmar Terminals said it would wait.\n\n"
        "Labour Minister Rosa Lima said the government would not allow a private dispute to strangle the economy. "
        "She called on both sides to return to the table by Thursday."
    )
    targets = [Target("National Union of Dock Workers"), Target("Kelmar Terminals"), Target("Aldo Ferreira")]
    found = links_by_statement(extractor, text, targets)
    assert found["both sides to return to the table by Thursday"] == {
        "National Union of Dock Workers": ("both sides", "description"), "Kelmar Terminals": ("both sides", "description"),
    }


def test_a_close_third_that_is_a_group_leaves_both_sides_sure(extractor):
    # the players (a group) are close behind the federation and the club, but "both sides" are the two bodies
    text = (
        "ARLEN - Stonebridge Rovers will not release six players for the Nations Cup, setting up a showdown with the "
        "Caldrian Rugby Federation, which has threatened to bar the club from the league.\n\n"
        '"We pay their wages," coach Declan Moyle said. The federation said the rules were clear.\n\n'
        "The Stonebridge internationals, who include captain Rhys Tallant, said they wanted to play for their country. "
        "The Stonebridge internationals said they were caught in the middle. The Stonebridge internationals trained alone on Monday.\n\n"
        "The sports minister urged both sides to meet before Friday."
    )
    targets = [Target("Stonebridge Rovers"), Target("Caldrian Rugby Federation"), Target("Stonebridge internationals")]
    found = links_by_statement(extractor, text, targets)
    assert found["both sides to meet before Friday"] == {
        "Stonebridge Rovers": ("both sides", "description"), "Caldrian Rugby Federation": ("both sides", "description"),
    }


def test_the_two_airlines_are_the_two_companies_not_their_regulator(extractor):
    text = (
        "The Competition Authority opened an inquiry on Tuesday into the merger of Northway Airlines and Bluecrest Air.\n\n"
        "The Competition Authority said its review had found that the two airlines together would control 71 percent of seats."
    )
    targets = [Target("Northway Airlines"), Target("Bluecrest Air"), Target("Competition Authority")]
    found = links_by_statement(extractor, text, targets)
    links = found["its review had found that the two airlines together would control 71 percent of seats"]
    assert {t: m for t, m in links.items() if m[0] == "the two airlines"} == {
        "Northway Airlines": ("the two airlines", "description"), "Bluecrest Air": ("the two airlines", "description"),
    }


def test_a_description_after_not_keeps_its_article(extractor):
    text = (
        "Dockworkers walked off the job at Coralbay Terminals on Thursday.\n\n"
        '"Nobody wins a long strike on the waterfront, not the workers and not the company," said Employment Minister Rajiv Menon.'
    )
    found = links_by_statement(extractor, text, [Target("Coralbay Terminals")])
    assert found["Nobody wins a long strike on the waterfront, not the workers and not the company"] == {
        "Coralbay Terminals": ("the company", "description"),
    }


def test_a_capital_that_is_given_something_is_its_state(extractor):
    text = (
        "NATO ministers met on Tuesday.\n\n"
        'Hungary\'s foreign minister said aid to Kyiv should be decided by each country. '
        '"Nobody is flying to Kyiv this week," said Anna Berg, a NATO spokeswoman.'
    )
    found = links_by_statement(extractor, text, [Target("Ukraine")])
    assert found["aid to Kyiv should be decided by each country"] == {"Ukraine": ("Kyiv", "metonym")}
    assert found["Nobody is flying to Kyiv this week"] == {}  # a place someone goes to


def test_a_capital_where_something_happens_is_no_second_government(extractor):
    # "In Ottawa" says where the minister spoke; it does not make Ottawa a rival for "the government"
    text = (
        "Canada's telecom regulator fined Northlink Communications $12 million on Tuesday.\n\n"
        'In Ottawa, Industry Minister Claire Bouchard said the government backed the regulator "one hundred per cent."'
    )
    found = links_by_statement(extractor, text, [Target("Canada"), Target("Northlink Communications")])
    assert found['the government backed the regulator "one hundred per cent'] == {"Canada": ("the government", "description")}


def test_the_government_is_no_agency(extractor):
    text = (
        "BERLIN - The European Commission warned Germany over its deficit on Monday.\n\n"
        'Social Democrat leader Anna Berg said her party would not leave the government "this week or any week."'
    )
    found = links_by_statement(extractor, text, [Target("European Commission")])
    assert found['her party would not leave the government "this week or any week'] == {}


def test_former_officials_speak_of_their_old_body_from_outside(extractor):
    text = (
        "WASHINGTON - The Federal Trade Commission (FTC) lost its appeal on Thursday.\n\n"
        "Two former FTC officials said the agency was unlikely to win a rehearing."
    )
    found = links_by_statement(extractor, text, [Target("Federal Trade Commission", aliases=("FTC",))])
    assert set(found["the agency was unlikely to win a rehearing"]) == {"Federal Trade Commission"}
    # serving officials speak for it: their "the agency" is their own side
    found = links_by_statement(extractor, text.replace("Two former FTC", "Two FTC"), [Target("Federal Trade Commission", aliases=("FTC",))])
    assert found["the agency was unlikely to win a rehearing"] == {}


def test_a_kind_of_company_before_its_name_makes_it_a_company(extractor):
    # "fertiliser maker Agrivant" is a company as much as "Kessler Agro" (a company's name word)
    text = (
        "Fertiliser makers raided\n\n"
        "Shares in Dutch fertiliser maker Agrivant fell on Tuesday after regulators widened a price-fixing probe to include Germany's Kessler Agro.\n\n"
        "Agrivant chief executive Sanne Hoekstra said the company had competed hard for every contract.\n"
    )
    found = links_by_statement(extractor, text, [Target("Agrivant"), Target("Kessler Agro")])
    assert found["the company had competed hard for every contract"] == {"Agrivant": ("the company", "description")}
    # a verb before the name says nothing of its kind ("EU fines Orbly": no ruling)
    text = "Regulators fine Orbly\n\nBRUSSELS - Regulators fined Orbly on Monday.\n\nThe commissioner said the fine was fair.\n"
    found = links_by_statement(extractor, text, [Target("Orbly")])
    assert found["the fine was fair"] == {}


def test_a_party_ner_tags_as_a_place_is_no_country_with_a_government(extractor):
    # "Liberals" in the headline is tagged GPE; the party's name says it is a body, so
    # "the government" later is not the Liberal Party's
    text = (
        "Premier turns on Liberals as SA poll tightens\n\n"
        "Premier Anneliese Quarterman accused the Liberal Party of planning to cut the water budget.\n\n"
        "According to the shadow treasurer, Raymond Pinchbeck, the government’s own budget papers show the dividend rising.\n"
    )
    found = links_by_statement(extractor, text, [Target("Liberal Party", aliases=("Liberals",)), Target("Anneliese Quarterman")])
    assert found["the government’s own budget papers show the dividend rising"] == {}


def test_an_invented_country_known_by_its_demonym_is_one_of_both_governments(extractor):
    text = (
        "Herring row deepens\n\n"
        "Kestria and Harbrenn have shared the herring grounds since 2013. Harbrenn Fisheries said on "
        "Monday that catches had fallen by a third, and the Harbrenners blame Kestrian trawlers.\n\n"
        'Ingrith Molloy-Saar, the council chair, urged both governments to "step back from the quayside."\n'
    )
    found = links_by_statement(extractor, text, [Target("Kestria"), Target("Harbrenn")])
    content = next(c for c in found if "step back" in c)
    assert set(found[content]) == {"Kestria", "Harbrenn"}
    assert {kind for _, kind in found[content].values()} == {"description"}
