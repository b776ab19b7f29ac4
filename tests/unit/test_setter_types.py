"""Every public builder setter of every endpoint, given values of the wrong type.

Each call starts from a builder that would be sent as is (``BASELINES``), then one setter gets a
wrong value. The outcome must be a request (4.8.1 accepted the value: ``channel(None)`` names the
channel "None", ``channel(123)`` the channel "123") or a ``PubNubException`` carrying a
``PNERR_*`` text, raised while the call is built, so that ``.future()`` resolves to an error
envelope and ``.pn_async()`` reports an error status. Never a TypeError, ValueError,
AttributeError or RecursionError escaping from the setter or the call.
"""
from __future__ import annotations

import inspect
import io

import pytest

from pubnub import _outcome, errors
from pubnub._api import EndpointFactories
from pubnub.endpoints.endpoint import Endpoint
from pubnub.endpoints.message_count import MISMATCH_MESSAGE
from pubnub.enums import PNStatusCategory
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_actions import PNMessageAction
from pubnub.models.consumer.objects_v2.channel_members import PNUUID
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership
from pubnub.models.consumer.v3.channel import Channel

from .support import make_client

PNERR_TEXTS = {value for name, value in vars(errors).items() if name.startswith("PNERR")}


def _action():
    action = PNMessageAction()
    action.type, action.value, action.message_timetoken = "reaction", "smile", "15"
    return action


# A builder that is complete, per factory: the wrong value is then the only problem.
BASELINES = {
    "add_channel_to_channel_group": lambda e: e.channels("a").channel_group("g"),
    "add_channels_to_push": lambda e: e.channels(["a"]).device_id("d").push_type(1),
    "add_message_action": lambda e: e.channel("c").message_action(_action()),
    "audit": lambda e: e.channels("a"),
    "delete_file": lambda e: e.channel("c").file_id("i").file_name("n"),
    "delete_messages": lambda e: e.channel("c"),
    "download_file": lambda e: e.channel("c").file_id("i").file_name("n"),
    "fetch_messages": lambda e: e.channels("a"),
    "fire": lambda e: e.channel("c").message("m"),
    "get_all_channel_metadata": lambda e: e,
    "get_all_uuid_metadata": lambda e: e,
    "get_channel_members": lambda e: e.channel("c"),
    "get_channel_metadata": lambda e: e.channel("c"),
    "get_file_url": lambda e: e.channel("c").file_id("i").file_name("n"),
    "get_memberships": lambda e: e.uuid("u"),
    "get_message_actions": lambda e: e.channel("c"),
    "get_state": lambda e: e.channels("a"),
    "get_uuid_metadata": lambda e: e.uuid("u"),
    "grant": lambda e: e.channels("a").read(True),
    "grant_token": lambda e: e.ttl(15).channels([Channel.id("a").read()]),
    "heartbeat": lambda e: e.channels("a"),
    "here_now": lambda e: e.channels("a"),
    "history": lambda e: e.channel("c"),
    "list_channels_in_channel_group": lambda e: e.channel_group("g"),
    "list_files": lambda e: e.channel("c"),
    "list_push_channels": lambda e: e.device_id("d").push_type(1),
    "manage_channel_members": lambda e: e.channel("c").set([PNUUID.uuid("u")]),
    "manage_memberships": lambda e: e.uuid("u").set([PNChannelMembership.channel("c")]),
    "message_counts": lambda e: e.channel("a").channel_timetokens([15]),
    "publish": lambda e: e.channel("c").message("m"),
    "publish_file_message": lambda e: e.channel("c").file_id("i").file_name("n").message("m"),
    "remove_channel_from_channel_group": lambda e: e.channels("a").channel_group("g"),
    "remove_channel_group": lambda e: e.channel_group("g"),
    "remove_channel_members": lambda e: e.channel("c").uuids([PNUUID.uuid("u")]),
    "remove_channel_metadata": lambda e: e.channel("c"),
    "remove_channels_from_push": lambda e: e.channels(["a"]).device_id("d").push_type(1),
    "remove_device_from_push": lambda e: e.device_id("d").push_type(1),
    "remove_memberships": lambda e: e.uuid("u").channel_memberships([PNChannelMembership.channel("c")]),
    "remove_message_action": lambda e: e.channel("c").message_timetoken(15).action_timetoken(16),
    "remove_uuid_metadata": lambda e: e.uuid("u"),
    "revoke": lambda e: e.channels("a"),
    "send_file": lambda e: e.channel("c").file_name("n").file_object(io.BytesIO(b"x")),
    "set_channel_members": lambda e: e.channel("c").uuids([PNUUID.uuid("u")]),
    "set_channel_metadata": lambda e: e.channel("c"),
    "set_memberships": lambda e: e.uuid("u").channel_memberships([PNChannelMembership.channel("c")]),
    "set_state": lambda e: e.channels("a").state({"k": 1}),
    "set_uuid_metadata": lambda e: e.uuid("u"),
    "signal": lambda e: e.channel("c").message("m"),
    "time": lambda e: e,
    "where_now": lambda e: e,
}
# Not setters: the steps of the send_file flow, which it calls itself with the service's answers.
FLOW_STEPS = {("send_file", "fetch_upload_details"), ("send_file", "publish_file_message"),
              ("download_file", "get_file_url"), ("download_file", "download_from")}
# 4.8.1: revoke() has no read/write/manage; calling them raises NotImplementedError whatever the
# value (MORE.md §2.3), kept.
NOT_IMPLEMENTED = {("revoke", "read"), ("revoke", "write"), ("revoke", "manage")}


class Opaque:
    """An object of no type any setter expects."""


def _deep(levels: int = 5000):
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


WRONG = {"None": None, "int": 123, "empty": "", "ints": [1, 2], "dict": {"a": 1}, "object": Opaque(),
         "nan": float("nan"), "deep": _deep(), "bytes": b"x", "bool": True}

FACTORIES = sorted(name for name, value in vars(EndpointFactories).items()
                   if callable(value) and not name.startswith("_"))
_HOOKS = set(dir(Endpoint))


def _arity(method):
    """Required positional parameters (1 for ``*args``); 0 means not a setter."""
    parameters = inspect.signature(method).parameters.values()
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return 1
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return len([p for p in parameters if p.default is p.empty and p.kind in positional])


def setters_of(endpoint):
    """Public methods taking a value, other than the 4.8.1 hooks and the validate_* helpers."""
    names = set()
    for cls in type(endpoint).__mro__:
        if cls is Endpoint:
            break
        names.update(name for name, value in vars(cls).items()
                     if callable(value) and not name.startswith(("_", "validate")) and not name.isupper()
                     and name not in _HOOKS and _arity(getattr(endpoint, name)) > 0)
    return sorted(names)


def test_every_factory_has_a_baseline_that_builds():
    client = make_client(secret_key="sec", auth_key="auth")
    assert sorted(BASELINES) == FACTORIES
    for factory in FACTORIES:
        endpoint = BASELINES[factory](getattr(client, factory)())
        if endpoint.flow() is None:
            endpoint.build_request()
        else:
            endpoint.check_input()


CASES = [(factory, setter) for factory in FACTORIES for setter in setters_of(getattr(make_client(), factory)())
         if (factory, setter) not in FLOW_STEPS]


def test_the_pass_covers_the_setters():
    assert len(CASES) > 200
    assert ("publish", "ttl") in CASES and ("get_all_uuid_metadata", "limit") in CASES


def outcome(factory, setter, value):
    """"sent", or raise the PubNubException the call fails with (as a client reports a call refused
    before sending: ``_outcome.from_invalid_input``, with PNBadRequestCategory); anything else
    escapes (from the setter) or fails the assertions."""
    client = make_client(secret_key="sec", auth_key="auth")
    endpoint = BASELINES[factory](getattr(client, factory)())
    method = getattr(endpoint, setter)
    method(*([value] * _arity(method)))
    try:
        if endpoint.flow() is None:
            endpoint.build_request()
        else:
            endpoint.check_input()
    except Exception as e:
        status = _outcome.from_invalid_input(endpoint, e).status
        error = status.error_data.exception
        assert status.category == PNStatusCategory.PNBadRequestCategory, (factory, setter, repr(e))
        assert error.pn_error in PNERR_TEXTS or str(error) == "None: " + MISMATCH_MESSAGE, (factory, setter, error)
        raise error from None
    return "sent"


@pytest.mark.parametrize(("factory", "setter"), CASES)
def test_wrong_types_give_a_pubnub_exception_or_are_accepted(factory, setter):
    for name, value in WRONG.items():
        if (factory, setter) in NOT_IMPLEMENTED:
            with pytest.raises(NotImplementedError):
                outcome(factory, setter, value)
            continue
        try:
            outcome(factory, setter, value)
        except PubNubException:
            pass  # refused, with a PNERR text and PNBadRequestCategory (checked by outcome())
        except Exception as e:
            pytest.fail("%s().%s(%s) raised %s: %s" % (factory, setter, name, type(e).__name__, e))


@pytest.mark.parametrize(("factory", "setter", "value"), [
    ("publish", "ttl", None), ("publish", "ttl", ""), ("publish", "ttl", float("nan")),
    ("get_all_uuid_metadata", "limit", ""), ("get_all_uuid_metadata", "limit", [1]),
    ("here_now", "channels", 123), ("grant", "auth_keys", Opaque()), ("fetch_messages", "channels", [["a"]]),
    ("set_uuid_metadata", "custom", [1, 2]), ("grant_token", "channels", ["not a resource"]),
    # str() of 5,000 levels succeeds on Python 3.13 (its C recursion limit is higher); 100,000 fails everywhere
    ("set_memberships", "channel_memberships", ["c"]), ("publish", "channel", _deep(100000)),
    ("get_all_channel_metadata", "page", "MTA"),
])
def test_refused_values_name_the_setter(factory, setter, value):
    with pytest.raises(PubNubException) as caught:
        outcome(factory, setter, value)
    assert caught.value.pn_error == errors.PNERR_PAM_INVALID_ARGUMENTS
    assert "%s()" % setter in str(caught.value)


@pytest.mark.parametrize(("factory", "setter", "value", "channel"), [
    ("publish", "channel", None, "None"), ("publish", "channel", 123, "123"), ("history", "channel", 7, "7"),
])
def test_values_4_8_1_accepted_are_still_sent(factory, setter, value, channel):
    client = make_client()
    request = getattr(BASELINES[factory](getattr(client, factory)()), setter)(value).build_request()
    assert "/%s" % channel in request.url
