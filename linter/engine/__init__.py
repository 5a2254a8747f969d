"""The check engine: check definitions (data) applied to evaluated resources."""
