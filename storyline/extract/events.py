"""Event mentions in one document: trigger, type, status, participants, time, attributes.

A trigger is a word the learned detector (`triggers`) or the political lexicon marks ("spoke",
"call", "amassed", "quake"), typed by `types.kind_of`. Participants come from
the dependency parse (subject, object, "with"/"to" phrases, possessives), resolved to canonical
entity names; status from negation, denial, conditionals and modality; the time expression is
the one syntactically attached to the trigger's clause.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from storyline.extract import lexicon
from storyline.extract.attribution import PRONOUNS, EntityIndex
from storyline.extract.roles import sources_and_targets
from storyline.extract.status import event_status
from storyline.extract.syntax import attached_timex, clause_verb
from storyline.extract.triggers import find_triggers, trigger_end
from storyline.extract.types import coded, extra_type, kind_of
from storyline.model import Document, Entity, EventCandidate, Timex
from storyline.time.expressions import AnchorKind

PARTICIPANT_PREPS = {"with", "to", "between", "against", "on", "into"}
MEDIA = [("video", "video call"), ("virtual", "video call"), ("phone", "phone call"),
         ("telephone", "phone call"), ("face-to-face", "in person"), ("in person", "in person"),
         ("in-person", "in person")]
TIME_WORDS = {"month", "week", "year", "day", "weekend", "today", "yesterday", "tomorrow", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "evening", "night"}
GROUP_NOUNS = {"leaders", "presidents", "men", "women", "sides", "heads"}
LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across"}
ACCUSING_WITH_CLAUSE = {"charge", "allege"}
CONSULT_TRIGGERS_NEEDING_PARTNER = {"speak", "talk", "discuss", "meet", "call"}
VECTOR_DIGITS = 3  # rounding of the trigger vectors kept for coreference: cosines move by < 0.001


def lexicon_code(tok: Token) -> str | None:
    """CAMEO code when `tok` is a trigger of the political lexicon, else None."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in ACCUSING_WITH_CLAUSE and any(c.dep_ == "ccomp" for c in tok.children):
        return "112"  # "charged that a group plotted a coup" accuses; "charged with murder" is legal
    if tok.pos_ == "VERB":
        prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
        if prt and (lemma, prt) in lexicon.PHRASAL:
            return lexicon.PHRASAL[(lemma, prt)]
        code = lexicon.VERBS.get(lemma)
        if code and lemma == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") or c.lower_ == "for"
                                            or (c.dep_ == "prt" and c.lower_ in ("on", "off")) for c in tok.children):
            return None  # "called him a liar", "called for talks", "called off": not a phone call
        if code and lemma in lexicon.NEEDS_MILITARY_OBJECT:
            objs = {c.lower_ for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
            if not objs & lexicon.MILITARY_OBJECTS:
                return None
        return code
    if tok.pos_ in ("NOUN", "PROPN"):
        lemma = "talk" if tok.lower_ == "talks" else lemma
        code = lexicon.NOUNS.get(lemma)
        if code and lemma == "call":  # "a call for the alliance to..." is a demand, not a call
            if any(c.lower_ in ("for",) for c in tok.children) or any(c.dep_ == "acl" for c in tok.children):
                return None
        return code
    return None


def _resolve(tok: Token, index: EntityIndex, exclude: set[str] = frozenset()) -> list[str]:
    """Names in the noun phrase headed by `tok` (and its conjuncts), entity-backed only."""
    names = []
    for t in [tok] + [c for c in tok.conjuncts]:
        if t.lower_ in PRONOUNS | {"his", "her", "their"}:
            person = _last_person(index, t.idx, exclude)
            if person:
                names.append(person)
            continue
        if t.lower_ == "who" and t.head.dep_ == "relcl":
            t = t.head.head
        if t.lower_ in GROUP_NOUNS and t.tag_ == "NNS" and any(c.lower_ in ("the", "both", "two") for c in t.children) \
                and not any(c.dep_ in ("prep", "compound", "amod") for c in t.children):
            names += _recent_people(index, t.idx, 2)  # "the two leaders" -> the last two people named
            continue
        skip = {x.i for c in t.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
        toks = [x for x in t.subtree if x.i not in skip] or [t]
        start = min(x.idx for x in toks)
        end = max(x.idx + len(x.text) for x in toks)
        ent = index.at(t.idx, t.idx + len(t.text)) or index.at(start, end, ("PERSON",)) or index.at(start, end)
        if ent is not None:
            names.append(ent.canonical)
    return [n for n in dict.fromkeys(names)]


def _recent_people(index: EntityIndex, pos: int, n: int) -> list[str]:
    seen: list[str] = []
    for e in reversed([e for e in index.entities if e.start < pos and e.label == "PERSON"]):
        if e.canonical not in seen:
            seen.append(e.canonical)
        if len(seen) == n:
            return seen
    return []


def _last_person(index: EntityIndex, pos: int, exclude: set[str]) -> str | None:
    best = None
    for e in index.entities:
        if e.start >= pos:
            break
        if e.label == "PERSON" and e.canonical not in exclude:
            best = e.canonical
    return best


def _participants(trigger: Token, index: EntityIndex) -> tuple[list[str], list[str]]:
    verb = trigger if trigger.pos_ == "VERB" else clause_verb(trigger)
    actors: list[str] = []
    recipients_from_verb: list[str] = []
    if trigger.pos_ == "VERB":
        subj = next((c for c in trigger.children if c.dep_ in ("nsubj",)), None)
        if subj is None and trigger.dep_ in ("xcomp", "advcl", "conj", "pcomp") and trigger.head != trigger:
            subj = next((c for c in clause_verb(trigger.head).children if c.dep_ == "nsubj"), None)
        if subj is None and trigger.dep_ == "relcl":
            subj = trigger.head
        if subj is not None:
            actors = _resolve(subj, index)
            # "WILMINGTON, Del. — President Joe Biden on Thursday spoke": a dateline read as subject
            between = index.at(subj.idx + len(subj.text), trigger.idx, ("PERSON",))
            if between is not None and not index.at(subj.idx, subj.idx + len(subj.text), ("PERSON",)):
                actors = [between.canonical]
    else:
        poss = next((c for c in trigger.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lemma_.lower() not in TIME_WORDS:
            actors = _resolve(poss, index)
        in_phrase = trigger.dep_ == "pobj" and trigger.head.lower_ in ("in", "during", "on", "at")
        if not actors and (trigger.dep_ in ("dobj", "attr") or in_phrase) and verb != trigger:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                actors = _resolve(subj, index)
            if in_phrase:  # "Biden told NATO leaders in a private call": the told are the partners
                for obj in (c for c in verb.children if c.dep_ in ("dobj", "dative")):
                    recipients_from_verb.extend(_resolve(obj, index, set(actors)))
    recipients: list[str] = list(recipients_from_verb)
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and trigger.pos_ == "VERB" and child.lower_ not in lexicon.MILITARY_OBJECTS:
            recipients += _resolve(child, index, set(actors))
        if child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    recipients += _resolve(pobj, index, set(actors))
    actors, recipients = _split_pair(actors, recipients)
    recipients = [r for r in dict.fromkeys(recipients) if r not in actors]
    if not actors and not recipients and trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
        return _participants(trigger.head, index)  # "was shot and killed by police": shared arguments
    return actors, recipients


def _medium(trigger: Token) -> str | None:
    verb = clause_verb(trigger)
    words = " ".join(t.lower_ for t in trigger.subtree)
    # the clause verb and its conjuncts: "the call lasted 50 minutes and was by phone only"
    words += " " + " ".join(t.lower_ for v in (verb, *verb.conjuncts) for c in v.children
                            if c.dep_ in ("prep", "advmod", "npadvmod") for t in c.subtree)
    for key, medium in MEDIA:
        if key in words:
            return medium
    return None


def _duration_minutes(sentence_text: str, sent_start: int, timexes: list[Timex], sentence: tuple[int, int]) -> int | None:
    clocks = [t for t in timexes if sentence[0] <= t.start < sentence[1] and t.anchor["k"] == AnchorKind.CLOCK]
    if len(clocks) == 2 and re.search(r"\bfrom\b", sentence_text[: clocks[0].start - sent_start]):
        a, b = clocks[0].anchor, clocks[1].anchor
        minutes = (b["h"] * 60 + b["mi"]) - (a["h"] * 60 + a["mi"])
        if minutes > 0:
            return minutes
    for t in timexes:
        if sentence[0] <= t.start < sentence[1] and t.anchor["k"] == AnchorKind.DURATION and t.anchor["value"].startswith("PT"):
            m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", t.anchor["value"])
            if m and (m.group(1) or m.group(2)) and re.search(r"\b(last|lasted|lasting|for)\b", sentence_text):
                return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    return None


def _location(trigger: Token, index: EntityIndex) -> str | None:
    verb = clause_verb(trigger)
    for head in (trigger, verb):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for pobj in child.children:
                    ent = index.at(pobj.idx, pobj.idx + len(pobj.text), ("GPE", "LOC", "FAC"))
                    if ent is not None:
                        return ent.canonical
    return None


def _plural(trigger: Token) -> bool:
    return trigger.tag_ == "NNS" and trigger.lower_ != "talks" and any(
        c.dep_ == "nummod" or c.lower_ in ("several", "multiple", "many", "numerous") for c in trigger.children)


ANAPHORA_VERBS = {"happen", "occur", "begin", "start", "last", "end"}
ANAPHORA_PRONOUNS = {"it", "this", "that"}
ANAPHORA_REACH = 800  # characters back to the antecedent event (about two paragraphs)


def _anaphor(tok: Token, previous: list[EventCandidate]) -> EventCandidate | None:
    """"it will take place Tuesday evening": an occurrence verb whose subject is a pronoun refers
    to the last event named before it with the same status (a planned event for a future verb);
    the mention copies that event and brings its own time."""
    is_place = tok.lemma_ == "take" and any(c.lower_ == "place" and c.dep_ == "dobj" for c in tok.children)
    if not (is_place or tok.lemma_ in ANAPHORA_VERBS) or tok.pos_ != "VERB":
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ not in ANAPHORA_PRONOUNS or not previous:
        return None
    status = event_status(tok)
    antecedent = next((e for e in reversed(previous) if e.status == status), None)
    if antecedent is None or tok.idx - antecedent.end > ANAPHORA_REACH:
        return None
    end = next(c for c in tok.children if c.lower_ == "place") if is_place else tok
    return EventCandidate(start=tok.idx, end=end.idx + len(end.text), sentence=(0, 0), type=antecedent.type,
                          mode=antecedent.mode, status=status, cameo=antecedent.cameo,
                          quad_class=antecedent.quad_class, actors=list(antecedent.actors),
                          recipients=list(antecedent.recipients), attributes=dict(antecedent.attributes),
                          lemma=antecedent.lemma, vector=antecedent.vector)  # it names the antecedent


def _entity(index: EntityIndex, name: str) -> Entity | None:
    return next((e for e in index.entities if e.canonical == name), None)


def extract_events(document: Document, parsed: SpacyDoc) -> list[EventCandidate]:
    """Every event mention of the document: the learned trigger detector's and the political
    lexicon's triggers, typed (`types.kind_of`), with participants, status, place and time."""
    index = EntityIndex(document._entities)
    out: list[EventCandidate] = []
    quoted = {t.i for a, b in document._quoted if (span := parsed.char_span(a, b, alignment_mode="expand"))
              for t in span}
    for sent in parsed.sents:
        bounds = (sent.start_char, sent.end_char)
        learned = {t.token.i for t in find_triggers(sent, among=_typed)}
        for tok in sent:
            if tok.i in quoted:
                continue  # events inside quotes are the speaker's words, not reported facts
            anaphor = _anaphor(tok, out)
            if anaphor is not None:
                anaphor.sentence = bounds
                anaphor.timex = attached_timex(tok, document._timexes, parsed)
                out.append(anaphor)
                continue
            code = lexicon_code(tok)
            if code is None and tok.i not in learned:
                continue
            actors, recipients = _participants(tok, index)
            if tok == sent.root:  # the sentence's main event: the learned roles name its participants
                actors, recipients = _prefer(learned_participants(sent, index), (actors, recipients))
            if code and code.startswith("04") and tok.pos_ == "VERB" and tok.lemma_ in CONSULT_TRIGGERS_NEEDING_PARTNER \
                    and not recipients and not (tok.lemma_ == "meet" and len(actors) > 1) \
                    and not any(c.dep_ == "nsubj" and c.tag_ == "NNS" for c in tok.children):
                continue  # "speaking from the White House" is not a consultation
            kind = kind_of(tok, code, [_entity(index, n) for n in actors + recipients])
            if kind is None:
                continue
            attrs: dict = {}
            if kind.type == "CONSULT":
                medium = _medium(tok)
                attrs = {"medium": medium,
                         "duration_minutes": _duration_minutes(sent.text, sent.start_char, document._timexes, bounds)}
                if medium == "phone call" and kind.cameo == "040":
                    kind = coded("041")
            out.append(EventCandidate(
                start=tok.idx, end=trigger_end(tok), sentence=bounds, type=kind.type,
                mode=kind.mode, status=event_status(tok), cameo=kind.cameo, quad_class=kind.quad_class,
                actors=actors, recipients=recipients, location=_location(tok, index), attributes=attrs,
                timex=attached_timex(tok, document._timexes, parsed), plural=_plural(tok),
                lemma=tok.lemma_.lower(), vector=_vector(tok)))
    return out


def _vector(tok: Token) -> tuple[float, ...]:
    tensor = tok.doc.tensor
    if tensor is None or tensor.shape[0] <= tok.i:
        return ()
    return tuple(round(float(v), VECTOR_DIGITS) for v in tensor[tok.i])


def learned_participants(sent: Span, index: EntityIndex) -> tuple[list[str], list[str]]:
    """The named entities inside the sentence's learned source and target spans (`roles`, fitted
    on the ConfliBERT actor tags: source span F1 0.94 against 0.52 for the dependency rules)."""
    sources, targets = sources_and_targets(sent)
    doc = sent.doc

    def name(role) -> str | None:  # the entity at the phrase's head: "US president Joe Biden" is Biden
        head = doc[role.start:role.end].root
        if is_place(head):
            return None
        entity = index.at(head.idx, head.idx + len(head.text))
        return entity.canonical if entity is not None else None

    actors = list(dict.fromkeys(n for r in sources if (n := name(r))))
    recipients = [n for r in targets if (n := name(r)) and n not in actors]
    return actors, list(dict.fromkeys(recipients))


def is_place(head: Token) -> bool:
    """A phrase headed by a locative object ("killed by officers in Brooklyn") names the place,
    not a participant, whatever the role tagger says."""
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def _prefer(learned: tuple[list[str], list[str]], rules: tuple[list[str], list[str]]) -> tuple[list[str], list[str]]:
    """The rules' actors and recipients, each filled from the learned roles where the rules found
    none. Tried the other way round (learned first) on the seeds, the learned spans lost to the
    rules where both answer: a dateline ("WILMINGTON, Del. — President Joe Biden ... spoke") read
    as the source, a target from a subordinate clause ("as tensions between the US and Russia")."""
    actors = rules[0] or learned[0]
    return _split_pair(actors, [n for n in (rules[1] or learned[1]) if n not in actors])


def _split_pair(actors: list[str], recipients: list[str]) -> tuple[list[str], list[str]]:
    """"Biden and Putin to hold a video call": joint actors and no recipient are actor and partner."""
    if len(actors) > 1 and not recipients:
        return actors[:1], actors[1:]
    return actors, recipients


def _typed(tok: Token) -> bool:
    """Words of a type the storyline knows outside the political lexicon: the detector decides
    whether each such use names an event ("the fire spread" yes, "came under fire" no). Speech
    verbs without a type of their own ("said", "told") are the quote layer's attributions."""
    return extra_type(tok) is not None
