from __future__ import annotations

import json

import pytest

from conftest import SEED, SHARED
from newsgraph.normalise import normalise, reflow, repair, split_title
from newsgraph.record import RawArticle


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
