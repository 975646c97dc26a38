from __future__ import annotations

import json

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.read import read_inputs
from newsgraph.read.corpus import ReadOptions
from newsgraph.read.dates import file_name_date, parse_date
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


# -- dates in the formats users keep them ---------------------------------------------------------------

@pytest.mark.parametrize("value, order, want", [
    ("2022-03-03", None, "2022-03-03"),
    ("2022-03", None, "2022-03"),
    ("2022-03-03T10:15:00Z", None, "2022-03-03"),
    ("2022-03-03 10:15:00+05:30", None, "2022-03-03"),
    ("March 3, 2022", None, "2022-03-03"),
    ("Mar. 3, 2022", None, "2022-03-03"),
    ("3 March 2022", None, "2022-03-03"),
    ("Thursday, March 3, 2022", None, "2022-03-03"),
    ("Thu, 03 Mar 2022 10:15:00 +0000", None, "2022-03-03"),   # RFC 2822, as RSS gives it
    ("10/03/2022", "DMY", "2022-03-10"),
    ("10/03/2022", "MDY", "2022-10-03"),
    ("25/03/2022", None, "2022-03-25"),                        # only one way round
    ("10/03/2022", None, None),                                # either way round: not guessed
    ("yesterday", None, None),
    ("2022-02-30", None, None),
    ("31 February 2022", None, None),
    ("", None, None),
])
def test_dates_parse_date_common_formats(value, order, want):
    assert parse_date(value, order) == want


@pytest.mark.parametrize("name, want", [
    ("usa-today_2016-09-08_lawmaker-urges-retaliation-on-ru.txt", "2016-09-08"),
    ("reuters-20220303-ceasefire.html", "2022-03-03"),
    ("2016-13-45_not-a-date_2016-09-08.txt", "2016-09-08"),
    ("article-12345678.txt", None),
    ("notes.txt", None),
])
def test_dates_file_name_date(name, want):
    assert file_name_date(name) == want


def test_read_jsonl_with_other_field_names(tmp_path):
    # the IndiaPoliceEvents layout: doc_id, doc_text, doc_labels
    corpus = tmp_path / "docs.jsonl"
    corpus.write_text(json.dumps({"doc_id": 11, "doc_text": "This story is from March 10, 2002\n\nlucknow: the "
                                  "committee has sought a ban.", "doc_labels": []}) + "\n"
                      + json.dumps({"doc_id": 12, "doc_text": "surat: the situation was under control.",
                                    "date": "12/03/2002"}) + "\n", encoding="utf-8")
    options = ReadOptions(text_field="doc_text", id_field="doc_id", date_field="date", date_order="DMY")
    items = list(read_inputs([str(corpus)], options))
    assert [(i.input_id, i.published, i.published_from) for i in items] == [
        ("11", None, None), ("12", "2002-03-12", "field")]
    (err,) = list(read_inputs([str(corpus)]))[:1]
    assert isinstance(err, NewsgraphError) and err.code.name == "E007"
    assert "doc_id, doc_text, doc_labels" in err.message and "--text-field" in err.message


def test_read_csv_with_other_column_names(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text('story_id,headline,body,date\n7,Talks resume,"Delegations returned to Geneva.",'
                      '"3 March 2022"\n', encoding="utf-8")
    options = ReadOptions(text_field="body", id_field="story_id", title_field="headline", date_field="date")
    (item,) = list(read_inputs([str(corpus)], options))
    assert (item.input_id, item.title, item.text, item.published) == (
        "7", "Talks resume", "Delegations returned to Geneva.", "2022-03-03")
    (err,) = list(read_inputs([str(corpus)]))
    assert err.code.name == "E013" and "story_id, headline, body, date" in err.message


def test_read_bad_date_on_one_row_is_a_warning_and_the_row_is_kept(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "text": "First.", "published": "March 3, 2022"},
        {"id": "b", "text": "Second.", "published": "sometime in spring"},
        {"id": "c", "text": "Third.", "published": "10/03/2022"},
    ]), encoding="utf-8")
    warnings: list[str] = []
    items = list(read_inputs([str(corpus)], ReadOptions(on_warning=warnings.append)))
    assert [(i.input_id, i.published) for i in items] == [("a", "2022-03-03"), ("b", None), ("c", None)]
    assert [w.split(":")[1].strip() for w in warnings] == ["row 2", "row 3"]
    assert "stored undated" in warnings[0] and "--date-order" in warnings[1]


def test_read_file_name_date_travels_with_the_article(tmp_path):
    path = tmp_path / "usa-today_2016-09-08_lawmaker-urges-retaliation-on-ru.txt"
    path.write_text("Lawmaker urges retaliation on Russia\n\nThe body.", encoding="utf-8")
    (item,) = _items(path)
    assert item.file_date == "2016-09-08" and item.published is None
