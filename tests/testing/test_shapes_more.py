"""Every answer of the test server for MORE.md: channel groups, push, Access Manager, Objects, files,
presence with groups. Status, content type and body shape of each (machinery in ``shapes.py``)."""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, List
from urllib.parse import quote

import pytest

from pubnub.testing.app import SERVICE_ROUTES

from . import test_shapes
from .shapes import SECURE, Case, get, patch, route_names, run_case
from .support import ANY, INT, ISO, STR, TT_STR, Answer, Http, multipart

CG = "/v1/channel-registration/sub-key/demo/channel-group/cg"
CG_OK = {"status": 200, "message": "OK", "service": "channel-registry", "error": False}
PUSH1, PUSH2 = "/v1/push/sub-key/demo/devices/dev1", "/v2/push/sub-key/demo/devices-apns2/dev1"
GRANT, AUDIT, TOKEN = "/v2/auth/grant/sub-key/demo", "/v2/auth/audit/sub-key/demo", "/v3/pam/demo/grant"
OBJ, FILES, PRES = "/v2/objects/demo", "/v1/files/demo/channels/fch", "/v2/presence/sub-key/demo"
PUB = "/publish/demo/demo/0/ch/0/%22hi%22"
XML = "application/xml"

RW = {"r": 1, "w": 1, "m": 0, "d": 0, "g": 0, "u": 0, "j": 0}
NONE = dict.fromkeys(RW, 0)
WITH_TTL = dict(RW, ttl=INT)


def cg_error(message: str) -> Dict[str, Any]:
    return {"status": 400, "message": message, "service": "channel-registry", "error": True}


def am(payload: Dict[str, Any]) -> Dict[str, Any]:
    return {"message": "Success", "payload": dict(payload, subscribe_key="demo"), "service": "Access Manager",
            "status": 200}


def forbidden(channels: List[str], **extra: List[str]) -> Dict[str, Any]:
    payload: Dict[str, Any] = {"channels": channels}
    payload.update({key.replace("_", "-"): value for key, value in extra.items()})
    return {"message": "Forbidden", "payload": payload, "error": True, "service": "Access Manager", "status": 403}


def objects_error(message: str, status: int = 400) -> Dict[str, Any]:
    return {"status": status, "error": {"message": message, "source": "objects"}}


def token_request(ttl: Any, resources: Dict[str, Any]) -> bytes:
    permissions = {"resources": dict({"channels": {}, "groups": {}, "users": {}, "spaces": {}}, **resources),
                   "patterns": {"channels": {}, "groups": {}, "users": {}, "spaces": {}}, "meta": {}}
    return json.dumps({"ttl": ttl, "permissions": permissions}).encode()


def grant(query: str) -> Any:
    return ("SIGNED GET", GRANT + "?" + query, None)


def uuid_object(id_: str = "u1", **fields: Any) -> Dict[str, Any]:
    found = {"id": id_, "name": "Some name", "externalId": "1234", "profileUrl": "http://example.com",
             "email": "test@example.com"}
    found.update(fields)
    found.update(updated=ISO, eTag=STR)
    return found


def channel_object(id_: str = "c1", **fields: Any) -> Dict[str, Any]:
    return dict({"id": id_, "name": "Some name", "description": "Some description"}, **fields, updated=ISO, eTag=STR)


UUID_BODY = {"name": "Some name", "email": "test@example.com", "externalId": "1234", "profileUrl": "http://example.com",
             "custom": {"key1": "val1"}}
CHANNEL_BODY = {"name": "Some name", "description": "Some description", "custom": {"key1": "val1"}}
SET_U1, SET_U2 = patch(OBJ + "/uuids/u1", UUID_BODY), patch(OBJ + "/uuids/u2", UUID_BODY)
SET_C1 = patch(OBJ + "/channels/c1", CHANNEL_BODY)
JOIN_C1_C2 = patch(OBJ + "/uuids/u1/channels", {"set": [{"channel": {"id": "c1"}},
                                                        {"channel": {"id": "c2"}, "custom": {"k": "v"}}]})
MEMBERSHIP = {"updated": ISO, "eTag": STR}
FILE_PAYLOAD = quote(json.dumps({"message": "hi", "file": {"id": "x", "name": "y"}}), safe="")
PUBLISH_FILE = "/v1/files/publish-file/demo/demo/0/fch/0/" + FILE_PAYLOAD
HEARTBEAT = get(PRES + "/channel/ch/heartbeat?uuid=u1&state=%7B%22ch%22%3A%7B%22a%22%3A1%7D%7D")
PRESENCE_OK = {"status": 200, "message": "OK", "service": "Presence"}


def events(channel: str, *messages: Dict[str, Any]) -> Dict[str, Any]:
    """A subscribe answer holding ``messages`` (the fields besides ``a f p k c``) on ``channel``."""
    envelopes = [dict({"a": "1", "f": 0, "p": {"t": TT_STR, "r": 1}, "k": "demo", "c": channel}, **fields)
                 for fields in messages]
    return {"t": {"t": TT_STR, "r": 1}, "m": envelopes}


def event(channel: str, **fields: Any) -> Dict[str, Any]:
    return events(channel, fields)


def storage(code: str, message: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>'
            % (code, message)).encode()


def redirect_to_download(answer: Answer) -> None:
    assert answer.body == b""
    assert answer.headers["location"].endswith("/file-download/demo/fch/%s/f.txt" % answer.headers["location"]
                                               .split("/")[-2])
    assert answer.headers["location"].startswith("http://127.0.0.1:")


BOGUS_UPLOAD, BOGUS_TYPE = multipart([{"key": "key", "value": "demo/fch/nothing/f.txt"}], "f.txt", b"x" * 20)
CASES = [
    # channel groups (MORE §4)
    Case("cg add", "GET", CG + "?add=a,b", 200, CG_OK),
    Case("cg list", "GET", CG, 200, {"status": 200, "payload": {"channels": ["a", "b"], "group": "cg"},
                                     "service": "channel-registry", "error": False}, setup=[get(CG + "?add=a,b")]),
    Case("cg list unknown", "GET", CG, 200, {"status": 200, "payload": {"channels": [], "group": "cg"},
                                             "service": "channel-registry", "error": False}),
    Case("cg remove channels", "GET", CG + "?remove=a,x", 200, CG_OK, setup=[get(CG + "?add=a,b")]),
    Case("cg remove group", "GET", CG + "/remove", 200, CG_OK, setup=[get(CG + "?add=a")]),
    Case("cg add nothing", "GET", CG + "?add=", 400, cg_error("Invalid channels")),
    Case("cg add and remove", "GET", CG + "?add=a&remove=b", 400, cg_error("Only one of add and remove may be given")),
    # mobile push (MORE §5)
    Case("push add", "GET", PUSH1 + "?add=a,b&type=gcm", 200, [1, "Modified Channels"]),
    Case("push list", "GET", PUSH1 + "?type=gcm", 200, ["a", "b"], setup=[get(PUSH1 + "?add=b,a&type=gcm")]),
    Case("push list none", "GET", PUSH1 + "?type=mpns", 200, [], setup=[get(PUSH1 + "?add=b,a&type=gcm")]),
    Case("push remove channels", "GET", PUSH1 + "?remove=a&type=gcm", 200, [1, "Modified Channels"]),
    Case("push remove device", "GET", PUSH1 + "/remove?type=gcm", 200, [1, "Removed Device"]),
    Case("push apns2 add", "GET", PUSH2 + "?add=a&environment=production&topic=t", 200, [1, "Modified Channels"]),
    Case("push apns2 list", "GET", PUSH2 + "?environment=production&topic=t", 200, ["a"],
         setup=[get(PUSH2 + "?add=a&environment=production&topic=t")]),
    Case("push apns2 remove device", "GET", PUSH2 + "/remove?topic=t", 200, [1, "Removed Device"]),
    Case("push missing type", "GET", PUSH1, 400, {"error": "Invalid type argument"}),
    Case("push unknown type", "GET", PUSH1 + "?type=xyz&add=a", 400, {"error": "Invalid type argument"}),
    # device tokens: the service accepts unicode, whitespace and unknown ones (recorded)
    Case("push apns token with unicode", "GET", "/v1/push/sub-key/demo/devices/t%C3%B6k%E2%9C%93?type=apns&add=a",
         200, [1, "Modified Channels"]),
    Case("push apns token with whitespace", "GET", "/v1/push/sub-key/demo/devices/tok%20en%09?type=apns&add=a", 200,
         [1, "Modified Channels"]),
    Case("push unknown apns token", "GET", "/v1/push/sub-key/demo/devices/not-a-token?type=apns", 200, []),
    Case("push apns2 token with whitespace", "GET", "/v2/push/sub-key/demo/devices-apns2/a%20b?topic=t&add=a", 200,
         [1, "Modified Channels"]),
    Case("push empty token", "GET", "/v1/push/sub-key/demo/devices/?type=gcm", 400, {"error": "Invalid device token"}),
    Case("push apns2 missing topic", "GET", PUSH2, 400, {"error": "Missing topic"}),
    Case("push apns2 bad environment", "GET", PUSH2 + "?topic=t&environment=staging", 400,
         {"error": "Invalid environment"}),
    # Access Manager v2 and v3 (MORE §2, §3), on a server with a secret key
    Case("grant subkey", "GET", GRANT + "?r=1&w=1", 200, am(dict(RW, level="subkey", ttl=1440)), settings=SECURE,
         signed=True),
    Case("grant channels", "GET", GRANT + "?channel=a,b&r=1&w=1&ttl=60", 200,
         am({"level": "channel", "ttl": 60, "channels": {"a": RW, "b": RW}}), settings=SECURE, signed=True),
    Case("grant one channel and auth", "GET", GRANT + "?auth=k1&channel=a&r=1&w=1", 200,
         am({"level": "user", "ttl": 1440, "channel": "a", "auths": {"k1": RW}}), settings=SECURE, signed=True),
    Case("grant channels and auth", "GET", GRANT + "?auth=k1&channel=a,b&r=1&w=1", 200,
         am({"level": "user", "ttl": 1440, "channels": {"a": {"auths": {"k1": RW}}, "b": {"auths": {"k1": RW}}}}),
         settings=SECURE, signed=True),
    Case("grant groups", "GET", GRANT + "?channel-group=g1,g2&r=1&w=1", 200,
         am({"level": "channel-group", "ttl": 1440, "channel-groups": {"g1": RW, "g2": RW}}), settings=SECURE,
         signed=True),
    Case("grant one group and auth", "GET", GRANT + "?auth=k1&channel-group=g1&r=1&w=1", 200,
         am({"level": "channel-group+auth", "ttl": 1440, "channel-groups": "g1", "auths": {"k1": RW}}),
         settings=SECURE, signed=True),
    Case("grant uuid", "GET", GRANT + "?auth=k1&g=1&j=1&target-uuid=u1&ttl=120&u=1", 200,
         am({"level": "uuid", "ttl": 120, "uuids": {"u1": {"auths": {"k1": dict(NONE, g=1, u=1, j=1)}}}}),
         settings=SECURE, signed=True),
    Case("revoke subkey", "GET", GRANT + "?g=0&j=0&m=0&r=0&ttl=1&u=0&w=0", 200,
         am(dict(NONE, level="subkey", ttl=1)), settings=SECURE, signed=True),
    Case("revoke subkey without ttl", "GET", GRANT + "?g=0&j=0&m=0&r=0&u=0&w=0", 200,
         am(dict(NONE, level="subkey", ttl=1)), settings=SECURE, signed=True),
    Case("revoke channel and auth without ttl", "GET", GRANT + "?auth=k1&channel=a&d=0&g=0&j=0&m=0&r=0&u=0&w=0", 200,
         am({"level": "user", "ttl": 1, "channel": "a", "auths": {"k1": NONE}}), settings=SECURE, signed=True),
    Case("grant with every flag given, no ttl", "GET", GRANT + "?g=0&j=0&m=0&r=1&u=0&w=0", 200,
         am(dict(NONE, r=1, level="subkey", ttl=1440)), settings=SECURE, signed=True),
    Case("grant bad ttl", "GET", GRANT + "?r=1&ttl=soon", 400,
         {"message": "Invalid ttl", "error": True, "service": "Access Manager", "status": 400}, settings=SECURE,
         signed=True),
    Case("grant unsigned", "GET", GRANT + "?r=1", 403, forbidden([]), settings=SECURE),
    Case("audit subkey", "GET", AUDIT, 200,
         am({"level": "subkey", **WITH_TTL, "channels": {"a": {"auths": {"k1": WITH_TTL}}}, "channel-groups": {},
             "objects": {}}), setup=[grant("r=1&w=1"), grant("auth=k1&channel=a&r=1&w=1")], settings=SECURE,
         signed=True),
    Case("audit channel", "GET", AUDIT + "?channel=a", 200,
         am({"level": "channel", "channels": {"a": dict(WITH_TTL, auths={"k1": WITH_TTL})}}),
         setup=[grant("channel=a&r=1&w=1"), grant("auth=k1&channel=a&r=1&w=1")], settings=SECURE, signed=True),
    Case("audit one channel and auth", "GET", AUDIT + "?auth=k1&channel=a", 200,
         am({"level": "user", "channel": "a", "auths": {"k1": WITH_TTL}}),
         setup=[grant("auth=k1,k2&channel=a&r=1&w=1")], settings=SECURE, signed=True),
    Case("audit one group and auth", "GET", AUDIT + "?auth=k1&channel-group=g", 200,
         am({"level": "channel-group+auth", "channel-group": "g", "auths": {"k1": WITH_TTL}}),
         setup=[grant("auth=k1&channel-group=g&r=1&w=1")], settings=SECURE, signed=True),
    Case("grant token", "POST", TOKEN, 200,
         {"data": {"message": "Success", "token": STR}, "service": "Access Manager", "status": 200},
         token_request("15", {"channels": {"a": 3}}), settings=SECURE, signed=True),
    Case("grant token bad ttl", "POST", TOKEN, 400,
         {"error": {"message": "Invalid ttl", "source": "grant", "details": [{
             "message": "Range should be 1 to 43200 minute(s).", "location": "ttl", "locationType": "body"}]},
          "service": "Access Manager", "status": 400}, token_request(0, {"channels": {"a": 3}}), settings=SECURE,
         signed=True),
    Case("grant token no resources", "POST", TOKEN, 400,
         {"error": {"message": "Invalid request", "source": "grant", "details": [{
             "message": ANY, "location": "permissions", "locationType": "body"}]},
          "service": "Access Manager", "status": 400}, token_request(15, {}), settings=SECURE, signed=True),
    # Access Manager denials: each family's 403 (unsigned requests carrying auth)
    Case("publish denied", "GET", PUB + "?auth=k1", 403, forbidden(["ch"]), settings=SECURE),
    Case("publish granted", "GET", PUB + "?auth=k1", 200, [1, "Sent", TT_STR],
         setup=[grant("auth=k1&channel=ch&w=1")], settings=SECURE),
    Case("subscribe denied", "GET", "/v2/subscribe/demo/a,a-pnpres/0?tt=0&channel-group=g&auth=k1", 403,
         forbidden(["a-pnpres"], channel_groups=["g"]), setup=[grant("auth=k1&channel=a&r=1")], settings=SECURE),
    Case("history denied", "GET", "/v2/history/sub-key/demo/channel/ch?auth=k1", 403, forbidden(["ch"]),
         settings=SECURE),
    Case("actions denied", "POST", "/v1/message-actions/demo/channel/ch/message/16000000000000001?auth=k1", 403,
         {"status": 403, "error": {"source": "actions", "message": "Supplied authorization key does not have the "
                                   "permissions required to perform this operation."}},
         b'{"type": "reaction", "value": "smile"}', settings=SECURE),
    Case("presence denied", "GET", PRES + "/channel/a,b?auth=k1", 403, forbidden(["b"]),
         setup=[grant("auth=k1&channel=a&r=1")], settings=SECURE),
    Case("channel group denied", "GET", CG + "?auth=k1", 403, forbidden([], channel_groups=["cg"]), settings=SECURE),
    Case("objects denied", "GET", OBJ + "/uuids/u1?auth=k1", 403,
         objects_error("Supplied authorization key does not have the permissions required to perform this "
                       "operation.", 403), settings=SECURE),
    Case("files denied", "GET", FILES + "/files?auth=k1", 403, forbidden(["fch"]), settings=SECURE),
    # Objects v2 (MORE §6)
    Case("set uuid with custom", "PATCH", OBJ + "/uuids/u1?include=custom", 200,
         {"status": 200, "data": uuid_object(custom={"key1": "val1"})}, json.dumps(UUID_BODY).encode()),
    Case("set uuid nulls", "PATCH", OBJ + "/uuids/u1", 200,
         {"status": 200, "data": uuid_object(externalId=None, profileUrl=None, email=None)},
         b'{"name": "Some name", "email": null, "externalId": null, "profileUrl": null, "custom": null}',
         setup=[SET_U1]),
    Case("get uuid", "GET", OBJ + "/uuids/u1", 200, {"status": 200, "data": uuid_object()}, setup=[SET_U1]),
    Case("get uuid missing", "GET", OBJ + "/uuids/u1", 404, objects_error("Requested object was not found.", 404)),
    Case("remove uuid", "DELETE", OBJ + "/uuids/u1", 200, {"status": 200, "data": None}, setup=[SET_U1]),
    Case("get all uuids", "GET", OBJ + "/uuids?count=True&include=custom&limit=1&sort=id:asc", 200,
         {"status": 200, "data": [uuid_object(custom={"key1": "val1"})], "totalCount": 2, "next": "MQ"},
         setup=[SET_U2, SET_U1]),
    Case("get all uuids page 2", "GET", OBJ + "/uuids?limit=1&start=MQ", 200,
         {"status": 200, "data": [uuid_object("u2")], "next": "Mg", "prev": "MQ"}, setup=[SET_U2, SET_U1]),
    Case("set channel", "PATCH", OBJ + "/channels/c1?include=custom", 200,
         {"status": 200, "data": channel_object(custom={"key1": "val1"})}, json.dumps(CHANNEL_BODY).encode()),
    Case("get channel", "GET", OBJ + "/channels/c1", 200, {"status": 200, "data": channel_object()}, setup=[SET_C1]),
    Case("get all channels empty", "GET", OBJ + "/channels", 200, {"status": 200, "data": []}),
    Case("remove channel", "DELETE", OBJ + "/channels/c1", 200, {"status": 200, "data": None}, setup=[SET_C1]),
    Case("set memberships", "PATCH", OBJ + "/uuids/u1/channels?include=custom,channel.custom", 200,
         {"status": 200, "data": [dict(MEMBERSHIP, channel=channel_object(custom={"key1": "val1"}), custom=None),
                                  dict(MEMBERSHIP, channel={"id": "c2"}, custom={"k": "v"})], "next": "Mg"},
         JOIN_C1_C2[2], setup=[SET_C1]),
    Case("get memberships", "GET", OBJ + "/uuids/u1/channels?count=true", 200,
         {"status": 200, "data": [dict(MEMBERSHIP, channel={"id": "c1"}), dict(MEMBERSHIP, channel={"id": "c2"})],
          "totalCount": 2, "next": "Mg"}, setup=[JOIN_C1_C2]),
    Case("remove memberships", "PATCH", OBJ + "/uuids/u1/channels?include=channel", 200,
         {"status": 200, "data": [dict(MEMBERSHIP, channel={"id": "c2"})], "next": "MQ"},
         b'{"set": [], "delete": [{"channel": {"id": "c1"}}]}', setup=[JOIN_C1_C2]),
    Case("set channel members", "PATCH", OBJ + "/channels/c1/uuids?include=custom,uuid.custom", 200,
         {"status": 200, "data": [dict(MEMBERSHIP, uuid=uuid_object(custom={"key1": "val1"}), custom=None)],
          "next": "MQ"}, b'{"set": [{"uuid": {"id": "u1"}}], "delete": []}', setup=[SET_U1]),
    Case("get channel members", "GET", OBJ + "/channels/c2/uuids?include=custom", 200,
         {"status": 200, "data": [dict(MEMBERSHIP, uuid={"id": "u1"}, custom={"k": "v"})], "next": "MQ"},
         setup=[JOIN_C1_C2]),
    Case("objects bad body", "PATCH", OBJ + "/uuids/u1", 400,
         objects_error("Request payload contained invalid input."), b"[1]"),
    Case("objects bad custom", "PATCH", OBJ + "/uuids/u1", 400,
         objects_error("Invalid custom: an object of strings, numbers and booleans is required."),
         b'{"custom": {"a": {"b": 1}}}'),
    Case("objects bad filter", "GET", OBJ + "/uuids?filter=name%20%3D%3D", 400, objects_error("Invalid filter")),
    Case("objects bad page", "GET", OBJ + "/channels?start=%21%21", 400, objects_error("Invalid page")),
    Case("objects bad limit", "GET", OBJ + "/uuids/u1/channels?limit=0", 400, objects_error("Invalid limit")),
    Case("subscribe uuid event", "GET", "/v2/subscribe/demo/u1/0?tt=1", 200,
         event("u1", e=2, d={"source": "objects", "version": "2.0", "event": "set", "type": "uuid",
                             "data": uuid_object(custom={"key1": "val1"})}), setup=[SET_U1]),
    Case("subscribe membership event", "GET", "/v2/subscribe/demo/c2/0?tt=1", 200,
         event("c2", e=2, d={"source": "objects", "version": "2.0", "event": "set", "type": "membership",
                             "data": dict(MEMBERSHIP, channel={"id": "c2"}, uuid={"id": "u1"}, custom={"k": "v"})}),
         setup=[JOIN_C1_C2]),
    Case("subscribe channel set and delete events", "GET", "/v2/subscribe/demo/c1/0?tt=1", 200,
         events("c1", {"e": 2, "d": {"source": "objects", "version": "2.0", "event": "set", "type": "channel",
                                     "data": channel_object(custom={"key1": "val1"})}},
                {"e": 2, "d": {"source": "objects", "version": "2.0", "event": "delete", "type": "channel",
                               "data": {"id": "c1"}}}), setup=[SET_C1, ("DELETE", OBJ + "/channels/c1", None)]),
    # files (MORE §7, §7.11)
    Case("generate upload url", "POST", FILES + "/generate-upload-url", 200,
         {"status": 200, "data": {"id": STR, "name": "king_arthur.txt"}, "file_upload_request": {
             "url": STR, "method": "POST", "expiration_date": STR, "form_fields": [
                 {"key": "tagging", "value": STR}, {"key": "key", "value": STR},
                 {"key": "Content-Type", "value": "text/plain; charset=utf-8"}]}}, b'{"name": "king_arthur.txt"}'),
    Case("generate upload url bad name", "POST", FILES + "/generate-upload-url", 400,
         {"status": 400, "error": {"message": "Invalid file name", "source": "files"}}, b"{}"),
    Case("upload malformed", "POST", "/file-upload/demo", 400,
         storage("MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data."),
         b"not multipart", content_type=XML, headers={"Content-Type": BOGUS_TYPE}),
    Case("upload too large", "POST", "/file-upload/demo", 400,
         storage("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"), BOGUS_UPLOAD,
         content_type=XML, settings={"max_file_bytes": 10}, headers={"Content-Type": BOGUS_TYPE}),
    Case("list files", "GET", FILES + "/files", 200,
         {"status": 200, "data": [{"name": "f.txt", "id": STR, "size": 5, "created": STR}], "next": None,
          "count": 1}, setup=[("FILE", "fch", b"hello")]),
    Case("list files empty", "GET", FILES + "/files", 200, {"status": 200, "data": [], "next": None, "count": 0}),
    Case("get file url", "GET", FILES + "/files/{file}/f.txt", 307, redirect_to_download,
         setup=[("FILE", "fch", b"hello")], content_type=None),
    Case("download", "GET", "/file-download/demo/fch/{file}/f.txt", 200, b"hello",
         setup=[("FILE", "fch", b"hello")], content_type="text/plain; charset=utf-8"),
    Case("download missing", "GET", "/file-download/demo/fch/nothing/f.txt", 404,
         storage("NoSuchKey", "The specified key does not exist."), content_type=XML),
    Case("delete file", "DELETE", FILES + "/files/{file}/f.txt", 200, {"status": 200},
         setup=[("FILE", "fch", b"hello")]),
    Case("publish file message", "GET", PUBLISH_FILE + "?meta=null&ttl=0&store=0&uuid=u1", 200, [1, "Sent", TT_STR]),
    Case("publish file message invalid JSON", "GET", "/v1/files/publish-file/demo/demo/0/fch/0/%7Bx", 400,
         [0, "Invalid JSON", TT_STR]),
    Case("subscribe file event", "GET", "/v2/subscribe/demo/fch/0?tt=1", 200,
         event("fch", e=4, i="u1", d={"message": "hi", "file": {"id": "x", "name": "y"}}),
         setup=[get(PUBLISH_FILE + "?meta=null&ttl=0&store=0&uuid=u1")]),
    # presence with channel groups and the include forms (MORE §1.1)
    Case("here now group", "GET", PRES + "/channel/,?channel-group=g", 200,
         dict(PRESENCE_OK, payload={"channels": {"ch": {"uuids": ["u1"], "occupancy": 1}}, "total_channels": 1,
                                    "total_occupancy": 1}), setup=[("GROUP", "g", b"ch"), HEARTBEAT]),
    Case("here now group with state", "GET", PRES + "/channel/,?channel-group=g&state=1", 200,
         dict(PRESENCE_OK, payload={"channels": {"ch": {"uuids": [{"uuid": "u1", "state": {"a": 1}}],
                                                        "occupancy": 1}}, "total_channels": 1, "total_occupancy": 1}),
         setup=[("GROUP", "g", b"ch"), HEARTBEAT]),
    Case("here now channel and group without uuids", "GET", PRES + "/channel/x?channel-group=g&disable_uuids=1", 200,
         dict(PRESENCE_OK, payload={"channels": {"ch": {"occupancy": 1}, "x": {"occupancy": 1}},
                                    "total_channels": 2, "total_occupancy": 2}),
         setup=[("GROUP", "g", b"ch"), HEARTBEAT, get(PRES + "/channel/x/heartbeat?uuid=u2")]),
    Case("here now global with state", "GET", PRES + "?state=1", 200,
         dict(PRESENCE_OK, payload={"channels": {"ch": {"uuids": [{"uuid": "u1", "state": {"a": 1}}],
                                                        "occupancy": 1}}, "total_channels": 1, "total_occupancy": 1}),
         setup=[HEARTBEAT]),
    Case("here now unknown group", "GET", PRES + "/channel/,?channel-group=nothing", 200,
         dict(PRESENCE_OK, payload={"channels": {}, "total_channels": 0, "total_occupancy": 0})),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_answer(case: Case, make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    run_case(case, make_server, make_http)


def test_the_tables_reach_every_route() -> None:
    assert route_names(test_shapes.CASES + CASES) == {route.name for route in SERVICE_ROUTES}


def test_upload_answer(make_server: Callable[..., Any], make_http: Callable[[Any], Http]) -> None:
    http = make_http(make_server())
    form = http.request("POST", FILES + "/generate-upload-url", b'{"name": "a b"}').json
    body, content_type = multipart(form["file_upload_request"]["form_fields"], "a b", b"\x00\xff")
    answer = http.request("POST", "/file-upload/demo", body, {"Content-Type": content_type})
    assert (answer.status, answer.content_type, answer.body) == (204, None, b"")
    again = http.request("POST", "/file-upload/demo", body, {"Content-Type": content_type})  # a form works once
    assert (again.status, again.content_type) == (403, XML) and b"<Code>AccessDenied</Code>" in again.body
    download = http.get("/file-download/demo/fch/%s/a%%20b" % form["data"]["id"])
    assert (download.status, download.content_type, download.body) == (200, "binary/octet-stream", b"\x00\xff")
