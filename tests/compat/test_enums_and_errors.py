"""The 4.8.1 enums, error texts, exception text and status fields (CORE §9), pinned by value."""
from __future__ import annotations

from typing import Any, Dict, Tuple

import pytest

import pubnub.errors
from pubnub import enums
from pubnub.endpoints.endpoint import Endpoint
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.common import PNStatus
from pubnub.models.consumer.pn_error_data import PNErrorData
from pubnub.pnconfiguration import PNConfiguration
from pubnub.pubnub_tornado import PubNubTornado

STATUS_CATEGORIES = {
    "PNUnknownCategory": 1, "PNAcknowledgmentCategory": 2, "PNAccessDeniedCategory": 3, "PNTimeoutCategory": 4,
    "PNNetworkIssuesCategory": 5, "PNConnectedCategory": 6, "PNReconnectedCategory": 7,
    "PNDisconnectedCategory": 8, "PNUnexpectedDisconnectCategory": 9, "PNCancelledCategory": 10,
    "PNBadRequestCategory": 11, "PNMalformedFilterExpressionCategory": 12, "PNMalformedResponseCategory": 13,
    "PNDecryptionErrorCategory": 14, "PNTLSConnectionFailedCategory": 15, "PNTLSUntrustedCertificateCategory": 16,
    "PNInternalExceptionCategory": 17,
}

OPERATION_TYPES = {
    "PNSubscribeOperation": 1, "PNUnsubscribeOperation": 2, "PNPublishOperation": 3, "PNHistoryOperation": 4,
    "PNWhereNowOperation": 5, "PNHeartbeatOperation": 6, "PNSetStateOperation": 7,
    "PNAddChannelsToGroupOperation": 8, "PNRemoveChannelsFromGroupOperation": 9, "PNChannelGroupsOperation": 10,
    "PNRemoveGroupOperation": 11, "PNChannelsForGroupOperation": 12,
    "PNPushNotificationEnabledChannelsOperation": 13, "PNAddPushNotificationsOnChannelsOperation": 14,
    "PNRemovePushNotificationsFromChannelsOperation": 15, "PNRemoveAllPushNotificationsOperation": 16,
    "PNTimeOperation": 17, "PNHereNowOperation": 18, "PNGetState": 19, "PNAccessManagerAudit": 20,
    "PNAccessManagerGrant": 21, "PNAccessManagerRevoke": 22, "PNHistoryDeleteOperation": 23,
    "PNMessageCountOperation": 24, "PNFireOperation": 25, "PNSignalOperation": 26,
    "PNAccessManagerGrantToken": 41, "PNAddMessageAction": 42, "PNGetMessageActions": 43,
    "PNDeleteMessageAction": 44, "PNFetchMessagesOperation": 45, "PNGetFilesAction": 46,
    "PNDeleteFileOperation": 47, "PNGetFileDownloadURLAction": 48, "PNFetchFileUploadS3DataAction": 49,
    "PNDownloadFileAction": 50, "PNSendFileAction": 51, "PNSendFileNotification": 52,
    "PNSetUuidMetadataOperation": 53, "PNGetUuidMetadataOperation": 54, "PNRemoveUuidMetadataOperation": 55,
    "PNGetAllUuidMetadataOperation": 56, "PNSetChannelMetadataOperation": 57, "PNGetChannelMetadataOperation": 58,
    "PNRemoveChannelMetadataOperation": 59, "PNGetAllChannelMetadataOperation": 60,
    "PNSetChannelMembersOperation": 61, "PNGetChannelMembersOperation": 62, "PNRemoveChannelMembersOperation": 63,
    "PNManageChannelMembersOperation": 64, "PNSetMembershipsOperation": 65, "PNGetMembershipsOperation": 66,
    "PNRemoveMembershipsOperation": 67, "PNManageMembershipsOperation": 68,
}

SMALL_ENUMS: Dict[str, Dict[str, Any]] = {
    "HttpMethod": {"GET": 1, "POST": 2, "DELETE": 3, "PATCH": 4},
    "PNReconnectionPolicy": {"NONE": 1, "LINEAR": 2, "EXPONENTIAL": 3},
    "PNHeartbeatNotificationOptions": {"NONE": 1, "FAILURES": 2, "ALL": 3},
    "PNPushType": {"APNS": 1, "MPNS": 2, "GCM": 3, "APNS2": 4},
    "PNPushEnvironment": {"DEVELOPMENT": "development", "PRODUCTION": "production"},
    "PNResourceType": {"CHANNEL": "channel", "GROUP": "group", "USER": "user", "SPACE": "space"},
    "PNMatchType": {"RESOURCE": "resource", "PATTERN": "pattern"},
}

ERROR_TEXTS = {
    "PNERR_CLIENT_TIMEOUT": "Client Timeout",
    "PNERR__TIMEOUT": "Timeout Occurred",
    "PNERR_REQUEST_CANCELLED": "HTTP Client Error",
    "PNERR_HTTP_ERROR": "HTTP Error",
    "PNERR_CONNECTION_ERROR": "Connection Error",
    "PNERR_TOO_MANY_REDIRECTS_ERROR": "Too many redirects",
    "PNERR_SERVER_ERROR": "HTTP Server Error",
    "PNERR_CLIENT_ERROR": "HTTP Client Error",
    "PNERR_UNKNOWN_ERROR": "Unknown Error",
    "PNERR_CHANNEL_MISSING": "Channel missing",
    "PNERR_CHANNELS_MISSING": "Channels missing",
    "PNERR_GROUP_MISSING": "Channel group missing",
    "PNERR_MESSAGE_MISSING": "Message missing",
    "PNERR_SUBSCRIBE_KEY_MISSING": "Subscribe key not configured",
    "PNERR_SECRET_KEY_MISSING": "Secret key is not configured",
    "PNERR_PUBLISH_KEY_MISSING": "Publish key not configured",
    "PNERR_PUBLISH_META_WRONG_TYPE": "Publish meta should be dict",
    "PNERR_DEFERRED_NOT_IMPLEMENTED": "Deferred endpoint call is not implemented by this platform",
    "PNERR_JSON_DECODING_FAILED": "JSON decoding failed",
    "PNERR_JSON_NOT_SERIALIZABLE": "Trying to publish not JSON serializable object",
    "PNERR_CHANNEL_OR_GROUP_MISSING": "Channel or group missing",
    "PNERR_STATE_MISSING": "State missing or not a dict",
    "PNERR_UUID_MISSING": "uuid missing or not a string",
    "PNERR_STATE_SETTER_FOR_GROUPS_NOT_SUPPORTED_YET": "State setter for channel groups is not supported yet",
    "PNERR_PUSH_DEVICE_MISSING": "Device ID is missing for push operation",
    "PNERROR_PUSH_TYPE_MISSING": "Push Type is missing",
    "PNERR_PAM_NO_FLAGS": "At least one flag should be specified",
    "PNERR_PAM_INVALID_ARGUMENTS": "Invalid arguments",
    "PNERR_RESOURCES_MISSING": "Resources missing",
    "PNERR_TTL_MISSING": "TTL missing",
    "PNERR_INVALID_META": "Invalid meta parameter",
    "PNERR_PERMISSION_MISSING": "Permission missing",
    "PNERR_INVALID_ACCESS_TOKEN": "Invalid access token",
    "PNERR_MESSAGE_ACTION_MISSING": "Message action is missing",
    "PNERR_MESSAGE_ACTION_TYPE_MISSING": "Message action type is missing",
    "PNERR_MESSAGE_ACTION_VALUE_MISSING": "Message action value is missing",
    "PNERR_MESSAGE_TIMETOKEN_MISSING": "Message timetoken is missing",
    "PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING": "Message action timetoken is missing",
    "PNERR_HISTORY_MESSAGE_ACTIONS_MULTIPLE_CHANNELS": (
        "History can return message action data for a single channel only. "
        "Either pass a single channel or disable the include_message_actions flag. "),
    "PNERR_PUSH_TOPIC_MISSING": "Push notification topic is missing. Required only if push type is APNS2.",
    "PNERR_FILE_OBJECT_MISSING": "File object is missing.",
    "PNERR_FILE_NAME_MISSING": "File name is missing.",
    "PNERR_FILE_ID_MISSING": "File id is missing.",
}

STATUS_FIELDS = ("category", "error_data", "error", "status_code", "operation", "tls_enabled", "uuid", "auth_key",
                 "origin", "client_request", "client_response", "original_response", "affected_channels",
                 "affected_groups", "affected_channels_groups")


def _members(cls: type) -> Dict[str, Any]:
    return {name: value for name, value in vars(cls).items()
            if not name.startswith("_") and isinstance(value, (int, str))}


def test_status_categories() -> None:
    assert _members(enums.PNStatusCategory).items() >= STATUS_CATEGORIES.items()


def test_operation_types() -> None:
    members = _members(enums.PNOperationType)
    assert members.items() >= OPERATION_TYPES.items()
    assert len(set(members.values())) == len(members), "each operation has its own number"


@pytest.mark.parametrize("name", list(SMALL_ENUMS))
def test_small_enums(name: str) -> None:
    assert _members(getattr(enums, name)).items() >= SMALL_ENUMS[name].items()


def test_http_method_names() -> None:
    assert [enums.HttpMethod.string(code) for code in (1, 2, 3, 4)] == ["GET", "POST", "DELETE", "PATCH"]


@pytest.mark.parametrize("name, text", list(ERROR_TEXTS.items()))
def test_error_texts(name: str, text: str) -> None:
    assert getattr(pubnub.errors, name) == text


@pytest.mark.parametrize("args, kwargs, text", [
    ((), {"errormsg": '{"message": "Forbidden", "payload": {"channels": ["forbidden"]}, "error": true, '
                      '"service": "Access Manager", "status": 403}', "status_code": 403,
          "pn_error": "HTTP Client Error"},
     'HTTP Client Error (403): {"message": "Forbidden", "payload": {"channels": ["forbidden"]}, "error": true, '
     '"service": "Access Manager", "status": 403}'),
    (('[0, "Invalid Key", "16000000000000001"]', 400, "HTTP Client Error"), {},
     'HTTP Client Error (400): [0, "Invalid Key", "16000000000000001"]'),
    ((), {"pn_error": "Channel missing"}, "Channel missing"),
    ((), {"errormsg": "Timeout during request", "pn_error": "Client Timeout"},
     "Client Timeout: Timeout during request"),
    (("The number of channels and the number of timetokens do not match.",), {},
     "None: The number of channels and the number of timetokens do not match."),
    ((), {}, "None"),
])
def test_pubnub_exception_text(args: Tuple[Any, ...], kwargs: Dict[str, Any], text: str) -> None:
    error = PubNubException(*args, **kwargs)
    assert str(error) == text
    assert isinstance(error, Exception)


def test_pubnub_exception_attributes() -> None:
    status = PNStatus()
    error = PubNubException(errormsg="body", status_code=404, pn_error="HTTP Client Error", status=status)
    assert (error._errormsg, error._status_code, error._pn_error, error.status) == (
        "body", 404, "HTTP Client Error", status)
    bare = PubNubException()
    assert (bare._errormsg, bare._status_code, bare._pn_error, bare.status) == ("", 0, None, None)


def test_status_fields() -> None:
    status = PNStatus()
    for name in STATUS_FIELDS:
        assert getattr(status, name) is None, name
    assert status.is_error() is False
    status.error = True
    assert status.is_error() is True
    assert "affected_channels_groups" in vars(status)  # the documentation's status shows it


def test_statuses_made_by_endpoints_carry_both_group_fields() -> None:
    class GroupEndpoint(Endpoint):
        def affected_channels_groups(self) -> Any:
            return ["cg1"]

    config = PNConfiguration()
    config.subscribe_key = "sub-c-test"
    status = GroupEndpoint(PubNubTornado(config)).create_status(2, None, None, None)
    assert status.affected_groups == ["cg1"]
    assert vars(status)["affected_channels_groups"] == ["cg1"]


def test_error_data_fields() -> None:
    error = PubNubException(pn_error="Channel missing")
    data = PNErrorData(str(error), error)
    assert data.information == "Channel missing" and data.exception is error


def test_name_of_gives_member_names_for_output() -> None:
    # An addition: statuses carry the 4.x integers; name_of() turns them into names for logs.
    assert enums.PNStatusCategory.name_of(2) == "PNAcknowledgmentCategory"
    assert enums.PNStatusCategory.name_of(enums.PNStatusCategory.PNTimeoutCategory) == "PNTimeoutCategory"
    assert enums.PNOperationType.name_of(42) == "PNAddMessageAction"
    assert enums.PNOperationType.name_of(enums.PNOperationType.PNSubscribeOperation) == "PNSubscribeOperation"
    assert enums.PNStatusCategory.name_of(999) == "999" and enums.PNOperationType.name_of(None) == "None"
    assert _members(enums.PNStatusCategory).items() >= STATUS_CATEGORIES.items()  # still plain ints
