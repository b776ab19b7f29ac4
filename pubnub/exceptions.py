"""Exceptions raised by the SDK.

Hierarchy::

    Exception
     └── PubNubException            every SDK error; str() is "<pn_error> (<code>): <errormsg>"
          └── PNTransportError      the request never got an HTTP answer
               ├── PNTimeoutError      the server did not answer in time (PNERR_CLIENT_TIMEOUT)
               └── PNConnectionError   refused, reset, DNS or TLS failure (PNERR_CONNECTION_ERROR)
"""
from __future__ import annotations

from typing import Any, Optional

from pubnub._masking import mask_text
from pubnub.errors import PNERR_CLIENT_TIMEOUT, PNERR_CONNECTION_ERROR


class PubNubException(Exception):
    """The root of every SDK error (4.8.1 constructor and text).

    Its text masks the auth keys, tokens and signatures it may quote (a URL in a library's
    error, a server's answer); ``_errormsg`` keeps the text as given.
    """

    def __init__(self, errormsg: Any = "", status_code: int = 0, pn_error: Optional[str] = None,
                 status: Any = None) -> None:
        self._errormsg = errormsg
        self._status_code = status_code
        self._pn_error = pn_error
        self.status = status

        if errormsg and status_code:
            msg = "%s (%d): %s" % (pn_error, status_code, errormsg)
        elif errormsg:
            msg = "%s: %s" % (pn_error, errormsg)
        else:
            msg = str(pn_error)
        super().__init__(mask_text(msg))

    @property
    def pn_error(self) -> Optional[str]:
        """The ``PNERR_*`` text this error carries."""
        return self._pn_error

    @property
    def status_code(self) -> int:
        """The HTTP status code, or 0 when there was no HTTP answer."""
        return self._status_code


class PNTransportError(PubNubException):
    """No HTTP answer was received; ``errormsg`` holds the library's text."""

    PN_ERROR = PNERR_CONNECTION_ERROR

    def __init__(self, errormsg: Any = "", pn_error: Optional[str] = None) -> None:
        super().__init__(errormsg=errormsg, pn_error=pn_error or self.PN_ERROR)


class PNTimeoutError(PNTransportError):
    """The server did not answer within the request timeout."""

    PN_ERROR = PNERR_CLIENT_TIMEOUT


class PNConnectionError(PNTransportError):
    """The connection could not be made or was lost (refused, reset, DNS, TLS)."""

    PN_ERROR = PNERR_CONNECTION_ERROR
