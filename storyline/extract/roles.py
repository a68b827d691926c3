"""Source and target actors of a sentence's main event, as spans of the sentence.

Every nominal head (noun, proper noun, pronoun, number not inside a compound) is a candidate;
a logistic regression (`models/roles.json`, fitted by `benchmarks/train_event_coding.py` on the
ConfliBERT CAMEO spans) labels it S (source), T (target) or none from where it sits relative to
the main verb: its dependency path to the root ("nsubj", "pobj<by<agent" in a passive), side,
voice, entity label and lemma, and whether PETRARCH2 codes the root verb. That is what makes the
victim of "Police shot Kimani Gray" and of "Kimani Gray was shot by police" the target alike.
The span of a chosen head is its phrase: the head's subtree without relative clauses, clausal
modifiers, conjuncts or prepositional phrases the gold spans usually leave out; conjuncts of a
chosen actor ("Bahrain, Kuwait and the UAE") are actors of the same role.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.extract.cameo import quad_class, token_codes
from storyline.learn import LinearModel

MODEL = "roles"
HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
INSIDE_DEPS = frozenset({"compound", "flat", "nmod", "amod", "nummod", "quantmod"})  # parts of a name, not heads
# never inside an actor: clauses, and conjuncts (gold splits "Bahrain, Kuwait and the UAE" 3 to 1)
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc"})
# prepositions gold actor spans keep ("Secretary of State", "a diplomat in the UAE"): those kept
# at least as often as cut in the training spans; "on", "at", "with", "including" are cut
KEPT_PREPS = frozenset({"of", "in", "for", "from", "to", "by", "near", "like", "against"})
PATH_STEPS = 4  # dependency steps up to the root kept as one feature; deeper paths are rare
ROLES = ("S", "T")


@dataclass(frozen=True)
class RoleSpan:
    role: str          # "S" source or "T" target
    start: int         # token range in the Doc, end exclusive
    end: int
    start_char: int
    end_char: int
    text: str
    probability: float


def candidate_heads(span: Span) -> list[Token]:
    return [t for t in span if t.pos_ in HEAD_POS and t.dep_ not in INSIDE_DEPS and not t.is_punct]


def phrase(head: Token, keep_preps: frozenset = KEPT_PREPS) -> tuple[int, int]:
    """Token range of the actor phrase headed by `head` (end exclusive): the contiguous run of its
    kept subtree around the head, without edge punctuation or conjunctions."""
    kept = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in CUT_DEPS or child.dep_ == "prep" and child.lower_ not in keep_preps:
                continue
            kept.add(child.i)
            stack.append(child)
    start, end = head.i, head.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    doc = head.doc
    while start < head.i and doc[start].is_punct:
        start += 1
    while end > head.i and doc[end].is_punct:
        end -= 1
    return start, end + 1


def _path(tok: Token, root: Token) -> list[str]:
    steps = []
    while tok is not root and tok.head is not tok and len(steps) < PATH_STEPS:
        steps.append(tok.dep_ + ("<" + tok.head.lower_ if tok.dep_ == "pobj" else ""))
        tok = tok.head
    return steps


def role_features(head: Token, root: Token, rank: int, side_rank: int = 0) -> dict[str, float]:
    """Named features of one candidate head; `rank` is its position among the candidates,
    `side_rank` its position among those on its side of the root (counted outwards)."""
    path = _path(head, root)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in root.children)
    side = "before" if head.i < root.i else "after"
    codes = token_codes(root)
    f = {
        "dep=" + head.dep_: 1.0,
        "pos=" + head.pos_: 1.0,
        "ent=" + (head.ent_type_ or "-"): 1.0,
        "lemma=" + head.lemma_.lower(): 1.0,
        "path=" + "|".join(path): 1.0,
        "path1=" + (path[0] if path else "ROOT"): 1.0,
        "path2=" + "|".join(path[:2]): 1.0,
        "depth=" + str(min(len(path), PATH_STEPS)): 1.0,
        "side=" + side: 1.0,
        "side_dep=" + side + "|" + head.dep_: 1.0,
        "passive_path1=" + str(passive) + "|" + (path[0] if path else "ROOT"): 1.0,
        "rank=" + str(min(rank, 3)): 1.0,
        "head_pos=" + head.head.pos_: 1.0,
        "root_pos=" + root.pos_: 1.0,
        "root_coded=" + str(bool(codes)): 1.0,
        "root_quad_path1=" + (str(quad_class(codes[0])) if codes else "-") + "|" + (path[0] if path else "ROOT"): 1.0,
        "in_clause": float(any(a.dep_ in CUT_DEPS for a in head.ancestors if root.is_ancestor(a))),
        "title": float(head.is_title),
        "root_path1=" + root.lemma_.lower() + "|" + (path[0] if path else "ROOT"): 1.0,
        "side_rank=" + side + str(min(side_rank, 2)): 1.0,
    }
    if head.dep_ == "pobj":
        f["prep=" + head.head.lower_] = 1.0
    return f



def _sentence(span: Span | Doc) -> Span:
    return span if isinstance(span, Span) else span[:]


def candidate_features(sent: Span) -> list[tuple[Token, dict[str, float]]]:
    """Each candidate head of the sentence with its features (training and run time alike)."""
    root = sent.root
    heads = candidate_heads(sent)
    before = [h for h in heads if h.i < root.i][::-1]
    after = [h for h in heads if h.i > root.i]
    side_rank = {h.i: k for side in (before, after) for k, h in enumerate(side)}
    return [(h, role_features(h, root, rank, side_rank.get(h.i, 0))) for rank, h in enumerate(heads)]


def find_roles(span: Span | Doc, model: LinearModel | None = None, extra: float | None = None) -> list[RoleSpan]:
    """Source and target spans of the sentence, most probable first, never overlapping. A role's
    best candidate is kept when the role is its likeliest label; a further one only when its
    probability reaches `extra` (default: the cut-off chosen by cross-validation at fitting)."""
    model = model or LinearModel.load(MODEL)
    extra = model.meta.get("extra", 1.0) if extra is None else extra
    ranked = sorted(((p[role], role, head) for head, f in candidate_features(_sentence(span))
                     for p in (model.proba(f),)
                     for role in ROLES if max(p, key=p.get) == role), key=lambda x: -x[0])
    taken: set[int] = set()
    out: list[RoleSpan] = []
    for p, role, head in ranked:
        start, end = phrase(head)
        if taken & set(range(start, end)) or p < extra and any(r.role == role for r in out):
            continue
        taken.update(range(start, end))
        doc = head.doc
        out.append(RoleSpan(role, start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                            doc[start:end].text, p))
    return out


def sources_and_targets(span: Span | Doc, model: LinearModel | None = None) -> tuple[list[RoleSpan], list[RoleSpan]]:
    roles = find_roles(span, model)
    return [r for r in roles if r.role == "S"], [r for r in roles if r.role == "T"]
