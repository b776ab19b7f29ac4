"""Signature verification of the test server (CORE §2.8).

Layer: test server. Pure; reuses the client's signing helpers (``pubnub.utils``), which are
pure functions. The canonical query is built from the decoded query values (the client signs
decoded values), minus ``signature``; POST to ``/publish`` uses the v1 form (body not
signed, ``=`` padding optional), everything else v2 with the raw body text.
"""
from __future__ import annotations

import hmac
from typing import Optional

from pubnub.testing.routing import Request
from pubnub.utils import sign_request_v1, sign_request_v2

#: Paths that never need a signature: the connectivity probe of the reconnection logic.
UNSIGNED_PATHS = frozenset(("/time/0",))


def _keys_in_path(path: str) -> "tuple[Optional[str], Optional[str]]":
    """(publish key, subscribe key) of ``/publish|signal/{pub}/{sub}/...`` paths."""
    parts = path.split("/", 4)
    if len(parts) >= 4 and parts[1] in ("publish", "signal"):
        return parts[2], parts[3]
    return None, None


def expected_signature(request: Request, secret_key: str, publish_key: str) -> str:
    """The signature a correct client sends for ``request``."""
    params = {name: value for name, value in request.args.items() if name != "signature"}
    path_pub, path_sub = _keys_in_path(request.path)
    pub = path_pub if path_pub is not None else publish_key
    if request.method == "POST" and request.path.startswith("/publish"):
        return sign_request_v1(secret_key, path_sub or "", pub, request.path, params)
    body = request.body.decode("utf-8", errors="replace") if request.body else ""
    return sign_request_v2(secret_key, pub, request.method, request.path, params, body)


def is_fresh(request: Request, now: float, window: float) -> bool:
    """True when the request's ``timestamp`` (Unix seconds) is within ``window`` seconds of ``now``
    (CORE §2.8 step 4: the service's window is about 60 s either way)."""
    text = request.args.get("timestamp")
    if text is None or not text.isascii() or not text.isdigit() or len(text) > 12:
        return False
    return abs(int(text) - now) <= window


def is_signed_correctly(request: Request, secret_key: str, publish_key: str) -> bool:
    """True when the request may pass: a valid signature, or a path that needs none."""
    given = request.args.get("signature")
    if given is None:
        return request.path in UNSIGNED_PATHS
    expected = expected_signature(request, secret_key, publish_key)
    if not expected.startswith("v2."):
        # v1 keeps the base64 padding; accept it with or without
        return hmac.compare_digest(given.rstrip("=").encode("utf-8"), expected.rstrip("=").encode("utf-8"))
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
