"""Counts, dates and places on real sentences, including what must not count."""
from __future__ import annotations

from datetime import date

import pytest

from newsgraph.facts.dates import resolve_date


def _counts(record):
    return [(c.kind, c.number, c.object) for c in record.counts]


@pytest.mark.parametrize("sentence, expected", [
    ("a brutal regime suppression effort that had killed 5,000 civilians", ("KILL", 5000, "civilians")),
    ("Ten years on and with an estimated 500,000 dead, several Arab states are moving.", ("KILL", 500000, "dead")),
    ("More than 12,000 people had fled their homes since March.", ("DISPLACE", 12000, "people")),
    ("Police arrested dozens of protesters on Sunday.", ("ARREST", 24, "protesters")),
    ("Two million people have been displaced by the war.", ("DISPLACE", 2000000, "people")),
    ("Gunmen wounded 12 villagers near the border.", ("WOUND", 12, "villagers")),
    ("Fourteen civilians were killed in the shelling.", ("KILL", 14, "civilians")),
    ("The death toll rose to 30 on Monday.", ("KILL", 30, None)),
    ("Thousands of protesters marched through the capital.", ("PROTEST", 2000, "protesters")),
])
def test_counts_found(analyze_text, sentence, expected):
    assert expected in _counts(analyze_text(sentence))


@pytest.mark.parametrize("sentence", [
    "The council adopted Resolution 2254 in 2015.",            # resolution numbers and years
    "The 35-year-old minister met 3 envoys on 12 March.",      # ages, meetings, days
    "It was the 47th meeting of the group.",                   # ordinals
    "The EU pledged 45 million euros and 20 percent more.",    # money and percentages
    "3 people were killed by 5 gunmen.",                       # the attackers are not the killed
])
def test_counts_not_counts(analyze_text, sentence):
    counts = _counts(analyze_text(sentence))
    assert all(kind == "KILL" and n == 3 for kind, n, _ in counts)


def test_counts_evidence_span(analyze_text):
    record = analyze_text("The shelling killed 5,000 civilians, officials said.")
    (count,) = record.counts
    assert count.text == "killed 5,000 civilians"
    assert record.document.text[count.start:count.end] == count.text


PUBLISHED = date(2021, 6, 15)  # a Tuesday


@pytest.mark.parametrize("text, value", [
    ("November 2011", "2011-11"), ("in November 2011", "2011-11"), ("March 3, 2016", "2016-03-03"),
    ("3 March 2016", "2016-03-03"), ("2015", "2015"), ("the 1990s", "1990/1999"),
    ("Sunday", "2021-06-13"), ("on Tuesday", "2021-06-15"), ("yesterday", "2021-06-14"),
    ("last week", "2021-W23"), ("last month", "2021-05"), ("last year", "2020"),
    ("the past decade", "2011/2021"), ("June 3", "2021-06-03"), ("December 28", "2020-12-28"),
    ("eight months", None), ("Ten years", None), ("recent weeks", None),
])
def test_dates_resolved_against_publication(text, value):
    assert resolve_date(text, PUBLISHED) == value


def test_dates_relative_need_a_publication_date():
    assert resolve_date("Sunday", None) is None
    assert resolve_date("November 2011", None) == "2011-11"


def test_dates_seed_and_published_option(seed_record, analyze_text):
    assert ("November 2011", "2011-11") in [(d.text, d.value) for d in seed_record.dates]
    record = analyze_text("The talks ended on Sunday.", published="2021-06-15")
    assert [(d.text, d.value) for d in record.dates] == [("Sunday", "2021-06-13")]


@pytest.mark.parametrize("sentence, name, country", [
    ("The summit was held in London on Monday.", "London", "GBR"),
    ("Shelling hit Aleppo and its suburbs overnight.", "Aleppo", "SYR"),
    ("Talks opened in Geneva under UN auspices.", "Geneva", "CHE"),
    ("The rally in Paris, Texas drew a small crowd.", "Paris", "USA"),
    ("Fighting continued in northern Syria.", "Syria", "SYR"),
])
def test_places_resolved(analyze_text, sentence, name, country):
    places = {p.text: p for p in analyze_text(sentence).places}
    assert places[name].country == country
    assert places[name].geonames is not None


def test_places_city_has_coordinates(analyze_text):
    (london,) = [p for p in analyze_text("The summit was held in London.").places if p.text == "London"]
    assert abs(london.lat - 51.5) < 0.2 and abs(london.lon + 0.12) < 0.2


def test_places_metonym_actor_is_not_a_place(seed_record):
    texts = [p.text for p in seed_record.places]
    assert "London" in texts
    assert "Washington" not in texts and "Damascus" not in texts
