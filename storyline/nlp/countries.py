"""Country lookup for names, demonyms and seats of power ("Kremlin" -> RUS).

The table (data/countries.tsv) maps surface forms to ISO 3166 alpha-3 codes (plus NATO, EU, UN,
which CAMEO also treats as actors). Lookup is case-sensitive for short all-caps forms ("US") and
case-insensitive otherwise, so "us" the pronoun never reads as the United States.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str], int]:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    longest = 1
    text = resources.files("storyline.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names = line.split("\t")
        for name in names.split("|"):
            longest = max(longest, len(name.split()))
            if name.isupper() and len(name.replace(".", "")) <= 4:
                exact.setdefault(name, code)
            else:
                folded.setdefault(name.lower(), code)
    return exact, folded, longest


def country_of(name: str) -> str | None:
    """ISO3 code for a country name, demonym or metonym; None when unknown."""
    name = name.strip().removeprefix("the ").removeprefix("The ")
    for suffix in ("’s", "'s"):
        name = name.removesuffix(suffix)
    exact, folded, _ = _table()
    return exact.get(name) or folded.get(name.lower())


def countries_in(words: list[str]) -> list[str]:
    """Codes of every country named in a token sequence, longest match first, in order."""
    _, _, longest = _table()
    found, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            code = country_of(" ".join(words[i:i + n]))
            if code:
                found.append(code)
                i += n
                break
        else:
            i += 1
    return found
