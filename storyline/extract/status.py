"""An event mention's status (realis): does the text say it happened, will happen, or may not?

Learned, not ruled: a logistic regression (`models/status.json`, fitted by
`benchmarks/train_status.py` on TimeBank + AQUAINT, whose TimeML polarity, modality, tense and
subordination links define the gold status) over named features of the trigger's grammatical
context. The features describe where a status is signalled in English — negation and modal
auxiliaries on the trigger or its clause verb, conditional and interrogative clauses, the verbs
and nouns that govern the event ("denied that ...", "demands that ...", "plans to ..."), hedging
adverbs and adjectives ("allegedly", "possible") — and leave the weighing to the data.
"""
from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.syntax import clause_verb
from storyline.extract.vocab import Status
from storyline.learn import LinearModel

MODEL = "status"
NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nor", "neither", "none", "nobody", "nothing"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
MORPH_KEYS = ("Tense", "VerbForm", "Aspect", "Mood")
GOVERNOR_DEPTH = 3  # governors read up the dependency chain: "denied [reports] that it planned to invade"


def status_features(tok: Token, depth: int = GOVERNOR_DEPTH) -> dict[str, float]:
    """Named features of an event trigger (any token: verb, noun, adjective) for its status.

    Features are read from the trigger, from its clause verb (the verb a noun trigger belongs to:
    "the attack did not happen"), from the first conjunct when the trigger is a later one (its
    auxiliaries: "will meet and discuss"), and from up to `depth` governors above the clause,
    each with the dependency label that attaches the level below it ("deny|ccomp").
    """
    verb = clause_verb(tok)
    f: dict[str, float] = {"bias": 1.0, "pos=" + tok.pos_: 1.0, "tag=" + tok.tag_: 1.0, "lemma=" + tok.lemma_.lower(): 1.0}
    if verb != tok:
        f["verb_tag=" + verb.tag_] = 1.0
    for key in MORPH_KEYS:
        for value in tok.morph.get(key):
            f[f"morph:{key}={value}"] = 1.0
    local = {"trigger": tok, "verb": verb}
    first = tok
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if first != tok:
        local["conj"] = first
    for where, t in local.items():
        for c in t.children:
            lemma = c.lemma_.lower()
            if c.dep_ == "neg" or lemma in NEGATORS and c.dep_ in ("det", "advmod", "prep", "preconj", "cc"):
                f["neg@" + where] = 1.0
                f[f"neg={lemma}@{where}"] = 1.0
            elif c.dep_ in ("aux", "auxpass"):
                if c.tag_ == "MD" or lemma in ("to", "'ll", "’ll"):
                    f[f"aux={c.lower_}"] = 1.0
                    f[f"aux={c.lower_}@{where}"] = 1.0
                elif c.tag_ in ("VBD", "VBZ", "VBP"):
                    f["aux_tag=" + c.tag_] = 1.0
            elif c.dep_ == "mark":
                f["mark=" + lemma] = 1.0
            elif c.dep_ in ("advmod", "npadvmod") and c.pos_ == "ADV":
                f["adv=" + lemma] = 1.0
            elif c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "VERB"):
                f["amod=" + lemma] = 1.0
    _governors(tok, verb, depth, f)
    if tok.sent[-1].text == "?" or any(t.text == "?" for t in tok.sent[-3:]):
        f["question"] = 1.0
    return f


def _governors(tok: Token, verb: Token, depth: int, f: dict[str, float]) -> None:
    """Lemmas and attachments of the words above the trigger's clause, with the modal, negation
    and condition marks found on each ("would like to", "did not say", "if ... said")."""
    if verb != tok:
        f["verb=" + verb.lemma_.lower()] = 1.0
        f["trigger_dep=" + tok.dep_] = 1.0
        depth += 1  # a noun's own head comes first: "called for [elections]"
    below = tok
    level = 0
    while level < depth and below.head != below:
        gov = below.head
        dep = below.dep_
        if gov.pos_ == "ADP" and gov.head != gov:  # "the threat of war", "plans for an attack"
            dep = f"{dep}:{gov.lower_}"
            gov = gov.head
        level += 1
        lemma = gov.lemma_.lower()
        f[f"dep{level}={dep}"] = 1.0
        f[f"gov{level}={lemma}"] = 1.0
        f[f"gov{level}={lemma}|{dep}"] = 1.0
        f[f"gov={lemma}"] = f.get(f"gov={lemma}", 0.0) + 1.0 / level
        to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
        if to_inf:
            f[f"to_inf|gov{level}={lemma}"] = 1.0
        for c in gov.children:
            clemma = c.lemma_.lower()
            if c.dep_ == "neg":
                f[f"gov{level}_neg"] = 1.0
            elif c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
                f[f"gov_aux={c.lower_}"] = 1.0
            elif c.dep_ == "mark" and clemma in CONDITION_MARKS:
                f[f"gov_mark={clemma}"] = 1.0
        below = gov


def status_proba(tok: Token, model: str = MODEL) -> dict[Status, float]:
    """Probability of each status for the event named by `tok` (model `storyline/models/MODEL.json`)."""
    return {Status(k): p for k, p in LinearModel.load(model).proba(status_features(tok)).items()}


def status_of(tok: Token, model: str = MODEL) -> Status:
    """The most probable status of the event named by `tok`."""
    return Status(LinearModel.load(model).predict(status_features(tok)))


# Denials and allegations: TimeBank + AQUAINT hold 6 denied and 4 alleged events, too few to
# learn from, so their cue words (the label definitions of train_status.py) mark them where the
# model reads the event as asserted.
DENIAL_CUES = frozenset({"deny", "denial", "refute", "rebut", "dismiss"})
ALLEGATION_CUES = frozenset({"allege", "allegation", "allegedly", "alleged", "accuse", "accusation", "charge",
                             "claim", "purported", "purportedly", "suspected", "supposedly"})

# TimeML marks modality only through auxiliaries, so a nominal event that is merely possible or
# feared ("a possible invasion", "fears of an invasion") is "asserted" in its gold and the model
# cannot learn it: these modifiers and governors mark it hypothetical.
POSSIBILITY_MODIFIERS = frozenset({"possible", "potential", "likely", "prospective", "feared", "imminent", "any",
                                   "hypothetical", "future", "further"})
HEDGING_MODALS = frozenset({"would", "could", "may", "might", "should"})
POSSIBILITY_GOVERNORS = frozenset({"fear", "worry", "concern", "risk", "threat", "prospect", "possibility", "chance",
                                   "deter", "prevent", "avoid", "plan", "warning", "ready", "prepare", "preparation"})


def event_status(tok: Token, model: str = MODEL, depth: int = GOVERNOR_DEPTH) -> str:
    """The status the pipeline records: the model's, with denials marked by a denial verb up to
    `depth` governors above the trigger (unless the model reads a negation or a demand), and,
    where the model says asserted, allegations by their cue words and possible or feared events
    by the modifiers and governors TimeML leaves unmarked."""
    status = status_of(tok, model)
    near = [c.lemma_.lower() for c in tok.children if c.dep_ in ("advmod", "amod")]
    governors = [g.lemma_.lower() for g in list(tok.ancestors)[:depth]]
    if status in (Status.ASSERTED, Status.PLANNED, Status.HYPOTHETICAL) and any(w in DENIAL_CUES for w in governors):
        return Status.DENIED.value
    if status is Status.ASSERTED and any(w in ALLEGATION_CUES for w in near + governors):
        return Status.ALLEGED.value
    if status is Status.ASSERTED and (_possible_noun(tok, near) or any(w in POSSIBILITY_GOVERNORS for w in governors[:2])):
        return Status.HYPOTHETICAL.value
    return status.value


def _possible_noun(tok: Token, modifiers: list[str]) -> bool:
    """A nominal event qualified as possible, or the subject or object of a modal clause ("an
    invasion would begin with bombing")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    determiners = [c.lower_ for c in tok.children if c.dep_ == "det"]
    verb = clause_verb(tok)
    modal = verb != tok and any(c.dep_ == "aux" and c.lower_ in HEDGING_MODALS for c in verb.children)
    return modal or any(w in POSSIBILITY_MODIFIERS for w in modifiers + determiners)
