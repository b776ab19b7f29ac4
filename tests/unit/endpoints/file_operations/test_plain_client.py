"""The same file endpoints on the plain client (``PubNub``): ``.sync()`` drives the flows, raises on failure."""
from __future__ import annotations

import json
from typing import Any, List, Tuple

import pytest

from pubnub._http import HttpRequest, HttpResponse
from pubnub.endpoints.file_operations.download_file import DownloadFileNative
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.endpoints.file_operations.list_files import ListFiles
from pubnub.endpoints.file_operations.send_file import SendFileNative
from pubnub.errors import PNERR_CHANNEL_MISSING
from pubnub.exceptions import PubNubException
from pubnub.pubnub import PubNub
from pubnub.structures import Envelope

from ...support import make_config
from ._files import CONTENT, DOWNLOAD_URL, FILE_ID, FILE_NAME, PUBLISHED, UPLOAD_DETAILS, UPLOAD_URL


class ScriptedTransport:
    """Answers each request with the next scripted ``(code, body, headers)``; records what was sent."""

    def __init__(self, *answers: Tuple[int, Any, dict]) -> None:
        self.answers = list(answers)
        self.sent: List[HttpRequest] = []

    def send(self, request: HttpRequest) -> HttpResponse:
        self.sent.append(request)
        code, body, headers = self.answers.pop(0)
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        return HttpResponse(code, headers, raw, request.url)


def _client(*answers: Tuple[int, Any, dict]) -> Tuple[PubNub, ScriptedTransport]:
    transport = ScriptedTransport(*answers)
    return PubNub(make_config(), transport=transport), transport  # type: ignore[arg-type]


def test_send_file_sync():
    pubnub, transport = _client((200, UPLOAD_DETAILS, {}), (204, b"", {}), (200, PUBLISHED, {}))
    envelope = SendFileNative(pubnub).channel("ch").file_name(FILE_NAME).file_object(CONTENT).sync()
    assert isinstance(envelope, Envelope)
    assert (envelope.result.file_id, envelope.result.timestamp) == (FILE_ID, PUBLISHED[2])
    assert [r.method for r in transport.sent] == ["POST", "POST", "GET"]
    assert transport.sent[1].url == UPLOAD_URL and transport.answers == []


def test_send_file_sync_raises_the_failing_step():
    pubnub, transport = _client((200, UPLOAD_DETAILS, {}), (400, b"<Error><Code>EntityTooLarge</Code></Error>", {}))
    with pytest.raises(PubNubException) as raised:
        SendFileNative(pubnub).channel("ch").file_name(FILE_NAME).file_object(CONTENT).sync()
    assert raised.value._status_code == 400 and "EntityTooLarge" in str(raised.value)
    assert len(transport.sent) == 2


def test_invalid_input_raises_before_sending():
    pubnub, transport = _client()
    with pytest.raises(PubNubException) as raised:
        SendFileNative(pubnub).file_name(FILE_NAME).file_object(CONTENT).sync()
    assert raised.value.pn_error == PNERR_CHANNEL_MISSING and transport.sent == []


def test_get_file_url_and_download_sync():
    pubnub, transport = _client((307, b"", {"Location": DOWNLOAD_URL}), (307, b"", {"Location": DOWNLOAD_URL}),
                                (200, CONTENT, {}))
    located = GetFileDownloadUrl(pubnub).channel("ch").file_id(FILE_ID).file_name(FILE_NAME).sync()
    assert located.result.file_url == DOWNLOAD_URL
    downloaded = DownloadFileNative(pubnub).channel("ch").file_id(FILE_ID).file_name(FILE_NAME).sync()
    assert downloaded.result.data == CONTENT
    assert [r.follow_redirects for r in transport.sent] == [False, False, True]
    assert transport.sent[2].url == DOWNLOAD_URL


def test_list_files_pn_async():
    pubnub, _ = _client((200, {"status": 200, "data": [], "next": None, "count": 0}, {}))
    outcome: List[Any] = []
    call = ListFiles(pubnub).channel("ch").pn_async(lambda result, status: outcome.append((result, status)))
    call.join(2)
    (result, status), = outcome
    assert result.count == 0 and result.data == [] and not status.is_error()
