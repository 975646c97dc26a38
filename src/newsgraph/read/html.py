"""HTML pages → RawArticle through trafilatura (body, title, date, site name)."""
from __future__ import annotations

import logging
import re

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.record import RawArticle

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<meta|<!--)", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(p|div|span|br|a|h[1-6]|article|section)\b", re.IGNORECASE)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def read_html(html: str, input_id: str) -> RawArticle:
    import trafilatura  # slow import: only when a page comes

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True)
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        doc = None
    if doc is None:
        raise NewsgraphError(Errors.E011, input=input_id)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise NewsgraphError(Errors.E011, input=input_id)
    date = data.get("date")
    return RawArticle(text=text, input_id=input_id, title=data.get("title") or None,
                      published=date[:10] if date else None, published_from="html" if date else None,
                      source=data.get("sitename") or None,
                      url=data.get("url") or None, from_html=True)
