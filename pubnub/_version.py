"""The package version, kept apart so setup.cfg can read it without importing pubnub."""

__version__ = "4.9.0"
