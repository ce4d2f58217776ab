"""Is this text English? A light check, so non-English input is reported, not silently empty.

The extractor's parser, cue lexicon and classifier are English only: a Chinese or a
Russian article gives no statements at all. ``check_english`` says so in one sentence
instead. It looks at two things, on a sample of the text, with no model and no network:

1. the writing system: when most words are in a script other than Latin (Chinese
   characters, Cyrillic, Arabic, ...), the text is not English;
2. for Latin script, the share of common English function words ("the", "of", "said",
   ...): about a third of the words of English news, next to none in French or German.

A few foreign names or quoted words in an English article do not change either share.
A text too short to tell (a headline, a test sentence, an empty string) passes.

Example:
    >>> check_english("Smith said the plan would fail.") is None
    True
    >>> check_english("中国外交部发言人汪文斌表示，中方支持哈萨克斯坦稳定局势。")
    'the text looks like Chinese, not English (100% of its words are in Chinese characters); only English is supported'
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["check_english"]

# Look at most at this many characters, taken from the start, the middle and the end.
SAMPLE_CHARS = 6000
# Fewer words than this cannot be told apart: pass.
MIN_WORDS = 5
# More than this share of words in another script: not English.
MAX_FOREIGN_SCRIPT_SHARE = 0.5
# Latin-script text with at least this many words and fewer English function words than this share: not English.
MIN_WORDS_FOR_FUNCTION_WORDS = 40
MIN_FUNCTION_WORD_SHARE = 0.08

# Common English function words that are rare as words of the other Latin-script
# languages ("a", "in", "is", "an", "die" are left out for that reason).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to that with for from this these those which who whom whose would will have has had "
    "been were are was be by it its their they them he she his her not said says at as or but "
    "there than then what when where while about after before into over also could should".split()
)

_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+(?:['’][A-Za-z]+)?")
# (script, the language it suggests, pattern of one unit): scripts written without
# spaces count one unit per character, the others one per word.
_SCRIPTS = (
    ("Chinese characters", "Chinese", re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF\uF900-\uFAFF]")),
    ("kana", "Japanese", re.compile(r"[\u3040-\u30FF]")),
    ("Hangul", "Korean", re.compile(r"[\uAC00-\uD7AF\u1100-\u11FF]")),
    ("Thai script", "Thai", re.compile(r"[\u0E00-\u0E7F]+")),
    ("Cyrillic script", "Russian or another Cyrillic-script language", re.compile(r"[\u0400-\u052F]+")),
    ("Greek script", "Greek", re.compile(r"[\u0370-\u03FF]+")),
    ("Arabic script", "Arabic or another Arabic-script language", re.compile(r"[\u0600-\u06FF\u0750-\u077F]+")),
    ("Hebrew script", "Hebrew", re.compile(r"[\u0590-\u05FF]+")),
    ("Devanagari", "Hindi or another Devanagari-script language", re.compile(r"[\u0900-\u097F]+")),
)


def check_english(text: str) -> Optional[str]:
    """Why ``text`` is not English, or ``None`` when it is (or is too short to tell).

    Args:
        text: an article.
    Returns:
        ``None``, or one sentence that names what the text looks like and says only
        English is supported.

    Example:
        >>> check_english("Президент Казахстана заявил, что ситуация стабилизирована.")[:63]
        'the text looks like Russian or another Cyrillic-script language'
    """
    sample = _sample(text)
    latin_words = _LATIN_WORD.findall(sample)
    foreign = {script: len(pattern.findall(sample)) for script, _, pattern in _SCRIPTS}
    n_foreign = sum(foreign.values())
    n_words = len(latin_words) + n_foreign
    if n_words < MIN_WORDS:
        return None
    if n_foreign / n_words > MAX_FOREIGN_SCRIPT_SHARE:
        script = max(foreign, key=foreign.get)
        language = next(lang for name, lang, _ in _SCRIPTS if name == script)
        if script == "Chinese characters" and foreign["kana"] > 0.1 * foreign[script]:
            script, language = "Chinese characters and kana", "Japanese"
        share = round(100 * n_foreign / n_words)
        return f"the text looks like {language}, not English ({share}% of its words are in {script}); only English is supported"
    if len(latin_words) >= MIN_WORDS_FOR_FUNCTION_WORDS:
        common = sum(1 for word in latin_words if word.lower() in ENGLISH_FUNCTION_WORDS)
        share = common / len(latin_words)
        if share < MIN_FUNCTION_WORD_SHARE:
            return (
                f"the text does not look like English (only {round(100 * share)}% of its words are common English "
                f"words such as 'the' and 'of', against {round(100 * MIN_FUNCTION_WORD_SHARE)}% or more in English); "
                "only English is supported"
            )
    return None


def _sample(text: str) -> str:
    """The start, middle and end of a long text (a long article may open with a foreign quote)."""
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))
