"""exitlint: finds configuration that opens cross-border links out of mainland China."""

__version__ = "0.1.0"
