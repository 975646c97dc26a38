"""Quotes on real sentences: every pattern of issue 3 and the failure modes of peer extractors."""
from __future__ import annotations

import pytest


def _quotes(record):
    actors = {a.id: a for a in record.actors}
    return [(q, actors.get(q.speaker)) for q in record.quotes]


def _find(record, fragment):
    for q, speaker in _quotes(record):
        if fragment in q.text:
            return q, speaker
    raise AssertionError(f"no quote with {fragment!r}: {[q.text for q in record.quotes]}")


SEED_QUOTES = [  # (content fragment, kind, cue, speaker code, speaker mention)
    ("will not re-establish or upgrade", "indirect", "told", "USAGOV", "A US State Department spokesperson"),
    ("urges all regional countries", "indirect", "said", "USAGOV", "the official"),
    ("the US position is made clear", "indirect", "noted", "USAGOV", "the representative"),
    ("stability in Syria and the wider region", "indirect", "explained", "USAGOV", "He"),
    ("we urge all parties", "direct", "read", "IGOGOS", "the statement of the G7 foreign and development Ministers"),
    ("This includes a nationwide ceasefire", "direct", "noted", "IGOGOS", "it"),
    ("It should pave the way", "direct", "added", "IGOGOS", "the statement"),
    ("momentum has been building", "direct", "wrote", "USAELI", "he"),
    ("The country was suspended", "direct", "explained", "USAELI", "he"),
    ("several Arab states", "direct", "noted", "USAELI", "Schenker"),
]


@pytest.mark.parametrize("fragment, kind, cue, code, mention", SEED_QUOTES)
def test_quotes_seed_content_speaker_cue(seed_record, fragment, kind, cue, code, mention):
    q, speaker = _find(seed_record, fragment)
    assert q.kind == kind
    assert q.cue.text == cue
    assert speaker is not None and speaker.code == code
    assert q.speaker_mention.text == mention
    assert not q.text.startswith(("“", '"', "that ")) and not q.text.endswith(("”", '"', ","))


def test_quotes_seed_addressee_and_medium(seed_record):
    actors = {a.id: a for a in seed_record.actors}
    q, _ = _find(seed_record, "will not re-establish")
    assert actors[q.addressee].name == "Asharq Al-Awsat"
    q, _ = _find(seed_record, "momentum has been building")
    assert "Washington Institute" in actors[q.medium].name


def test_quotes_split_around_the_cue(analyze_text):
    record = analyze_text("“We will rebuild every school,” Education Minister Sara Haddad said, "
                          "“and we will do it before the winter.”")
    first, s1 = _find(record, "We will rebuild every school")
    second, s2 = _find(record, "we will do it before the winter")
    assert s1 is not None and s1 is s2 and first.cue.text == second.cue.text == "said"


def test_quotes_multi_paragraph_quote_keeps_its_speaker(analyze_text):
    record = analyze_text("“I have never seen anything like this,” said Amina Yusuf, a nurse at the hospital. "
                          "“The wards are full and the corridors too.\n\n"
                          "“We need more doctors and we need them now,” she said.")
    _, speaker = _find(record, "The wards are full")
    assert speaker.name == "Amina Yusuf"
    _, speaker = _find(record, "We need more doctors")
    assert speaker.name == "Amina Yusuf"


def test_quotes_speaker_in_the_sentence_before(analyze_text):
    record = analyze_text("Senator Maria Cantwell responded on Twitter:\n\n"
                          "“This decision will cost thousands of jobs in our state.”")
    _, speaker = _find(record, "This decision will cost")
    assert speaker is not None and "Cantwell" in speaker.name


def test_quotes_dash_introduces_speaker(analyze_text):
    record = analyze_text("“There is no military solution to this conflict.” —Commissioner Maria Lopez")
    q, speaker = _find(record, "no military solution")
    assert speaker is not None and speaker.name == "Maria Lopez"


def test_quotes_pronoun_speaker_resolved(analyze_text):
    record = analyze_text("Opposition leader Juan Perez said on Monday that the vote had been rigged. "
                          "“We will not accept the result,” he added.")
    _, speaker = _find(record, "We will not accept the result")
    assert speaker.name == "Juan Perez"
    q, _ = _find(record, "the vote had been rigged")
    assert q.kind == "indirect" and q.cue.lemma == "say"


def test_quotes_according_to(analyze_text):
    record = analyze_text("According to the United Nations, more than 12,000 people have fled the fighting.")
    q, speaker = _find(record, "more than 12,000 people have fled")
    assert q.cue.text == "According to" and speaker.code == "IGOUNO"


def test_quotes_mixed_reported_speech_with_quoted_fragment(analyze_text):
    record = analyze_text("Trump said during the debate that he favoured waterboarding and “a hell of a lot worse.”")
    q, speaker = _find(record, "waterboarding")
    assert q.kind == "mixed" and "a hell of a lot worse" in q.text and speaker.name == "Donald Trump"


def test_quotes_several_speakers_in_one_paragraph(analyze_text):
    record = analyze_text("“The talks failed,” said Ahmet Yilmaz, the Turkish negotiator. “They did not,” replied "
                          "Greek envoy Nikos Papadakis, adding that a new round would start in May.")
    _, a = _find(record, "The talks failed")
    _, b = _find(record, "They did not")
    assert a.name == "Ahmet Yilmaz" and b.name == "Nikos Papadakis"


def test_quotes_unbalanced_marks_do_not_spoil_the_article(analyze_text):
    record = analyze_text("The mayor said “we will rebuild the bridge by spring.\n\n"
                          "“Funding is secured,” the city treasurer told reporters.")
    q, _ = _find(record, "we will rebuild the bridge")
    assert q.speaker_mention.text == "The mayor"
    q, _ = _find(record, "Funding is secured")
    assert q.speaker_mention.text == "the city treasurer"


def test_quotes_apostrophes_are_not_quote_marks(analyze_text):
    record = analyze_text("The US’ position hasn’t changed, the State Department’s spokesman said on Tuesday.")
    q, speaker = _find(record, "position hasn’t changed")
    assert speaker.code == "USAGOV"


@pytest.mark.parametrize("sentence", [
    "Burton thinks that cats are “cuties”.",
    "She added sugar to the tea and noted the date.",
    "The film, called “Night Train”, opens on Friday.",
    "Analysts foresaw the West “overlooking” calls for restoring ties.",
])
def test_quotes_negative_cases(analyze_text, sentence):
    assert analyze_text(sentence).quotes == []


@pytest.mark.parametrize("dash", ["—", "–", "―"])
def test_quotes_any_dash_introduces_speaker(analyze_text, dash):
    record = analyze_text(f"“Trump relies on generalizing when it comes to minorities.” {dash}Ariana Huichapa")
    q, speaker = _find(record, "relies on generalizing")
    assert q.speaker_mention.text == "Ariana Huichapa" and speaker.name == "Ariana Huichapa"


def test_quotes_wire_copy_doubled_apostrophes(analyze_text):
    record = analyze_text("''Our popularity is strong enough to put states in play: Michigan, Pennsylvania, "
                          "Ohio,'' Mr. Trump said. ''I'm a little surprised that I've done this well.''")
    _, first = _find(record, "Our popularity is strong enough")
    _, second = _find(record, "I'm a little surprised")
    assert first.name == second.name == "Donald Trump"


def test_quotes_cue_after_a_long_appositive(analyze_text):
    record = analyze_text("''Twitter works as a way to sell books and to crowdsource terrorism,'' James B. Comey "
                          "Jr., the director of the Federal Bureau of Investigation, said at a news conference.")
    q, _ = _find(record, "Twitter works as a way")
    assert q.cue.text == "said" and "Comey" in q.speaker_mention.text
