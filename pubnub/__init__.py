"""PubNub for Python: the 4.x API (PubNubTornado, PubNub) on Python 3.9+ and Tornado 6."""
from __future__ import annotations

import logging
import os
import sys
from typing import IO, Any, Optional

from pubnub._version import __version__

__all__ = ["PUBNUB_ROOT", "__version__", "set_stream_logger"]

PUBNUB_ROOT = os.path.dirname(os.path.abspath(__file__))
"""The absolute directory of the ``pubnub`` package (4.8.1 name)."""

_DEFAULT_FORMAT = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
_MARK = "_pubnub_stream_logger"  # set on the one handler set_stream_logger() manages per logger


def set_stream_logger(name: str = "pubnub", level: int = logging.ERROR, format_string: Optional[str] = None,
                      stream: Optional[IO[Any]] = None) -> logging.Logger:
    """Send the ``name`` logger's records at ``level`` and above to ``stream`` (default: stderr).

    The 4.x helper. Calling it again for the same logger updates the handler it added the first
    time (level, format, stream) instead of adding a second one, so lines are never doubled;
    handlers the application added itself are left alone. Returns the logger.
    """
    logger = logging.getLogger(name)
    logger.setLevel(level)
    handler: Optional[logging.StreamHandler[Any]] = None
    for candidate in logger.handlers:
        if getattr(candidate, _MARK, False) and isinstance(candidate, logging.StreamHandler):
            handler = candidate
            break
    target = stream if stream is not None else sys.stderr
    if handler is None:
        handler = logging.StreamHandler(target)
        setattr(handler, _MARK, True)
        logger.addHandler(handler)
    elif handler.stream is not target:
        handler.setStream(target)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(format_string if format_string is not None else _DEFAULT_FORMAT))
    return logger
