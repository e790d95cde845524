"""Netzwerkkarte (after Pantuček): a person's contacts in four sectors on three closeness
rings, ties between contacts, versions over time, metrics, an SVG drawing with a table of
the same data, and easyNWK files in and out."""
