"""Fixtures of this folder: ``mocked``, the client shape of the 4.x functional tests (one definition)."""
from __future__ import annotations

from ..test_mocked_client import mocked

__all__ = ["mocked"]
