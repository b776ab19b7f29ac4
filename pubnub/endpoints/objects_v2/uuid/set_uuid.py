"""``set_uuid_metadata()``: create or replace a uuid's name, email, external id, profile URL and custom data.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import CustomAwareEndpoint, IncludeCustomEndpoint, UuidEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.models.consumer.objects_v2.uuid import PNSetUUIDMetadataResult

_SetUuidT = TypeVar("_SetUuidT", bound="SetUuid")


class SetUuid(UuidEndpoint[PNSetUUIDMetadataResult, ClientT],
              IncludeCustomEndpoint[PNSetUUIDMetadataResult, ClientT],
              CustomAwareEndpoint[PNSetUUIDMetadataResult, ClientT]):
    """``PATCH /v2/objects/{sub}/uuids/{uuid}``; every field is sent, unset ones as ``null`` (which clears them)."""

    OPERATION = PNOperationType.PNSetUuidMetadataOperation
    NAME = "Set UUID"
    HTTP_METHOD = HttpMethod.PATCH
    SET_UID_PATH = "/v2/objects/%s/uuids/%s"
    PATH = SET_UID_PATH
    RESULT = PNSetUUIDMetadataResult

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._name: Optional[str] = None
        self._email: Optional[str] = None
        self._external_id: Optional[str] = None
        self._profile_url: Optional[str] = None

    def set_name(self: _SetUuidT, name: object) -> _SetUuidT:
        """The display name (``name()`` is taken by the endpoint's own name)."""
        self._name = self._as_text(name, "set_name")
        return self

    def email(self: _SetUuidT, email: object) -> _SetUuidT:
        self._email = self._as_text(email, "email")
        return self

    def external_id(self: _SetUuidT, external_id: object) -> _SetUuidT:
        self._external_id = self._as_text(external_id, "external_id")
        return self

    def profile_url(self: _SetUuidT, profile_url: object) -> _SetUuidT:
        self._profile_url = self._as_text(profile_url, "profile_url")
        return self

    def build_data(self) -> str:
        return utils.write_value_as_string({"name": self._name, "email": self._email, "externalId": self._external_id,
                                            "profileUrl": self._profile_url, "custom": self._custom})
