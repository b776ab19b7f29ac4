"""No secret in texts meant for logs or users: auth keys, tokens and signatures are masked in
``str()``/``repr()`` of statuses, exceptions and requests, while the attributes keep the values."""
from __future__ import annotations

import io
import logging

import pytest

import pubnub
from pubnub import _outcome
from pubnub._http import HttpResponse
from pubnub._masking import mask, mask_logger, mask_text
from pubnub.exceptions import PNConnectionError, PubNubException
from pubnub.pubnub_tornado import PubNubTornadoException

from .support import make_client

AUTH = "my-auth-key-0123456789"
TOKEN = "qEF2AkF0GmEI03xDdHRsGDxDcmVzpURjaGFuoWljaGFubmVsLTEY70NncnCgQ3VzcqBDc3BjoERtZXRhoENzaWdYIGOAeTyWGJI"
SECRETS = ("sec-c-the-secret", "the-cipher-key")


def published(auth=AUTH):
    client = make_client(auth_key=auth, secret_key=SECRETS[0], cipher_key=SECRETS[1])
    endpoint = client.publish().channel("ch").message("hi")
    return endpoint, endpoint.build_request()


def signature_of(request):
    return request.url.split("signature=")[1].split("&")[0]


def assert_masked(text, *secrets):
    for secret in secrets + SECRETS:
        assert secret not in text


@pytest.mark.parametrize("auth", [AUTH, TOKEN])
def test_a_refused_call(auth):
    endpoint, request = published(auth)
    body = b'{"message":"Forbidden","error":true,"service":"Access Manager","status":403}'
    envelope = _outcome.from_response(endpoint, request, HttpResponse(403, {}, body, request.url))
    status = envelope.status
    status.client_response = HttpResponse(403, {}, body, request.url)
    texts = [str(status), repr(status), repr(status.error_data), repr(status.client_request),
             repr(status.client_response), str(PubNubTornadoException(None, status)),
             repr(PubNubTornadoException(None, status))]
    for text in texts:
        assert_masked(text, auth, signature_of(request))
    assert "'auth_key': '%s***'" % auth[:4] in repr(status)
    assert "auth=%s***" % auth[:4] in repr(status.client_request)
    # the values themselves are intact
    assert status.auth_key == auth and status.client_request is request and "auth=" + auth in request.url


def test_a_library_error_quoting_the_url():
    endpoint, request = published()
    envelope = _outcome.from_transport_error(endpoint, request, OSError("cannot reach %s" % request.url))
    error = envelope.status.error_data.exception
    for text in (str(error), repr(error), str(envelope.status), repr(envelope.status.error_data)):
        assert_masked(text, AUTH, signature_of(request))
    assert request.url in error._errormsg  # kept as given


def test_exceptions_built_with_a_url():
    _, request = published()
    for error in (PubNubException(errormsg="GET %s" % request.url, status_code=500),
                  PNConnectionError("failed: %s" % request.url)):
        assert_masked(str(error), AUTH, signature_of(request))
        assert_masked(repr(error), AUTH, signature_of(request))


def test_mask_and_mask_text():
    assert mask(AUTH) == "my-a***" and mask("short") == "***" and mask(None) is None
    assert mask_text("GET /x?uuid=u&auth=abcdefghij&signature=v2.abcdefghijkl&token=qEF2AkF0GmEI") == (
        "GET /x?uuid=u&auth=abcd***&signature=v2.a***&token=qEF2***")
    assert mask_text('{"token": "%s", "ttl": 5}' % TOKEN) == '{"token": "qEF2***", "ttl": 5}'
    assert mask_text("no secret here: a=b") == "no secret here: a=b"


def test_set_stream_logger_can_quiet_the_http_libraries():
    loggers = [logging.getLogger(name) for name in pubnub.HTTP_LIBRARY_LOGGERS]
    saved = [logger.level for logger in loggers]
    root = logging.getLogger("pubnub.test-masking")
    try:
        for logger in loggers:
            logger.setLevel(logging.NOTSET)
        pubnub.set_stream_logger(root.name, logging.DEBUG, stream=io.StringIO())
        assert all(logger.getEffectiveLevel() <= logging.DEBUG or logger.level == logging.NOTSET
                   for logger in loggers)
        pubnub.set_stream_logger(root.name, logging.DEBUG, stream=io.StringIO(), quiet_http=True)
        assert [logger.level for logger in loggers] == [logging.INFO] * len(loggers)
        assert not any(logger.isEnabledFor(logging.DEBUG) for logger in loggers)
    finally:
        for logger, level in zip(loggers, saved):
            logger.setLevel(level)
        root.handlers.clear()


def test_mask_logger_masks_another_librarys_records(caplog):
    other = logging.getLogger("masking-test.http-library")
    mask_logger(other.name)
    mask_logger(other.name)  # once is enough: not a second filter
    assert len(other.filters) == 1
    caplog.set_level(logging.DEBUG)
    other.debug("> GET /x?auth=%s&uuid=u", AUTH)
    other.debug("%s %r", "=> Send data", b"POST /y?signature=v2.abcdefghijkl HTTP/1.1")
    other.debug("no secret: %d %s", 3, "a=b")
    assert [r.getMessage() for r in caplog.records] == [
        "> GET /x?auth=my-a***&uuid=u", "=> Send data b'POST /y?signature=v2.a*** HTTP/1.1'", "no secret: 3 a=b"]
