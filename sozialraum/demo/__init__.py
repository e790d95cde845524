"""Demo data shipped with the project, so a fresh install needs nothing beside the checkout.

The files under ``data/`` are public data kept as published (quirks included); their
sources and licences are in ``data/README.md``.
"""

from __future__ import annotations

from pathlib import Path

#: Folder of the shipped data files: ``flensburg/`` and ``kiel/``.
DEMO_DATA_DIR: Path = Path(__file__).resolve().parent / "data"
