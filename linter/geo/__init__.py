"""Classify one end of a link: mainland, non-mainland, unknown, internal or anywhere."""
