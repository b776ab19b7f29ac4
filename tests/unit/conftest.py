"""Fixtures of the unit tests (see ``support.py`` for the helpers)."""
from __future__ import annotations

import pytest

from .support import OfflineClient, make_config


@pytest.fixture
def client() -> OfflineClient:
    """An offline client with the test keys and a fixed clock."""
    return OfflineClient(make_config())
