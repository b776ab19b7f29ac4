"""Add message action: attach an action (reaction, receipt ...) to a published message."""
from __future__ import annotations

from typing import Any, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints._setter_input import require
from pubnub.endpoints.endpoint import ClientT, Endpoint
from pubnub.endpoints.message_actions.validation import require_text, require_timetoken
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_MESSAGE_ACTION_MISSING,
    PNERR_MESSAGE_ACTION_TYPE_MISSING,
    PNERR_MESSAGE_ACTION_VALUE_MISSING,
    PNERR_MESSAGE_TIMETOKEN_MISSING,
)
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_actions import PNAddMessageActionResult, PNMessageAction

_AddMessageActionT = TypeVar("_AddMessageActionT", bound="AddMessageAction")


class AddMessageAction(Endpoint[PNAddMessageActionResult, ClientT]):
    """``pubnub.add_message_action().channel(ch).message_action(PNMessageAction)``."""

    OPERATION = PNOperationType.PNAddMessageAction
    NAME = "Add message action"
    HTTP_METHOD = HttpMethod.POST
    ADD_MESSAGE_ACTION_PATH = "/v1/message-actions/%s/channel/%s/message/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Optional[str] = None
        self._message_action: Any = None

    def channel(self: _AddMessageActionT, channel: object) -> _AddMessageActionT:
        self._channel = self._as_text(channel, "channel")
        return self

    def message_action(self: _AddMessageActionT, message_action: PNMessageAction) -> _AddMessageActionT:
        self._message_action = message_action
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        require(self._channel, PNERR_CHANNEL_MISSING)
        action = self._message_action
        if not isinstance(action, PNMessageAction):
            raise PubNubException(pn_error=PNERR_MESSAGE_ACTION_MISSING)
        require_timetoken(action.message_timetoken, PNERR_MESSAGE_TIMETOKEN_MISSING)
        require_text(action.type, PNERR_MESSAGE_ACTION_TYPE_MISSING)
        require_text(action.value, PNERR_MESSAGE_ACTION_VALUE_MISSING)

    def build_path(self) -> str:
        return self.ADD_MESSAGE_ACTION_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self._channel),
                                               self._message_action.message_timetoken)

    def build_data(self) -> str:
        return utils.write_value_as_string({"type": self._message_action.type, "value": self._message_action.value})

    def create_response(self, envelope: Any) -> PNAddMessageActionResult:
        return PNAddMessageActionResult(envelope["data"])
