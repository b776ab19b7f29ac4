"""requests' redirect rules, for a transport that follows redirects itself (``Urllib3Transport``).

Layer: transport (pure functions over URLs and headers; no I/O). What ``requests.Session``
does between two requests of a redirect: the next URL (latin-1/UTF-8 ``Location``, relative and
scheme-relative targets, re-quoting), the method (301/302/303 turn a POST into a GET), the body
and its headers (dropped unless 307/308), ``Cookie`` (dropped: the transport's cookie jar adds
the new URL's) and ``Authorization`` (dropped on a host change).
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple
from urllib.parse import urljoin, urlsplit

from requests.utils import requote_uri

__all__ = ["MAX_REDIRECTS", "REDIRECT_CODES", "redirected", "strips_auth"]

MAX_REDIRECTS = 30  # requests' default
REDIRECT_CODES = frozenset((301, 302, 303, 307, 308))
BODY_HEADERS = ("Content-Length", "Content-Type", "Transfer-Encoding")


def redirected(method: str, url: str, headers: Dict[str, str], body: Optional[bytes], status: int,
               location: str) -> Tuple[str, str, Dict[str, str], Optional[bytes]]:
    """The next request of a redirect, as requests' ``Session.resolve_redirects`` builds it."""
    try:  # requests: the header is read as latin-1 but was most likely sent as UTF-8
        location = location.encode("latin1").decode("utf8")
    except UnicodeError:
        pass
    if location.startswith("//"):
        location = "%s:%s" % (urlsplit(url).scheme, location)
    target = urljoin(url, requote_uri(location)) if not urlsplit(location).netloc else requote_uri(location)
    if (status == 303 and method != "HEAD") or (status == 302 and method != "HEAD") \
            or (status == 301 and method == "POST"):
        method = "GET"
    headers = dict(headers)
    if status not in (307, 308):
        body = None
        for name in list(headers):
            if name.title() in BODY_HEADERS:
                del headers[name]
    for name in list(headers):
        if name.lower() == "cookie" or (name.lower() == "authorization" and strips_auth(url, target)):
            del headers[name]
    return method, target, headers, body


def strips_auth(old: str, new: str) -> bool:
    """requests' rule: credentials go only to the same host (an http -> https upgrade on the
    default ports included)."""
    before, after = urlsplit(old), urlsplit(new)
    if before.hostname != after.hostname:
        return True
    if (before.scheme == "http" and before.port in (80, None) and after.scheme == "https"
            and after.port in (443, None)):
        return False
    default = {"http": 80, "https": 443}
    return (before.scheme != after.scheme
            or (before.port or default.get(before.scheme)) != (after.port or default.get(after.scheme)))
