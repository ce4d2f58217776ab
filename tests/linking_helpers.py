"""Shared by the target-linking tests: one extractor per module and the links each
statement gets, as plain (mention text, mention kind) pairs."""

from __future__ import annotations

import pytest

from stance.extract import Extractor
from stance.extract.references import TargetLinker, statement_links


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def links_by_statement(extractor, text, targets, min_score=0.5):
    """content -> {target: (mention text, mention kind)} for every statement."""
    extraction = extractor(text)
    links = TargetLinker(targets).link(text, extraction)
    found = statement_links(extraction.statements, links, min_score, targets)
    return {s.content: {m.target: (m.text, m.kind) for m in ms} for s, ms in zip(extraction.statements, found)}
