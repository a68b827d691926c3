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

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EXTRA_TYPES = ("STATEMENT", "DISASTER", "ACCIDENT", "CRIME", "LEGAL", "BUSINESS", "ELECTION", "PERSONNEL",
               "LAUNCH", "SPORTS", "HEALTH", "OCCURRENCE")
EVENT_TYPES = PLOVER_TYPES + EXTRA_TYPES
