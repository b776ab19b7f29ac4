"""Pytest plugin of pubnub.testing (being written)."""
