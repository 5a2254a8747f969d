"""Scan Kubernetes manifests (placeholder until the Kubernetes front end lands)."""

from __future__ import annotations

from pathlib import Path

from ..engine.context import InputContext, PartResult


def scan_manifests(files: list[Path], stdin_text: str | None, ctx: InputContext) -> PartResult:
    return PartResult()
