"""Targets referred to, not only named (issue 12): forms, mention resolution, records, evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.cli import main
from stance.evaluation.attribution import find_article_pairs, read_gold_article
from stance.evaluation.pipeline import link_report, load_gold_target_mentions, read_targets_json
from stance.extract import Extractor
from stance.extract.references import TargetLinker, is_speaker, statement_links
from stance.model import StanceClassifier
from stance.pipeline import Pipeline, pair_for, plan_pairs, target_finder
from stance.records import RECORD_FIELDS, Statement
from stance.targets import MENTION_KINDS, AutoTargets, Target, TargetForms, acronyms_of, target_forms

ROOT = Path(__file__).resolve().parent.parent
KENYA = '"Kenyans deserve better," Raila Odinga said.'
# one article with every kind of link the issue lists
ARTICLE = (
    "The National Rifle Association (NRA) endorsed Tom Hallett for governor on Monday. "
    "Governor Linda Park, a Democrat, is seeking a second term.\n\n"
    '"The NRA has bought a candidate," Park told reporters. "Every voter should know that."\n\n'
    '"He will say whatever the gun lobby wants," Park said.\n\n'
    "Hallett said the governor was out of touch with rural voters.\n\n"
    'Russian officials were silent. "The Kremlin wants chaos in our elections," said Senator Ann Lee.'
)
ARTICLE_TARGETS = [Target("National Rifle Association"), Target("Tom Hallett"), Target("Linda Park"), Target("Russia")]


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_trained, extractor):
    return Pipeline(extractor, StanceClassifier.from_pretrained(tiny_trained.output_dir))


def _links_by_statement(extractor, text, targets, min_score=0.5):
    extraction = extractor(text)
    links = TargetLinker(targets).link(text, extraction)
    found = statement_links(extraction.statements, links, min_score, targets)
    return extraction, {s.content: {m.target: m for m in ms} for s, ms in zip(extraction.statements, found)}


# ---------------------------------------------------------------- forms
def test_forms_demonym_plurals_acronyms_metonyms():
    kenya = {f.text: f.kind for f in target_forms(Target("Kenya"))}
    assert kenya["Kenyans"] == kenya["Kenyan"] == "demonym"
    assert kenya["kenya"] == "name"
    kazakhstan = {f.text for f in target_forms(Target("Kazakhstan"))}
    assert {"Kazakh", "Kazakhs", "astana"} <= kazakhstan
    assert "Chineses" not in {f.text for f in target_forms(Target("China"))}  # its own plural: "the Chinese"
    assert {f.text: f.kind for f in target_forms(Target("Russia"))}["the kremlin"] == "metonym"
    assert "the white house" in {f.text for f in target_forms(Target("United States"))}
    assert "US" in {f.text for f in target_forms(Target("United States"))}
    # every national capital, and demonyms that are no regular "-an" of the name ("Batswana")
    botswana = {f.text: f.kind for f in target_forms(Target("Botswana"))}
    assert botswana["gaborone"] == "metonym" and botswana["Batswana"] == "demonym"
    assert {f.text: f.kind for f in target_forms(Target("Namibia"))}["windhoek"] == "metonym"
    assert acronyms_of("National Rifle Association") == ("NRA",)
    assert "DOJ" in acronyms_of("Department of Justice")
    assert acronyms_of("Trans-Caspian Pipeline") == ("TCP",)
    assert acronyms_of("warehouse robots") == ()
    # an unknown place's regular demonym; a person has none, but a surname and first name
    assert {"Ostravian", "Ostravians"} <= {f.text for f in target_forms(Target("Ostravia"), person=False)}
    assert {"Haldener", "Haldeners", "Sorvikan", "Sorvikans"} <= {
        f.text for t in ("Halden", "Sorvik") for f in target_forms(Target(t), person=False)
    }  # after a consonant: "Icelanders", "Berliners"
    assert {"Tesmari", "Tesmaris"} <= {f.text for f in target_forms(Target("Tesmar"), person=False)}  # "Israeli", "Omanis"
    assert {"Tressan", "Tressans"} <= {f.text for f in target_forms(Target("Tressany"), person=False)}  # "Germans"
    whitlock = {f.text: (f.kind, f.case_sensitive) for f in target_forms(Target("Gary Whitlock"))}
    assert whitlock["Whitlock"] == ("name", True) and whitlock["Gary"] == ("name", True)  # written with their capitals
    assert all(f.kind in MENTION_KINDS for t in ("Kenya", "Russia", "NATO") for f in target_forms(Target(t)))


def test_forms_in_text_metonym_only_when_it_acts():
    forms = TargetForms([Target("Russia"), Target("China")])
    text = "Moscow warned Beijing. Talks in Moscow ended; the Kremlin said nothing. the kremlin"
    found = [(m.target, m.text, m.kind) for m in forms.find_all(text)]
    assert found == [("Russia", "Moscow", "metonym"), ("China", "Beijing", "metonym"), ("Russia", "the Kremlin", "metonym")]
    for m in forms.find_all(text):
        assert text[m.start : m.end] == m.text
    # after a comma: a capital acts after an adverbial ("In the meantime, Moscow"), not in a list of places
    text = "In the meantime, Moscow will wait. On Tuesday, Beijing said no. Trade fairs in Shanghai, Beijing and Xian."
    assert [(m.text, m.kind) for m in forms.find_all(text)] == [("Moscow", "metonym"), ("Beijing", "metonym")]
    # an acronym the article defines, and the longer of two overlapping names wins
    text = "The Serious Fraud Office (SFO) charged him. The SFO said so."
    found = [(m.text, m.kind) for m in TargetForms([Target("Serious Fraud Office")]).find_all(text)]
    assert found == [("Serious Fraud Office", "name"), ("SFO", "acronym"), ("SFO", "acronym")]
    text = "Pacific Coast Air agreed. The Skyward-Pacific Coast merger closes."
    found = [(m.target, m.text) for m in TargetForms([Target("Pacific Coast Air", ("Pacific Coast",)), Target("Skyward-Pacific Coast merger")]).find_all(text)]
    # the merger speaks of each half of its hyphened pair too
    assert found == [
        ("Pacific Coast Air", "Pacific Coast Air"), ("Skyward-Pacific Coast merger", "Skyward-Pacific Coast merger"), ("Pacific Coast Air", "Pacific Coast"),
    ]


def test_a_name_that_opens_a_common_noun_name_is_a_mention_too():
    # "the Harwell takeover" speaks of the takeover and of Harwell; "Thane Built" (a company
    # named after a person) and "Bank of Norland" (a country inside a name) do not
    targets = [Target("Harwell Group", ("Harwell",)), Target("Harwell takeover"), Target("Norland"), Target("Bank of Norland"), Target("Gregory Thane"), Target("Thane Built")]
    text = "Fans fear the Harwell takeover. Harwell Group said little. Thane Built and the Bank of Norland agreed."
    found = [(m.target, m.text) for m in TargetForms(targets).find_all(text)]
    assert found == [
        ("Harwell takeover", "Harwell takeover"), ("Harwell Group", "Harwell"), ("Harwell Group", "Harwell Group"),
        ("Thane Built", "Thane Built"), ("Bank of Norland", "Bank of Norland"),
    ]
    # the nested name does not open the outer name to a third, shorter overlap
    found = [(m.target, m.text) for m in TargetForms([*targets, Target("takeover")]).find_all(text)]
    assert ("takeover", "takeover") not in found and ("Harwell Group", "Harwell") in found


def test_speaker_by_alias_is_not_a_target():
    target = Target("Independent Policing Oversight Authority", ("IPOA",))
    assert is_speaker(target, "IPOA") and is_speaker(target, "Independent Policing Oversight Authority")
    assert not is_speaker(target, "Grace Wanjiru")
    assert is_speaker("Gary Whitlock", "Whitlock")


# ---------------------------------------------------------------- resolution
def test_plural_demonym_gives_a_record(tiny_pipeline):
    records = tiny_pipeline(KENYA, targets=["Kenya"]).records
    assert [(r.target, r.target_mention, r.mention_kind) for r in records] == [("Kenya", "Kenyans", "demonym")]
    assert KENYA[records[0].target_start : records[0].target_end] == "Kenyans"
    assert 0 < records[0].link_score <= 1
    # names only (the linking before issue 12) does not know the plural
    assert tiny_pipeline(KENYA, targets=["Kenya"], link="names").records == []


def test_pronoun_title_acronym_metonym_and_carried_links(extractor):
    _, by_statement = _links_by_statement(extractor, ARTICLE, ARTICLE_TARGETS)
    nra = by_statement["The NRA has bought a candidate"]["National Rifle Association"]
    assert (nra.text, nra.kind) == ("NRA", "acronym")
    # the later part of the same quote carries the target of its first part, less surely
    carried = by_statement["Every voter should know that."]["National Rifle Association"]
    assert carried.kind == "carried" and carried.text is None and carried.score < nra.score
    # "He" in Park's quote: not Park (she speaks, and is a woman), the man named before
    he = by_statement["He will say whatever the gun lobby wants"]
    assert list(he) == ["Tom Hallett"] and (he["Tom Hallett"].text, he["Tom Hallett"].kind) == ("He", "pronoun")
    # "the governor": the person whose name carried that title
    governor = by_statement["the governor was out of touch with rural voters"]
    assert list(governor) == ["Linda Park"] and governor["Linda Park"].kind == "title"
    kremlin = by_statement["The Kremlin wants chaos in our elections"]["Russia"]
    assert (kremlin.text, kremlin.kind) == ("The Kremlin", "metonym")
    for links in by_statement.values():
        for m in links.values():
            assert m.kind == "carried" or ARTICLE[m.start : m.end] == m.text


def test_pronoun_is_never_the_speaker(extractor):
    text = 'Tom Hallett spoke on Monday. "He is a liar," said Bob Grant of his rival.\n\nGrant said he would vote for Ann Cole.'
    _, by_statement = _links_by_statement(extractor, text, [Target("Tom Hallett"), Target("Bob Grant")])
    assert by_statement["He is a liar"] == {"Tom Hallett": by_statement["He is a liar"]["Tom Hallett"]}
    # "Grant said he would ...": "he" is Grant, who is not a target of his own statement
    assert by_statement["he would vote for Ann Cole"] == {}


def test_min_link_score_drops_weak_links(extractor):
    _, loose = _links_by_statement(extractor, ARTICLE, ARTICLE_TARGETS, min_score=0.0)
    _, strict = _links_by_statement(extractor, ARTICLE, ARTICLE_TARGETS, min_score=0.9)
    assert "National Rifle Association" in loose["Every voter should know that."]
    assert strict["Every voter should know that."] == {}
    assert all(m.score >= 0.9 for links in strict.values() for m in links.values())
    assert strict["The NRA has bought a candidate"]  # an acronym is sure


def test_classifier_is_told_which_words_are_the_target(extractor):
    extraction = extractor(ARTICLE)
    plan = plan_pairs(ARTICLE, extraction, ARTICLE_TARGETS, target_finder(ARTICLE_TARGETS), all_targets=False)
    planned = next(p for p in plan if p.mention is not None and p.mention.kind == "pronoun")
    statement = extraction.statements[planned.statement_index]
    pair = pair_for(ARTICLE, statement, planned)
    assert pair.target == "Tom Hallett" and pair.text[pair.target_start : pair.target_end] == "He"
    carried = next(p for p in plan if p.mention is not None and p.mention.kind == "carried")
    pair = pair_for(ARTICLE, extraction.statements[carried.statement_index], carried)
    assert pair.target_start is None  # nothing in the statement to mark


def test_records_carry_mention_kind_and_link_score(tiny_pipeline):
    result = tiny_pipeline(ARTICLE, targets=ARTICLE_TARGETS)
    kinds = {r.mention_kind for r in result.records}
    assert {"acronym", "carried", "pronoun", "title", "metonym"} <= kinds
    for record in result.records:
        row = record.to_dict()
        assert list(row) == list(RECORD_FIELDS)
        assert row["speaker"] != row["target"]
        if row["mention_kind"] == "carried":
            assert row["target_mention"] is None and row["target_start"] is None
        else:
            assert ARTICLE[row["target_start"] : row["target_end"]] == row["target_mention"]
    # all_targets scores the unlinked pairs too, without a mention
    every = tiny_pipeline(ARTICLE, targets=ARTICLE_TARGETS, all_targets=True).records
    assert len(every) > len(result.records)
    assert all(r.link_score is None for r in every if r.mention_kind is None)


def test_bad_link_options_are_refused(tiny_pipeline):
    with pytest.raises(ValueError, match="link"):
        tiny_pipeline(KENYA, targets=["Kenya"], link="everything")
    with pytest.raises(ValueError, match="min_link_score"):
        tiny_pipeline.pipe([KENYA], targets=["Kenya"], min_link_score=1.5)


def test_automatic_targets_are_linked_and_adjectives_name_their_place(tiny_pipeline):
    auto = AutoTargets([(0, 13, "NORP", "Central Asian"), (20, 26, "NORP", "Kazakh"), (30, 40, "GPE", "Kazakhstan")])
    assert [t.name for t in auto.targets()] == ["Central Asia", "Kazakhstan"]
    seed = (ROOT / "seeds" / "000_3f02757656f424b1.txt").read_text(encoding="utf-8")
    records = tiny_pipeline(seed).records
    targets = {r.target for r in records}
    assert {"Kazakhstan", "China", "Kassym-Jomart Tokayev"} <= targets
    assert not targets & {"Central Asian", "Kazakh", "Chinese", "Tokayev"}
    # linked beyond their names: a description of the country
    assert any(r.target == "Kazakhstan" and r.mention_kind == "description" for r in records)


def test_cli_analyze_link_option(tiny_trained, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(KENYA, encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert main(["analyze", str(article), "--targets", "Kenya", "--model", str(tiny_trained.output_dir), "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["target_mention"], r["mention_kind"]) for r in rows] == [("Kenyans", "demonym")]
    assert main(["analyze", str(article), "--targets", "Kenya", "--link", "names", "--model", str(tiny_trained.output_dir), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ""


# ---------------------------------------------------------------- gold and evaluation
@pytest.mark.parametrize("directory", ["tests/articles", "tests/articles_targets_blind", "tests/articles_targets_blind2", "tests/articles_targets_blind3", "tests/articles_targets_blind4", "tests/articles_targets_blind5"])
def test_gold_target_mentions_point_into_the_articles(directory):
    for name, article, gold_path in find_article_pairs(ROOT / directory):
        text, gold = read_gold_article(article, gold_path)
        targets = {t.name for t in read_targets_json(article.with_name(name + ".targets.json"))}
        mentions = load_gold_target_mentions(gold_path)
        assert set(mentions) == {g.id for g in gold}, name  # every statement annotated
        by_id = {g.id: g for g in gold}
        for gold_id, entries in mentions.items():
            g = by_id[gold_id]
            for entry in entries:
                assert entry.target in targets, (gold_id, entry.target)
                assert entry.kind in MENTION_KINDS + ("implicit",), (gold_id, entry.kind)
                assert g.stance.get(entry.target, entry.stance) == entry.stance, gold_id
                if entry.mention is None:
                    assert entry.kind in ("carried", "implicit")
                else:
                    assert text[entry.start : entry.end] == entry.mention and g.start <= entry.start < entry.end <= g.end, gold_id
            assert set(g.stance) <= {e.target for e in entries}, gold_id


def test_link_report_counts_recall_precision_by_kind(tmp_path):
    text = "Smith said the bill fails. Jones said it helps."
    gold_path = tmp_path / "a.gold.jsonl"
    rows = [
        {"id": "a-1", "start": 11, "end": 25, "content": "the bill fails", "speaker": "Smith", "kind": "indirect", "stance": {"SB 1": "opposition"},
         "targets": [{"target": "SB 1", "mention": "the bill", "mention_start": 11, "mention_end": 19, "mention_kind": "description", "stance": "opposition"}]},
        {"id": "a-2", "start": 38, "end": 46, "content": "it helps", "speaker": "Jones", "kind": "indirect", "stance": {},
         "targets": [{"target": "SB 1", "mention": "it", "mention_start": 38, "mention_end": 40, "mention_kind": "pronoun", "stance": "support"}]},
    ]
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    _, gold = read_gold_article(tmp_path / "a.txt", gold_path)
    from stance.records import ArticleMetadata, ArticleResult, StanceRecord

    def statement(start, end, speaker):
        return Statement(text[start:end], start, end, speaker, speaker, 0, 5, "said", 6, 10, "indirect", 0.9, 0, len(text))

    def record(s, target, kind, label):
        return StanceRecord(s, target, None, None, None, label, {label: 1.0}, "neutral", {"neutral": 1.0}, mention_kind=kind, link_score=0.7)

    s1, s2 = statement(11, 25, "Smith"), statement(38, 46, "Jones")
    result = ArticleResult(text, ArticleMetadata(), [s1, s2], [record(s1, "SB 1", "description", "opposition"), record(s1, "Smith", "name", "neutral")])
    report = link_report(result, gold, load_gold_target_mentions(gold_path), ["SB 1", "Smith"])
    m = report.metrics
    assert (m["n_gold_pairs"], m["pair_recall"], m["pair_recall[description]"], m["pair_recall[pronoun]"]) == (2, 0.5, 1.0, 0.0)
    assert (m["n_linked_records"], m["pair_precision"], m["pair_precision[description]"], m["pair_precision[name]"]) == (2, 0.5, 1.0, 0.0)
    assert m["link_stance_accuracy"] == 0.5


def test_training_pairs_mark_the_mention_the_pipeline_linked(tmp_path):
    text = "Smith said the bill fails. Jones said it helps. Lee said nothing new."
    gold_path = tmp_path / "a.gold.jsonl"
    rows = [
        {"id": "a-1", "start": 11, "end": 25, "content": "the bill fails", "speaker": "Smith", "kind": "indirect", "stance": {"SB 1": "opposition", "Jones": "neutral"},
         "targets": [{"target": "SB 1", "mention": "the bill", "mention_start": 11, "mention_end": 19, "mention_kind": "description", "stance": "opposition"}]},
        {"id": "a-2", "start": 38, "end": 46, "content": "it helps", "speaker": "Jones", "kind": "indirect", "stance": {"SB 1": "support"},
         "targets": [{"target": "SB 1", "mention": "it", "mention_start": 38, "mention_end": 40, "mention_kind": "pronoun", "stance": "support"}]},
        {"id": "a-3", "start": 57, "end": 68, "content": "nothing new", "speaker": "Lee", "kind": "indirect", "stance": {"SB 1": "neutral"}},
    ]
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    _, gold = read_gold_article(tmp_path / "a.txt", gold_path)
    from stance.evaluation.pipeline import training_pairs
    from stance.records import ArticleMetadata, ArticleResult, StanceRecord

    def statement(start, end, speaker):
        return Statement(text[start:end], start, end, speaker, speaker, 0, 5, "said", 6, 10, "indirect", 0.9, 0, len(text))

    def record(s, target, start, end, label):
        return StanceRecord(s, target, None if start is None else text[start:end], start, end, label, {label: 1.0}, "neutral", {"neutral": 1.0})

    s1, s2 = statement(15, 25, "Smith"), statement(38, 46, "Jones")  # s1 found without "the "; a-3 not found
    records = [record(s1, "SB 1", 15, 19, "neutral"), record(s1, "Jones", None, None, "support"), record(s2, "SB 1", None, None, "neutral")]
    pairs = training_pairs(ArticleResult(text, ArticleMetadata(), [s1, s2], records), gold, load_gold_target_mentions(gold_path))
    got = {(p.text, p.target): (p.label, p.target_start, p.target_end) for p in pairs}
    assert got == {
        ("bill fails", "SB 1"): ("opposition", 0, 4),  # the pipeline's linked mention, not the gold's (it starts before the statement)
        ("bill fails", "Jones"): ("neutral", None, None),  # nothing to mark
        ("it helps", "SB 1"): ("support", 0, 2),  # no linked mention: the gold's, inside the statement
    }


def test_article_targets_prefer_the_targets_file_beside_the_article(tmp_path):
    from stance.evaluation.pipeline import article_targets

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    gold_path = tmp_path / "a.gold.jsonl"
    gold_path.write_text(json.dumps({"id": "a-1", "start": 0, "end": 1, "content": "x", "speaker": "S", "kind": "direct",
                                     "stance": {"SB 1": "support", "Smith": "neutral"}}) + "\n", encoding="utf-8")
    _, gold = read_gold_article(tmp_path / "a.txt", gold_path)
    assert article_targets(tmp_path / "a.txt", gold) == ["SB 1", "Smith"]
    (tmp_path / "a.targets.json").write_text(json.dumps({"targets": [{"name": "Senate Bill 1", "aliases": ["SB 1"]}]}), encoding="utf-8")
    assert [(t.name, t.aliases) for t in article_targets(tmp_path / "a.txt", gold)] == [("Senate Bill 1", ("SB 1",))]
