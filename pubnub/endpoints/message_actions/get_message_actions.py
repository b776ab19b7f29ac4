"""Get message actions: list a channel's actions, ascending by action timetoken, with paging."""
from __future__ import annotations

import copy
from typing import Any, Dict, Optional, TypeVar

from pubnub import utils
from pubnub._flows import Flow
from pubnub.endpoints._setter_input import require
from pubnub.endpoints.endpoint import ClientT, Endpoint, QueryValue, Timetoken, range_params
from pubnub.endpoints.message_actions.validation import require_timetoken
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING, PNERR_PAM_INVALID_ARGUMENTS
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_actions import PNGetMessageActionsResult
from pubnub.structures import Envelope

_GetMessageActionsT = TypeVar("_GetMessageActionsT", bound="GetMessageActions")


class GetMessageActions(Endpoint[PNGetMessageActionsResult, ClientT]):
    """``pubnub.get_message_actions().channel(ch).start(s).end(e).limit(n)``.

    Returns actions with ``end <= action timetoken < start``. ``start``, ``end`` and ``limit``
    are all sent whenever set (4.8.1 dropped ``end`` when ``start`` was set). When the service
    has more actions in the range the result's ``more`` says where to continue; with
    ``fetch_all()`` the client follows ``more`` itself and returns every action in one result.
    """

    OPERATION = PNOperationType.PNGetMessageActions
    NAME = "Get message actions"
    GET_MESSAGE_ACTIONS_PATH = "/v1/message-actions/%s/channel/%s"
    MAX_LIMIT = 100

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Optional[str] = None
        self._start: Any = None
        self._end: Any = None
        self._limit: Any = None
        self._fetch_all = False

    def channel(self: _GetMessageActionsT, channel: object) -> _GetMessageActionsT:
        self._channel = self._as_text(channel, "channel")
        return self

    def start(self: _GetMessageActionsT, start: Timetoken) -> _GetMessageActionsT:
        self._start = start
        return self

    def end(self: _GetMessageActionsT, end: Timetoken) -> _GetMessageActionsT:
        self._end = end
        return self

    def limit(self: _GetMessageActionsT, limit: Optional[int]) -> _GetMessageActionsT:
        self._limit = limit
        return self

    def fetch_all(self: _GetMessageActionsT, fetch_all: bool = True) -> _GetMessageActionsT:
        """Follow the service's ``more`` pages and return every action in the range at once."""
        self._fetch_all = bool(fetch_all)
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        require(self._channel, PNERR_CHANNEL_MISSING)
        for bound in (self._start, self._end):
            if bound is not None:
                require_timetoken(bound, PNERR_MESSAGE_ACTION_TIMETOKEN_MISSING)
        limit = self._limit
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise PubNubException(pn_error=PNERR_PAM_INVALID_ARGUMENTS, errormsg="limit must be a positive integer")

    def build_path(self) -> str:
        return self.GET_MESSAGE_ACTIONS_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self._channel))

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        params.update(range_params(self._start, self._end))
        if self._limit is not None:
            params["limit"] = str(self._limit)
        return params

    def create_response(self, envelope: Any) -> PNGetMessageActionsResult:
        return PNGetMessageActionsResult(envelope)

    def flow(self) -> Optional[Flow]:
        return self._all_pages() if self._fetch_all else None

    def _all_pages(self) -> Flow:
        page = copy.copy(self)
        page._fetch_all = False
        envelope = yield page
        actions = []
        while True:
            if envelope.status.is_error():
                return envelope
            actions.extend(envelope.result.actions)
            more = envelope.result.more
            next_start = more.get("start") if more else None
            if not next_start or (page._start is not None and int(next_start) >= int(page._start)):
                break  # no more pages (or a cursor that would not advance)
            page = copy.copy(page)
            page._start = next_start
            page._end = more.get("end", page._end)
            page._limit = more.get("limit", page._limit)
            envelope = yield page
        result = envelope.result
        result.actions = sorted(actions, key=lambda action: int(action.action_timetoken or 0))
        result._result = dict(result._result, data=[action.to_dict() for action in result.actions])
        result._result.pop("more", None)
        return Envelope(result, envelope.status)
