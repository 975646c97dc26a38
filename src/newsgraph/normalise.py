"""RawArticle → Document: repair encoding damage, find the title, rebuild paragraphs.

News text arrives hard-wrapped (lines cut at a fixed width, sometimes with no
blank line between paragraphs), as one paragraph a line, or as blank-line
separated blocks. `reflow` decides for every line break whether it ends a
paragraph, so that `Document.text` holds one paragraph per block, separated by
a blank line, and every later offset indexes that text.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

import ftfy

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.record import Document, RawArticle

TITLE_MAX_CHARS = 250
TITLE_MAX_WORDS = 35

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, normalization="NFC",
                             explain=False)
# control and format characters that carry no text: C0/C1 controls (not \n \t), zero-width marks, BOM
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029"
                        "\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# a line that ends a sentence: . ! ? or : then any closing quotes/brackets
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
# a line that can open a paragraph: capital, digit, opening quote, dash, bullet
_OPENS_PARAGRAPH = re.compile(r"^[\"'“‘«(\[—–\-•*]?[A-Z0-9À-ÖØ-Þ]|^[“\"«—–•*]")


# UTF-8 read as Windows-1252 loses byte 0x9D, unassigned there: "”" (E2 80 9D) arrives as "â€" plus a
# replacement character, which ftfy cannot undo on its own
_LOST_RIGHT_QUOTE = re.compile("\u00e2\u20ac[\ufffd\u009d]")


def repair(text: str) -> str:
    """Fix mojibake, unify newlines and spaces, drop invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LOST_RIGHT_QUOTE.sub("\u201d", text)
    text = ftfy.fix_text(text, _FTFY)
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# body text, not a headline: two sentences, a quotation closed at its full stop, or a quotation
# followed by its attribution ("...,” the minister said)
_BODY_SENTENCE = re.compile(r"[.!?][”\"’]\s*$|:\s*$|[a-z][.!?]\s+[A-Z“\"]|[,.!?][”\"]\s+[a-z]")


def split_title(text: str) -> tuple[str | None, str]:
    """A first line set apart by a blank line, short and headline-like, is the title."""
    m = _BLANK_LINES.search(text)
    if not m:
        return None, text
    first, rest = text[: m.start()].strip(), text[m.end():].strip()
    if "\n" in first or not rest or len(first) > TITLE_MAX_CHARS or len(first.split()) > TITLE_MAX_WORDS:
        return None, text
    if _BODY_SENTENCE.search(first):
        return None, text  # two sentences, or a quotation closed at its full stop: body text, not a headline
    if first.endswith((".", "!", "?", "…")) and not _title_case(first):
        return None, text  # a sentence-case line with a full stop reads as the first paragraph
    return first, rest


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _is_paragraph_break(prev: str, nxt: str, width: int, next_is_last: bool) -> bool:
    """Does the line break between `prev` and `nxt` end a paragraph?"""
    if not _ENDS_SENTENCE.search(prev) or not _OPENS_PARAGRAPH.search(nxt):
        return False
    first_word = nxt.split(" ", 1)[0]
    if len(prev) + 1 + len(first_word) <= width * 0.92:
        return True  # the next word would have fitted: the writer broke the line on purpose
    # some wrappers leave each paragraph's first line short: a short line that does
    # not itself end a sentence opens a paragraph
    return not next_is_last and len(nxt) < 0.6 * width and not _ENDS_SENTENCE.search(nxt)


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"[A-Za-z]-$", out) and line[:1].islower():
            out += line  # a word hyphenated across the wrap ("peace-\nkeeping")
        else:
            out += " " + line
    return out


def reflow(body: str, one_paragraph_per_line: bool = False) -> list[str]:
    """The body's paragraphs, hard wraps joined."""
    blocks = [b for b in (blk.strip() for blk in _BLANK_LINES.split(body)) if b]
    all_lines = [line for b in blocks for line in b.split("\n")]
    if one_paragraph_per_line:
        return [line for line in all_lines if line]
    width = _wrap_width(all_lines)
    paragraphs: list[str] = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line]
        current = [lines[0]]
        for i in range(1, len(lines)):
            if _is_paragraph_break(lines[i - 1], lines[i], width, i == len(lines) - 1):
                paragraphs.append(_join_lines(current))
                current = []
            current.append(lines[i])
        paragraphs.append(_join_lines(current))
    return paragraphs


def document_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise(raw: RawArticle) -> Document:
    """Repair and reflow one article; raises NewsgraphError if no text is left."""
    text = repair(raw.text)
    title = _clean_title(raw.title)
    if title is None:
        title, text = split_title(text)
    elif text.startswith(title):
        text = text[len(title):].lstrip()
    paragraphs = reflow(text, one_paragraph_per_line=raw.from_html)
    if not paragraphs:
        raise NewsgraphError(Errors.E010, input=raw.input_id)
    body = "\n\n".join(paragraphs)
    offsets, pos = [], 0
    for p in paragraphs:
        offsets.append((pos, pos + len(p)))
        pos += len(p) + 2
    return Document(id=document_id(body), input_id=raw.input_id, title=title, text=body,
                    paragraphs=offsets, published=raw.published, source=raw.source, url=raw.url)


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    cleaned = " ".join(repair(title).split())
    return unicodedata.normalize("NFC", cleaned) or None
