"""Objects v2 result models, page cursors, sort keys and member/membership items."""
from __future__ import annotations

import pytest

from pubnub.models.consumer.objects_v2.channel import (
    PNChannelMetadataResult,
    PNGetAllChannelMetadataResult,
    PNGetChannelMetadataResult,
    PNRemoveChannelMetadataResult,
    PNSetChannelMetadataResult,
)
from pubnub.models.consumer.objects_v2.channel_members import (
    PNUUID,
    JustUUID,
    PNGetChannelMembersResult,
    PNManageChannelMembersResult,
    PNRemoveChannelMembersResult,
    PNSetChannelMembersResult,
    UUIDWithCustom,
)
from pubnub.models.consumer.objects_v2.memberships import (
    ChannelWithCustom,
    JustChannel,
    PNChannelMembership,
    PNGetMembershipsResult,
    PNManageMembershipsResult,
    PNMembershipResult,
    PNRemoveMembershipsResult,
    PNSetMembershipsResult,
)
from pubnub.models.consumer.objects_v2.page import Next, PNPage, PNPageable, Previous
from pubnub.models.consumer.objects_v2.sort import PNSortDirection, PNSortKey, PNSortKeyValue
from pubnub.models.consumer.objects_v2.uuid import (
    PNGetAllUUIDMetadataResult,
    PNGetUUIDMetadataResult,
    PNRemoveUUIDMetadataResult,
    PNSetUUIDMetadataResult,
    PNUUIDMetadataResult,
)

DATA = {"id": "someuuid", "name": "Some name"}

# MORE.md §6.7, verbatim (the "metatdata" typo and the reused texts included).
TEXTS = [
    (PNSetUUIDMetadataResult, "Set UUID metatdata: %s"),
    (PNGetUUIDMetadataResult, "Get UUID metatdata: %s"),
    (PNRemoveUUIDMetadataResult, "Get UUID metatdata: %s"),
    (PNGetAllUUIDMetadataResult, "Get all UUID metatdata: %s"),
    (PNSetChannelMetadataResult, "Set Channel metatdata: %s"),
    (PNGetChannelMetadataResult, "Get Channel metatdata: %s"),
    (PNRemoveChannelMetadataResult, "Get Channel metatdata: %s"),
    (PNGetAllChannelMetadataResult, "Get all Channel metatdata: %s"),
    (PNSetChannelMembersResult, "Set Channel Members metatdata: %s"),
    (PNGetChannelMembersResult, "Get Channel Members metatdata: %s"),
    (PNRemoveChannelMembersResult, "Remove Channel Members metatdata: %s"),
    (PNManageChannelMembersResult, "Manage Channel Members metatdata: %s"),
    (PNSetMembershipsResult, "Set Memberships metatdata: %s"),
    (PNGetMembershipsResult, "Get Memberships metatdata: %s"),
    (PNRemoveMembershipsResult, "Remove Memberships metatdata: %s"),
    (PNManageMembershipsResult, "Manage Channel Members metatdata: %s"),
]

PAGEABLE = {PNGetAllUUIDMetadataResult, PNGetAllChannelMetadataResult, PNSetChannelMembersResult,
            PNGetChannelMembersResult, PNRemoveChannelMembersResult, PNManageChannelMembersResult,
            PNSetMembershipsResult, PNGetMembershipsResult, PNRemoveMembershipsResult, PNManageMembershipsResult}


@pytest.mark.parametrize(("cls", "text"), TEXTS)
def test_str_is_the_4_8_1_text(cls, text):
    assert str(cls({"status": 200, "data": DATA})) == text % DATA
    assert str(cls({"status": 200, "data": None})) == text % "None"


@pytest.mark.parametrize(("cls", "text"), TEXTS)
def test_data_and_status_come_from_the_body(cls, text):
    result = cls({"status": 200, "data": [DATA]})
    assert result.data == [DATA] and result.status == 200
    assert isinstance(result, PNPageable) == (cls in PAGEABLE)


def test_str_of_a_list_is_not_taken_as_format_arguments():
    assert str(PNGetAllUUIDMetadataResult({"data": []})) == "Get all UUID metatdata: []"


@pytest.mark.parametrize("cls", sorted(PAGEABLE, key=lambda c: c.__name__))
def test_pageable_fields(cls):
    result = cls({"status": 200, "data": [], "totalCount": 11, "next": "MTA", "prev": "MQ"})
    assert result.total_count == 11
    assert isinstance(result.next, Next) and result.next.hash == "MTA"
    assert isinstance(result.prev, Previous) and result.prev.hash == "MQ"


def test_pageable_fields_absent_or_empty_are_none():
    result = PNGetMembershipsResult({"status": 200, "data": [], "next": "", "prev": None})
    assert result.total_count is None and result.next is None and result.prev is None
    assert PNGetMembershipsResult({"status": 200, "data": []}).next is None


def test_page_cursor_stores_text_and_exposes_a_property():
    page = Next(15)
    assert page.hash == "15" and isinstance(page, PNPage)
    assert Previous("MQ") == Previous("MQ") and Previous("MQ") != Next("MQ")
    with pytest.raises(AttributeError):
        page.hash = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("key", "text"), [
    (PNSortKey.asc(PNSortKeyValue.ID), "id:asc"),
    (PNSortKey.desc(PNSortKeyValue.UPDATED), "updated:desc"),
    (PNSortKey.asc(PNSortKeyValue.NAME), "name:asc"),
    (PNSortKey(PNSortKeyValue.NAME, PNSortDirection.DESC), "name:desc"),
])
def test_sort_key_texts(key, text):
    assert "%s:%s" % (key.key_str(), key.dir_str()) == text


def test_sort_enums_values():
    assert [(m.name, m.value) for m in PNSortKeyValue] == [("ID", 1), ("NAME", 2), ("UPDATED", 3)]
    assert [(m.name, m.value) for m in PNSortDirection] == [("ASC", 1), ("DESC", 2)]


def test_member_items():
    plain = PNUUID.uuid(42)
    custom = PNUUID.uuid_with_custom("u2", {"role": "admin"})
    assert isinstance(plain, JustUUID) and isinstance(custom, UUIDWithCustom)
    assert isinstance(custom, PNUUID)
    assert plain.to_payload_dict() == {"uuid": {"id": "42"}}
    assert custom.to_payload_dict() == {"uuid": {"id": "u2"}, "custom": {"role": "admin"}}


def test_membership_items():
    plain = PNChannelMembership.channel("ch")
    custom = PNChannelMembership.channel_with_custom(7, {"starred": True})
    assert isinstance(plain, JustChannel) and isinstance(custom, ChannelWithCustom)
    assert plain.to_payload_dict() == {"channel": {"id": "ch"}}
    assert custom.to_payload_dict() == {"channel": {"id": "7"}, "custom": {"starred": True}}


def test_subscribe_event_models_are_kept():
    for cls, text in [(PNUUIDMetadataResult, "UUID set event with data: {'id': 'u'}"),
                      (PNChannelMetadataResult, "Channel set event with data: {'id': 'u'}"),
                      (PNMembershipResult, "Membership set event with data: {'id': 'u'}")]:
        event = cls("set", {"id": "u"})
        assert (event.event, event.data) == ("set", {"id": "u"})
        assert str(event) == text
