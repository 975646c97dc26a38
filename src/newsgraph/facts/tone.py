"""Document tone, measured the way GDELT measures it (GKG V1.5TONE / V2Tone): by counting words.

Reads the parsed body; adds `document.tone`, GDELT's seven fields: positive and
negative = the percentage of the body's words that the sentiment lexicon marks
positive or negative, tone = positive - negative, polarity = positive +
negative, activity = the percentage of words that are main verbs, self_group =
the percentage of words that are first-person pronouns (I, me, our, we...: the
"self-references and group-based discourse" GDELT's codebook names; real GDELT
rows give 0.6-2%; all pronouns give 7.5% on the PolNeAR dev articles), words = the word
count. A word is a token with a letter or a digit in it (punctuation is not
counted).

The lexicon is VADER's (Hutto & Gilbert 2014, `vader_lexicon.txt` of the PyPI
package vaderSentiment 3.3.2, MIT licence): 7,500 English words and forms rated
by people from -4 to +4; a word rated above 0 is positive, below 0 negative. It
was chosen over the Harvard General Inquirer (only packaged on PyPI under the
GPL, with pandas and NLTK) and NRC lexicons (non-commercial only) because its
licence matches newsgraph's and it lists inflected forms ("killed", "attacks"),
so words match without a lemmatiser. Only its word list is used, not VADER's
sentence rules: GDELT's tone is a plain word count. GDELT does not publish its
own "active words" list; main verbs (spaCy's VERB, auxiliaries excluded) stand
in for it; they give about half GDELT's figures (13% on average over the PolNeAR
dev articles, 25-27% on the real GDELT rows), so activity compares articles
with each other, not with GDELT.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from newsgraph.record import Tone

LEXICON_PACKAGE, LEXICON_FILE = "vaderSentiment", "vader_lexicon.txt"
DECIMALS = 4


@cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(positive words, negative words) of the VADER lexicon; emoticons and other non-words left out."""
    positive, negative = set(), set()
    text = resources.files(LEXICON_PACKAGE).joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if not rest or not word.replace("'", "").replace("-", "").isalpha():
            continue
        valence = float(rest.split("\t", 1)[0])
        (positive if valence > 0 else negative).add(word.lower())
    return frozenset(positive), frozenset(negative)


def is_word(token: Token) -> bool:
    """A token with a letter or digit in it: what a word count counts."""
    return any(ch.isalnum() for ch in token.text)


def is_self_or_group(token: Token) -> bool:
    """A first-person pronoun, singular or plural (I, me, my, we, us, our...)."""
    return token.pos_ == "PRON" and "1" in token.morph.get("Person")


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, DECIMALS) if whole else 0.0


def document_tone(body: Doc) -> Tone:
    """The tone of a parsed body, GDELT's seven V2Tone fields."""
    positive_words, negative_words = lexicon()
    words = [t for t in body if is_word(t)]
    positive = sum(t.lower_ in positive_words for t in words)
    negative = sum(t.lower_ in negative_words for t in words)
    n = len(words)
    share_positive, share_negative = _percent(positive, n), _percent(negative, n)
    return Tone(tone=_percent(positive - negative, n), positive=share_positive, negative=share_negative,
                polarity=_percent(positive + negative, n),
                activity=_percent(sum(t.pos_ == "VERB" for t in words), n),
                self_group=_percent(sum(is_self_or_group(t) for t in words), n), words=n)
