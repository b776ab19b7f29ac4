"""PubNub for Python: the 4.x API (PubNubTornado, PubNub) on Python 3.9+ and Tornado 6."""
from __future__ import annotations

import logging
import os
import sys
from typing import IO, Any, Optional

from pubnub._version import __version__

__all__ = ["HTTP_LIBRARY_LOGGERS", "PUBNUB_ROOT", "__version__", "quiet_http_loggers", "set_stream_logger"]

PUBNUB_ROOT = os.path.dirname(os.path.abspath(__file__))
"""The absolute directory of the ``pubnub`` package (4.8.1 name)."""

_DEFAULT_FORMAT = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
_MARK = "_pubnub_stream_logger"  # set on the one handler set_stream_logger() manages per logger


HTTP_LIBRARY_LOGGERS = ("tornado.curl_httpclient", "urllib3")
"""The loggers of the HTTP libraries underneath (Tornado's curl client, urllib3): at DEBUG they
print every request's URL (the transports have the auth key, token and signature masked in them,
``abcd***``)."""


def quiet_http_loggers(level: int = logging.INFO) -> None:
    """Set the ``HTTP_LIBRARY_LOGGERS`` to ``level`` (default INFO), so that their DEBUG lines,
    which print every request's URL, are dropped even when the root logger is at DEBUG. Their
    warnings and errors still pass."""
    for name in HTTP_LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(level)


def set_stream_logger(name: str = "pubnub", level: int = logging.ERROR, format_string: Optional[str] = None,
                      stream: Optional[IO[Any]] = None, quiet_http: bool = False) -> logging.Logger:
    """Send the ``name`` logger's records at ``level`` and above to ``stream`` (default: stderr).

    The 4.x helper. Calling it again for the same logger updates the handler it added the first
    time (level, format, stream) instead of adding a second one, so lines are never doubled;
    handlers the application added itself are left alone. Returns the logger.

    ``quiet_http=True`` also calls ``quiet_http_loggers()``: useful with ``name=""`` (the root
    logger) at DEBUG, where Tornado's and urllib3's own DEBUG lines would print full URLs.
    The SDK's own log lines never carry keys, tokens or signatures.
    """
    if quiet_http:
        quiet_http_loggers()
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
