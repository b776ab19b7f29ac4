"""Masking of secrets in texts meant for logs and users.

Layer: core (pure functions). Imports nothing from the SDK.

Auth keys, v3 tokens and signatures are shown by their first four characters then ``***``
(shorter values as ``***`` alone): enough to tell two keys apart in a log, not enough to use
one. ``mask_text`` finds them in free text: URL query values (``auth=``, ``signature=``,
``token=``) and quoted ``"auth"``/``"auth_key"``/``"token"``/``"signature"`` entries of a JSON
body or a dict's repr. Only texts are masked; attributes keep the real values.

``mask_logger`` masks them in another library's log records too: the HTTP clients the transports
use log each request's URL (urllib3's connection pool, Tornado's curl client) at DEBUG level.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Optional

__all__ = ["URLLIB3_LOGGERS", "mask", "mask_logger", "mask_text"]

_SECRET_NAMES = "auth|auth_key|token|signature|secret_key|cipher_key"
_IN_QUERY = re.compile(r"([?&;](?:auth|signature|token)=)([^&#\s'\"]+)")
_IN_MAPPING = re.compile(r"""(["'](?:%s)["']\s*:\s*["'])([^"']+)""" % _SECRET_NAMES)


def mask(value: Any) -> Optional[str]:
    """``abcd***`` for a secret value (``***`` when it has 8 characters or fewer); None stays None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if text.endswith("***") and len(text) <= 7:
        return text  # masked already
    return text[:4] + "***" if len(text) > 8 else "***"


def _masked(match: "re.Match[str]") -> str:
    return match.group(1) + (mask(match.group(2)) or "")


def mask_text(text: str) -> str:
    """``text`` with every secret it carries (see the module docstring) masked."""
    if "=" in text:
        text = _IN_QUERY.sub(_masked, text)
    if ":" in text:
        text = _IN_MAPPING.sub(_masked, text)
    return text


class _MaskingFilter(logging.Filter):
    """Masks the secrets in a record's text (it runs only for the records a logger lets through:
    nothing is spent while DEBUG is off). The text is formatted first, then masked: a format
    string with ``auth=%s`` in it stays whole."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # a malformed record: the handler reports it as it would have
            return True
        masked = mask_text(text)
        if masked != text:
            record.msg, record.args = masked, None
        return True


_FILTER = _MaskingFilter()

#: urllib3's loggers that quote request URLs (a filter acts only on its own logger's records).
URLLIB3_LOGGERS = ("urllib3.connectionpool", "urllib3.connection", "urllib3.poolmanager", "urllib3.util.retry")


def mask_logger(*names: str) -> None:
    """Mask the secrets in what the loggers ``names`` (another library's) record, from now on."""
    for name in names:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
