"""Engines run the per-document stages as a parallel map: `local` (worker processes) or `spark`."""
