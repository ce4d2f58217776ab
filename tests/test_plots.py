"""Plots are drawn with matplotlib's object-oriented API: the global backend is left alone."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from stance.evaluation.classification import plot_confusion_matrix, plot_reliability_diagram
from stance.model import STANCE_LABELS
from stance.output import SummaryCell, plot_summary

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def svg_backend():
    """A user's session with a backend of their own (svg stands in for a notebook's)."""
    import matplotlib.pyplot as plt

    before = matplotlib.get_backend()
    figures_before = plt.get_fignums()
    plt.switch_backend("svg")
    yield plt
    assert plt.get_fignums() == figures_before  # no figure left open in pyplot either
    plt.switch_backend(before)


def _summary_cells() -> list[SummaryCell]:
    return [
        SummaryCell("Smith", "the plan", 3, {"support": 0.7, "opposition": 0.2, "neutral": 0.1}, "support"),
        SummaryCell("Jones", "the plan", 1, {"support": 0.1, "opposition": 0.8, "neutral": 0.1}, "opposition"),
        SummaryCell("Jones", "the mayor", 2, {"support": 0.3, "opposition": 0.3, "neutral": 0.4}, "neutral"),
    ]


def test_plot_summary_keeps_the_users_backend(svg_backend, tmp_path):
    path = plot_summary(_summary_cells(), tmp_path / "summary.png")
    assert path.read_bytes()[:8] == PNG
    assert matplotlib.get_backend() == "svg"


def test_plot_confusion_matrix_keeps_the_users_backend(svg_backend, tmp_path):
    gold = ["support", "opposition", "neutral", "support"]
    predicted = ["support", "neutral", "neutral", "opposition"]
    path = plot_confusion_matrix(predicted, gold, STANCE_LABELS, tmp_path / "cm.png")
    assert path.read_bytes()[:8] == PNG
    assert matplotlib.get_backend() == "svg"


def test_plot_reliability_diagram_keeps_the_users_backend(svg_backend, tmp_path):
    probabilities = np.array([[0.9, 0.05, 0.05], [0.2, 0.7, 0.1], [0.4, 0.3, 0.3]])
    path = plot_reliability_diagram(probabilities, [0, 1, 2], tmp_path / "rel.png")
    assert path.read_bytes()[:8] == PNG
    assert matplotlib.get_backend() == "svg"
