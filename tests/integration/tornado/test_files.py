"""Files on PubNubTornado, replayed from fixtures/tornado/file_operations/.

4.8.1's Tornado client could not send or download files nor resolve a file URL (quirk 15); here
every file operation runs through ``.future()``, ``.result()`` and ``.pn_async()``.
"""
from __future__ import annotations

import asyncio
import io
import json
from typing import Any, Callable, Tuple

import pytest
from tornado import httputil, web
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from pubnub.endpoints.file_operations.delete_file import DeleteFile
from pubnub.endpoints.file_operations.download_file import DownloadFileNative
from pubnub.endpoints.file_operations.fetch_upload_details import FetchFileUploadS3Data
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.endpoints.file_operations.list_files import ListFiles
from pubnub.endpoints.file_operations.publish_file_message import PublishFileMessage
from pubnub.endpoints.file_operations.send_file import SendFileNative
from pubnub.enums import PNOperationType, PNStatusCategory
from pubnub.errors import PNERR_FILE_OBJECT_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.file import (
    PNDeleteFileResult,
    PNDownloadFileResult,
    PNFetchFileUploadS3DataResult,
    PNGetFileDownloadURLResult,
    PNGetFilesResult,
    PNPublishFileMessageResult,
    PNSendFileResult,
)
from pubnub.pubnub import PubNub
from pubnub.pubnub_tornado import PubNubTornado, PubNubTornadoException, TornadoEnvelope

from ._support import make_config, replay

MakePubNub = Callable[..., PubNubTornado]
CAT = PNStatusCategory
OP = PNOperationType
CH = "files_ch"
FILE_ID = "8de3f7e3-0d34-4d05-82d9-37bbaf18f36c"
FILE_NAME = "king_arthur.txt"
CONTENT = b"Knights who say Ni!"
TIMETOKEN = "16058160503920483"
UPLOAD_URL = "https://pubnub-mnemosyne-files-eu-central-1-prd.s3.amazonaws.com/"
DOWNLOAD_URL = ("https://files-eu-central-1.pndsn.com/sub-c-test/f-tIAc/%s/%s?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                "&X-Amz-Credential=AKIAEXAMPLE%%2F20201021%%2Feu-central-1%%2Fs3%%2Faws4_request"
                "&X-Amz-Date=20201021T170000Z&X-Amz-Expires=3900&X-Amz-SignedHeaders=host"
                "&X-Amz-Signature=5c4ab6e4a1f1d3c2b0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7"
                % (FILE_ID, FILE_NAME))
FORBIDDEN = ('{"message":"Forbidden","payload":{"channels":["files_ch"]},"error":true,"service":"Access Manager",'
             '"status":403}')


async def _callback_outcome(endpoint: Any) -> Tuple[Any, Any]:
    delivered: asyncio.Future[Tuple[Any, Any]] = asyncio.get_running_loop().create_future()
    endpoint.pn_async(lambda result, status: delivered.set_result((result, status)))
    return await asyncio.wait_for(delivered, 2)


async def _all_modes(cassette: str, build: Callable[[], Any]) -> Tuple[Any, Any, Tuple[Any, Any]]:
    """Run a fresh endpoint through future(), result() and pn_async(), each against the cassette."""
    with replay(cassette):
        envelope = await build().future()
    with replay(cassette):
        result = await build().result()
    with replay(cassette):
        outcome = await _callback_outcome(build())
    return envelope, result, outcome


async def _all_failures(cassette: str, build: Callable[[], Any]) -> Tuple[Any, PubNubException, Any]:
    with replay(cassette):
        failed = await build().future()
    with replay(cassette), pytest.raises(PubNubException) as raised:
        await build().result()
    with replay(cassette):
        result, status = await _callback_outcome(build())
    assert isinstance(failed, PubNubTornadoException)
    assert str(raised.value) == str(failed)
    assert status.category == failed.status.category and status.status_code == failed.status.status_code
    return failed, raised.value, result


def _send(pubnub: PubNubTornado, content: Any = CONTENT) -> SendFileNative:
    return SendFileNative(pubnub).channel(CH).file_name(FILE_NAME).file_object(content) \
        .message({"test_message": "test"})


def _download(pubnub: PubNubTornado) -> DownloadFileNative:
    return DownloadFileNative(pubnub).channel(CH).file_id(FILE_ID).file_name(FILE_NAME)


def _get_url(pubnub: PubNubTornado) -> GetFileDownloadUrl:
    return GetFileDownloadUrl(pubnub).channel(CH).file_id(FILE_ID).file_name(FILE_NAME)


@pytest.mark.gen_test
async def test_quirk_15_send_file_works_on_tornado(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, cb_status) = await _all_modes(
        "file_operations/send_file.yaml", lambda: _send(pubnub).should_store(True).ttl(222))
    assert isinstance(envelope, TornadoEnvelope) and not envelope.is_error()
    for sent in (envelope.result, result, cb_result):
        assert isinstance(sent, PNSendFileResult)
        assert (sent.name, sent.file_id, sent.timestamp) == (FILE_NAME, FILE_ID, TIMETOKEN)
    status = envelope.status  # the upload's status
    assert status.operation == OP.PNSendFileAction and status.status_code == 204
    assert status.category == CAT.PNAcknowledgmentCategory and cb_status.status_code == 204
    assert status.client_request.url == UPLOAD_URL


@pytest.mark.gen_test
async def test_send_file_from_a_file_object(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("file_operations/send_file.yaml"):
        result = await _send(pubnub, io.BytesIO(CONTENT)).should_store(True).ttl(222).result()
    assert result.file_id == FILE_ID and result.timestamp == TIMETOKEN


@pytest.mark.gen_test
async def test_send_file_encrypted(make_pubnub: MakePubNub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pubnub.crypto._random_iv", lambda: "7765237698281976")  # the cassette's IV
    with replay("file_operations/send_file_encrypted.yaml"):
        result = await _send(make_pubnub()).cipher_key("silly_walk").result()
    assert (result.file_id, result.timestamp) == (FILE_ID, TIMETOKEN)
    with replay("file_operations/send_file_encrypted.yaml"):  # the configured key applies as well
        result = await _send(make_pubnub(cipher_key="silly_walk")).result()
    assert result.file_id == FILE_ID


@pytest.mark.gen_test
async def test_send_file_refused_by_storage(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed, raised, result = await _all_failures("file_operations/send_file_too_large.yaml", lambda: _send(pubnub))
    assert failed.status.category == CAT.PNBadRequestCategory and failed.status.status_code == 400
    assert failed.status.operation == OP.PNSendFileAction
    assert str(failed).startswith('HTTP Client Error (400): <?xml version="1.0" encoding="UTF-8"?>')
    assert "<Code>EntityTooLarge</Code>" in str(failed)
    assert raised._status_code == 400 and result is None


@pytest.mark.gen_test
async def test_send_file_bad_input_resolves_to_an_error(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()  # its origin is a closed port: a request sent anyway would fail differently
    failed = await SendFileNative(pubnub).channel(CH).file_name(FILE_NAME).future()
    with pytest.raises(PubNubException) as raised:
        await SendFileNative(pubnub).channel(CH).file_name(FILE_NAME).result()
    result, status = await _callback_outcome(SendFileNative(pubnub).channel(CH).file_name(FILE_NAME))
    assert isinstance(failed, PubNubTornadoException)
    assert failed.status.category == CAT.PNBadRequestCategory and failed.status.operation == OP.PNSendFileAction
    assert raised.value.pn_error == PNERR_FILE_OBJECT_MISSING
    assert result is None and status.category == CAT.PNBadRequestCategory


@pytest.mark.gen_test
async def test_fetch_upload_details(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, _) = await _all_modes(
        "file_operations/fetch_upload_details.yaml",
        lambda: FetchFileUploadS3Data(pubnub).channel(CH).file_name(FILE_NAME))
    for details in (envelope.result, result, cb_result):
        assert isinstance(details, PNFetchFileUploadS3DataResult)
        assert (details.name, details.file_id, details.data["url"]) == (FILE_NAME, FILE_ID, UPLOAD_URL)
        assert [field["key"] for field in details.data["form_fields"]][:2] == ["tagging", "key"]
    assert envelope.status.operation == OP.PNFetchFileUploadS3DataAction


@pytest.mark.gen_test
async def test_publish_file_message(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, _) = await _all_modes(
        "file_operations/publish_file_message.yaml",
        lambda: PublishFileMessage(pubnub).channel(CH).file_id(FILE_ID).file_name(FILE_NAME)
        .message({"test_message": "test"}).should_store(True).ttl(222))
    for published in (envelope.result, result, cb_result):
        assert isinstance(published, PNPublishFileMessageResult) and published.timestamp == TIMETOKEN
    assert envelope.status.operation == OP.PNSendFileAction


@pytest.mark.gen_test
async def test_publish_file_message_forbidden(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed, raised, _ = await _all_failures(
        "file_operations/publish_file_message_403.yaml",
        lambda: PublishFileMessage(pubnub).channel(CH).file_id(FILE_ID).file_name(FILE_NAME)
        .message({"test_message": "test"}))
    assert failed.status.category == CAT.PNAccessDeniedCategory
    assert str(failed) == "HTTP Client Error (403): " + FORBIDDEN and raised._status_code == 403


@pytest.mark.gen_test
async def test_list_files(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, cb_status) = await _all_modes(
        "file_operations/list_files.yaml", lambda: ListFiles(pubnub).channel(CH))
    for listed in (envelope.result, result, cb_result):
        assert isinstance(listed, PNGetFilesResult) and listed.count == 2 and listed.next is None
        assert [(f["id"][:8], f["size"]) for f in listed.data] == [("2ba4051e", 48), ("57305038", 19)]
    assert envelope.status.operation == OP.PNGetFilesAction and cb_status.status_code == 200


@pytest.mark.gen_test
async def test_list_files_forbidden(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed, _, result = await _all_failures("file_operations/list_files_403.yaml",
                                            lambda: ListFiles(pubnub).channel(CH))
    assert failed.status.category == CAT.PNAccessDeniedCategory and failed.status.operation == OP.PNGetFilesAction
    assert failed.status.original_response["payload"] == {"channels": [CH]}
    assert str(failed) == "HTTP Client Error (403): " + FORBIDDEN and result is None


@pytest.mark.gen_test
async def test_delete_file(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, _) = await _all_modes(
        "file_operations/delete_file.yaml",
        lambda: DeleteFile(pubnub).channel(CH).file_id(FILE_ID).file_name(FILE_NAME))
    for deleted in (envelope.result, result, cb_result):
        assert isinstance(deleted, PNDeleteFileResult) and deleted.status == 200
    assert envelope.status.operation == OP.PNDeleteFileOperation


@pytest.mark.gen_test
async def test_delete_file_forbidden(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed, _, _ = await _all_failures("file_operations/delete_file_403.yaml",
                                       lambda: DeleteFile(pubnub).channel(CH).file_id(FILE_ID).file_name(FILE_NAME))
    assert failed.status.category == CAT.PNAccessDeniedCategory and failed.status.status_code == 403


@pytest.mark.gen_test
async def test_quirk_15_get_file_url_resolves_the_redirect_on_tornado(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, cb_status) = await _all_modes("file_operations/get_file_url.yaml",
                                                                lambda: _get_url(pubnub))
    assert isinstance(envelope, TornadoEnvelope)
    for located in (envelope.result, result, cb_result):
        assert isinstance(located, PNGetFileDownloadURLResult) and located.file_url == DOWNLOAD_URL
    assert envelope.status.status_code == 307 and envelope.status.category == CAT.PNAcknowledgmentCategory
    assert envelope.status.operation == OP.PNGetFileDownloadURLAction and not cb_status.is_error()


@pytest.mark.gen_test
async def test_get_complete_url_sends_nothing(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub(auth_key="test_auth_key")
    url = _get_url(pubnub).get_complete_url()
    origin = pubnub.config.origin
    assert url == ("http://%s/v1/files/sub-c-test/channels/files_ch/files/%s/%s?pnsdk=%s&uuid=test-uuid"
                   "&auth=test_auth_key" % (origin, FILE_ID, FILE_NAME, pubnub.sdk_name.replace("/", "%2F")))


@pytest.mark.gen_test
async def test_get_file_url_forbidden(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed, _, _ = await _all_failures("file_operations/get_file_url_403.yaml", lambda: _get_url(pubnub))
    assert failed.status.category == CAT.PNAccessDeniedCategory
    assert failed.status.operation == OP.PNGetFileDownloadURLAction


@pytest.mark.gen_test
async def test_quirk_15_download_file_works_on_tornado(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    envelope, result, (cb_result, cb_status) = await _all_modes("file_operations/download_file.yaml",
                                                                lambda: _download(pubnub))
    for downloaded in (envelope.result, result, cb_result):
        assert isinstance(downloaded, PNDownloadFileResult) and downloaded.data == CONTENT
    status = envelope.status
    assert status.operation == OP.PNDownloadFileAction and status.status_code == 200
    assert status.client_request.url == DOWNLOAD_URL and cb_status.category == CAT.PNAcknowledgmentCategory


@pytest.mark.gen_test
async def test_download_file_encrypted(make_pubnub: MakePubNub) -> None:
    with replay("file_operations/download_file_encrypted.yaml"):
        result = await _download(make_pubnub()).cipher_key("silly_walk").result()
    assert result.data == CONTENT
    with replay("file_operations/download_file_encrypted.yaml"):
        result = await _download(make_pubnub(cipher_key="silly_walk")).result()
    assert result.data == CONTENT
    with replay("file_operations/download_file_encrypted.yaml"):  # the builder's key wins
        result = await _download(make_pubnub(cipher_key="wrong")).cipher_key("silly_walk").result()
    assert result.data == CONTENT


@pytest.mark.gen_test
async def test_download_file_stops_when_the_url_is_refused(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    failed, _, result = await _all_failures("file_operations/get_file_url_403.yaml", lambda: _download(pubnub))
    assert failed.status.category == CAT.PNAccessDeniedCategory and result is None
    assert failed.status.operation == OP.PNGetFileDownloadURLAction


@pytest.mark.gen_test
async def test_file_latency_is_reported_as_l_file(make_pubnub: MakePubNub) -> None:
    pubnub = make_pubnub()
    with replay("file_operations/list_files.yaml"):
        await ListFiles(pubnub).channel(CH).result()
    assert "l_file" in pubnub._telemetry_manager.operation_latencies()


class _LocalFiles:
    """A minimal files service and storage on 127.0.0.1: real HTTP, real multipart parsing, a real 307."""

    def __init__(self) -> None:
        self.stored: dict = {}
        self.uploads: list = []
        self.downloads: list = []
        self.port = 0

    def app(self) -> web.Application:
        files = self

        class Generate(web.RequestHandler):
            def post(self, channel: str) -> None:
                name = json.loads(self.request.body)["name"]
                self.write({"status": 200, "data": {"id": "local-id", "name": name},
                            "file_upload_request": {
                                "url": "http://127.0.0.1:%d/storage/upload" % files.port, "method": "POST",
                                "form_fields": [{"key": "key", "value": "%s/local-id/%s" % (channel, name)},
                                                {"key": "Content-Type", "value": "text/plain"}]}})

        class Upload(web.RequestHandler):
            def post(self) -> None:
                fields: dict = {}
                uploaded: dict = {}
                httputil.parse_body_arguments(self.request.headers["Content-Type"], self.request.body, fields,
                                              uploaded)
                files.uploads.append((self.request.query, fields, uploaded["file"][0]["filename"]))
                files.stored[fields["key"][0].decode()] = uploaded["file"][0]["body"]
                self.set_status(204)

        class Publish(web.RequestHandler):
            def get(self, *_: str) -> None:
                self.write('[1,"Sent","16058160503920483"]')

        class Locate(web.RequestHandler):
            def get(self, channel: str, file_id: str, name: str) -> None:
                self.redirect("http://127.0.0.1:%d/storage/%s/%s/%s?sig=1" % (files.port, channel, file_id, name),
                              status=307)

        class Download(web.RequestHandler):
            def get(self, key: str) -> None:
                files.downloads.append(self.request.query)
                self.write(files.stored[key])

        return web.Application([
            (r"/v1/files/sub-c-test/channels/([^/]+)/generate-upload-url", Generate),
            (r"/storage/upload", Upload),
            (r"/v1/files/publish-file/(.*)", Publish),
            (r"/v1/files/sub-c-test/channels/([^/]+)/files/([^/]+)/([^/]+)", Locate),
            (r"/storage/(.+)", Download),
        ])


@pytest.mark.gen_test
async def test_send_and_download_over_real_http_on_127_0_0_1(make_pubnub: MakePubNub) -> None:
    files = _LocalFiles()
    sock, files.port = bind_unused_port()
    server = HTTPServer(files.app())
    server.add_sockets([sock])
    try:
        pubnub = make_pubnub(origin="127.0.0.1:%d" % files.port)
        sent = await _send(pubnub).cipher_key("silly_walk").result()
        assert (sent.file_id, sent.timestamp) == ("local-id", TIMETOKEN)
        query, fields, filename = files.uploads[0]
        assert query == "" and filename == FILE_NAME  # no PubNub parameters on the storage request
        assert list(fields) == ["key", "Content-Type"]
        assert len(files.stored["files_ch/local-id/king_arthur.txt"]) == 48  # IV + two AES blocks

        located = await _get_url(pubnub).file_id("local-id").result()  # the 307 is not followed
        assert located.file_url.startswith("http://127.0.0.1:%d/storage/files_ch/local-id/" % files.port)
        downloaded = await _download(pubnub).file_id("local-id").cipher_key("silly_walk").result()
        assert downloaded.data == CONTENT and files.downloads == ["sig=1"]

        # the plain client runs the very same endpoints over requests (on a worker thread here)
        plain = PubNub(make_config(origin="127.0.0.1:%d" % files.port, ssl=False))
        envelope = await asyncio.get_running_loop().run_in_executor(
            None, lambda: DownloadFileNative(plain).channel(CH).file_id("local-id").file_name(FILE_NAME)
            .cipher_key("silly_walk").sync())
        assert envelope.result.data == CONTENT
    finally:
        server.stop()
        await server.close_all_connections()
