"""4.x unit-test usage (shared/compat/IMPORTS.md, tests/unit): ``pubnub.utils`` helpers, the
message cipher with its IV helpers, the client's file crypto, ``fetch_messages()._count``,
``get_file_url().get_complete_url()``, ``PNHereNowResult.from_json``, ``PNTimeResponse.date_time()``
and the operation types those suites name. Expected values come from CORE.md / MORE.md.
"""
from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import re
from typing import Any, Dict
from urllib.parse import parse_qsl, urlsplit

import pytest
from Cryptodome.Cipher import AES

import pubnub
from pubnub import utils
from pubnub.crypto import PubNubCryptodome
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_JSON_NOT_SERIALIZABLE
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.presence import PNHereNowResult
from pubnub.models.consumer.time import PNTimeResponse
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub import PubNub

crypto = PubNubCryptodome(PNConfiguration())  # built at import time, as 4.x helpers do
KEY = "testKey"


# ----- pubnub.utils ------------------------------------------------------------------------------

def test_utils_is_an_attribute_of_the_package() -> None:
    assert pubnub.utils is utils


@pytest.mark.parametrize("args, url", [
    (("http", "ex.com", "/news"), "http://ex.com/news"),
    (("https", "ex.com", "/news", "a=2&b=qwer"), "https://ex.com/news?a=2&b=qwer"),
    (("http", "127.0.0.1:8080", "/v2/x", {}), "http://127.0.0.1:8080/v2/x"),
])
def test_build_url(args: Any, url: str) -> None:
    assert utils.build_url(*args) == url


def test_join_items_and_encode() -> None:
    assert utils.join_items_and_encode(["a", "b"]) == "a,b"
    assert utils.join_items_and_encode(["a b/c", "d,e", "ä"]) == "a%20b%2Fc,d%2Ce,%C3%A4"


def test_url_encode() -> None:
    assert utils.url_encode("blah") == "blah"
    assert utils.url_encode("/ b+c:~") == "%2F%20b%2Bc%3A~"
    assert utils.url_encode(utils.write_value_as_string({"a": "b"})) == "%7B%22a%22%3A%20%22b%22%7D"


def test_prepare_pam_arguments_sorts_and_encodes() -> None:
    assert utils.prepare_pam_arguments({"poq": 4, "abc": True, "def": False}) == "abc=True&def=False&poq=4"
    assert utils.prepare_pam_arguments({"abc": "en ca", "poq": "te!st~"}) == "abc=en%20ca&poq=te%21st%7E"


def test_sign_sha256_is_base64url_hmac_with_padding() -> None:
    digest = hmac.new(b"my_key", b"sub\npub\ngrant\nr=1", hashlib.sha256).digest()
    signature = utils.sign_sha256("my_key", "sub\npub\ngrant\nr=1")
    assert signature == base64.urlsafe_b64encode(digest).decode("ascii")
    assert signature.endswith("=")


def test_uuid_is_a_random_version_4_uuid() -> None:
    first, second = utils.uuid(), utils.uuid()
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first)
    assert first != second


@pytest.mark.parametrize("value, text", [
    ("blah", '"blah"'), (True, "true"), (None, "null"), (5, "5"),
    ({"online": True, "name": "Alex"}, '{"online": true, "name": "Alex"}'), (["hi", 1], '["hi", 1]'),
])
def test_write_value_as_string(value: Any, text: str) -> None:
    assert utils.write_value_as_string(value) == text


def test_write_value_as_string_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(PubNubException) as raised:
        utils.write_value_as_string({"f": object()})
    assert raised.value._pn_error == PNERR_JSON_NOT_SERIALIZABLE


# ----- message crypto ----------------------------------------------------------------------------

@pytest.mark.parametrize("key, ciphertext, plain", [
    ("testKey", "QfD1NCBJCmt1aPPGU2cshw==", "hey-0"),
    ("testKey", "9P/7+NNs54o7Go41yh+3rIn8BW0H0ad+mKlKTKGw2i1eoQP1ddHrnIzkRUPEC3ko", {"name": "Alex", "online": True}),
    ("testKey", "M1ScRuKXCKfL/CQTTWnsvA3JeWehc1Cp2AD5dmPl4c4=", ["encrypted", "list", "POST"]),
    ("myCipherKey", "tEjX0ir9ImpBqBYowXnryw==", "hello"),
])
def test_decrypt_recorded_ciphertexts(key: str, ciphertext: str, plain: Any) -> None:
    assert crypto.decrypt(key, ciphertext) == plain


def test_encrypt_with_the_fixed_iv_gives_the_known_ciphertext() -> None:
    assert crypto.encrypt("myCipherKey", '{"text": "hello world"}') == "JygdaHMpSNUn+uAWseeDY3p7AsMsIjyCSM81X7qCVFI="
    text = "\n  multi-line text, not JSON  \n"
    assert crypto.decrypt(KEY, crypto.encrypt(KEY, text)) == text


def test_random_iv_by_keyword() -> None:
    encrypted = crypto.encrypt(KEY, '"hey-0"', use_random_iv=True)
    raw = base64.b64decode(encrypted)
    assert re.fullmatch(rb"[0-9]{16}", raw[:16])
    assert crypto.decrypt(KEY, encrypted, use_random_iv=True) == "hey-0"
    assert crypto.encrypt(KEY, '"hey-0"', use_random_iv=True) != encrypted
    assert crypto.decrypt("myCipherKey", "NDgyMTAzOTU3NjI1MTIzNGOCoMYv6eFjxSyni9Zt9T4=", use_random_iv=True) == "hello"


def test_random_iv_by_configuration() -> None:
    config = PNConfiguration()
    config.use_random_initialization_vector = True
    configured = PubNubCryptodome(config)
    encrypted = configured.encrypt(KEY, '"x"')
    assert configured.decrypt(KEY, encrypted) == "x"
    assert crypto.decrypt(KEY, encrypted, use_random_iv=True) == "x"


def test_append_and_extract_random_iv() -> None:
    message = crypto.append_random_iv("hey-0", use_random_iv=True, initialization_vector="T3ST1V3CT0R.....")
    assert message == "T3ST1V3CT0R.....hey-0"
    iv, extracted = crypto.extract_random_iv(message, use_random_iv=True)
    assert (iv, extracted) == ("T3ST1V3CT0R.....", "hey-0")
    assert crypto.append_random_iv(b"abc", use_random_iv=False, initialization_vector=b"0" * 16) == b"abc"
    assert crypto.extract_random_iv(b"abc", use_random_iv=False) == (b"0123456789012345", b"abc")


def test_get_initialization_vector() -> None:
    first = crypto.get_initialization_vector(use_random_iv=True)
    second = crypto.get_initialization_vector(use_random_iv=True)
    assert len(first) == 16 and first.isdigit() and first != second
    assert crypto.get_initialization_vector(use_random_iv=False) == "0123456789012345"


# ----- client file crypto, fetch_messages, get_file_url -------------------------------------------

def _client(**settings: Any) -> PubNub:
    config = PNConfiguration()
    config.publish_key = "pub-c-unit"
    config.subscribe_key = "sub-c-unit"
    config.uuid = "unit-uuid"
    config.enable_subscribe = False
    for name, value in settings.items():
        setattr(config, name, value)
    return PubNub(config)


def test_client_file_encrypt_and_decrypt() -> None:
    pubnub_client = _client()
    content = b"Knights who say Ni!"
    encrypted = pubnub_client.encrypt(KEY, content)
    assert encrypted[:16].isdigit() and len(encrypted) == 48  # IV + 19 bytes padded to 32
    assert pubnub_client.decrypt(KEY, encrypted) == content


def test_client_file_decrypt_of_independently_encrypted_bytes() -> None:
    iv = b"7765237698281976"
    key = hashlib.sha256(b"silly_walk").hexdigest()[:32].encode("ascii")
    data = b"Knights who say Ni!"
    pad = 16 - len(data) % 16
    stored = iv + AES.new(key, AES.MODE_CBC, iv).encrypt(data + bytes([pad]) * pad)
    assert _client().decrypt("silly_walk", stored) == data


@pytest.mark.parametrize("channels, count, actions, expected", [
    ("channel1", 1000, False, 100), ("channel1", 99, False, 99), ("channel1", None, False, 100),
    (["channel1", "channel2"], 1000, False, 25), (["channel1", "channel2"], 15, False, 15),
    ("channel1", 15, True, 15), ("channel1", 1000, True, 25),
])
def test_fetch_messages_count(channels: Any, count: Any, actions: bool, expected: int) -> None:
    endpoint = _client().fetch_messages().channels(channels).include_message_actions(actions)
    if count is not None:
        endpoint.count(count)
    endpoint.validate_params()
    assert endpoint._count == expected


def test_fetch_messages_with_actions_refuses_several_channels() -> None:
    endpoint = _client().fetch_messages().channels(["channel1", "channel2"]).include_message_actions(True)
    with pytest.raises(PubNubException):
        endpoint.validate_params()


def test_get_complete_url() -> None:
    client = _client()
    url = client.get_file_url().channel("my ch").file_id("some-id").file_name("king_arthur.txt").get_complete_url()
    assert url == ("https://ps.pndsn.com/v1/files/sub-c-unit/channels/my%20ch/files/some-id/king_arthur.txt"
                   "?pnsdk=" + utils.url_encode(client.sdk_name) + "&uuid=unit-uuid")


def test_get_complete_url_with_auth_key_and_signature() -> None:
    client = _client(auth_key="test_auth_key", secret_key="sec-c-unit")
    endpoint = GetFileDownloadUrl(client).channel("ch").file_id("id").file_name("f.txt")
    parts = urlsplit(endpoint.get_complete_url())
    query: Dict[str, str] = dict(parse_qsl(parts.query))
    assert parts.path == GetFileDownloadUrl.GET_FILE_DOWNLOAD_URL % ("sub-c-unit", "ch", "id", "f.txt")
    assert query["auth"] == "test_auth_key"
    signed = {k: v for k, v in query.items() if k != "signature"}
    sign_input = "GET\npub-c-unit\n%s\n%s\n" % (parts.path, utils.prepare_pam_arguments(signed))
    assert query["signature"] == "v2." + utils.sign_sha256("sec-c-unit", sign_input).rstrip("=")


# ----- models and enums ----------------------------------------------------------------------------

def test_here_now_from_json_of_several_channels() -> None:
    response = {"status": 200, "message": "OK", "service": "Presence", "payload": {
        "channels": {"ch1": {"occupancy": 1, "uuids": ["u1"]},
                     "ch2": {"occupancy": 2, "uuids": [{"uuid": "u2", "state": {"a": 1}}, {"uuid": "u3"}]}},
        "total_channels": 2, "total_occupancy": 3}}
    result = PNHereNowResult.from_json(response, ["ch1", "ch2"])
    assert (result.total_channels, result.total_occupancy) == (2, 3)
    assert [(c.channel_name, c.occupancy) for c in result.channels] == [("ch1", 1), ("ch2", 2)]
    assert [(o.uuid, o.state) for o in result.channels[1].occupants] == [("u2", {"a": 1}), ("u3", None)]


def test_here_now_from_json_of_one_channel() -> None:
    response = {"status": 200, "message": "OK", "service": "Presence", "occupancy": 1,
                "uuids": [{"uuid": "6cbb18b9", "state": {"count": 5, "name": "Alex"}}]}
    result = PNHereNowResult.from_json(response, ["ch1"])
    assert (result.total_channels, result.total_occupancy) == (1, 1)
    channel = result.channels[0]
    assert channel.channel_name == "ch1"
    assert (channel.occupants[0].uuid, channel.occupants[0].state) == ("6cbb18b9", {"count": 5, "name": "Alex"})
    empty = PNHereNowResult.from_json({"status": 200, "occupancy": 0}, ["ch1"])
    assert (empty.total_occupancy, empty.channels[0].channel_name) == (0, "ch1")


def test_time_response() -> None:
    response = PNTimeResponse([14818963707386265])
    assert int(response) == 14818963707386265 and str(response) == "14818963707386265"
    assert response.date_time() == datetime.date.fromtimestamp(14818963707386265 / 10000000)


def test_operation_types_named_by_unit_suites() -> None:
    assert PNOperationType.PNPublishOperation == 3
    assert PNOperationType.PNHistoryOperation == 4
    assert PNOperationType.PNRemoveGroupOperation == 11
