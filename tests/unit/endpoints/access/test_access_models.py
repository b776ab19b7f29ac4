"""PAM v2 result models: every recorded payload shape of grant and audit, flags and str()."""
from __future__ import annotations

import pytest

from pubnub.models.consumer.access_manager import (
    PNAccessManagerAuditResult,
    PNAccessManagerChannelData,
    PNAccessManagerChannelGroupData,
    PNAccessManagerGrantResult,
    PNAccessManagerKeyData,
    PNAccessManagerUuidsData,
)

FLAGS_2020 = {"r": 1, "w": 1, "m": 0, "d": 0, "g": 0, "u": 0, "j": 0}


def _key_flags(key: PNAccessManagerKeyData) -> tuple:
    return (key.read_enabled, key.write_enabled, key.manage_enabled, key.delete_enabled, key.get, key.update,
            key.join)


def test_str_of_the_documented_constructor_call():
    result = PNAccessManagerGrantResult(None, None, None, None, None, 3600, True, False, True, False)
    assert str(result) == ("New permissions are set for 3600 minutes: read True, write False, manage: True, "
                           "delete: False")
    audit = PNAccessManagerAuditResult(None, None, None, None, None)
    assert str(audit) == ("Current permissions are valid for 0 minutes: read None, write None, manage: None, "
                          "delete: None")


def test_flag_rule_is_true_for_1_false_otherwise_none_when_absent():
    key = PNAccessManagerKeyData.from_json({"r": 1, "w": 0, "m": 2, "d": "1", "ttl": 5})
    assert _key_flags(key) == (True, False, False, False, None, None, None) and key.ttl == 5


def test_channels_without_auth():
    result = PNAccessManagerGrantResult.from_json({"level": "channel", "subscribe_key": "sub", "ttl": 1440,
                                                   "channels": {"ch1": {"r": 1, "w": 1, "m": 0, "d": 0},
                                                                "ch2": {"r": 0, "w": 1, "m": 0, "d": 0}}})
    assert set(result.channels) == {"ch1", "ch2"} and result.groups == {} and result.uuids == {}
    ch1 = result.channels["ch1"]
    assert isinstance(ch1, PNAccessManagerChannelData) and ch1.name == "ch1"
    assert (ch1.read_enabled, ch1.write_enabled, ch1.get, ch1.ttl, ch1.auth_keys) == (True, True, None, None, {})
    assert result.channels["ch2"].read_enabled is False
    assert result.read_enabled is None and result.ttl == 1440


def test_one_channel_with_auth_is_flattened():
    result = PNAccessManagerGrantResult.from_json({
        "level": "user", "subscribe_key": "sub", "ttl": 60, "channel": "test channel",
        "auths": {"client auth key with spaces": FLAGS_2020}})
    channel = result.channels["test channel"]
    assert (channel.name, channel.ttl, channel.read_enabled) == ("test channel", 60, None)
    assert _key_flags(channel.auth_keys["client auth key with spaces"]) == (True, True, False, False, False, False,
                                                                             False)


def test_several_channels_with_auth_are_nested():
    result = PNAccessManagerGrantResult.from_json({
        "level": "user", "subscribe_key": "sub", "ttl": 1440,
        "channels": {"ch1": {"auths": {"key": {"r": 1, "w": 1, "m": 0, "d": 0}}}, "ch2": {"auths": {"key": {}}}}})
    assert result.channels["ch1"].auth_keys["key"].write_enabled is True
    assert result.channels["ch1"].read_enabled is None
    assert _key_flags(result.channels["ch2"].auth_keys["key"]) == (None,) * 7


def test_groups_without_auth():
    result = PNAccessManagerGrantResult.from_json({"level": "channel-group", "subscribe_key": "sub", "ttl": 1440,
                                                   "channel-groups": {"cg1": {"r": 1, "w": 1, "m": 0, "d": 0}}})
    group = result.groups["cg1"]
    assert isinstance(group, PNAccessManagerChannelGroupData) and group.read_enabled is True and result.channels == {}


@pytest.mark.parametrize("key", ["channel-groups", "channel-group"])
def test_one_group_with_auth_is_a_string(key):
    result = PNAccessManagerGrantResult.from_json({"level": "channel-group+auth", "subscribe_key": "sub", "ttl": 1440,
                                                   key: "cg", "auths": {"key": {"r": 1, "w": 1, "m": 0, "d": 0}}})
    group = result.groups["cg"]
    assert isinstance(group, PNAccessManagerChannelGroupData)
    assert (group.name, group.ttl, group.auth_keys["key"].read_enabled) == ("cg", 1440, True)


def test_several_groups_with_auth():
    result = PNAccessManagerGrantResult.from_json({"level": "channel-group+auth", "subscribe_key": "sub",
                                                   "channel-groups": {"cg1": {"auths": {"key": FLAGS_2020}}}})
    assert result.groups["cg1"].auth_keys["key"].manage_enabled is False


def test_uuid_grant():
    result = PNAccessManagerGrantResult.from_json({
        "level": "uuid", "subscribe_key": "SUB_KEY", "ttl": 120, "uuids": {"someuuid": {"auths": {"authKey123": {
            "r": 0, "w": 0, "m": 0, "d": 0, "g": 1, "u": 1, "j": 1}}}}})
    entry = result.uuids["someuuid"]
    assert isinstance(entry, PNAccessManagerUuidsData) and entry.name == "someuuid"
    assert _key_flags(entry.auth_keys["authKey123"]) == (False, False, False, False, True, True, True)


def test_subkey_audit_keeps_nested_entries_and_remaining_ttls():
    result = PNAccessManagerAuditResult.from_json({
        "level": "subkey", "subscribe_key": "sub", "r": 1, "m": 0, "w": 1, "ttl": 1440,
        "channels": {"ch": {"r": 1, "m": 0, "w": 1, "ttl": 166, "auths": {"key": {"r": 1, "m": 0, "w": 1,
                                                                                  "ttl": 166}}}},
        "channel-groups": {"cg": {"r": 1, "m": 0, "w": 1, "ttl": 30}}, "objects": {}})
    assert (result.read_enabled, result.write_enabled, result.manage_enabled, result.delete_enabled) == (
        True, True, False, None)
    assert result.channels["ch"].ttl == 166 and result.channels["ch"].auth_keys["key"].ttl == 166
    assert result.groups["cg"].ttl == 30
    assert str(result) == ("Current permissions are valid for 1440 minutes: read True, write True, manage: False, "
                           "delete: None")


def test_top_level_g_u_j_are_not_kept():
    result = PNAccessManagerGrantResult.from_json(dict(FLAGS_2020, level="subkey", subscribe_key="s", g=1))
    assert not hasattr(result, "get") and not hasattr(result, "join")


@pytest.mark.parametrize("missing", ["level", "subscribe_key"])
def test_level_and_subscribe_key_are_required(missing):
    payload = {"level": "subkey", "subscribe_key": "s"}
    del payload[missing]
    with pytest.raises(KeyError):
        PNAccessManagerGrantResult.from_json(payload)


def test_entry_defaults():
    entry = PNAccessManagerChannelData("c")
    assert (entry.name, entry.auth_keys, entry.read_enabled, entry.join, entry.ttl) == ("c", None, None, None, None)
