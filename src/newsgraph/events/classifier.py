"""A learned second opinion on a sentence's PLOVER event type: a bag-of-words classifier shipped in the package.

The model (events/model, built by scripts/train_event_classifier.py from the NGEC synthetic stories and the tune
splits of the PLOVER and IndiaPoliceEvents sentences) gives each of the sixteen PLOVER types its own
probability, so a sentence that reports no event scores low everywhere. It is loaded once per process, on first
use. Texts are lower-cased as in training.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from newsgraph.errors import Errors, NewsgraphError

BATCH_SIZE = 256


def model_path() -> Path:
    """Where the trained model lives inside the installed package."""
    return Path(str(resources.files("newsgraph.events").joinpath("model")))


@cache
def load_classifier(path: Path | None = None) -> Language:
    """The trained classifier pipeline (tokenizer + textcat_multilabel) at `path` (default: the packaged one),
    loaded once per process."""
    path = path or model_path()
    if not (path / "config.cfg").is_file():
        raise NewsgraphError(Errors.E033, path=path)
    return spacy.load(path)


def type_scores(texts: list[str], model: Path | None = None) -> list[dict[str, float]]:
    """For each text, PLOVER type -> probability that the text reports an event of that type."""
    nlp = load_classifier(model)
    return [dict(doc.cats) for doc in nlp.pipe((t.lower() for t in texts), batch_size=BATCH_SIZE)]


def best_type(scores: dict[str, float]) -> tuple[str, float]:
    """The most probable type of one text's scores and its probability (ties: alphabetical order)."""
    kind = min(scores, key=lambda k: (-scores[k], k))
    return kind, scores[kind]
