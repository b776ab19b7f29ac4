"""Fixtures of the Access Manager unit tests: an admin client (secret key set) with a fixed clock."""
from __future__ import annotations

import pytest

from ...support import OfflineClient, make_config

SECRET = "sec-c-test"


@pytest.fixture
def admin() -> OfflineClient:
    """Test keys plus a secret key: what every Access Manager call needs."""
    return OfflineClient(make_config(secret_key=SECRET))


@pytest.fixture
def mock_admin() -> OfflineClient:
    """The keys, uuid, clock and ``pnsdk`` of MORE.md's worked signature examples."""
    return OfflineClient(make_config(publish_key="pub-c-mock", subscribe_key="sub-c-mock", secret_key="sec-c-mock",
                                     uuid="admin"), version="4.8.1")
