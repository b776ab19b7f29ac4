"""Step 3 of sending a file: publish the message that tells subscribers about it.

Layer: core. ``pubnub.publish_file_message()``; ``send_file()`` runs it for you.

The message travels in the path as JSON ``{"message": ..., "file": {"id": ..., "name": ...}}``,
encrypted with the message cipher when a cipher key applies (the builder's key wins over
``config.cipher_key``). As in 4.8.1, ``meta``, ``ttl`` and ``store`` are always sent, and nothing
is stored in history unless ``should_store(True)`` was called.
"""
from __future__ import annotations

from typing import Any, Dict, Sequence, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.file_operations.file_based_endpoint import FileMessageEndpoint, choose_cipher_key
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_FILE_ID_MISSING, PNERR_FILE_NAME_MISSING
from pubnub.models.consumer.file import PNPublishFileMessageResult

_PublishFileMessageT = TypeVar("_PublishFileMessageT", bound="PublishFileMessage")


class PublishFileMessage(FileMessageEndpoint[PNPublishFileMessageResult, ClientT]):
    """``GET /v1/files/publish-file/{pub}/{sub}/0/{channel}/0/{message}``; see ``PNPublishFileMessageResult``."""

    OPERATION = PNOperationType.PNSendFileAction
    NAME = "Publish file message"
    PUBLISH_FILE_MESSAGE = "/v1/files/publish-file/%s/%s/0/%s/0/%s"
    REQUIRED = (("_file_name", PNERR_FILE_NAME_MISSING), ("_file_id", PNERR_FILE_ID_MISSING))
    PREENCODED_PARAMS: Sequence[str] = ("meta",)

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._file_id: Any = None
        self._file_name: Any = None

    def file_id(self: _PublishFileMessageT, file_id: object) -> _PublishFileMessageT:
        self._file_id = file_id
        return self

    def file_name(self: _PublishFileMessageT, file_name: object) -> _PublishFileMessageT:
        self._file_name = file_name
        return self

    def validate_params(self) -> None:
        super().validate_params()
        self.validate_publish_key()  # 4.8.1 put the text "None" into the path instead

    def _payload(self) -> str:
        """The file message as JSON text, or its ciphertext as a JSON string."""
        text = utils.write_value_as_string({"message": self._message,
                                            "file": {"id": self._file_id, "name": self._file_name}})
        config = self.pubnub.config
        cipher_key = choose_cipher_key(self._cipher_key, config)
        if cipher_key:
            return '"%s"' % config.crypto.encrypt(cipher_key, text)
        return text

    def build_path(self) -> str:
        config = self.pubnub.config
        return self.PUBLISH_FILE_MESSAGE % (config.publish_key, config.subscribe_key, self.encoded_channel(),
                                            utils.url_encode(self._payload()))

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        if self._replicate is not None:
            params["norep"] = "false" if self._replicate else "true"
        if self._ptto:
            params["ptto"] = self._ptto
        params["meta"] = utils.write_value_as_string(self._meta)
        params["ttl"] = self._ttl
        params["store"] = "1" if self._should_store else "0"
        return params

    def create_response(self, envelope: Any) -> PNPublishFileMessageResult:
        return PNPublishFileMessageResult(envelope)
