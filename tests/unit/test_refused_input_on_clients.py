"""Refused input through the real clients (nothing is sent: the origin is unreachable): NaN in a
message or meta, with or without a cipher key, a setter given a wrong type, and text that has no
UTF-8 form (a lone surrogate)."""
from __future__ import annotations

import asyncio

import pytest
from tornado.ioloop import IOLoop

from pubnub.enums import PNStatusCategory
from pubnub.errors import PNERR_JSON_NOT_SERIALIZABLE, PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException
from pubnub.pubnub import PubNub
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException

from .support import make_config

NAN = float("nan")
CASES = [
    (lambda p: p.publish().channel("c").message({"v": NAN}), PNERR_JSON_NOT_SERIALIZABLE),
    (lambda p: p.publish().channel("c").message("m").meta({"v": float("inf")}), PNERR_JSON_NOT_SERIALIZABLE),
    (lambda p: p.publish().channel("c").message("m").ttl(None), PNERR_PAM_INVALID_ARGUMENTS),
    (lambda p: p.here_now().channels(123), PNERR_PAM_INVALID_ARGUMENTS),
    (lambda p: p.get_all_uuid_metadata().limit(""), PNERR_PAM_INVALID_ARGUMENTS),
    # a lone surrogate (no UTF-8 form): in a text message, GET or POST, and in a channel name
    (lambda p: p.publish().channel("c").message("a\ud800b"), PNERR_JSON_NOT_SERIALIZABLE),
    (lambda p: p.publish().channel("c").message("a\udfff").use_post(True), PNERR_JSON_NOT_SERIALIZABLE),
    (lambda p: p.signal().channel("c").message("\ud800"), PNERR_JSON_NOT_SERIALIZABLE),
    (lambda p: p.publish().channel("c\ud800").message("m"), PNERR_PAM_INVALID_ARGUMENTS),
    (lambda p: p.history().channel("c\ud800"), PNERR_PAM_INVALID_ARGUMENTS),
]


def config(cipher_key):
    return make_config(origin="127.0.0.1:1", ssl=False, cipher_key=cipher_key)


@pytest.mark.parametrize("cipher_key", [None, "cipher"])
@pytest.mark.parametrize(("build", "pn_error"), CASES)
def test_plain_client(build, pn_error, cipher_key):
    client = PubNub(config(cipher_key))
    with pytest.raises(PubNubException) as caught:
        build(client).sync()
    assert caught.value.pn_error == pn_error
    answered = []
    build(client).pn_async(lambda result, status: answered.append(status))  # refused at once, on this thread
    assert answered[0].category == PNStatusCategory.PNBadRequestCategory
    assert answered[0].error_data.exception.pn_error == pn_error


@pytest.mark.parametrize("cipher_key", [None, "cipher"])
@pytest.mark.parametrize(("build", "pn_error"), CASES)
def test_tornado_client(build, pn_error, cipher_key):
    async def run():
        client = PubNubTornado(config(cipher_key))
        outcome = await build(client).future()
        assert isinstance(outcome, PubNubTornadoException)
        assert outcome.status.category == PNStatusCategory.PNBadRequestCategory
        assert outcome.value().pn_error == pn_error
        with pytest.raises(PubNubException):
            await build(client).result()
        answered = asyncio.get_running_loop().create_future()
        build(client).pn_async(lambda result, status: answered.set_result(status))
        assert (await answered).error_data.exception.pn_error == pn_error
    IOLoop().run_sync(run)
