"""PAM v3 resource objects: constructors, accessors and which permissions each type offers."""
from __future__ import annotations

import pytest

from pubnub.models.consumer.v3.channel import Channel
from pubnub.models.consumer.v3.group import Group
from pubnub.models.consumer.v3.pn_resource import PNResource
from pubnub.models.consumer.v3.space import Space
from pubnub.models.consumer.v3.user import User


@pytest.mark.parametrize("cls", [User, Space, Channel, Group])
def test_id_and_pattern(cls):
    named = cls.id("name")
    assert isinstance(named, cls) and isinstance(named, PNResource)
    assert (named.is_pattern_resource(), named.get_id()) == (False, "name")
    pattern = cls.pattern("^n.*$")
    assert (pattern.is_pattern_resource(), pattern.get_id()) == (True, "^n.*$")
    assert not any((named.is_read(), named.is_write(), named.is_create(), named.is_manage(), named.is_delete()))


@pytest.mark.parametrize("cls", [User, Space])
def test_users_and_spaces_offer_all_five_permissions(cls):
    resource = cls.id("x").read().write().create().manage().delete()
    assert isinstance(resource, cls)
    assert (resource.is_read(), resource.is_write(), resource.is_create(), resource.is_manage(),
            resource.is_delete()) == (True,) * 5


def test_channel_permissions():
    channel = Channel.id("c").read().delete()
    assert (channel.is_read(), channel.is_write(), channel.is_delete()) == (True, False, True)
    assert not hasattr(channel, "manage") and not hasattr(channel, "create")


def test_group_permissions():
    group = Group.id("g").manage()
    assert (group.is_read(), group.is_manage()) == (False, True)
    assert not hasattr(group, "write") and not hasattr(group, "delete")


def test_flags_are_per_object():
    first = User.id("a").read()
    assert User.id("a").is_read() is False and first.is_read() is True
