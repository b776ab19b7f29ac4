"""The one mapping from what happened to a call into ``Envelope(result, PNStatus)``.

Layer: core. Every client uses these functions; transports never look at status codes or JSON.

=================================  ===================================  ==========================
what happened                      status category                      exception (pn_error)
=================================  ===================================  ==========================
2xx with a parsable body           PNAcknowledgmentCategory             -
207 (partial success)              PNAcknowledgmentCategory, error      PNERR_SERVER_ERROR
2xx, body unparsable               PNMalformedResponseCategory          PNERR_JSON_DECODING_FAILED
400                                PNBadRequestCategory                 PNERR_CLIENT_ERROR
403                                PNAccessDeniedCategory               PNERR_CLIENT_ERROR
other 4xx / 3xx                    PNUnknownCategory                    PNERR_CLIENT_ERROR
5xx                                PNUnknownCategory                    PNERR_SERVER_ERROR
PNTimeoutError (transport)         PNTimeoutCategory                    PNERR_CLIENT_TIMEOUT
PNConnectionError (transport)      PNNetworkIssuesCategory (Tornado),   PNERR_CONNECTION_ERROR
                                   PNUnexpectedDisconnectCategory (plain)
any other transport failure        PNUnknownCategory                    PNERR_UNKNOWN_ERROR
invalid input (before sending)     PNBadRequestCategory                 the validation's PNERR_*
an argument nested too deeply      PNBadRequestCategory                 PNERR_PAM_INVALID_ARGUMENTS
unexpected error building a call   PNInternalExceptionCategory          the error itself
=================================  ===================================  ==========================

A 207 keeps its result (the operation was stored) but its status says what failed, so a
partial success is never reported as a plain success.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from pubnub._http import HttpRequest, HttpResponse
from pubnub._masking import mask_text
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import (
    PNERR_CLIENT_ERROR,
    PNERR_JSON_DECODING_FAILED,
    PNERR_PAM_INVALID_ARGUMENTS,
    PNERR_SERVER_ERROR,
    PNERR_UNKNOWN_ERROR,
)
from pubnub.exceptions import PNConnectionError, PNTimeoutError, PubNubException
from pubnub.structures import Envelope

logger = logging.getLogger("pubnub")

_CATEGORY_FOR_CODE = {400: PNStatusCategory.PNBadRequestCategory, 403: PNStatusCategory.PNAccessDeniedCategory}


def is_success(status_code: int) -> bool:
    """The one success rule: any 2xx."""
    return 200 <= status_code < 300


def category_for_status_code(status_code: int) -> int:
    return _CATEGORY_FOR_CODE.get(status_code, PNStatusCategory.PNUnknownCategory)


def category_for_transport_error(error: Exception,
                                 connection_category: int = PNStatusCategory.PNNetworkIssuesCategory) -> int:
    """Timeout, connection failure (category chosen by the client, as in 4.8.1), or unknown."""
    if isinstance(error, PNTimeoutError):
        return PNStatusCategory.PNTimeoutCategory
    if isinstance(error, PNConnectionError):
        return connection_category
    return PNStatusCategory.PNUnknownCategory


def _failure(endpoint: Any, category: int, data: Any, request: Optional[HttpRequest],
            status_code: Optional[int], exception: PubNubException) -> Envelope:
    info = endpoint.response_info(request, status_code)
    return Envelope(None, endpoint.create_status(category, data, info, exception))


def failed(envelope: Envelope) -> bool:
    """True when the call failed; a partial success (207) keeps its result and is not a failure."""
    status = envelope.status
    return bool(status.is_error() and status.category != PNStatusCategory.PNAcknowledgmentCategory)


def exception_of(envelope: Envelope) -> BaseException:
    """What a failed call raises (``.sync()``, ``.result()``): its PubNubException, carrying the
    status; a status without one (a request handler's own) gives ``PNERR_UNKNOWN_ERROR``."""
    status = envelope.status
    exception = getattr(status.error_data, "exception", None)
    if not isinstance(exception, BaseException):
        exception = PubNubException(pn_error=PNERR_UNKNOWN_ERROR, status_code=status.status_code or 0)
    if isinstance(exception, PubNubException) and exception.status is None:
        exception.status = status
    return exception


def from_invalid_input(endpoint: Any, error: Exception) -> Envelope:
    """The envelope of a call refused before sending (bad input or an unexpected bug)."""
    envelope = _from_invalid_input(endpoint, error)
    if endpoint.pubnub.config.log_verbosity:
        _log_call(endpoint, None, envelope)
    return envelope


def _from_invalid_input(endpoint: Any, error: Exception) -> Envelope:
    if isinstance(error, PubNubException):
        category = PNStatusCategory.PNBadRequestCategory
        exception = error
    elif isinstance(error, RecursionError):  # an argument nested without end (a channel list in a list ...)
        category = PNStatusCategory.PNBadRequestCategory
        exception = PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS, errormsg="an argument is nested too deeply")
    else:
        category = PNStatusCategory.PNInternalExceptionCategory
        exception = PubNubException(errormsg="%s: %s" % (type(error).__name__, error))
    return Envelope(None, endpoint.create_status(category, None, endpoint.response_info(None, None), exception))


def from_transport_error(endpoint: Any, request: HttpRequest, error: BaseException,
                         connection_category: int = PNStatusCategory.PNNetworkIssuesCategory) -> Envelope:
    """The envelope of a call that got no HTTP answer (see ``_from_transport_error``)."""
    envelope = _from_transport_error(endpoint, request, error, connection_category)
    if endpoint.pubnub.config.log_verbosity:
        _log_call(endpoint, request, envelope)
    return envelope


def _from_transport_error(endpoint: Any, request: HttpRequest, error: BaseException,
                          connection_category: int) -> Envelope:
    """The envelope of a call that got no HTTP answer.

    A lost or refused connection is PNNetworkIssuesCategory on Tornado; the plain client passes
    PNUnexpectedDisconnectCategory, the category 4.8.1's requests client reported. Any other
    failure of the transport (a test double's, a replay library's refusal) is reported as
    PNUnknownCategory with the error's type and text, never raised into the caller's loop.
    """
    if isinstance(error, PubNubException):
        logger.debug("%s %s failed: %s", request.method, endpoint.name(), type(error).__name__)
    else:  # the type only: the text may hold the URL, with auth key and signature
        logger.warning("%s %s failed unexpectedly: %s", request.method, endpoint.name(), type(error).__name__)
        error = PubNubException(pn_error=PNERR_UNKNOWN_ERROR, errormsg="%s: %s" % (type(error).__name__, error))
    return _failure(endpoint, category_for_transport_error(error, connection_category), None, request, None, error)


def from_response(endpoint: Any, request: HttpRequest, response: HttpResponse) -> Envelope:
    """The envelope of a call that got an HTTP answer (never raises: an answer that cannot be
    read, whatever the reason, ends the call as a malformed response)."""
    try:
        envelope = _from_response(endpoint, request, response)
    except Exception as e:
        envelope = _unreadable(endpoint, request, response.status_code, None, e)
    if endpoint.pubnub.config.log_verbosity:
        _log_call(endpoint, request, envelope)
    return envelope


def _log_call(endpoint: Any, request: Optional[HttpRequest], envelope: Envelope) -> None:
    """``config.log_verbosity`` (4.8.1 printed every request's options): one INFO line per call on
    the ``pubnub`` logger, the request (auth, token and signature masked) and what came of it."""
    status = envelope.status
    outcome = "%s %s" % (PNOperationType.name_of(status.operation), PNStatusCategory.name_of(status.category))
    if status.is_error() and status.error_data is not None:
        outcome += ": %s" % mask_text(str(status.error_data.information))
    if request is None:
        logger.info("%s refused before sending -> %s", endpoint.name(), outcome)
    elif status.status_code is None:
        logger.info("%s %s -> no answer, %s", request.method, mask_text(request.url), outcome)
    else:
        logger.info("%s %s -> HTTP %d, %s", request.method, mask_text(request.url), status.status_code, outcome)


def _from_response(endpoint: Any, request: HttpRequest, response: HttpResponse) -> Envelope:
    code = response.status_code
    success = endpoint.is_success(code)
    try:
        data = endpoint.decode_response(response)
    except ValueError:
        if success:
            return _failure(endpoint, PNStatusCategory.PNMalformedResponseCategory, None, request, code,
                           PubNubException(pn_error=PNERR_JSON_DECODING_FAILED, errormsg="json decode error",
                                           status_code=code))
        data = None

    if not success:
        pn_error = PNERR_SERVER_ERROR if code >= 500 else PNERR_CLIENT_ERROR
        text = response.body.decode("utf-8", "replace")
        return _failure(endpoint, category_for_status_code(code), data, request, code,
                       PubNubException(pn_error=pn_error, errormsg=text, status_code=code))

    try:
        result = endpoint.create_response(data)
    except Exception as e:  # a body of an unexpected shape must not escape as a crash
        return _unreadable(endpoint, request, code, data, e)

    partial = None
    if code == 207:
        partial = PubNubException(pn_error=PNERR_SERVER_ERROR, status_code=code,
                                  errormsg=response.body.decode("utf-8", "replace"))
    status = endpoint.create_status(PNStatusCategory.PNAcknowledgmentCategory, data,
                                    endpoint.response_info(request, code), partial)
    return Envelope(result, status)


def _unreadable(endpoint: Any, request: HttpRequest, code: int, data: Any, error: Exception) -> Envelope:
    """An answer whose content could not be read or turned into a result (only the error's type
    is logged: its text may quote the body)."""
    logger.warning("Unexpected response to %s: %s", endpoint.name(), type(error).__name__)
    return _failure(endpoint, PNStatusCategory.PNMalformedResponseCategory, data, request, code,
                    PubNubException(pn_error=PNERR_JSON_DECODING_FAILED,
                                    errormsg="unexpected response: %s" % type(error).__name__, status_code=code))
