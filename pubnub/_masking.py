"""Masking of secrets in texts meant for logs and users.

Layer: core (pure functions). Imports nothing from the SDK.

Auth keys, v3 tokens and signatures are shown by their first four characters then ``***``
(shorter values as ``***`` alone): enough to tell two keys apart in a log, not enough to use
one. ``mask_text`` finds them in free text: URL query values (``auth=``, ``signature=``,
``token=``) and quoted ``"auth"``/``"auth_key"``/``"token"``/``"signature"`` entries of a JSON
body or a dict's repr. Only texts are masked; attributes keep the real values.
"""
from __future__ import annotations

import re
from typing import Any, Optional

__all__ = ["mask", "mask_text"]

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
