"""Stance composition: the polarity a statement's syntax gives its speaker toward a target.

A small, explicit companion to the classifier for the constructions news uses to take
sides without sentiment words about the target itself: ``opposes attempts to undermine
Kazakhstan's stability`` is *support* for Kazakhstan, ``support for Kazakhstan`` is
support, ``opposed to outside forces`` is opposition. Starting at the target mention,
the dependency path to the statement's root (and on to its cue) is walked and the
polarities of the predicates on it are multiplied (``lexicons/polarity.json``):

- the target as object or complement of a polar predicate takes its sign
  (``support for T`` +, ``undermine T`` -), a valued possession passes it on
  (``undermine T's stability`` -), negation flips it;
- the target as the agent of a clause takes the sign of an outer polar predicate over
  that clause (``supports efforts by T`` +, ``opposes the efforts of T`` -), or failing
  one, the clause's own evaluation (``T adopted effective measures`` +);
- a locative preposition (``unrest in T``) ends the walk: a place is not an argument.

It answers +1, -1 or None (no evidence); ``combine`` folds the answer into the
classifier's probabilities (``RULE_SHARE`` of the mass). The parse is the extractor's, kept per statement as a
``ParsedSpan`` so nothing is parsed twice.
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from .lexicons import polarity_lexicon
from .records import ParsedSpan

# How much probability mass a composition answer takes: the final row is
# (1 - RULE_SHARE) * classifier + RULE_SHARE * (the answered label), so an answer
# decides the label while the classifier's ranking of the rest is kept.
RULE_SHARE = 0.6

_OBJECT_DEPS = {
    "dobj", "obj", "pobj", "attr", "xcomp", "ccomp", "oprd", "acomp", "dative", "nsubjpass",
    "relcl", "acl", "amod", "compound", "poss", "nmod", "npadvmod", "appos", "advcl", "pcomp", "prep", "agent",
}
_AGENT_DEPS = {"nsubj", "csubj"}
_PASS_THROUGH = {"conj", "cc", "det", "case", "punct", "quantmod", "nummod", "advmod", "aux", "neg"}


def _polarity(lemma: str) -> int:
    lexicon = polarity_lexicon()
    if lemma in lexicon["positive"]:
        return 1
    if lemma in lexicon["negative"]:
        return -1
    return 0


def _negated(parsed: ParsedSpan, index: int) -> bool:
    negations = polarity_lexicon()["negations"]
    return any(parsed.deps[c] == "neg" or parsed.lemmas[c] in negations and parsed.deps[c] in ("neg", "advmod", "det") for c in parsed.children(index))


def _evaluation(parsed: ParsedSpan, clause: int) -> int:
    """The sign of evaluative words in a clause's objects and complements (``adopted effective measures``)."""
    total = 0
    stack = [c for c in parsed.children(clause) if parsed.deps[c] in ("dobj", "obj", "acomp", "attr", "oprd", "advmod")]
    while stack:
        node = stack.pop()
        if parsed.deps[node] != "prep":  # "measures against the outbreak" is not a judgement
            total += _polarity(parsed.lemmas[node])
        stack.extend(c for c in parsed.children(node) if parsed.deps[c] in ("amod", "advmod", "prep", "pobj", "compound"))
    return int(np.sign(total))


def _leads_to_cue(parsed: ParsedSpan, node: int) -> bool:
    """Is ``node`` on the way from the content up to the cue (``opposed [to] any force ...``)?"""
    if parsed.cue is None:
        return False
    for _ in range(16):
        if node == parsed.cue:
            return True
        if parsed.heads[node] == node:
            return False
        node = parsed.heads[node]
    return False


def target_polarity(parsed: ParsedSpan, content: tuple[int, int], target: tuple[int, int]) -> Optional[int]:
    """+1 (support), -1 (opposition) or None (no syntactic evidence) toward the target.

    Args:
        parsed: the statement sentence's parse.
        content: (start, end) of the statement content, article offsets.
        target: (start, end) of the target mention, article offsets.
    """
    lexicon = polarity_lexicon()
    inside = [i for i, (s, e) in enumerate(zip(parsed.starts, parsed.ends)) if s < target[1] and target[0] < e]
    if not inside:
        return None
    # the target's head token: the one whose head lies outside the mention
    node = next((i for i in inside if parsed.heads[i] not in inside or parsed.heads[i] == i), inside[-1])
    allowed = {i for i, (s, e) in enumerate(zip(parsed.starts, parsed.ends)) if content[0] <= s and e <= content[1]}
    if parsed.cue is not None:
        allowed.add(parsed.cue)
    sign, evidence = 1, False
    agent_value: Optional[int] = None  # evaluation of a clause the target is the agent of
    for _ in range(16):
        parent = parsed.heads[node]
        if parent == node or parent not in allowed and not _leads_to_cue(parsed, parent):
            break
        rel = parsed.deps[node]
        lemma = parsed.lemmas[parent]
        if parsed.deps[parent] == "prep" and lemma in lexicon["locative_prepositions"] and rel == "pobj":
            return None  # "unrest in Kazakhstan": a place, not an argument
        if rel in _AGENT_DEPS and agent_value is None and not evidence:
            # the target does something: judge the deed, unless an outer predicate judges it
            deed = _polarity(lemma) or _evaluation(parsed, parent)
            if _negated(parsed, parent):
                deed = -deed
            agent_value = deed if deed else None
        elif rel not in _PASS_THROUGH:
            value = _polarity(lemma)
            if lemma in lexicon["valued_possessions"] and rel in ("poss", "pobj", "nmod", "compound", "amod"):
                value = value or 1
            if value:
                if agent_value is not None and not evidence:
                    agent_value = None  # an outer predicate judges the agent's deed as a whole
                sign *= value
                evidence = evidence or _polarity(lemma) != 0
            if _negated(parsed, parent):
                sign = -sign
        node = parent
    if evidence:
        return sign
    return agent_value


def combine(probabilities: np.ndarray, polarity: Optional[int], labels: Sequence[str], share: float = RULE_SHARE) -> np.ndarray:
    """Fold a composition answer into a probability row over ``labels``.

    Example:
        >>> combine(np.array([0.1, 0.8, 0.1]), +1, ("support", "opposition", "neutral")).round(2)
        array([0.64, 0.32, 0.04])
    """
    if polarity is None:
        return probabilities
    answer = np.zeros(len(labels))
    answer[list(labels).index("support" if polarity > 0 else "opposition")] = 1.0
    return (1.0 - share) * probabilities + share * answer
