"""Readers: files, folders, HTML pages, JSONL/CSV corpora and stdin → RawArticle (`newsgraph.read.inputs`).

Readers never raise on bad input: they yield a `NewsgraphError` in the
article's place, so a corpus run can report a bad row and go on.
"""
from newsgraph.lazy import lazy_attributes

# The readers load when first asked for: the CLI's options name `newsgraph.read.dates`' date orders, and a
# `newsgraph query` process, which reads no article, then does not import the readers (80 ms of its start).
__getattr__ = lazy_attributes(__name__, dict.fromkeys(
    ("ARTICLE_SUFFIXES", "Item", "read_inputs", "article_files", "read_path", "read_bytes"), "newsgraph.read.inputs"))
