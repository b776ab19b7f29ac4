"""Files on the test server: upload form, upload, list, 307, download, delete, file messages, caps."""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List
from urllib.parse import quote

import pytest

from pubnub.endpoints.file_operations.delete_file import DeleteFile
from pubnub.endpoints.file_operations.download_file import DownloadFileNative
from pubnub.endpoints.file_operations.get_file_url import GetFileDownloadUrl
from pubnub.endpoints.file_operations.list_files import ListFiles
from pubnub.endpoints.file_operations.send_file import SendFileNative
from pubnub.enums import PNStatusCategory

from .clients import Clients, Recorder
from .support import Answer, Http, multipart

FILES = "/v1/files/demo/channels/%s"
CONTENT = b"line one\r\n--b0undary1234 is not a boundary here\r\n\x00\xff"


def form(http: Http, channel: str, name: str) -> Dict[str, Any]:
    answer = http.request("POST", FILES % channel + "/generate-upload-url", json.dumps({"name": name}).encode())
    assert answer.status == 200, answer.text
    return answer.json  # type: ignore[no-any-return]


def send(http: Http, issued: Dict[str, Any], content: bytes, boundary: str = "XyZ") -> Answer:
    request = issued["file_upload_request"]
    body, content_type = multipart(request["form_fields"], issued["data"]["name"], content, boundary)
    path = "/" + request["url"].split("/", 3)[3]
    return http.request("POST", path, body, {"Content-Type": content_type})


def names(http: Http, channel: str) -> List[str]:
    return [item["name"] for item in http.get(FILES % channel + "/files").json["data"]]


def test_upload_list_redirect_download_delete(http: Http) -> None:
    issued = form(http, "ch", "notes v1.txt")
    assert issued["file_upload_request"]["url"].startswith("http://127.0.0.1:")
    assert send(http, issued, CONTENT).status == 204
    file_id = issued["data"]["id"]
    listed = http.get(FILES % "ch" + "/files").json
    assert listed["data"] == [{"name": "notes v1.txt", "id": file_id, "size": len(CONTENT),
                               "created": listed["data"][0]["created"]}] and listed["count"] == 1
    redirect = http.get(FILES % "ch" + "/files/%s/notes%%20v1.txt" % file_id)
    assert redirect.status == 307 and redirect.body == b""
    download = http.get("/" + redirect.headers["location"].split("/", 3)[3])
    assert (download.status, download.content_type, download.body) == (200, "text/plain; charset=utf-8", CONTENT)
    assert http.request("DELETE", FILES % "ch" + "/files/%s/notes%%20v1.txt" % file_id).json == {"status": 200}
    assert http.get("/" + redirect.headers["location"].split("/", 3)[3]).status == 404
    assert names(http, "ch") == []


def test_the_host_header_does_not_name_the_server_in_urls(http: Http, server: Any) -> None:
    issued = http.request("POST", FILES % "ch" + "/generate-upload-url", b'{"name": "a"}',
                          {"Host": "files.example:8080"}).json
    assert issued["file_upload_request"]["url"] == "http://%s/file-upload/demo" % server.origin
    redirect = http.request("GET", FILES % "ch" + "/files/id/a", headers={"Host": "evil/path"})
    assert redirect.headers["location"].startswith("http://127.0.0.1:")  # not a usable host: the server's own


def test_forms_are_used_once_expire_and_are_capped(make_server: Callable[..., Any],
                                                   make_http: Callable[[Any], Http]) -> None:
    clock = [1_700_000_000.0]
    http = make_http(make_server(max_pending_uploads=2, upload_form_seconds=60, wall_clock=lambda: clock[0]))
    first, second, third = form(http, "ch", "1"), form(http, "ch", "2"), form(http, "ch", "3")
    assert send(http, first, b"x").status == 403  # forgotten: only two forms are kept
    assert send(http, second, b"x").status == 204
    assert send(http, second, b"x").status == 403  # used
    clock[0] += 61
    assert send(http, third, b"x").status == 403  # expired
    assert names(http, "ch") == ["2"]


def test_stored_files_are_capped(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server(max_files_per_channel=2, max_stored_file_bytes=10, max_file_bytes=6))
    for name in ("a", "b", "c"):
        assert send(http, form(http, "one", name), b"1234").status == 204
    assert names(http, "one") == ["b", "c"]  # the channel's oldest went
    assert send(http, form(http, "two", "d"), b"1234").status == 204
    assert names(http, "one") == ["c"] and names(http, "two") == ["d"]  # the server's byte budget
    too_large = send(http, form(http, "two", "e"), b"1234567")
    assert too_large.status == 400 and b"<Code>EntityTooLarge</Code>" in too_large.body
    assert names(http, "two") == ["d"]
    assert send(http, form(http, "two", "f"), b"12", boundary="").status == 400  # not multipart


def test_list_files_pages(http: Http) -> None:
    for n in range(5):
        send(http, form(http, "ch", "f%d" % n), b"x")
    first = http.get(FILES % "ch" + "/files?limit=3").json
    rest = http.get(FILES % "ch" + "/files?limit=3&next=" + first["next"]).json
    assert [f["name"] for f in first["data"] + rest["data"]] == ["f0", "f1", "f2", "f3", "f4"]
    assert rest["next"] is None and rest["count"] == 2


def test_file_messages_are_delivered_and_stored_only_when_asked(http: Http) -> None:
    cursor = http.get("/v2/subscribe/demo/ch/0?tt=0").json["t"]["t"]
    payload = quote(json.dumps({"message": "see", "file": {"id": "i", "name": "n"}}), safe="")
    base = "/v1/files/publish-file/demo/demo/0/ch/0/" + payload + "?ttl=0&uuid=sender"
    assert http.get(base + "&meta=null&store=0").status == 200
    assert http.get(base + "&meta=%7B%22k%22%3A%201%7D&store=1").status == 200
    delivered = http.get("/v2/subscribe/demo/ch/0?tt=" + cursor).json["m"]
    assert [(m["e"], m["i"], m["d"]["file"]["id"], m.get("u")) for m in delivered] == [
        (4, "sender", "i", None), (4, "sender", "i", {"k": 1})]
    assert http.get("/v2/history/sub-key/demo/channel/ch").json[0] == [{"message": "see",
                                                                         "file": {"id": "i", "name": "n"}}]


@pytest.mark.gen_test
async def test_the_client_sends_lists_downloads_and_deletes_files(live_server: Callable[..., Any],
                                                                  clients: Clients) -> None:
    server = live_server()
    recorder = Recorder()
    listener = clients(server.origin, recorder, uuid="listener", cipher_key="silly_walk")
    sender = clients(server.origin, uuid="sender", cipher_key="silly_walk")
    listener.subscribe().channels("docs").execute()
    await recorder.connected()
    sent = await SendFileNative(sender).channel("docs").file_name("king_arthur.txt") \
        .file_object(b"Knights who say Ni!").message({"note": "read me"}).should_store(True).future()
    assert not sent.status.is_error() and len(sent.result.timestamp) == 17
    listed = await ListFiles(sender).channel("docs").future()
    assert [(f["name"], f["size"]) for f in listed.result.data] == [("king_arthur.txt", 48)]  # IV + ciphertext
    url = await GetFileDownloadUrl(sender).channel("docs").file_id(sent.result.file_id) \
        .file_name("king_arthur.txt").future()
    assert url.result.file_url.endswith("/docs/%s/king_arthur.txt" % sent.result.file_id)
    downloaded = await DownloadFileNative(sender).channel("docs").file_id(sent.result.file_id) \
        .file_name("king_arthur.txt").future()
    assert downloaded.result.data == b"Knights who say Ni!"
    event = (await recorder.wait_for(lambda: recorder.of("file")))[0]
    assert (event.file_id, event.file_name, event.publisher) == (sent.result.file_id, "king_arthur.txt", "sender")
    await DeleteFile(sender).channel("docs").file_id(sent.result.file_id).file_name("king_arthur.txt").future()
    gone = await DownloadFileNative(sender).channel("docs").file_id(sent.result.file_id) \
        .file_name("king_arthur.txt").future()
    assert gone.status.is_error() and gone.status.status_code == 404
    assert gone.status.category == PNStatusCategory.PNUnknownCategory
