"""Event triggers: words that name an occurrence, with their CAMEO code and PLOVER type.

CAMEO codes follow the CAMEO 1.1b3 codebook; PLOVER types and modes follow the CAMEO-to-PLOVER
table of the PLOVER manual (2021). Quad classes use the contract's five-way convention.
"""
from __future__ import annotations

# lemma -> CAMEO code, for verbs
VERBS = {
    "speak": "040", "talk": "040", "meet": "040", "confer": "040", "consult": "040", "discuss": "040",
    "phone": "041", "telephone": "041", "call": "041", "visit": "042", "host": "043", "negotiate": "046", "mediate": "045",
    "amass": "154", "mass": "154", "deploy": "154", "mobilize": "154", "mobilise": "154", "station": "154",
    "reinforce": "154",
    "warn": "130", "threaten": "130",
    "accuse": "112", "blame": "112", "criticize": "111", "criticise": "111", "condemn": "111", "denounce": "111",
    "reject": "120", "refuse": "120", "veto": "129",
    "demand": "100", "request": "100", "seek": "100", "allege": "112",
    "agree": "030", "pledge": "030",
    "sanction": "163", "expel": "166",
    "invade": "190", "attack": "190", "bomb": "195", "shell": "194", "kill": "190", "occupy": "192",
    "withdraw": "0874", "retreat": "0874", "evacuate": "0874",
    "arrest": "173", "detain": "173",
    "protest": "140", "demonstrate": "141",
    "annex": "192", "fight": "190", "clash": "190", "raid": "190", "storm": "190", "seize": "192",
    "capture": "192", "shoot": "190", "assassinate": "186", "abduct": "181", "kidnap": "181",
    "praise": "051", "endorse": "051", "sign": "057", "apologize": "055", "apologise": "055",
    "aid": "070", "investigate": "090",
}
# phrasal verbs: (lemma, particle) -> CAMEO
PHRASAL = {("build", "up"): "154", ("pull", "back"): "0874", ("pull", "out"): "0874", ("draw", "down"): "0874"}
# lemma -> CAMEO, for nouns
NOUNS = {
    "call": "040", "talk": "040", "meeting": "040", "conversation": "040", "summit": "040", "discussion": "040",
    "conference": "040", "visit": "042", "negotiation": "046", "consultation": "040",
    "buildup": "154", "build-up": "154", "deployment": "154", "mobilization": "154", "mobilisation": "154",
    "threat": "130", "warning": "130", "ultimatum": "139",
    "invasion": "190", "attack": "190", "offensive": "190", "bombing": "195", "airstrike": "195",
    "annexation": "192", "occupation": "192",
    "sanction": "163", "accusation": "112", "withdrawal": "0874", "evacuation": "0874", "protest": "140",
    "assault": "190", "raid": "190", "clash": "190", "fighting": "190", "battle": "190", "shelling": "194",
    "bombardment": "195", "airstrikes": "195", "kidnapping": "181", "assassination": "186", "agreement": "057",
    "treaty": "057", "ceasefire": "0356", "aid": "070", "investigation": "090",
    "demand": "100", "request": "100", "allegation": "112",
}
# objects that make a verb military: "withdraw troops" is a retreat, "withdraw a bill" is not
MILITARY_OBJECTS = {"troop", "troops", "force", "forces", "soldier", "soldiers", "army", "unit", "units",
                    "personnel", "staff", "tank", "tanks", "weapon", "weapons", "missile", "missiles"}
NEEDS_MILITARY_OBJECT = {"withdraw", "deploy", "station", "mass", "amass", "reinforce", "evacuate"}

PLOVER = {  # CAMEO prefix -> (PLOVER type, mode)
    "040": ("CONSULT", None), "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "visit"), "044": ("CONSULT", "third-party"), "045": ("CONSULT", None),
    "046": ("CONSULT", None), "03": ("AGREE", None), "05": ("SUPPORT", None), "06": ("COOPERATE", None),
    "0356": ("AGREE", None), "057": ("SUPPORT", None), "051": ("SUPPORT", None), "055": ("SUPPORT", None),
    "09": ("ACCUSE", None), "186": ("ASSAULT", "assassinate"), "181": ("ASSAULT", "abduct"),
    "07": ("AID", None), "0874": ("RETREAT", "disarm"), "08": ("CONCEDE", None), "10": ("REQUEST", None),
    "11": ("ACCUSE", "disapprove"), "112": ("ACCUSE", "disapprove"), "12": ("REJECT", None),
    "129": ("REJECT", "yield"), "13": ("THREATEN", None), "139": ("THREATEN", "relations"),
    "14": ("PROTEST", None), "141": ("PROTEST", "demo"), "15": ("MOBILIZE", None), "154": ("MOBILIZE", "troops"),
    "163": ("COERCE", "restrict"), "16": ("SANCTION", None), "166": ("SANCTION", "expel"),
    "17": ("COERCE", None), "173": ("COERCE", "arrest"), "192": ("COERCE", "seize"),
    "19": ("ASSAULT", None), "194": ("ASSAULT", "heavy-weapons"), "195": ("ASSAULT", "heavy-weapons"),
    "18": ("ASSAULT", None), "20": ("ASSAULT", None),
}


def plover(cameo: str) -> tuple[str, str | None]:
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in PLOVER:
            return PLOVER[cameo[:n]]
    return "CONSULT", None


def quad_class(cameo: str) -> int:
    """0 neutral statement/appeal (01-02), 1 verbal cooperation (03-05), 2 material cooperation
    (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20)."""
    root = int(cameo[:2])
    return 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
