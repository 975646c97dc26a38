from __future__ import annotations

import json

from newsgraph.errors import NewsgraphError
from newsgraph.read import read_inputs
from newsgraph.record import RawArticle

HTML_PAGE = """<!DOCTYPE html><html><head><title>Talks resume in Geneva | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="date" content="2021-06-15"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Delegations from both sides returned to the negotiating table in Geneva on Tuesday, officials said,
after a pause of several weeks caused by renewed fighting in the north of the country.</p>
<p>"We are ready to listen," the envoy told reporters outside the venue, adding that a ceasefire
remained the first priority for the United Nations and its partners in the region.</p>
<p>The opposition delegation said it would present a list of detainees whose release it demands.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"""


def _items(*paths):
    return list(read_inputs([str(p) for p in paths]))


def test_read_html_page_body_title_date_site(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    (item,) = _items(page)
    assert isinstance(item, RawArticle) and item.from_html
    assert item.title.startswith("Talks resume in Geneva")
    assert "negotiating table" in item.text and "All rights reserved" not in item.text
    assert item.published == "2021-06-15"
    assert item.source == "Example News"


def test_read_jsonl_bad_rows_reported_good_rows_kept(tmp_path, caplog):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "a", "text": "First article text.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps(["a list"]),
        json.dumps({"id": "e", "text": "Fifth.", "published": "yesterday"}),
        json.dumps({"text": "No id here."}),
    ]), encoding="utf-8")
    items = _items(corpus)
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, NewsgraphError)]
    assert [g.input_id for g in good] == ["a", "e", f"{corpus}#6"]
    assert good[0].published == "2020-01-02"
    assert good[1].published is None  # "yesterday": kept, undated, warned
    assert [b.code.name for b in bad] == ["E006", "E007", "E017"]
    assert "[E015]" in caplog.text and "row 5" in caplog.text
    assert all("row" in b.message and str(corpus) in b.message for b in bad)


def test_read_csv_corpus_with_metadata(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text('id,title,text,source\n1,T1,"Body, with a comma.",Wire\n2,,Second body.,\n', encoding="utf-8")
    items = _items(corpus)
    assert [(i.input_id, i.title, i.source) for i in items] == [("1", "T1", "Wire"), ("2", None, None)]


def test_read_csv_without_text_column_is_one_error(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("id,body\n1,hello\n", encoding="utf-8")
    (err,) = _items(corpus)
    assert isinstance(err, NewsgraphError) and err.code.name == "E013"


def test_read_missing_empty_binary_huge(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write(b"word " * (50 * 1024 * 1024 // 5))
    items = _items(tmp_path / "missing.txt", empty, binary, png, huge)
    assert [i.code.name for i in items] == ["E001", "E002", "E003", "E003", "E004"]
    assert all("\n" not in i.message for i in items)


def test_read_legacy_encodings(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 talks in S\u00e3o Paulo \u2013 \u201cok\u201d".encode("cp1252"))
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes("Talks in Geneva.".encode("utf-16"))
    a, b = _items(latin, utf16)
    assert a.text == "Caf\u00e9 talks in S\u00e3o Paulo \u2013 \u201cok\u201d"
    assert b.text == "Talks in Geneva."


def test_read_directory_recursive_and_empty_directory(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    items = _items(tmp_path)
    assert [i.text for i in items] == ["Two.", "One."]
    empty = tmp_path / "nothing"
    empty.mkdir()
    (err,) = _items(empty)
    assert err.code.name == "E009"
