"""Request signing: the worked examples A-E of CORE.md §2.7, and the server-side check of §2.8.

Examples A-D were computed for the native 4.8.1 client (``pnsdk=PubNub-Python/4.8.1``); an
offline client announcing that pnsdk reproduces them byte for byte. The same requests built
by our Tornado client are checked against a string-to-sign assembled here by hand.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest

from pubnub import utils
from pubnub.endpoints.endpoint import Endpoint
from pubnub.endpoints.pubsub.subscribe import Subscribe
from pubnub.errors import PNERR_PUBLISH_KEY_MISSING
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.pubnub_tornado import PubNubTornado

from .support import NOW, OfflineClient, invalid, make_config, path_of, query_of, raw_query

PUB = "pub-c-test-publish-key"
SUB = "sub-c-test-subscribe-key"
SECRET = "sec-c-test-secret-key"
KEYS = {"publish_key": PUB, "subscribe_key": SUB, "secret_key": SECRET, "uuid": "test-uuid"}

PATH_A = "/publish/%s/%s/0/my%%20channel/0/%%7B%%22text%%22%%3A%%20%%22hello%%20world%%22%%7D" % (PUB, SUB)
PATH_B = "/v1/message-actions/%s/channel/ch1/message/16000000000000001" % SUB
PATH_C = "/publish/%s/%s/0/ch1/0" % (PUB, SUB)
PATH_E = "/v2/subscribe/%s/ch1/0" % SUB

STRING_A = ("GET\n" + PUB + "\n" + PATH_A + "\nmeta=%7B%22color%22%3A%20%22red%22%7D&pnsdk=PubNub-Python%2F4.8.1"
            "&seqn=1&store=1&timestamp=1600000000&uuid=test-uuid\n")
STRING_B = ("POST\n" + PUB + "\n" + PATH_B + "\npnsdk=PubNub-Python%2F4.8.1&timestamp=1600000000&uuid=test-uuid\n"
            '{"type": "reaction", "value": "smiley_face"}')
STRING_C = (SUB + "\n" + PUB + "\n" + PATH_C + "\npnsdk=PubNub-Python%2F4.8.1&seqn=2&timestamp=1600000000"
            "&uuid=test-uuid")
STRING_D = "GET\n" + PUB + "\n/time/0\npnsdk=PubNub-Python%2F4.8.1&timestamp=1600000000&uuid=test-uuid\n"

SIGNATURE_A = "v2.Tv_5slooSRlN5NxwIYyHxKILWjKy4NNjqDIIjktyFTQ"
SIGNATURE_B = "v2.WmA8VYVil3EkAzfsWcdjlDDtucV_BOFs8RKZmn6keOk"
SIGNATURE_C = "hcWDlw23ytnV9PhVoJMTPFWkla2k2svO6rAJ9De8orU="
SIGNATURE_D = "v2.OrD8qxyXSU3vpuB66gqPtgDfMf8l6zYrjKaC-fpDb7U"
SIGNATURE_E_4_8_1 = "v2.2NqSwwZFYINbBWP57-fXpZTPR8EKzD8BuVJ6ixEOoIk"
SIGNATURE_E_DECODED = "v2.Pi3MQvWpal42X4xL-hIUcmW8SO4-HJk-Me_zXnuSnGA"


def example_client(**settings: Any) -> OfflineClient:
    return OfflineClient(make_config(**dict(KEYS, **settings)), version="4.8.1")


def tornado_client(monkeypatch: pytest.MonkeyPatch) -> PubNubTornado:
    client = PubNubTornado(make_config(**KEYS), custom_ioloop=object())  # type: ignore[arg-type]
    monkeypatch.setattr(client, "timestamp", lambda: NOW)
    return client


def hmac_b64(text: str) -> str:
    """The HMAC computed here independently of ``pubnub.utils`` (base64url, padded)."""
    digest = hmac.new(SECRET.encode(), text.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()


def message_action() -> PNMessageAction:
    built = PNMessageAction()
    built.type, built.value, built.message_timetoken = "reaction", "smiley_face", "16000000000000001"
    return built


# ----- the example strings, signed with utils.sign_sha256 directly ------------------------------------------

@pytest.mark.parametrize(("string_to_sign", "hex_digest", "signature"), [
    (STRING_A, "4efff9b25a2849194de4dc70218c87c4a20b5a32b2e0d363a832088e4b721534", SIGNATURE_A),
    (STRING_B, "5a603c5585629771240337ec59c7639430edb9c57f04e16cf112999a7ea478e9", SIGNATURE_B),
    (STRING_C, "85c583970db7cad9d5f4f855a093133c55a495ada4dacbceeab009f437bca2b5", "v1:" + SIGNATURE_C),
    (STRING_D, None, SIGNATURE_D),
])
def test_sign_sha256_on_the_example_strings(string_to_sign, hex_digest, signature):
    signed = utils.sign_sha256(SECRET, string_to_sign)
    if hex_digest is not None:
        assert base64.urlsafe_b64decode(signed).hex() == hex_digest
    if signature.startswith("v1:"):
        assert signed == signature[3:]  # v1 keeps its padding and has no prefix
    else:
        assert "v2." + signed.rstrip("=") == signature


def test_example_a_base64url_form():
    assert utils.sign_sha256(SECRET, STRING_A) == "Tv_5slooSRlN5NxwIYyHxKILWjKy4NNjqDIIjktyFTQ="


# ----- the examples reproduced by real endpoints ------------------------------------------------------------

def test_example_a_get_publish_with_meta():
    request = (example_client().publish().channel("my channel").message({"text": "hello world"})
               .meta({"color": "red"}).should_store(True).build_request())
    assert request.url == ("https://ps.pndsn.com" + PATH_A + "?meta=%7B%22color%22%3A%20%22red%22%7D&store=1&seqn=1"
                           "&pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid&timestamp=1600000000&signature=" + SIGNATURE_A)


def test_example_b_post_with_body():
    request = example_client().add_message_action().channel("ch1").message_action(message_action()).build_request()
    assert path_of(request) == PATH_B
    assert request.body == b'{"type": "reaction", "value": "smiley_face"}'
    assert raw_query(request) == ("pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid&timestamp=1600000000&signature="
                                  + SIGNATURE_B)


def test_example_c_v1_post_publish():
    client = example_client()
    client._publish_sequence_manager.next_sequence = 1  # the second publish of the client
    request = client.publish().channel("ch1").message({"text": "hello"}).use_post(True).build_request()
    assert path_of(request) == PATH_C
    assert request.body == b'{"text": "hello"}'
    # 4.8.1 put the padding "=" raw; every query value is percent-encoded here (decodes to the same)
    assert raw_query(request) == ("seqn=2&pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid&timestamp=1600000000"
                                  "&signature=hcWDlw23ytnV9PhVoJMTPFWkla2k2svO6rAJ9De8orU%3D")
    assert query_of(request)["signature"] == SIGNATURE_C


def test_example_d_time():
    request = example_client().time().build_request()
    assert request.url == ("https://ps.pndsn.com/time/0?pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid"
                           "&timestamp=1600000000&signature=" + SIGNATURE_D)


def test_example_e_double_encoding_quirk_and_the_decoded_form():
    signed_by_4_8_1 = {"channel-group": "cg%201", "filter-expr": "a%20%3D%3D%20%27b%27", "tt": "0",
                       "pnsdk": "PubNub-Python/4.8.1", "timestamp": "1600000000", "uuid": "test-uuid"}
    assert utils.prepare_pam_arguments(signed_by_4_8_1) == (
        "channel-group=cg%25201&filter-expr=a%2520%253D%253D%2520%2527b%2527&pnsdk=PubNub-Python%2F4.8.1"
        "&timestamp=1600000000&tt=0&uuid=test-uuid")
    assert utils.sign_request_v2(SECRET, PUB, "GET", PATH_E, signed_by_4_8_1, None) == SIGNATURE_E_4_8_1
    decoded = dict(signed_by_4_8_1, **{"channel-group": "cg 1", "filter-expr": "a == 'b'"})
    assert utils.prepare_pam_arguments(decoded).startswith("channel-group=cg%201&filter-expr=a%20%3D%3D%20%27b%27&")
    assert utils.sign_request_v2(SECRET, PUB, "GET", PATH_E, decoded, None) == SIGNATURE_E_DECODED


class SubscribeShaped(Endpoint):
    """An endpoint with Example E's path and parameters: the base signs the decoded values."""

    def build_path(self) -> str:
        return PATH_E

    def custom_params(self) -> dict:
        return {"channel-group": ["cg 1"], "filter-expr": "a == 'b'", "tt": "0"}


def test_example_e_through_the_endpoint_base():
    request = SubscribeShaped(example_client()).build_request()
    assert raw_query(request).startswith("channel-group=cg%201&filter-expr=a%20%3D%3D%20%27b%27&tt=0&")
    assert query_of(request)["signature"] == SIGNATURE_E_DECODED


def test_example_e_through_the_subscribe_endpoint():
    endpoint = (Subscribe(example_client()).channels(["ch1"]).channel_groups(["cg 1"]).filter_expression("a == 'b'")
                .timetoken(0))
    request = endpoint.build_request()
    assert path_of(request) == PATH_E
    assert raw_query(request) == ("channel-group=cg%201&filter-expr=a%20%3D%3D%20%27b%27&tt=0"
                                  "&pnsdk=PubNub-Python%2F4.8.1&uuid=test-uuid&timestamp=1600000000&signature="
                                  + SIGNATURE_E_DECODED)


# ----- the same requests with our own pnsdk (Tornado client) ------------------------------------------------

def test_example_a_with_our_pnsdk(monkeypatch):
    client = tornado_client(monkeypatch)
    assert client.sdk_name == "PubNub-Python-Tornado/%s" % client.version
    request = (client.publish().channel("my channel").message({"text": "hello world"})
               .meta({"color": "red"}).should_store(True).build_request())
    pnsdk = quote(client.sdk_name, safe="")
    string_to_sign = ("GET\n" + PUB + "\n" + PATH_A + "\nmeta=%7B%22color%22%3A%20%22red%22%7D&pnsdk=" + pnsdk
                      + "&seqn=1&store=1&timestamp=1600000000&uuid=test-uuid\n")
    assert query_of(request)["signature"] == "v2." + hmac_b64(string_to_sign).rstrip("=")
    assert query_of(request)["pnsdk"] == client.sdk_name
    assert request.headers["User-Agent"] == client.sdk_name


def test_example_c_with_our_pnsdk(monkeypatch):
    client = tornado_client(monkeypatch)
    client._publish_sequence_manager.next_sequence = 1
    request = client.publish().channel("ch1").message({"text": "hello"}).use_post(True).build_request()
    string_to_sign = (SUB + "\n" + PUB + "\n" + PATH_C + "\npnsdk=" + quote(client.sdk_name, safe="")
                      + "&seqn=2&timestamp=1600000000&uuid=test-uuid")
    assert query_of(request)["signature"] == hmac_b64(string_to_sign)


# ----- the server-side recipe of §2.8 accepts every signed request ------------------------------------------

def server_accepts(request: Any) -> bool:
    """Verify like a server: decode the query once, canonicalise, recompute, compare."""
    parts = urlsplit(request.url)
    params = {name: unquote(value) for name, value in (pair.split("=", 1) for pair in parts.query.split("&"))}
    signature = params.pop("signature")
    canonical = "&".join("%s=%s" % (name, quote(params[name], safe="").replace("~", "%7E")) for name in sorted(params))
    if request.method == "POST" and parts.path.startswith("/publish"):
        return signature == hmac_b64("%s\n%s\n%s\n%s" % (SUB, PUB, parts.path, canonical))
    body = request.body.decode("utf-8") if request.body else ""
    text = "%s\n%s\n%s\n%s\n%s" % (request.method, PUB, parts.path, canonical, body)
    return signature == "v2." + hmac_b64(text).rstrip("=")


SIGNED_CALLS = {
    "publish get": lambda c: c.publish().channel("a b/ä").message({"t": "x y"}).meta({"m": "~ +"}).ptto(16),
    "publish post": lambda c: c.publish().channel("c").message("m").use_post(True),
    "fire get": lambda c: c.fire().channel("c").message("m").meta({"a": 1}),
    "fire post": lambda c: c.fire().channel("c").message("m").use_post(True),
    "signal": lambda c: c.signal().channel("c d").message({"s": 1}),
    "history": lambda c: c.history().channel("c").count(5).include_meta(True),
    "fetch": lambda c: c.fetch_messages().channels(["a", "b c"]).start(2),
    "message counts": lambda c: c.message_counts().channel(["a", "b"]).channel_timetokens([1, 2]),
    "delete": lambda c: c.delete_messages().channel("c").start(2).end(1),
    "add action": lambda c: c.add_message_action().channel("c").message_action(message_action()),
    "get actions": lambda c: c.get_message_actions().channel("c").start("2").end("1").limit(5),
    "remove action": lambda c: c.remove_message_action().channel("c").message_timetoken(1).action_timetoken(2),
    "time": lambda c: c.time(),
}


@pytest.mark.parametrize("call", sorted(SIGNED_CALLS))
def test_server_recipe_accepts_every_request(call):
    client = example_client(auth_key="my auth/key~", uuid="my uuid+1")
    request = SIGNED_CALLS[call](client).build_request()
    assert query_of(request)["timestamp"] == str(NOW)
    assert server_accepts(request)


def test_a_tampered_request_is_rejected():
    request = example_client().history().channel("c").build_request()
    tampered = type(request)(method=request.method, url=request.url.replace("count=100", "count=99"))
    assert server_accepts(request)
    assert not server_accepts(tampered)


@pytest.mark.parametrize("use_post", [False, True])
def test_random_iv_signature_covers_the_bytes_sent(use_post):
    # 4.8.1 encrypted twice (sending and signing) with different IVs, so the signature never matched
    client = example_client(cipher_key="myCipherKey", use_random_initialization_vector=True)
    request = client.publish().channel("c").message("secret").use_post(use_post).build_request()
    assert server_accepts(request)


def test_signing_needs_the_publish_key():
    assert str(invalid(example_client(publish_key=None).time())) == PNERR_PUBLISH_KEY_MISSING


def test_unsigned_without_secret_key():
    query = query_of(example_client(secret_key=None).time().build_request())
    assert "signature" not in query
    assert "timestamp" not in query
