"""PubNub for Python: the 4.x API (PubNubTornado, PubNub) on Python 3.9+ and Tornado 6."""
from __future__ import annotations

import logging

from pubnub._version import __version__

__all__ = ["__version__", "set_stream_logger"]


def set_stream_logger(name: str = "pubnub", level: int = logging.ERROR,
                      format_string: str | None = None) -> logging.Logger:
    """Send the ``name`` logger's records at ``level`` and above to stderr (4.x helper)."""
    if format_string is None:
        format_string = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
    logger = logging.getLogger(name)
    logger.setLevel(level)
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(format_string))
    logger.addHandler(handler)
    return logger
