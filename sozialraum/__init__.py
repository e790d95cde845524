"""Sozialraum: open platform for sozialraumorientierte social work."""
