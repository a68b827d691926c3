"""The event layer's vocabularies, defined once.

`Status` is an event mention's realis: whether the text says it happened. PLOVER's political
types are extended with `EXTRA_TYPES` for news events outside PLOVER's scope (disasters,
accidents, crimes, business, sports, elections, statements), so that an earthquake is never
forced into ASSAULT nor a company takeover into CONSULT (see CHANGELOG, contract extension).
"""
from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    ASSERTED = "asserted"          # the text says it happened or is happening
    PLANNED = "planned"            # scheduled, intended or expected to happen
    HYPOTHETICAL = "hypothetical"  # conditional, possible, feared, asked about
    NEGATED = "negated"            # the text says it did not happen
    DENIED = "denied"              # someone denies that it happened
    ALLEGED = "alleged"            # someone claims it happened; the text does not vouch for it
    DEMANDED = "demanded"          # someone demands or requests that it happen

    def __str__(self) -> str:
        return self.value


# statuses of events that may not have happened at all: they get no date of their own
IRREALIS = frozenset({Status.HYPOTHETICAL, Status.NEGATED, Status.DENIED, Status.DEMANDED})
# most to least factual: an event reported both ways takes the first its mentions have
STATUS_ORDER = (Status.ASSERTED, Status.PLANNED, Status.ALLEGED, Status.HYPOTHETICAL, Status.DEMANDED,
                Status.NEGATED, Status.DENIED)
# mentions of one event must agree on this: a real call and a requested one are two events
REALIS_GROUP = {Status.ASSERTED: "real", Status.PLANNED: "real", Status.ALLEGED: "alleged",
                Status.HYPOTHETICAL: "irrealis", Status.DEMANDED: "irrealis", Status.NEGATED: "not",
                Status.DENIED: "not"}

# PLOVER's own types come with their CAMEO codes from `lexicon.PLOVER`
EXTRA_TYPES = ("STATEMENT", "DISASTER", "ACCIDENT", "CRIME", "LEGAL", "BUSINESS", "ELECTION", "PERSONNEL",
               "LAUNCH", "SPORTS", "HEALTH")
