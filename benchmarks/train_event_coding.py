"""Fit the shipped event-coding models on the ConfliBERT CAMEO training sentences.

`storyline/models/quadclass.json` (quad class) and `storyline/models/roles.json` (source and
target actors) are fitted on every training sentence except the frozen validation split, which
`benchmarks/events.py` keeps for its one final score. Regularisation and cut-offs are the ones
that file's grouped cross-validation chose (`QUAD_C`, `ROLE_C`, `EXTRA_ROLE_P`).

    .venv/bin/python benchmarks/train_event_coding.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import events  # noqa: E402

from storyline.extract.quadclass import MODEL as QUAD_MODEL  # noqa: E402
from storyline.extract.roles import MODEL as ROLES_MODEL  # noqa: E402
from storyline.learn import save_params  # noqa: E402


def main() -> int:
    items = [it for it in events.load(skip_rules=True) if not it.frozen]
    for name, model in ((QUAD_MODEL, events.fit_quad(items)), (ROLES_MODEL, events.fit_roles(items))):
        model.meta["trained_on"] = f"ConfliBERT CAMEO train.tsv minus the frozen split: {len(items)} sentences"
        path = save_params(name, model.to_params())
        print(f"{name}: {len(model.weights)} features -> {path} ({path.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
