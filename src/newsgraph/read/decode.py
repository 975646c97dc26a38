"""Bytes → text: size limit, binary sniffing, encoding detection."""
from __future__ import annotations

import codecs

from newsgraph.errors import Errors, NewsgraphError

ARTICLE_LIMIT_BYTES = 10 * 1024 * 1024

_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
# bytes that never occur in text except as damage: C0 controls other than \t \n \f \r, ESC excepted
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def decode_article_bytes(data: bytes, input_id: str, limit: int = ARTICLE_LIMIT_BYTES) -> str:
    """Decode one article's bytes or raise a NewsgraphError saying why not."""
    if len(data) > limit:
        raise NewsgraphError(Errors.E004, input=input_id, size_mb=len(data) / 2**20, limit_mb=limit / 2**20)
    if not data.strip():
        raise NewsgraphError(Errors.E002, input=input_id)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise NewsgraphError(Errors.E003, input=input_id, why=what)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NewsgraphError(Errors.E005, input=input_id) from None
    head = data[:65536]
    if b"\x00" in head:
        raise NewsgraphError(Errors.E003, input=input_id, why="NUL bytes")
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    if controls > 0.05 * len(head):
        raise NewsgraphError(Errors.E003, input=input_id, why="control bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise NewsgraphError(Errors.E005, input=input_id) from None
