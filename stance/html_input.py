"""HTML pages in: a saved news page becomes article text plus its metadata.

The main text is found by trafilatura (offline; nothing is fetched). Before it runs,
blocks that are boilerplate by their markup are removed: navigation, asides, footers,
forms, captions, and elements whose class or id names an ad, a cookie or consent
notice, a comments thread, sharing tools, related links or a newsletter box. Scripts,
styles and comments are never text. What is left is written as plain text, one
paragraph a line with a blank line between, the headline first.

Offsets of every statement and record from an HTML page point into this extracted
text (``HtmlArticle.text``), never into the HTML. ``stance analyze/extract --articles
FILE.jsonl`` writes it out; ``html_to_article`` returns it in Python.

This module is not the place for the article's language or for statements: its text
goes through the same pipeline as a ``.txt`` file.

Example:
    >>> page = html_to_article(Path("page.html").read_bytes())
    >>> page.metadata.title, page.text.splitlines()[0]
    ('City council delays vote', 'City council delays vote')
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional, Union

from .records import ArticleMetadata

logger = logging.getLogger(__name__)

__all__ = ["HTML_SUFFIXES", "HtmlArticle", "html_to_article", "looks_like_html"]

HTML_SUFFIXES = (".html", ".htm")

# A text is HTML when it starts with a tag and one of these opens early on.
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|div|p|section|meta|title)\b", re.IGNORECASE | re.DOTALL)
_SNIFF_BYTES = 4096

# Elements that are never article text, whatever their content.
_DROP_TAGS = ("nav", "aside", "footer", "form", "figure", "figcaption", "noscript", "iframe", "button", "select", "template", "dialog")
# Class or id words (split at spaces, hyphens and underscores) that mark boilerplate.
_BOILERPLATE_WORDS = frozenset(
    "ad ads adv advert advertisement advertising sponsor sponsored promo promoted dfp gpt taboola outbrain "
    "cookie cookies consent gdpr privacy "
    "comment comments commentlist disqus respond "
    "share sharing sharedaddy social newsletter subscribe signup paywall "
    "related recommended popular trending mostread "
    "caption cutline credit breadcrumb breadcrumbs menu navbar topnav sidebar widget".split()
)
# Never removed by class or id: the page itself and the article's own containers.
_KEEP_TAGS = ("html", "body", "main", "article")
# A block holding more than this share of the page's text is not boilerplate, whatever it is called.
_MAX_BOILERPLATE_SHARE = 0.5


@dataclass(frozen=True)
class HtmlArticle:
    """The article text found in an HTML page and the page's metadata.

    ``metadata.extracted_from`` is ``"html"``: every offset computed on ``text`` points
    into this text, not into the page.

    Example:
        >>> html_to_article(html).metadata.extracted_from
        'html'
    """

    text: str
    metadata: ArticleMetadata


def looks_like_html(content: Union[str, bytes]) -> bool:
    """Whether a file's content or a corpus text is an HTML page or fragment.

    It is when it starts (after white space, a byte-order mark and HTML comments) with
    a doctype or a common page or block tag.

    Example:
        >>> looks_like_html("<!DOCTYPE html><html>..."), looks_like_html("Smith said <b> is a tag.")
        (True, False)
    """
    head = content[:_SNIFF_BYTES]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


def html_to_article(html: Union[str, bytes]) -> HtmlArticle:
    """Extract a page's article text, title, authors, date and outlet.

    Args:
        html: the page, as text or as bytes (the encoding is then detected from the
            page, as a browser does).
    Returns:
        an ``HtmlArticle``; its text holds the headline then one paragraph per line,
        separated by blank lines.
    Raises:
        ValueError: when the page holds no article text.

    Example:
        >>> html_to_article("<html><body><article><h1>Hi</h1><p>Smith said so.</p></article></body></html>").text
        'Hi\\n\\nSmith said so.'
    """
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None and isinstance(html, (str, bytes)):
        # a bare fragment ("<p>...</p>") is not a page to lxml's sanity check: wrap it
        wrap = "<html><body><div>{}</div></body></html>"
        tree = trafilatura.load_html(wrap.format(html) if isinstance(html, str) else wrap.encode().replace(b"{}", html))
    if tree is None:
        raise ValueError("not readable as HTML")
    removed = _drop_boilerplate(tree)
    logger.debug("removed %d boilerplate blocks", removed)
    document = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
        deduplicate=False,
    )
    body = document.text if document is not None else None
    paragraphs = [line.strip() for line in (body or "").splitlines() if line.strip()]
    if not paragraphs:
        raise ValueError("no article text found in the HTML page")
    title = _clean(document.title)
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    authors = tuple(a.strip() for a in (document.author or "").split(";") if a.strip())
    metadata = ArticleMetadata(
        date=_clean(document.date),
        authors=authors,
        outlet=_clean(document.sitename),
        title=title,
        extracted_from="html",
    )
    return HtmlArticle("\n\n".join(paragraphs), metadata)


def _clean(value: Optional[str]) -> Optional[str]:
    value = " ".join(value.split()) if value else ""
    return value or None


def _drop_boilerplate(tree) -> int:
    """Remove navigation, ads, notices, comment threads and the like from an lxml tree, in place.

    Returns:
        how many elements were removed.
    """
    from lxml import etree

    etree.strip_elements(tree, etree.Comment, "script", "style", with_tail=False)
    total_chars = len(tree.text_content()) or 1
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in _DROP_TAGS:
            doomed.append(element)
            continue
        if tag in _KEEP_TAGS:
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}".lower()
        words = set(re.split(r"[\s\-_:]+", marks))
        if words & _BOILERPLATE_WORDS and len(element.text_content()) <= _MAX_BOILERPLATE_SHARE * total_chars:
            doomed.append(element)
    removed = 0
    for element in doomed:
        parent = element.getparent()
        if parent is None or not _attached(element, tree):
            continue  # the root, or inside a block already removed
        # keep the text that follows the element (its tail): it belongs to the parent
        element.drop_tree()
        removed += 1
    return removed


def _attached(element, root) -> bool:
    while element is not None:
        if element is root:
            return True
        element = element.getparent()
    return False
