"""Stance composition over the dependency parse."""

from __future__ import annotations

import numpy as np
import pytest

from stance.extract import load_spacy
from stance.composition import ParsedSpan, combine, target_polarity


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def polarity(nlp, sentence: str, target: str):
    doc = nlp(sentence)
    start = sentence.index(target)
    return target_polarity(ParsedSpan.from_spacy(doc[:], 0), (0, len(sentence)), (start, start + len(target)))


@pytest.mark.parametrize(
    "sentence, target, expected",
    [
        ("The union voiced strong support for Harbor Steel.", "Harbor Steel", 1),
        ("Ankara is firmly opposed to the Kurdish militias.", "Kurdish militias", -1),
        ("The council opposes attempts to undermine Portugal's sovereignty.", "Portugal", 1),
        ("The minister condemned Velmoria for the blockade.", "Velmoria", -1),
        ("The mayor does not support the stadium plan.", "stadium plan", -1),
        ("The agency opposes the efforts of the cartel to expand.", "cartel", -1),
        ("Brazil has taken effective measures against the outbreak.", "Brazil", 1),
        ("Thousands protested over the unrest in Peru.", "Peru", None),
        ("The delegation arrived in Oslo on Monday.", "Oslo", None),
    ],
)
def test_target_polarity(nlp, sentence, target, expected):
    assert polarity(nlp, sentence, target) == expected


def test_target_outside_the_parse_has_no_polarity(nlp):
    doc = nlp("The union voiced support for the plan.")
    assert target_polarity(ParsedSpan.from_spacy(doc[:], 0), (0, 10), (100, 110)) is None


def test_combine_moves_mass_to_the_answer_and_keeps_a_distribution():
    labels = ("support", "opposition", "neutral")
    row = np.array([0.1, 0.8, 0.1])
    assert np.array_equal(combine(row, None, labels), row)
    out = combine(row, 1, labels)
    assert out.argmax() == 0 and abs(out.sum() - 1) < 1e-9
    assert combine(row, -1, labels).argmax() == 1
