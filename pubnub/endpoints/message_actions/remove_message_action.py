"""Remove message action: delete one action from a published message."""
from __future__ import annotations

from typing import Any, Optional, TypeVar, Union

from pubnub import utils
from pubnub.endpoints._setter_input import require
from pubnub.endpoints.endpoint import ClientT, Endpoint
from pubnub.endpoints.message_actions.validation import require_timetoken
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING, PNERR_MESSAGE_TIMETOKEN_MISSING
from pubnub.models.consumer.message_actions import PNRemoveMessageActionResult

_RemoveMessageActionT = TypeVar("_RemoveMessageActionT", bound="RemoveMessageAction")


class RemoveMessageAction(Endpoint[PNRemoveMessageActionResult, ClientT]):
    """``pubnub.remove_message_action().channel(ch).action_timetoken(a).message_timetoken(m)``; result ``{}``."""

    OPERATION = PNOperationType.PNDeleteMessageAction
    NAME = "Remove message action"
    HTTP_METHOD = HttpMethod.DELETE
    REMOVE_MESSAGE_ACTION_PATH = "/v1/message-actions/%s/channel/%s/message/%s/action/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Optional[str] = None
        self._action_timetoken: Any = None
        self._message_timetoken: Any = None

    def channel(self: _RemoveMessageActionT, channel: object) -> _RemoveMessageActionT:
        self._channel = self._as_text(channel, "channel")
        return self

    def action_timetoken(self: _RemoveMessageActionT, action_timetoken: Union[int, str]) -> _RemoveMessageActionT:
        self._action_timetoken = action_timetoken
        return self

    def message_timetoken(self: _RemoveMessageActionT, message_timetoken: Union[int, str]) -> _RemoveMessageActionT:
        self._message_timetoken = message_timetoken
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        require(self._channel, PNERR_CHANNEL_MISSING)
        require_timetoken(self._message_timetoken, PNERR_MESSAGE_TIMETOKEN_MISSING)
        require_timetoken(self._action_timetoken, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING)

    def build_path(self) -> str:
        return self.REMOVE_MESSAGE_ACTION_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self._channel),
                                                  self._message_timetoken, self._action_timetoken)

    def create_response(self, envelope: Any) -> PNRemoveMessageActionResult:
        return PNRemoveMessageActionResult()
