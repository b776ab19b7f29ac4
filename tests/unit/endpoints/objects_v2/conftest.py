"""Fixtures of the Objects v2 unit tests: the 4.x functional tests' mocked client, shared with test_mocked_client."""
from __future__ import annotations

from ..test_mocked_client import mocked  # noqa: F401 - re-exported as a fixture of this folder
