"""The retention period comes from the environment and fails loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def settings_value(value: str) -> subprocess.CompletedProcess[str]:
    code = "import config.settings as s; print(s.CASEWORK_RETENTION_DAYS)"
    env = {**os.environ, "CASEWORK_RETENTION_DAYS": value}
    if not env.get("SECRET_KEY_FILE"):
        env.setdefault("SECRET_KEY", "x" * 50)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_retention_days_come_from_the_environment() -> None:
    assert settings_value("30").stdout.strip() == "30"


def test_a_retention_period_below_one_day_stops_start_up_naming_the_variable() -> None:
    result = settings_value("0")

    assert result.returncode != 0
    assert "CASEWORK_RETENTION_DAYS" in result.stderr
