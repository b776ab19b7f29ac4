"""Publish: send a message to one channel (GET, or POST with ``use_post(True)``)."""
from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Sequence, TypeVar, Union

from pubnub import utils
from pubnub.endpoints._setter_input import require
from pubnub.endpoints.endpoint import ClientT, Endpoint, QueryValue, ResultT, Timetoken
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_MESSAGE_MISSING, PNERR_PUBLISH_META_WRONG_TYPE
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.pubsub import PNPublishResult

_PublishBaseT = TypeVar("_PublishBaseT", bound="PublishBase")
_PublishT = TypeVar("_PublishT", bound="Publish")


class PublishBase(Endpoint[ResultT, ClientT]):
    """What publish and fire share: the builder, the payload (encrypted with a cipher key), POST."""

    NAME = "Publish"
    PUBLISH_GET_PATH = "/publish/%s/%s/0/%s/%s/%s"
    PUBLISH_POST_PATH = "/publish/%s/%s/0/%s/%s"
    PREENCODED_PARAMS: Sequence[str] = ("meta",)

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Optional[str] = None
        self._message: Any = None
        self._use_post: Optional[bool] = None
        self._meta: Any = None

    def channel(self: _PublishBaseT, channel: object) -> _PublishBaseT:
        self._channel = self._as_text(channel, "channel")
        return self

    def message(self: _PublishBaseT, message: object) -> _PublishBaseT:
        self._message = message
        return self

    def use_post(self: _PublishBaseT, use_post: object) -> _PublishBaseT:
        self._use_post = bool(use_post)
        return self

    def meta(self: _PublishBaseT, meta: Optional[Dict[str, Any]]) -> _PublishBaseT:
        self._meta = meta
        return self

    def http_method(self) -> int:
        return HttpMethod.POST if self._use_post else HttpMethod.GET

    def validate_params(self) -> None:
        require(self._channel, PNERR_CHANNEL_MISSING)
        if self._message is None:
            raise PubNubException(pn_error=PNERR_MESSAGE_MISSING)
        if self._meta is not None and not isinstance(self._meta, dict):
            raise PubNubException(pn_error=PNERR_PUBLISH_META_WRONG_TYPE)
        self.validate_subscribe_key()
        self.validate_publish_key()

    def _payload(self) -> str:
        """The message as JSON text; with a cipher key, the ciphertext as a JSON string."""
        text = utils.write_value_as_string(self._message)
        cipher_key = self.pubnub.config.cipher_key
        if cipher_key:
            return '"%s"' % self.pubnub.config.crypto.encrypt(cipher_key, text)
        return text

    def build_path(self) -> str:
        config = self.pubnub.config
        channel = utils.url_encode(self._channel)
        if self._use_post:
            return self.PUBLISH_POST_PATH % (config.publish_key, config.subscribe_key, channel, 0)
        return self.PUBLISH_GET_PATH % (config.publish_key, config.subscribe_key, channel, 0,
                                        utils.url_encode(self._payload()))

    def build_data(self) -> Optional[str]:
        return self._payload() if self._use_post else None

    def _signature(self, path: str, params: Mapping[str, str], body: Optional[str]) -> str:
        if not self._use_post:
            return super()._signature(path, params, body)
        # POST publish is signed with the v1 form (body not covered)
        return utils.sign_request_v1(self.validate_secret_key(), self.validate_subscribe_key(),
                                     self.validate_publish_key(), path, params)

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        if self._meta:
            params["meta"] = utils.write_value_as_string(self._meta)
        return params


class Publish(PublishBase[PNPublishResult, ClientT]):
    """``pubnub.publish()``: store (by default) and deliver a message to a channel's subscribers.

    Every publish sent carries ``seqn``, the client's publish counter; the 4.8.1 view of the
    parameters (``custom_params()``, ``build_params_callback()``) does not, as in 4.8.1.
    """

    OPERATION = PNOperationType.PNPublishOperation

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._should_store: Optional[bool] = None
        self._replicate: Optional[bool] = None
        self._ptto: Any = None
        self._ttl: Optional[int] = None

    def should_store(self: _PublishT, should_store: object) -> _PublishT:
        self._should_store = bool(should_store)
        return self

    def replicate(self: _PublishT, replicate: object) -> _PublishT:
        self._replicate = bool(replicate)
        return self

    def ptto(self: _PublishT, timetoken: Timetoken) -> _PublishT:
        self._ptto = timetoken
        return self

    def ttl(self: _PublishT, ttl: Union[int, float, str]) -> _PublishT:
        """Hours the message stays in storage (sent as ``ttl``)."""
        self._ttl = self._as_int(ttl, "ttl")
        return self

    def custom_params(self) -> Dict[str, QueryValue]:
        params = super().custom_params()
        if self._ptto:
            params["ptto"] = self._ptto
        if self._replicate is not None:
            params["norep"] = "false" if self._replicate else "true"
        if self._should_store is not None:
            params["store"] = "1" if self._should_store else "0"
        if self._ttl is not None:
            params["ttl"] = self._ttl
        return params

    def _query(self, path: str, body: Optional[str],
               params: Optional[Dict[str, QueryValue]] = None) -> Dict[str, QueryValue]:
        if params is None:
            # Sending: the client's next sequence number joins the parameters (and the signature).
            # 4.8.1 added it at send time, so it is not part of the custom_params() view.
            params = self.custom_params()
            params["seqn"] = str(self.pubnub._publish_sequence_manager.get_next_sequence())
        return super()._query(path, body, params)

    def create_response(self, envelope: Any) -> PNPublishResult:
        return PNPublishResult(envelope, int(envelope[2]))
