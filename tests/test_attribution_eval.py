"""Attribution scoring: matching, metrics, gold loading, the gold files and the script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_loader import load_script

from stance.corpus import read_article_file

from stance.evaluation.attribution import (
    find_article_pairs,
    AttributionReport,
    GoldStatement,
    attribution_report,
    combine_attribution,
    cue_is_correct,
    evaluate_attribution,
    load_gold,
    match_statements,
    speaker_is_correct,
    validate_gold,
)
from stance.records import STATEMENT_KINDS, Statement

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "articles"
GOLD_FILES = sorted(ARTICLES.glob("*.gold.jsonl")) + sorted((REPO / "seeds").glob("*.gold.jsonl"))


def pred(start, end, speaker="Smith", cue="said", kind="indirect"):
    return Statement(
        content="x" * (end - start),
        start=start,
        end=end,
        speaker=speaker,
        speaker_mention=speaker,
        speaker_start=None,
        speaker_end=None,
        cue=cue,
        cue_start=None,
        cue_end=None,
        kind=kind,
        confidence=0.9,
        sentence_start=start,
        sentence_end=end,
    )


def gold(start, end, speaker="Smith", cue="said", kind="indirect", optional=False, alts=(), gid=None):
    return GoldStatement(
        id=gid or f"g{start}",
        start=start,
        end=end,
        content="x" * (end - start),
        speaker=speaker,
        mention=speaker,
        cue=cue,
        kind=kind,
        optional=optional,
        speaker_alternatives=tuple(alts),
    )


# --------------------------------------------------------------------------- matching


def test_half_coverage_rule_is_inclusive_at_one_half():
    g = [gold(0, 100)]
    assert match_statements([pred(50, 300)], g) == [(0, 0)]  # exactly 50 of 100
    assert match_statements([pred(51, 300)], g) == []  # 49 of 100
    assert match_statements([pred(0, 49)], g) == []
    # covering far more than the gold is fine: only gold coverage counts
    assert match_statements([pred(0, 5000)], g) == [(0, 0)]


def test_matching_is_one_to_one():
    # two predictions over one gold: one match, the better-overlapping prediction
    assert match_statements([pred(40, 100), pred(0, 100)], [gold(0, 100)]) == [(1, 0)]
    # one prediction covering two golds: one match
    matches = match_statements([pred(0, 200)], [gold(0, 100), gold(100, 200)])
    assert len(matches) == 1


def test_matching_maximises_number_of_matches():
    # Prediction 0 overlaps gold 0 most, but it is the only one covering gold 1;
    # prediction 1 covers only gold 0. Greedy-by-overlap alone would match 1 pair.
    g = [gold(0, 100), gold(100, 140)]
    p = [pred(0, 140), pred(0, 60)]
    assert sorted(match_statements(p, g)) == [(0, 1), (1, 0)]


def test_required_gold_is_preferred_over_optional():
    g = [gold(0, 100, optional=True, gid="opt"), gold(20, 100, gid="req")]
    p = [pred(0, 100)]  # covers both; overlaps the optional one more
    assert match_statements(p, g) == [(0, 1)]


def test_match_accepts_dicts_and_empty_inputs():
    assert match_statements([], [gold(0, 10)]) == []
    assert match_statements([{"start": 0, "end": 10}], []) == []
    assert match_statements([{"start": 0, "end": 10}], [gold(0, 10)]) == [(0, 0)]


# --------------------------------------------------------------------------- metrics


def test_precision_recall_f1_and_counts():
    g = [gold(0, 100), gold(200, 300), gold(400, 500), gold(600, 700)]
    p = [pred(0, 100), pred(200, 300), pred(800, 900)]
    m = evaluate_attribution(p, g)
    assert m["attribution_precision"] == pytest.approx(2 / 3)
    assert m["attribution_recall"] == pytest.approx(2 / 4)
    assert m["attribution_f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert (m["n_predicted"], m["n_gold"], m["n_matched"], m["n_extra"], m["n_missed_required"]) == (3, 4, 2, 1, 2)


def test_optional_gold_neither_hurts_recall_nor_precision():
    g = [gold(0, 100), gold(200, 300, optional=True), gold(400, 500, optional=True)]
    # the optional at 200 is found, the one at 400 missed
    m = evaluate_attribution([pred(0, 100), pred(200, 300)], g)
    assert m["attribution_recall"] == 1.0
    assert m["attribution_precision"] == 1.0
    assert m["n_gold_required"] == 1 and m["n_matched_optional"] == 1
    rep = attribution_report([pred(0, 100), pred(200, 300)], g)
    assert [x.id for x in rep.misses] == ["g400"] and rep.misses[0].optional


def test_speaker_accuracy_uses_alternatives_and_ignores_case():
    g = [
        gold(0, 100, speaker="Mir-24", alts=["eyewitnesses"]),
        gold(200, 300, speaker="Xi Jinping"),
        gold(400, 500, speaker="Interior Ministry"),
        gold(600, 700, speaker="Wang Wenbin"),
    ]
    p = [
        pred(0, 100, speaker="Eyewitnesses"),
        pred(200, 300, speaker="xi jinping"),
        pred(400, 500, speaker="the interior ministry"),
        pred(600, 700, speaker="Xi Jinping"),
    ]
    rep = attribution_report(p, g)
    assert rep.metrics["speaker_accuracy"] == pytest.approx(3 / 4)
    assert [gs.id for _, gs in rep.wrong_speaker] == ["g600"]


def test_speaker_none_rules():
    g = GoldStatement("a", 0, 1, "x", None)
    assert speaker_is_correct(None, g)
    assert not speaker_is_correct("Smith", g)
    assert not speaker_is_correct(None, GoldStatement("b", 0, 1, "x", "Smith"))
    assert speaker_is_correct("Eastland Nurses' Union", GoldStatement("c", 0, 1, "x", "Eastland Nurses\u2019 Union"))


def test_cue_accuracy_and_continuation():
    cont = gold(0, 10, cue="", kind="continuation")
    assert cue_is_correct(pred(0, 10, cue=None, kind="continuation"), cont)
    assert cue_is_correct(pred(0, 10, cue="said", kind="continuation"), cont)
    assert cue_is_correct(pred(0, 10, cue=None, kind="direct"), cont)
    assert not cue_is_correct(pred(0, 10, cue="said", kind="direct"), cont)
    assert cue_is_correct(pred(0, 10, cue="According  to"), gold(0, 10, cue="according to"))
    assert not cue_is_correct(pred(0, 10, cue="told"), gold(0, 10, cue="said"))
    m = evaluate_attribution([pred(0, 10, cue="told"), pred(20, 30, cue="Said")], [gold(0, 10), gold(20, 30)])
    assert m["cue_accuracy"] == 0.5


def test_per_kind_numbers():
    g = [
        gold(0, 100, kind="direct", speaker="A"),
        gold(200, 300, kind="direct", speaker="B"),
        gold(400, 500, kind="nominal", speaker="C"),
        gold(600, 700, kind="headline", optional=True),
    ]
    p = [pred(0, 100, speaker="A", kind="direct"), pred(200, 300, speaker="Z", kind="indirect")]
    m = evaluate_attribution(p, g)
    assert m["recall[direct]"] == 1.0
    assert m["speaker_accuracy[direct]"] == 0.5
    assert m["recall[nominal]"] == 0.0
    assert m["n_gold[nominal]"] == 1 and m["n_matched[nominal]"] == 0
    assert m["n_gold_required[headline]"] == 0
    assert "recall[indirect]" not in m  # per-kind keys only for kinds in the gold
    assert m["kind_accuracy"] == 0.5
    assert all(not isinstance(v, (dict, list)) for v in m.values())  # one flat dict


def test_combine_is_micro_average():
    g1, p1 = [gold(0, 10, kind="direct"), gold(20, 30)], [pred(0, 10)]
    g2, p2 = [gold(0, 10, kind="nominal")], [pred(0, 10, speaker="Other"), pred(50, 60)]
    m1, m2 = evaluate_attribution(p1, g1), evaluate_attribution(p2, g2)
    both = combine_attribution([m1, attribution_report(p2, g2)])
    assert both["attribution_recall"] == pytest.approx(2 / 3)
    assert both["attribution_precision"] == pytest.approx(2 / 3)
    assert both["speaker_accuracy"] == pytest.approx(1 / 2)
    assert both["recall[direct]"] == 1.0 and both["recall[nominal]"] == 1.0
    assert both["n_predicted"] == m1["n_predicted"] + m2["n_predicted"]
    # combining one article changes nothing
    assert combine_attribution([m1]) == m1
    with pytest.raises(ValueError, match="count key"):
        combine_attribution([{"attribution_f1": 1.0}])


def test_report_lists_extras():
    rep = attribution_report([pred(0, 10), pred(500, 600, speaker="Extra")], [gold(0, 10)])
    assert isinstance(rep, AttributionReport)
    assert [p.speaker for p in rep.extras] == ["Extra"]
    assert rep.matches == ((0, 0),)


# --------------------------------------------------------------------------- loading


def _write(tmp_path, lines):
    path = tmp_path / "a.gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps(
    {"id": "a-0", "start": 4, "end": 9, "content": "hello", "speaker": "Smith", "mention": "he",
     "cue": "said", "kind": "direct", "stance": {"X": "support"}}
)


def test_load_gold_reads_fields(tmp_path):
    [g] = load_gold(_write(tmp_path, [GOOD, ""]))
    assert (g.id, g.start, g.end, g.content, g.speaker, g.cue, g.kind) == ("a-0", 4, 9, "hello", "Smith", "said", "direct")
    assert dict(g.stance) == {"X": "support"} and g.optional is False and g.speaker_alternatives == ()
    assert json.loads(GOOD) == {**g.to_dict(), "stance": {"X": "support"}}
    validate_gold([g], "abc hello")
    with pytest.raises(ValueError, match="a-0"):
        validate_gold([g], "abc jello")


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", r"a\.gold\.jsonl:2: malformed JSON"),
        ('[1, 2]', r"a\.gold\.jsonl:2: expected a JSON object"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S"}', r"a\.gold\.jsonl:2: missing key"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "quote"}', "valid kinds: direct, indirect"),
        ('{"start": 0, "end": 4, "content": "hello", "speaker": "S", "kind": "direct"}', r"a\.gold\.jsonl:2: end - start"),
        ('{"start": -1, "end": 4, "content": "hello", "speaker": "S", "kind": "direct"}', r"a\.gold\.jsonl:2: 'start'"),
        ('{"start": 0, "end": 1, "content": 7, "speaker": "S", "kind": "direct"}', "'content' must be a string"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": 3, "kind": "direct"}', "'speaker' must be a string or null"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "direct", "stance": ["X"]}', "'stance' must be an object"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "direct", "stance": {"X": "pro"}}', "valid labels"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "direct", "speaker_alternatives": "T"}', "'speaker_alternatives' must be a list"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "direct", "optional": "yes"}', "'optional' must be true or false"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "direct", "cue": 1}', "'cue' must be a string"),
        ('{"start": 0, "end": 5, "content": "hello", "speaker": "S", "kind": "direct", "mention": 1}', "'mention' must be a string or null"),
        (GOOD, r"a\.gold\.jsonl:2: duplicate id 'a-0' \(first on line 1\)"),
    ],
)
def test_load_gold_rejects_malformed_lines(tmp_path, bad, message):
    with pytest.raises(ValueError, match=message):
        load_gold(_write(tmp_path, [GOOD, bad]))


def test_load_gold_fills_defaults_and_skips_a_line_that_is_not_utf8(tmp_path, caplog):
    bare = json.dumps({"start": 0, "end": 5, "content": "hello", "speaker": None, "kind": "indirect"})
    path = tmp_path / "a.gold.jsonl"
    path.write_bytes("\ufeff".encode() + GOOD.encode() + b"\n\xff\xfe broken\n" + bare.encode() + b"\n")
    first, second = load_gold(path)
    assert first.id == "a-0"
    assert (second.id, second.cue, second.mention, dict(second.stance), second.optional) == ("line-3", "", None, {}, False)
    assert "a.gold.jsonl:2: not UTF-8 text" in caplog.text


def test_load_gold_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "nope.gold.jsonl")


# --------------------------------------------------------------------------- the gold files


def test_gold_files_exist():
    assert len(list(ARTICLES.glob("*.gold.jsonl"))) >= 5
    assert any(p.parent.name == "seeds" for p in GOLD_FILES)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_offsets_and_kinds(gold_path):
    text = gold_path.with_name(gold_path.name[: -len(".gold.jsonl")] + ".txt").read_bytes().decode("utf-8-sig")
    statements = load_gold(gold_path)  # validates kinds, stance labels, lengths, unique ids
    assert statements
    validate_gold(statements, text)
    for g in statements:
        assert text[g.start : g.end] == g.content
        assert g.kind in STATEMENT_KINDS
        assert g.content == g.content.strip(), g.id


def test_test_articles_cover_every_kind_and_size():
    kinds = set()
    for path in ARTICLES.glob("*.gold.jsonl"):
        kinds |= {g.kind for g in load_gold(path) if not g.optional}
        words = len(path.with_name(path.name[: -len(".gold.jsonl")] + ".txt").read_text(encoding="utf-8").split())
        assert 350 <= words <= 700, (path.name, words)
    assert kinds == set(STATEMENT_KINDS)


# --------------------------------------------------------------------------- the script


def _oracle(gold_by_text):
    """An extractor that returns the gold statements of whichever article it is given."""

    def extract(text):
        return [
            {"content": g.content, "start": g.start, "end": g.end, "speaker": g.speaker,
             "cue": g.cue, "kind": g.kind}
            for g in gold_by_text[text]
        ]

    return extract


def test_script_directory_form_writes_json(tmp_path, capsys):
    script = load_script("evaluate_attribution")
    gold_by_text = {}
    for _name, article, gold_path in find_article_pairs(ARTICLES):
        gold_by_text[read_article_file(article)] = load_gold(gold_path)
    out = tmp_path / "sub" / "result.json"
    assert script.main(["--dir", str(ARTICLES), "--json", str(out)], extract=_oracle(gold_by_text)) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["overall"]["attribution_recall"] == 1.0
    assert result["overall"]["attribution_precision"] == 1.0
    assert result["overall"]["speaker_accuracy"] == 1.0
    assert set(result["articles"]) == {p.name[: -len(".gold.jsonl")] for p in ARTICLES.glob("*.gold.jsonl")}
    assert [p.name for p in out.parent.iterdir()] == ["result.json"]  # no temp file left behind
    printed = capsys.readouterr().out
    assert "recall" in printed and "continuation" in printed


def test_script_single_article_reports_misses_and_extras(tmp_path, capsys):
    script = load_script("evaluate_attribution")
    seed_txt = REPO / "seeds" / "000_3f02757656f424b1.txt"
    seed_gold = REPO / "seeds" / "000_3f02757656f424b1.gold.jsonl"

    def extract(text):
        return [pred(0, 10, speaker="Nobody")]

    assert script.main(["--gold", str(seed_gold), "--article", str(seed_txt)], extract=extract) == 0
    printed = capsys.readouterr().out
    assert "MISS" in printed and "EXTRA" in printed and "Nobody" in printed


def test_script_errors_are_one_line(tmp_path, capsys):
    script = load_script("evaluate_attribution")
    assert script.main(["--dir", str(tmp_path)], extract=lambda t: []) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1
