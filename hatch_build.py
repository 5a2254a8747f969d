"""Wheel build hook: ships checks/ pre-parsed (linter/data_bundle.py explains why and how it stays
correct). Runs at build time only; the installed package never imports this file."""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _data_bundle(root: Path) -> Any:
    # by path: the package is not installed while it is being built
    spec = importlib.util.spec_from_file_location("_exitlint_data_bundle",
                                                  root / "linter" / "data_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        bundle = _data_bundle(root)
        self._tmp = tempfile.mkdtemp(prefix="exitlint-build-")
        out = Path(self._tmp) / bundle.FILE_NAME
        out.write_text(bundle.build(root / "checks"), encoding="utf-8")
        build_data["force_include"][str(out)] = f"exitlint/_data/{bundle.FILE_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
