"""Who said a quote: candidate speakers ranked by a learned model (`models/speakers.json`).

Candidates come from three places around the quote (its sentences, the sentence before and the
one after): the subject of every speech verb outside the quote marks ("...," Mr. Obama said;
said Rep. John Mica; according to the influential US daily), every person or organisation named
there, and the speaker of the previous quote (the "he added" chain and the paragraph that goes
on with the same remarks). A linear model fitted on PolNeAR train (`benchmarks/train_speakers.py`:
a pointwise classifier or a pairwise ranker, whichever cross-validates better) scores each; the
best one speaks when its score clears the fitted threshold, else the quote has no speaker. A
pronoun subject ("he said", "who said") stands for the person it refers to (`antecedent`), and a
source with no name keeps its description ("a senior administration official") with no speaker
name: no pronoun and no words from inside a quote are ever a speaker.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.extract.attribution import (
    DETERMINERS,
    PRONOUN_GENDER,
    EntityIndex,
    cue_share,
    name_of,
    speech_verbs,
    subject_of,
    subtree_span,
)
from storyline.learn import LinearModel

MODEL = "speakers"
NAMED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
PERSONAL = {"he", "she", "him", "her", "i", "me", "we", "us", "they", "them", "you"}
RELATIVE = {"who", "which", "that", "whom"}
NEUTER = {"it", "its"}
WINDOW_SENTENCES = 1  # sentences either side of the quote's own searched for its source


class Kind(StrEnum):
    CUE = "cue"            # the subject of a speech verb
    ENTITY = "entity"      # a name nearby
    PREVIOUS = "previous"  # the previous quote's speaker


@dataclass
class Candidate:
    kind: Kind
    start: int
    end: int
    name: str | None          # canonical name, None for an unnamed source
    description: str | None   # the words describing an unnamed source
    verb: Token | None = None
    reach: tuple[int, int] = (0, 0)  # the subject's whole phrase, appositions included
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Speaker:
    name: str | None
    description: str | None
    verb: Token | None
    span: tuple[int, int] | None  # the words that name it; None for the previous quote's speaker


def _in(pos: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in regions)


def _window(parsed: SpacyDoc, start: int, end: int) -> list[Span]:
    sents = list(parsed.sents)
    hit = [i for i, s in enumerate(sents) if s.start_char < end and start < s.end_char]
    if not hit:
        return []
    return sents[max(0, hit[0] - WINDOW_SENTENCES):hit[-1] + WINDOW_SENTENCES + 1]


def antecedent(tok: Token, index: EntityIndex, regions: list[tuple[int, int]],
               previous: str | None) -> str | None:
    """The name a pronoun subject stands for: a relative pronoun's noun ("Smith, who said"), a
    first person's speaker, else the last person (or, for "it", organisation) named outside quotes
    before it whose gender, where the article shows it, agrees; the previous quote's speaker when
    none is."""
    low = tok.lower_
    if low in RELATIVE:
        head = tok.head.head if tok.head.dep_ == "relcl" else None
        return name_of(head, index) if head is not None and head.pos_ in ("PROPN", "NOUN") else None
    if low in ("i", "me", "we", "us") and _in(tok.idx, regions):
        return previous
    labels = ("ORG", "GPE", "NORP") if low in NEUTER else ("PERSON",)
    wanted = PRONOUN_GENDER.get(low)
    best = best_subject = None
    for e in index.entities:
        if e.start >= tok.idx:
            break
        if e.label in labels and not _in(e.start, regions):
            if wanted and index.gender(e.canonical, tok.doc) not in (None, wanted):
                continue  # "she" is not the man named last
            best = e
            span = tok.doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                best_subject = e
    best = best_subject if best_subject is not None and low not in NEUTER else best
    if low in ("they", "them", "we", "us") and best is None:
        return previous
    return best.canonical if best is not None else previous


def _cue_subject(verb: Token, regions: list[tuple[int, int]] = ()) -> Token | None:
    if verb.lower_ == "according":
        for prep in verb.children:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
        return None
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not _in(c.idx, regions)]
    subj = own[0] if own else subject_of(verb)  # a quote parsed as a second subject is not the source
    if subj is not None:
        return subj
    if verb.i == 0 or not verb.nbor(-1).is_punct:
        return None  # a subject follows its verb only in an attribution after the quote: “...,” said X
    for child in verb.children:  # "..., said Jen Psaki", not "warned Putin" nor "announced early Saturday"
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and child.i > verb.i and child.pos_ in ("PROPN", "NOUN") \
                and child.ent_type_ not in ("DATE", "TIME"):
            return child
    return None


def mention_span(tok: Token) -> tuple[int, int]:
    """The noun phrase a head token names, without its relative clauses, appositions or lists."""
    drop = {t.i for child in tok.children
            if child.dep_ in ("relcl", "appos", "acl", "punct", "advcl", "cc", "conj")
            or child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)  # "official on Wednesday"
            for t in child.subtree}
    toks = [t for t in tok.subtree if t.i not in drop]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def cue_source(verb: Token, index: EntityIndex, regions: list[tuple[int, int]],
               previous: str | None = None) -> tuple[Token, str | None, str | None] | None:
    """(subject token, name, description) of a speech verb's source: a name, a pronoun's
    referent, or the description of an unnamed source; None when it has none outside quotes."""
    subj = _cue_subject(verb, regions)
    if subj is None or _in(subj.idx, regions):
        return None
    if subj.lower_ in PERSONAL | RELATIVE | NEUTER:
        name = antecedent(subj, index, regions, previous)
        return (subj, name, None) if name else None
    # the head itself is a name (or a proper noun NER missed), not "Obama's former strategist"
    named = index.at(subj.idx, subj.idx + len(subj.text), NAMED_LABELS) is not None or subj.pos_ == "PROPN"
    if named:
        name = name_of(subj, index)
        return subj, index.full_person_name(name, subj.idx) if name else name, None
    a, b = mention_span(subj)
    words = [w for w in subj.doc.char_span(a, b, alignment_mode="expand").text.split() if w.lower() not in DETERMINERS]
    return (subj, None, " ".join(words)) if words else None


def candidates(text: str, parsed: SpacyDoc, index: EntityIndex, start: int, end: int,
               regions: list[tuple[int, int]], previous: str | None, previous_end: int | None) -> list[Candidate]:
    """Every possible speaker of the quote text[start:end] (`text` is the parsed text, passed in
    because spaCy rebuilds `Doc.text` on each access), with its features."""
    window = _window(parsed, start, end)
    if not window:
        return []
    out: dict[tuple[int, int], Candidate] = {}
    cues = [v for s in window for v in speech_verbs(parsed, s.start_char, s.end_char) if not _in(v.idx, regions)]
    for verb in cues:
        source = cue_source(verb, index, regions, previous)
        if source is None:
            continue
        subj, name, description = source
        a, b = mention_span(subj)
        pronoun = float(subj.lower_ in PERSONAL | RELATIVE | NEUTER)
        c = Candidate(Kind.CUE, a, b, name, description, verb, reach=subtree_span(subj))
        c.features.update({"pronoun": pronoun, f"cue={verb.lemma_.lower()}": 1.0, f"subjdep={subj.dep_}": 1.0,
                           "cue_share": cue_share(verb.lemma_), "governs_quote": float(_governs(verb, parsed, start, end)),
                           "cue_before_quote": float(verb.idx < start), "verb_first": float(verb.i < subj.i),
                           "cue_gap": math.log1p(min(abs(verb.idx - end), abs(start - verb.idx))) / 5})
        out[(a, b)] = c
    for e in index.entities:
        if e.label not in NAMED_LABELS or _in(e.start, regions) or not (window[0].start_char <= e.start < window[-1].end_char):
            continue
        if any(c.reach[0] <= e.start < c.reach[1] for c in out.values()):  # part of a cue's subject
            continue
        out[(e.start, e.end)] = Candidate(Kind.ENTITY, e.start, e.end, e.canonical, None, reach=(e.start, e.end))
    if previous and previous_end is not None:
        out[(-1, -1)] = Candidate(Kind.PREVIOUS, previous_end, previous_end, previous, None)
    return _with_features(list(out.values()), text, parsed, index, start, end, window, previous, previous_end, bool(cues))


def _with_features(cands: list[Candidate], text: str, parsed: SpacyDoc, index: EntityIndex, start: int, end: int,
                   window: list[Span], previous: str | None, previous_end: int | None, any_cue: bool) -> list[Candidate]:
    quote = text[start:end].lower()
    para_start = text.rfind("\n\n", 0, start) + 1
    opens_paragraph = text[para_start:start].strip(" \n“\"") == ""
    own = [s for s in window if s.start_char < end and start < s.end_char]
    by_distance = sorted(cands, key=lambda c: min(abs(c.start - end), abs(start - c.end)))
    for rank, c in enumerate(by_distance):
        f = c.features
        f[f"kind={c.kind}"] = 1.0
        if c.kind is Kind.PREVIOUS:
            f["previous_paragraphs"] = min(3, text.count("\n\n", previous_end, start)) / 3
            f["previous&nocue"] = float(not any_cue)
            f["previous&opens"] = float(opens_paragraph)
            continue
        inside = own[0].start_char <= c.start < own[-1].end_char
        f["pos=" + ("after" if inside and c.start >= end else "before" if inside else
                    "prev_sentence" if c.start < start else "next_sentence")] = 1.0
        f["other_paragraph"] = float("\n\n" in text[min(c.end, start):max(c.start, end)])
        # only punctuation between them: a signature ("...”― Pamela Padilla") or a label ("Trump: “...”")
        f["adjacent_after"] = float(c.start >= end and _only_punctuation(text[end:c.start]))
        f["adjacent_before"] = float(c.end <= start and _only_punctuation(text[c.end:start]))
        f["rank"] = min(rank, 5) / 5
        ent = index.at(c.start, c.end, NAMED_LABELS)
        f[f"label={ent.label if ent else 'none'}"] = 1.0
        f["description"] = float(c.name is None)
        if c.name:
            surname = c.name.split()[-1].lower()
            f["named_in_quote"] = float(surname in quote)
            f["mentions"] = math.log1p(index.mentions(c.name)) / 3
            f["is_previous"] = float(c.name == previous)
        tok = parsed.char_span(c.start, c.end, alignment_mode="expand")
        if tok is not None:
            head = tok.root
            f[f"dep={head.dep_}"] = 1.0
            f["subject"] = float(head.dep_ in ("nsubj", "nsubjpass"))
        f[f"{c.kind}&opens"] = float(opens_paragraph)
    return cands


def _governs(verb: Token, parsed: SpacyDoc, start: int, end: int) -> bool:
    """The quote hangs from the verb in the parse: its words are the verb's complement ("accused
    the West of a “large-scale disinformation campaign”"), not a clause nearby."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(verb == tok or verb in tok.ancestors for tok in (span.root, span[0]))


def _only_punctuation(between: str) -> bool:
    return len(between) <= 6 and not any(ch.isalnum() for ch in between)


def choose(cands: list[Candidate], model: LinearModel | None = None) -> Speaker | None:
    """The best-scored candidate when its score clears the model's threshold (a probability for a
    pointwise model; a pairwise ranker's threshold is 0)."""
    if not cands:
        return None
    model = model or LinearModel.load(MODEL)
    threshold = float(model.meta.get("threshold", 0.5))
    scored = [(model.proba(c.features)[1], c) for c in cands]
    p, best = max(scored, key=lambda x: x[0])
    if p < threshold or (best.name is None and best.description is None):
        return None
    span = None if best.kind is Kind.PREVIOUS else (best.start, best.end)
    return Speaker(best.name, best.description if best.name is None else None, best.verb, span)
