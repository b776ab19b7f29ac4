"""Fire: a publish that is neither stored nor replicated (``store=0&norep=1``).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.pubsub.publish import PublishBase
from pubnub.enums import PNOperationType
from pubnub.models.consumer.pubsub import PNFireResult


class Fire(PublishBase[PNFireResult, ClientT]):
    """``pubnub.fire().channel(ch).message(msg)[.meta(dict)][.use_post(True)]``.

    Delivered to current subscribers only. Encrypted like publish when a cipher key is set;
    no ``seqn``. ``meta`` is sent whenever it is not None (also ``{}``), percent-encoded like
    every query value (4.8.1 put the JSON into the URL unencoded).
    """

    OPERATION = PNOperationType.PNFireOperation
    NAME = "Fire"
    FIRE_GET_PATH = "/publish/%s/%s/0/%s/%s/%s"
    FIRE_POST_PATH = "/publish/%s/%s/0/%s/%s"
    PUBLISH_GET_PATH = FIRE_GET_PATH
    PUBLISH_POST_PATH = FIRE_POST_PATH
    # 4.8.1 held fire's meta as plain JSON in its parameter map (publish held it encoded).
    PREENCODED_PARAMS = ()  # 4.8.1 held fire's meta unencoded

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        if self._meta is not None:
            params["meta"] = utils.write_value_as_string(self._meta)
        params["store"] = "0"
        params["norep"] = "1"
        return params

    def create_response(self, envelope: Any) -> PNFireResult:
        return PNFireResult(envelope, int(envelope[2]))
