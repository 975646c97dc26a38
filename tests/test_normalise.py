from __future__ import annotations

import json

import pytest

from conftest import SEED, SHARED
from newsgraph.data import load_table
from newsgraph.datelines import Dateline, dateline_line, wire_dateline
from newsgraph.furniture import strip_furniture
from newsgraph.normalise import normalise, reflow, repair, split_title
from newsgraph.read import read_inputs
from newsgraph.read.corpus import ReadOptions
from newsgraph.record import RawArticle
from test_read import HTML_PAGE


def _doc(text: str, **kw):
    return normalise(RawArticle(text=text, input_id="t", **kw))


def test_normalise_seed_title_and_fifteen_paragraphs(seed_gold):
    doc = _doc(SEED.read_text(encoding="utf-8"))
    assert doc.title == seed_gold["title"]
    starts = [doc.text[s:e] for s, e in doc.paragraphs]
    assert len(starts) == 15
    for paragraph, expected in zip(starts, seed_gold["paragraph_starts"], strict=True):
        assert paragraph.startswith(expected[:30])


def test_normalise_joins_hard_wraps_into_one_line():
    doc = _doc(SEED.read_text(encoding="utf-8"))
    assert "\n" not in doc.text.replace("\n\n", "")
    assert "A US State Department spokesperson, who requested anonymity" in doc.text


def test_reflow_blank_line_paragraphs_kept():
    body = "First paragraph is here.\n\nSecond one, also short.\n\nThird."
    assert reflow(body) == ["First paragraph is here.", "Second one, also short.", "Third."]


def test_reflow_sentence_end_mid_paragraph_is_not_a_break():
    lines = ["The minister arrived in the capital late on Monday and met the delegation at once.",
             "Talks went on until dawn, officials said, and a joint statement followed after a",
             "short pause for consultations with the two governments involved in the dispute."]
    assert len(reflow("\n".join(lines))) == 1


def test_reflow_word_hyphenated_across_wrap_is_rejoined():
    assert reflow("the peace-\nkeeping force arrived") == ["the peace-keeping force arrived"]


def test_split_title_needs_a_blank_line():
    assert split_title("Headline here\n\nBody text.") == ("Headline here", "Body text.")
    assert split_title("One paragraph only.") == (None, "One paragraph only.")


def test_normalise_given_title_is_not_repeated_in_body():
    doc = _doc("Big News\n\nSomething happened today.", title="Big News")
    assert doc.title == "Big News" and doc.text == "Something happened today."


def test_normalise_same_text_same_id():
    a = _doc("Hello world.\n\nSecond paragraph.")
    b = _doc("Hello world.\r\n\r\nSecond paragraph.  ")
    assert a.id == b.id


@pytest.mark.parametrize("broken, fixed", [
    ("the proposed â€˜bhoomi pujanâ€™, even", "the proposed ‘bhoomi pujan’, even"),
    ("â€œwe demand a ban,â€\ufffd he said", "“we demand a ban,” he said"),
    ("cafÃ© owners", "café owners"),
    ("zero\u200bwidth and\u00a0nbsp", "zerowidth and nbsp"),
])
def test_repair_mojibake(broken, fixed):
    assert repair(broken) == fixed


def test_repair_india_police_events_articles_lose_their_mojibake():
    path = SHARED / "eval" / "india_police_events" / "docs.jsonl"
    broken = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["doc_text"]
            if "â€" in text:
                broken += 1
                fixed = repair(text)
                assert "â€" not in fixed and "\ufffd" not in fixed
    assert broken > 100


def test_normalise_html_text_is_one_paragraph_per_line():
    doc = _doc("Line one is a paragraph\nLine two is another", from_html=True)
    assert len(doc.paragraphs) == 2


# -- headlines: real first lines of PolNeAR dev files, and first paragraphs that are not titles ----------

@pytest.mark.parametrize("text, title", [
    # sentence case ending in a full stop or a closing quote mark
    ("Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\nHEMPSTEAD, N.Y., Sept. 26 "
     "(UPI) — Green Party presidential candidate Jill Stein was escorted off the premises.",
     "Green Party candidate Jill Stein removed from N.Y. debate site by police."),
    ("Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411.’\n\nLOS ANGELES, Sept. 28 (UPI) — "
     "In a preview clip, Blige sings.", "Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411.’"),
    ("Virginian could make history. Again.\n\nTim Kaine is no stranger to firsts.",
     "Virginian could make history. Again."),
    ("Ready for Trump vs. Clinton?; \nHis primary debate tricks won't work in the three upcoming faceoffs.\n\n"
     "The first debate is Monday.",
     "Ready for Trump vs. Clinton?; His primary debate tricks won't work in the three upcoming faceoffs."),
    ("Lawmaker urges retaliation on Russia; \nMember of House panel says U.S. has to keep Moscow out of "
     "elections.\n\nWASHINGTON — A member of the House Intelligence Committee said Thursday ...",
     "Lawmaker urges retaliation on Russia; Member of House panel says U.S. has to keep Moscow out of elections."),
    ("Barack Obama Just Nominated A Muslim To Be A Federal Judge. That’s A First.\n\nThe president named a "
     "judge.", "Barack Obama Just Nominated A Muslim To Be A Federal Judge. That’s A First."),
    ("The Latest: Sanders declares ‘revolution,’ ignores losses.\n\nBernie Sanders spoke in Phoenix.",
     "The Latest: Sanders declares ‘revolution,’ ignores losses."),
    # not titles: a long sentence-case lede,
    ("Ohio Gov. John Kasich received an enthusiastic reception Friday afternoon at the nation’s largest "
     "conservative convention.\n\nKasich spoke for twenty minutes.", None),
    # a dateline line, a report of what someone said, a long first sentence, a lead-in, a wrap
    ("This story is from March 10, 2002\n\nlucknow: the committee has sought a ban.", None),
    ("David Axelrod on Wednesday called on Howard Dean to apologize to Donald Trump.\n\nDean said he would not.",
     None),
    ("There is serious concern about voter fraud and the manipulation of voting machines in the upcoming "
     "presidential election, Donald Trump’s longtime confident Roger Stone stated.\n\nStone said more.", None),
    ("The New York Times reports:\n\n\"In an illustration of the lack of enthusiasm ...\"", None),
    ("“We cannot allow another winter of displacement,” the envoy said.\n\nHe left.", None),
    ("Geneva has become the stage for a renewed\n\ndiplomatic push on Syria.", None),
    ("mumbai: the state police have launched a massive operation against kar sevaks moving towards ayodhya.\n\n"
     "reacting to intelligence inputs, the police acted.", None),
    ("Pence: Gennifer Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.\n\nOn this weekend’s "
     "broadcast, Pence spoke.", "Pence: Gennifer Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp."),
])
def test_normalise_headline_or_body(text, title):
    assert _doc(text).title == title


def test_normalise_headline_stays_out_of_the_body():
    doc = _doc("Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\nHEMPSTEAD, N.Y., "
               "Sept. 26 (UPI) — Green Party presidential candidate Jill Stein was escorted off the premises.")
    assert doc.text.startswith("HEMPSTEAD") and "removed from" not in doc.text


# -- datelines ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, want", [
    ("This story is from March 10, 2002", "2002-03-10"),
    ("By Jane Doe | Updated: Mar 3, 2022, 10:15 IST", "2022-03-03"),
    ("Published on 3 March 2022", "2022-03-03"),
    ("Updated: 2022-03-03 10:15", "2022-03-03"),
    ("Thursday, March 3, 2022", "2022-03-03"),
    ("March 3, 2022 10:15 a.m. ET", "2022-03-03"),
    # not datelines: headlines and sentences that merely contain a date
    ("Talks set for March 3, 2022 collapse", None),
    ("The ceasefire signed on March 3, 2022 held for a week.", None),
    ("Updated guidance for travellers", None),
])
def test_datelines_dateline_line(line, want):
    assert dateline_line(line) == want


@pytest.mark.parametrize("paragraph, reference, want", [
    ("WASHINGTON, June 15 (Reuters) - The Senate voted on Tuesday.", "2021-06-20", Dateline("2021-06-15", "Reuters")),
    ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party presidential candidate Jill Stein", "2016-09-26",
     Dateline("2016-09-26", "UPI")),
    ("LONDON, Dec. 30 (AP) — Markets closed.", "2022-01-02", Dateline("2021-12-30", "AP")),
    ("WASHINGTON, June 15, 2021 (Reuters) - The Senate voted.", None, Dateline("2021-06-15", "Reuters")),
    ("WASHINGTON, June 15 (Reuters) - The Senate voted.", None, Dateline(None, "Reuters")),
    ("TRENTON, N.J. (AP) — Was that really Chris Christie?", None, Dateline(None, "AP")),
    ("Washington has restated its support for the talks.", "2021-06-20", None),
])
def test_datelines_wire_dateline(paragraph, reference, want):
    assert wire_dateline(paragraph, reference) == want


def test_normalise_dateline_line_gives_the_date_not_the_title():
    # the opening of an IndiaPoliceEvents article (doc 11), mojibake and all
    doc = _doc("This story is from March 10, 2002\n\nlucknow: the all-india babri masjid action committee (aibmac) "
               "has sought a ban on vhp-sponsored march 15 programme.")
    assert (doc.title, doc.published, doc.published_from) == (None, "2002-03-10", "dateline")
    assert doc.text.startswith("lucknow:")


# -- the date sources, in order: field, HTML metadata, dateline, file name, default ----------------------

INDIA_OPENING = ("This story is from March 10, 2002\n\nlucknow: the all-india babri masjid action committee has "
                 "sought a ban on the march 15 programme.")


@pytest.mark.parametrize("raw, want", [
    (RawArticle(text=INDIA_OPENING, input_id="r", published="2002-03-11", published_from="field",
                file_date="2002-03-12", default_published="2002-03-13"), ("2002-03-11", "field")),
    (RawArticle(text=INDIA_OPENING, input_id="r", published="2002-03-11", published_from="html",
                file_date="2002-03-12", default_published="2002-03-13"), ("2002-03-11", "html")),
    (RawArticle(text=INDIA_OPENING, input_id="r", file_date="2002-03-12", default_published="2002-03-13"),
     ("2002-03-10", "dateline")),
    (RawArticle(text="Lawmaker urges retaliation on Russia\n\nA member of the House said Thursday ...",
                input_id="usa-today_2016-09-08_lawmaker.txt", file_date="2016-09-08",
                default_published="2016-10-01"), ("2016-09-08", "filename")),
    (RawArticle(text="Lawmaker urges retaliation on Russia\n\nA member of the House said Thursday ...",
                input_id="r", default_published="2016-10-01"), ("2016-10-01", "default")),
    (RawArticle(text="Lawmaker urges retaliation on Russia\n\nA member of the House said Thursday ...",
                input_id="r"), (None, None)),
])
def test_normalise_date_sources_in_order(raw, want):
    doc = normalise(raw)
    assert (doc.published, doc.published_from) == want


def test_read_date_sources_from_real_file_shapes(tmp_path):
    """Each source as a user's files carry it, read and normalised as `newsgraph analyze` does."""
    polnear = tmp_path / "usa-today_2016-09-08_lawmaker-urges-retaliation-on-ru.txt"
    polnear.write_text("Lawmaker urges retaliation on Russia; \nMember of House panel says U.S. has to keep "
                       "Moscow out of elections.\n\nA member of the House Intelligence Committee said Thursday "
                       "that the U.S. should retaliate.\n", encoding="utf-8")
    india = tmp_path / "toi_2002-03-20.jsonl"
    india.write_text(json.dumps({"doc_id": 11, "doc_text": INDIA_OPENING}) + "\n"
                     + json.dumps({"doc_id": 12, "doc_text": "surat: the situation was under control.",
                                   "date": "March 9, 2002"}) + "\n", encoding="utf-8")
    page = tmp_path / "page-2021-01-01.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    plain = tmp_path / "notes.txt"
    plain.write_text("Talks resume\n\nDelegations returned to the table.", encoding="utf-8")
    options = ReadOptions(text_field="doc_text", id_field="doc_id", date_field="date")
    items = list(read_inputs([str(p) for p in (india, page, polnear, plain)], options))
    for item in items:
        item.default_published = "2024-03-20"
    got = [(normalise(i).published, normalise(i).published_from) for i in items]
    assert got == [("2002-03-10", "dateline"), ("2002-03-09", "field"), ("2021-06-15", "html"),
                   ("2016-09-08", "filename"), ("2024-03-20", "default")]


# -- page furniture -------------------------------------------------------------------------------------

@pytest.mark.parametrize("row", load_table("furniture.tsv"), ids=lambda r: r["example"][:30])
def test_furniture_every_pattern_removes_its_example(row):
    text = f"The talks resumed on Tuesday.\n\n{row['example']}\n\nBoth sides agreed to meet again."
    assert row["example"] not in strip_furniture(text)
    assert "The talks resumed on Tuesday." in strip_furniture(text)


@pytest.mark.parametrize("line", [
    "Twitter said on Tuesday it would suspend the accounts.",
    "Facebook and Twitter removed the posts, the company said.",
    "Read the full statement on the ministry's website, the spokesman said, adding that more would follow.",
    "Advertising revenue fell by 12 percent in the quarter.",
    "The bakery uses cookies from a local supplier.",
    "He said related stories in the local press were exaggerated.",
    "Copyright law was changed in 2019 after a long campaign by authors and publishers across Europe and beyond it.",
])
def test_furniture_body_lines_are_kept(line):
    assert strip_furniture(line) == line


def test_normalise_drops_share_buttons_and_related_runs():
    # the end of an IndiaPoliceEvents article, as docs.jsonl has it (mojibake included)
    raw = ("This story is from March 6, 2002\n\nsurat: police had fired ten rounds in the air, police added. "
           "related storiesÂ narendra modi visits riot-hit areas Â police reports name vhp, bjp leadersÂ gujarat "
           "riots: the story so farÂ Â Â full coverage  \n\nFacebook Twitter Linkedin Mail")
    doc = _doc(raw)
    assert doc.text == "surat: police had fired ten rounds in the air, police added."
    assert doc.paragraphs == [(0, len(doc.text))]
