"""TokenManager: token decoding and the token store, with the 4.8.1 defects (quirk 9) fixed."""
from __future__ import annotations

import base64

import cbor2
import pytest

from pubnub.enums import PNMatchType, PNResourceType
from pubnub.errors import PNERR_INVALID_ACCESS_TOKEN
from pubnub.exceptions import PubNubException
from pubnub.managers import TokenManager, TokenManagerProperties, unwrap_token

# The token of the recorded grant_token answer (MORE.md §3.3): channels and groups foo and bar.
RECORDED = ("p0F2AkF0GmB4Sd9DdHRsD0NyZXOkRGNoYW6iY2ZvbwFjYmFyAUNncnCiY2ZvbwFjYmFyAUN1c3KgQ3NwY6BDcGF0pERjaGFuoENncnCg"
            "Q3VzcqBDc3BjoERtZXRhoENzaWdYIBHsbMOeRAHUvsCURvZ3Yehv74QvPT4xqfHY5JPONmyJ")
SIG = bytes(range(32))


def make_token(res=None, pat=None, meta=None, padded=True) -> str:
    """A token in the service's format: URL-safe base64 of a CBOR map with byte-string keys."""
    def section(grants):
        full = {"chan": {}, "grp": {}, "usr": {}, "spc": {}}
        full.update(grants or {})
        return {key.encode(): value for key, value in full.items()}
    content = {b"v": 2, b"t": 1618495967, b"ttl": 15, b"res": section(res), b"pat": section(pat),
               b"meta": meta or {}, b"sig": SIG}
    token = base64.urlsafe_b64encode(cbor2.dumps(content)).decode("ascii")
    return token if padded else token.rstrip("=")


def props(resource_type, resource_id) -> TokenManagerProperties:
    return TokenManagerProperties(resource_type=resource_type, resource_id=resource_id)


def test_enums():
    assert (PNResourceType.CHANNEL, PNResourceType.GROUP, PNResourceType.USER, PNResourceType.SPACE) == (
        "channel", "group", "user", "space")
    assert (PNMatchType.RESOURCE, PNMatchType.PATTERN) == ("resource", "pattern")


def test_recorded_token_decodes():
    parsed = unwrap_token(RECORDED)
    assert {k: v for k, v in parsed.items() if k != "sig"} == {
        "v": 2, "t": 1618495967, "ttl": 15, "meta": {},
        "res": {"chan": {"foo": 1, "bar": 1}, "grp": {"foo": 1, "bar": 1}, "usr": {}, "spc": {}},
        "pat": {"chan": {}, "grp": {}, "usr": {}, "spc": {}}}
    assert isinstance(parsed["sig"], bytes) and len(parsed["sig"]) == 32
    assert TokenManager.unwrap_token(RECORDED) == parsed


def test_quirk_9_tokens_granting_channels_and_groups_are_stored():
    """4.8.1 raised KeyError for this recorded token; it is now stored under both types."""
    manager = TokenManager()
    manager.set_token(RECORDED)
    assert manager.get_token(props(PNResourceType.CHANNEL, "foo")) == RECORDED
    assert manager.get_token(props(PNResourceType.GROUP, "bar")) == RECORDED
    assert manager.get_tokens_by_resource("channel") == {"resource": {"foo": RECORDED, "bar": RECORDED},
                                                        "pattern": {}}


def test_quirk_9_unpadded_tokens_are_accepted():
    """4.8.1 raised binascii.Error for a token whose length is not a multiple of 4."""
    token = next(t for t in (make_token(res={"usr": {"u1": 1}}, meta={"k": "v" * n}, padded=False) for n in range(1, 5))
                 if len(t) % 4)
    manager = TokenManager()
    manager.set_token(token)
    assert manager.get_token(props("user", "u1")) == token
    assert unwrap_token(token)["meta"]["k"].startswith("v")


@pytest.mark.parametrize("bad", ["", "not a token!", "AAAAA", base64.urlsafe_b64encode(b"\xff\x00").decode(),
                                 base64.urlsafe_b64encode(cbor2.dumps([1, 2])).decode(),
                                 base64.urlsafe_b64encode(cbor2.dumps({b"res": [1]})).decode(),
                                 base64.urlsafe_b64encode(cbor2.dumps({b"res": {b"usr": 5}})).decode(),
                                 None, 42])
def test_quirk_9_anything_else_is_an_invalid_access_token(bad):
    manager = TokenManager()
    with pytest.raises(PubNubException) as caught:
        manager.set_token(bad)
    assert caught.value.pn_error == PNERR_INVALID_ACCESS_TOKEN and str(caught.value) == "Invalid access token"
    assert manager.get_tokens() == {"user": {"resource": {}, "pattern": {}}, "space": {"resource": {}, "pattern": {}}}


def test_get_tokens_keeps_the_4_8_1_shape_for_users_and_spaces():
    token = make_token(res={"usr": {"u1": 3}}, pat={"spc": {"^r.*": 1}})
    manager = TokenManager()
    manager.set_token(token)
    assert manager.get_tokens() == {"user": {"resource": {"u1": token}, "pattern": {}},
                                    "space": {"resource": {}, "pattern": {"^r.*": token}}}


def test_get_tokens_is_a_copy():
    manager = TokenManager()
    manager.get_tokens()["user"]["resource"]["x"] = "y"
    assert manager.get_token(props("user", "x")) is None


def test_exact_name_wins_over_a_pattern():
    exact, pattern = make_token(res={"spc": {"room-1": 1}}), make_token(pat={"spc": {"^room-.*$": 3}})
    manager = TokenManager()
    manager.set_tokens([pattern, exact])
    assert manager.get_token(props("space", "room-1")) == exact
    assert manager.get_token(props("space", "room-2")) == pattern


def test_patterns_are_matched_and_all_kept():
    rooms, lobbies = make_token(pat={"chan": {"^room-.*$": 1}}), make_token(pat={"chan": {"^lobby$": 1}})
    manager = TokenManager()
    manager.set_tokens([rooms, lobbies])
    assert manager.get_token(props("channel", "room-9")) == rooms
    assert manager.get_token(props("channel", "lobby")) == lobbies
    assert manager.get_token(props("channel", "kitchen")) is None
    assert len(manager.get_tokens_by_resource("channel")["pattern"]) == 2


def test_an_uncompilable_pattern_is_skipped():
    manager = TokenManager()
    manager.set_token(make_token(pat={"usr": {"([": 1}}))
    assert manager.get_token(props("user", "anything")) is None


def test_a_newer_token_for_the_same_name_replaces_the_older():
    old, new = make_token(res={"usr": {"u": 1}}, meta={"n": 1}), make_token(res={"usr": {"u": 3}}, meta={"n": 2})
    manager = TokenManager()
    manager.set_token(old)
    manager.set_token(new)
    assert manager.get_token(props("user", "u")) == new


@pytest.mark.parametrize("query", [None, props(None, "u"), props("user", None)])
def test_incomplete_properties_give_none(query):
    manager = TokenManager()
    manager.set_token(make_token(res={"usr": {"u": 1}}))
    assert manager.get_token(query) is None


def test_unknown_types_give_nothing_instead_of_key_error():
    manager = TokenManager()
    assert manager.get_token(props("channel", "c")) is None
    assert manager.get_tokens_by_resource("uuid") == {"resource": {}, "pattern": {}}


def test_other_abbreviations_are_kept_as_is():
    token = make_token(res={"uuid": {"someone": 1}})
    manager = TokenManager()
    manager.set_token(token)
    assert manager.get_token(props("uuid", "someone")) == token


def test_properties_str():
    assert str(props("user", "u1")) == "resource_type: user, resource_id: u1"
