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

from newsgraph.datelines import Dateline, dateline_line, wire_dateline
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.furniture import strip_furniture
from newsgraph.record import Document, RawArticle
from newsgraph.version import analyser_version

TITLE_MAX_CHARS = 250

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


# body text, not a headline: a quotation followed by its attribution ("...,” the minister said), or a
# line that ends in a colon (the lead-in to a quotation or a list)
_BODY_SENTENCE = re.compile(r"[,.!?][”\"]\s+[a-z]|:\s*$")
# a sentence ends: its last word, the stop, any closing quote, then a capital or an opening quote
_SENTENCE_END = re.compile(r"([\w.’'-]+)[.!?][”\"’']?\s+[A-Z“\"‘]")
# words with a full stop that end no sentence
_ABBREVIATIONS = frozenset(("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr",
                            "sr", "vs", "no", "prof", "rev", "inc", "corp", "co", "ltd", "jan", "feb", "mar",
                            "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n", "d.c", "n.y"))
# a place dateline opening the first sentence, as lowercased corpora keep it ("mumbai: the state police ...")
_PLACE_DATELINE = re.compile(r"^[a-z][a-z .'-]{1,30}:\s")
# a subheadline's lead-in: "Headline; \nSubheadline." (the LexisNexis layout)
_HEADLINE_THEN_SUB = re.compile(r";\s*$")
# words a headline leaves out and a first sentence has: the report's verb and its day
_REPORTING = re.compile(r"\b(?:said|told|according to)\b|\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday)\b")
HEADLINE_MAX_WORDS = 22  # none of PolNeAR's 924 headlines is longer; 65% of its first paragraphs are
# in sentence case a headline is shorter still: 3 of PolNeAR's 924 reach 16 words, 86 of the 310 first
# paragraphs within 22 words do
SENTENCE_CASE_HEADLINE_MAX_WORDS = 15
# a headline may be two or three clipped sentences ("Virginian could make history. Again."), never long
# ones unless written in title case ("Barack Obama Just Nominated A Muslim To Be A Federal Judge. That’s A First.")
HEADLINE_MAX_WORDS_SENTENCES = 12
SUBHEADLINE_MAX_WORDS = 30


def split_title(text: str) -> tuple[str | None, str]:
    """The title (a first block set apart by a blank line that reads as a headline) and the rest."""
    m = _BLANK_LINES.search(text)
    if not m:
        return None, text
    first, rest = text[: m.start()].strip(), text[m.end():].strip()
    if not rest:
        return None, text
    lines = [line.strip() for line in first.split("\n")]
    if len(lines) == 2 and _HEADLINE_THEN_SUB.search(lines[0]) and _reads_as_headline(lines[0]) \
            and _reads_as_subheadline(lines[1]):
        return " ".join(lines), rest
    if len(lines) > 1 or not _reads_as_headline(first):
        return None, text
    if not _ENDS_SENTENCE.search(first) and rest[:1].islower():
        return None, text  # the body's first sentence, wrapped: its next line goes on in lower case
    return first, rest


def _sentence_breaks(line: str) -> int:
    """How many times a sentence ends inside the line (abbreviations and initials are no end)."""
    return sum(1 for m in _SENTENCE_END.finditer(line)
               if m.group(1).lower().rstrip(".") not in _ABBREVIATIONS and len(m.group(1).rstrip(".")) > 1)


def _reads_as_headline(line: str) -> bool:
    """Short, one sentence or a few clipped ones, no dateline, not the report of what someone said."""
    words = line.split()
    if not words or len(line) > TITLE_MAX_CHARS or len(words) > HEADLINE_MAX_WORDS:
        return False
    if dateline_line(line) or wire_dateline(line) or _PLACE_DATELINE.match(line):
        return False
    title_case = _title_case(words)
    if not title_case and len(words) > SENTENCE_CASE_HEADLINE_MAX_WORDS:
        return False
    if _sentence_breaks(line) and len(words) > HEADLINE_MAX_WORDS_SENTENCES and not title_case:
        return False
    return not _BODY_SENTENCE.search(line) and not _REPORTING.search(line)


def _title_case(words: list[str]) -> bool:
    """Do (nearly) all the words of four letters or more start with a capital?"""
    long_words = [w.strip("“”\"‘’'(") for w in words if len(w.strip("“”\"‘’'(.,;:!?")) >= 4]
    long_words = [w for w in long_words if w and not w[0].isdigit()]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.9 * len(long_words)


def _reads_as_subheadline(line: str) -> bool:
    """A subheadline under a headline: short, whole sentences, no attribution."""
    return 0 < len(line.split()) <= SUBHEADLINE_MAX_WORDS and not _BODY_SENTENCE.search(line)


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
    text = strip_furniture(repair(raw.text))
    text, line_date = take_dateline_lines(text)
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
    wire = wire_dateline(paragraphs[0], raw.file_date or raw.default_published)
    published, published_from = publication_date(raw, line_date, wire)
    source = raw.source or (wire.source if wire else None)
    return Document(id=document_id(body), input_id=raw.input_id, title=title, text=body,
                    paragraphs=offsets, published=published, source=source, url=raw.url,
                    published_from=published_from, analyser=analyser_version())


# datelines are looked for among the first lines only: the title, a byline, the date line
DATELINE_LINES = 3


def take_dateline_lines(text: str) -> tuple[str, str | None]:
    """The text without the dateline lines among its first lines, and the date the first one gives."""
    lines = text.split("\n")
    found: str | None = None
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        value = dateline_line(line)
        if value:
            found = found or value
            lines[i] = ""
    return ("\n".join(lines).strip(), found) if found else (text, None)


def publication_date(raw: RawArticle, line_date: str | None, wire: Dateline | None) -> tuple[str | None, str | None]:
    """The article's date and where it came from: its own field or the page's metadata, a dateline, the
    file name, and last the run's default."""
    if raw.published:
        return raw.published, raw.published_from or "field"
    for value, origin in ((line_date, "dateline"), (wire.date if wire else None, "dateline"),
                          (raw.file_date, "filename"), (raw.default_published, "default")):
        if value:
            return value, origin
    return None, None


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    cleaned = " ".join(repair(title).split())
    return unicodedata.normalize("NFC", cleaned) or None
