"""Suite-wide: tests see exitlint's defaults, not the CI they run in."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _not_on_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # GITHUB_ACTIONS=true switches the default output to annotations (`--format github`).
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # The CLI caches results in the user's cache directory: keep tests away from the real one.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
