"""pubnub.utils: the one URL encoder, payload serialisation, URL assembly, PAM canonical query."""
from __future__ import annotations

import json
import re

import pytest

from pubnub import utils
from pubnub.errors import PNERR_JSON_NOT_SERIALIZABLE
from pubnub.exceptions import PubNubException


@pytest.mark.parametrize(("raw", "encoded"), [
    (" ", "%20"), ("+", "%2B"), ("/", "%2F"), (",", "%2C"), (":", "%3A"), ('"', "%22"), ("{", "%7B"),
    ("}", "%7D"), ("=", "%3D"), ("*", "%2A"), ("'", "%27"), ("~", "~"), ("\u00e4", "%C3%A4"),
    ("!", "%21"), ("(", "%28"), (")", "%29"), ("[", "%5B"), ("]", "%5D"), ("&", "%26"), ("?", "%3F"),
    ("#", "%23"), ("%", "%25"), ("\u20ac", "%E2%82%AC"),
    ("AZaz09-._~", "AZaz09-._~"),
    ("my ch,1/\u00e4", "my%20ch%2C1%2F%C3%A4"),
    ('{"text": "hi"}', "%7B%22text%22%3A%20%22hi%22%7D"),
])
def test_url_encode_table(raw, encoded):
    assert utils.url_encode(raw) == encoded


def test_url_encode_hex_is_upper_case():
    assert utils.url_encode("\u00ff") == "%C3%BF"


@pytest.mark.parametrize(("raw", "encoded"), [
    ("\u00b2\u0663", "%C2%B2%D9%A3"),  # digits, but not ASCII ones
    ("x" * 65 + " ", "x" * 65 + "%20"),  # longer than what is remembered
    ("a b", "a%20b"),
])
def test_url_encode_is_the_same_every_time(raw, encoded):
    assert [utils.url_encode(raw) for _ in range(3)] == [encoded] * 3


def test_url_encode_memory_is_bounded_and_stays_correct():
    texts = ["name %d/x" % i for i in range(utils._ENCODED_LIMIT * 2 + 3)]
    assert [utils.url_encode(t) for t in texts] == [t.replace(" ", "%20").replace("/", "%2F") for t in texts]
    assert len(utils._ENCODED) <= utils._ENCODED_LIMIT


@pytest.mark.parametrize(("value", "encoded"), [(16000000000000000, "16000000000000000"), (True, "True"), (1.5, "1.5")])
def test_url_encode_stringifies(value, encoded):
    assert utils.url_encode(value) == encoded


@pytest.mark.parametrize(("value", "text"), [
    ("hi", '"hi"'),
    ('hi "there"', '"hi \\"there\\""'),  # 4.8.1 sent "hi "there"" (invalid JSON); fixed
    ("back\\slash", '"back\\\\slash"'),
    ("line\nbreak", '"line\\nbreak"'),
    ("h\u00e9", '"h\u00e9"'),  # a str keeps non-ASCII literal, as 4.8.1 did
    ({"text": "h\u00e9"}, '{"text": "h\\u00e9"}'),  # anything else is ASCII JSON
    ({"online": True, "name": "Alex"}, '{"online": true, "name": "Alex"}'),
    ([1, 2], "[1, 2]"),
    (["hi", "hi2"], '["hi", "hi2"]'),
    (None, "null"),
    (5, "5"),
    (True, "true"),
])
def test_write_value_as_string(value, text):
    assert utils.write_value_as_string(value) == text


def test_write_value_as_string_rejects_what_json_cannot_encode():
    with pytest.raises(PubNubException) as caught:
        utils.write_value_as_string({"when": object()})
    assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE
    assert str(caught.value) == ("Trying to publish not JSON serializable object: "
                                 "Object of type object is not JSON serializable")


def test_write_value_as_string_reports_a_circular_structure_as_json_does():
    looped: dict = {"name": "x"}
    looped["self"] = looped
    with pytest.raises(PubNubException) as caught:
        utils.write_value_as_string([looped])
    assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE
    assert caught.value._errormsg == "Circular reference detected"
    assert utils.write_value_as_string({"name": "x"}) == '{"name": "x"}'  # nothing left behind


@pytest.mark.parametrize("value", [
    {"a": [1, 2.5, None, True, False, "x\u00e9\n"], "b": {"c": []}, 3: "int key", None: 1.0},
    [-0.0, 10 ** 30, ""], (1, "tuple"), 1e-07, -5, {},
])
def test_write_value_as_string_matches_json_dumps(value):
    assert utils.write_value_as_string(value) == json.dumps(value)


@pytest.mark.parametrize("value", [
    float("nan"), float("inf"), -float("inf"), [1, float("nan")], {"a": {"b": float("inf")}},
])
def test_nan_and_infinity_are_not_serializable(value):
    # json.dumps writes NaN / Infinity, which is not JSON: no parser (nor the service) reads it back
    with pytest.raises(PubNubException) as caught:
        utils.write_value_as_string(value)
    assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE


def test_too_deep_a_structure_is_not_serializable():
    deep: list = []
    for _ in range(100000):
        deep = [deep]
    with pytest.raises(PubNubException) as caught:
        utils.write_value_as_string({"message": deep})
    assert caught.value.pn_error == PNERR_JSON_NOT_SERIALIZABLE


@pytest.mark.parametrize("text", ['[1,"Sent","1"]', ' {"a": 1} ', '{"a": [true, null]}\n', '"s"', "12", "[]"])
def test_parse_json_matches_json_loads(text):
    assert utils.parse_json(text) == json.loads(text)


@pytest.mark.parametrize("text", ["", "  ", "[1]]", "[1] x", "{", "nul", "[1]\x0b"])
def test_parse_json_refuses_what_json_loads_refuses(text):
    with pytest.raises(json.JSONDecodeError) as ours:
        utils.parse_json(text)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(text)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("text", ["[" * 100000 + "]" * 100000, " " + "[" * 100000 + "]" * 100000,
                                  '{"a":' * 100000 + "1" + "}" * 100000])
def test_parse_json_refuses_json_nested_too_deeply_with_a_value_error(text):
    with pytest.raises(ValueError, match="nested too deeply") as caught:
        utils.parse_json(text)
    assert isinstance(caught.value.__cause__, RecursionError)


def test_url_write():
    assert utils.url_write({"a": 1}) == "%7B%22a%22%3A%201%7D"
    assert utils.url_write("hi") == "%22hi%22"


@pytest.mark.parametrize(("params", "url"), [
    (None, "https://ps.pndsn.com/time/0"),
    ("a=1&b=2", "https://ps.pndsn.com/time/0?a=1&b=2"),
    ({"pnsdk": "PubNub-Python%2F4.8.1", "uuid": "u"}, "https://ps.pndsn.com/time/0?pnsdk=PubNub-Python%2F4.8.1&uuid=u"),
])
def test_build_url(params, url):
    assert utils.build_url("https", "ps.pndsn.com", "/time/0", params) == url


def test_build_url_keeps_a_port():
    assert utils.build_url("http", "127.0.0.1:8765", "/v2/x", "q=1") == "http://127.0.0.1:8765/v2/x?q=1"


def test_prepare_pam_arguments_example_a():
    params = {"meta": '{"color": "red"}', "store": "1", "seqn": "1", "pnsdk": "PubNub-Python/4.8.1",
              "uuid": "test-uuid", "timestamp": "1600000000"}
    assert utils.prepare_pam_arguments(params) == (
        "meta=%7B%22color%22%3A%20%22red%22%7D&pnsdk=PubNub-Python%2F4.8.1&seqn=1&store=1&timestamp=1600000000"
        "&uuid=test-uuid")


def test_prepare_pam_arguments_encodes_tilde_and_reserved():
    assert utils.prepare_pam_arguments({"b": "x~y", "a": "!*'()[] +"}) == "a=%21%2A%27%28%29%5B%5D%20%2B&b=x%7Ey"


def test_prepare_pam_arguments_sorts_names_as_plain_strings():
    assert utils.prepare_pam_arguments({"l_pub": 1, "auth": "k", "channel-group": "g", "Z": 0}) == (
        "Z=0&auth=k&channel-group=g&l_pub=1")


def test_sign_sha256_is_padded_base64url():
    signature = utils.sign_sha256("secret", "text")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}=", signature)


def test_join_helpers():
    assert utils.join_items(["a", 1]) == "a,1"
    assert utils.join_items_and_encode(["a b", "c,d"]) == "a%20b,c%2Cd"
    assert utils.join_channels(["ch1", "ch 2"]) == "ch1,ch%202"
    assert utils.join_channels([]) == ","


def test_extend_list():
    items: list = []
    utils.extend_list(items, "a,b,,c")
    utils.extend_list(items, ["d"])
    utils.extend_list(items, ("e",))
    utils.extend_list(items, None)
    assert items == ["a", "b", "c", "d", "e"]


def test_uuid_is_a_lower_case_version_4_uuid():
    value = utils.uuid()
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", value)
    assert value != utils.uuid()


def test_encode_query_encodes_every_kind_of_value():
    params = {"pnsdk": "PubNub-Python-Tornado/4.9.0", "seqn": "17", "count": 3, "l_pub": 0.0125, "flag": True,
              "channel": ["a b", "c/d"], "pair": ("x", 1), "name": "\u00e9 \u00e9"}
    expected = ("pnsdk=PubNub-Python-Tornado%2F4.9.0&seqn=17&count=3&l_pub=0.0125&flag=True"
                "&channel=a%20b,c%2Fd&pair=x,1&name=%C3%A9%20%C3%A9")
    assert [utils.encode_query(params) for _ in range(2)] == [expected] * 2  # the second from memory
