"""Access Manager v3 tokens stored with set_token() authorise requests (4.8.1 never sent them)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado

# A real-format token granting the channels "foo" and "bar" (from the access tests).
TOKEN = ("p0F2AkF0GmB4Sd9DdHRsD0NyZXOkRGNoYW6iY2ZvbwFjYmFyAUNncnCiY2ZvbwFjYmFyAUN1c3KgQ3NwY6BDcGF0pERjaGFuoENncnCg"
         "Q3VzcqBDc3BjoERtZXRhoENzaWdYIBHsbMOeRAHUvsCURvZ3Yehv74QvPT4xqfHY5JPONmyJ")


def _client(**settings: object) -> PubNubTornado:
    config = PNConfiguration()
    config.publish_key, config.subscribe_key, config.uuid = "pub-c-test", "sub-c-test", "test-uuid"
    config.enable_subscribe = False
    for name, value in settings.items():
        setattr(config, name, value)
    return PubNubTornado(config)


def _auth(pubnub: PubNubTornado, channel: str) -> object:
    request = pubnub.publish().channel(channel).message("hi").build_request()
    return parse_qs(urlsplit(request.url).query).get("auth")


def test_a_stored_token_authorises_its_channel_only() -> None:
    pubnub = _client()
    assert _auth(pubnub, "foo") is None
    pubnub.set_token(TOKEN)
    assert _auth(pubnub, "foo") == [TOKEN]
    assert _auth(pubnub, "bar") == [TOKEN]
    assert _auth(pubnub, "elsewhere") is None


def test_a_configured_auth_key_wins_over_stored_tokens() -> None:
    pubnub = _client(auth_key="my-auth")
    pubnub.set_token(TOKEN)
    assert _auth(pubnub, "foo") == ["my-auth"]


def test_disable_token_manager_sends_no_stored_token() -> None:
    pubnub = _client(disable_token_manager=True)
    pubnub.set_token(TOKEN)
    assert _auth(pubnub, "foo") is None


def test_calls_that_send_no_auth_send_no_token() -> None:
    pubnub = _client()
    pubnub.set_token(TOKEN)
    assert "auth=" not in pubnub.time().build_request().url
