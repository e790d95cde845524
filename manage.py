#!/usr/bin/env python
"""Django's command-line utility; `sozialraum` (the console script) does the same."""

from __future__ import annotations

from sozialraum.cli import main

if __name__ == "__main__":
    main()
