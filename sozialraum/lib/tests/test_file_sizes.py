"""No production module grows past what one reader holds in mind: 600 lines. A module
that would is split along its families into a package that re-exports its public names.
Migrations (generated) and tests are not counted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

#: The most lines a production module may have.
MAX_LINES = 600

#: The folders holding production code.
PRODUCTION_ROOTS = ("sozialraum", "config")


def _is_production(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not ({"migrations", "tests"} & set(parts)) and path.name != "conftest.py"


def production_modules() -> Iterator[Path]:
    for top in PRODUCTION_ROOTS:
        yield from (path for path in sorted((ROOT / top).rglob("*.py")) if _is_production(path))


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def oversized(paths: Iterator[Path], limit: int = MAX_LINES) -> dict[str, int]:
    """The modules among ``paths`` longer than ``limit`` lines, with their length."""
    return {
        str(path.relative_to(ROOT)): lines for path in paths if (lines := line_count(path)) > limit
    }


def test_the_walk_sees_production_modules_and_skips_tests_and_migrations() -> None:
    seen = {str(path.relative_to(ROOT)) for path in production_modules()}
    assert "sozialraum/plan/models/referrals.py" in seen
    assert "config/settings.py" in seen
    assert not any("/tests/" in name or "/migrations/" in name for name in seen)
    assert "sozialraum/conftest.py" not in seen


def test_a_module_longer_than_the_limit_is_reported() -> None:
    long = ROOT / "sozialraum" / "lib" / "tests" / "test_file_sizes.py"
    lines = line_count(long)
    assert oversized(iter([long]), limit=lines - 1) == {str(long.relative_to(ROOT)): lines}
    assert oversized(iter([long]), limit=lines) == {}


def test_no_production_module_is_longer_than_600_lines() -> None:
    assert oversized(production_modules()) == {}
