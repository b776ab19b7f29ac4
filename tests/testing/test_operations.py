"""Every row of the operations-to-permissions table (``pubnub.testing.operations.OPERATIONS``,
MORE §2.8) is enforced: each operation's request is refused without the grant it needs and
allowed with it (and the few that need nothing are never refused by Access Manager)."""
from __future__ import annotations

import json
import time
from typing import Any, Callable, List, NamedTuple, Optional, Tuple
from urllib.parse import parse_qsl, quote, urlencode

import pytest

from pubnub.testing.operations import OPERATIONS

from .support import Answer, Http, signed

SECRET = "sec-c-ops"
TT, TT2 = "16000000000000001", "16000000000000002"
FILE_MESSAGE = quote(json.dumps({"message": None, "file": {"id": "i", "name": "n"}}), safe="")


class Case(NamedTuple):
    """A request of one operation and the v2 grant (query of ``/v2/auth/grant``) it needs; ``grant``
    None: the operation needs nothing; "signed": only a request signed with the secret key."""

    method: str
    target: str
    grant: Optional[str]
    body: Optional[bytes] = None


def _q(target: str) -> str:
    return target + ("&" if "?" in target else "?") + "auth=k1&uuid=u"


CASES = {
    "time": [Case("GET", "/time/0", None)],
    "publish": [Case("GET", "/publish/demo/demo/0/ch/0/1", "channel=ch&w=1"),
                Case("POST", "/publish/demo/demo/0/ch/0", "channel=ch&w=1", b"1")],
    "signal": [Case("GET", "/signal/demo/demo/0/ch/0/1", "channel=ch&w=1")],
    "subscribe": [Case("GET", "/v2/subscribe/demo/ch,ch-pnpres/0?tt=0", "channel=ch,ch-pnpres&r=1"),
                  Case("GET", "/v2/subscribe/demo/,/0?tt=0&channel-group=g", "channel-group=g&r=1")],
    "leave": [Case("GET", "/v2/presence/sub-key/demo/channel/ch/leave", None)],
    "here-now": [Case("GET", "/v2/presence/sub-key/demo/channel/ch", "channel=ch&r=1")],
    "global-here-now": [Case("GET", "/v2/presence/sub-key/demo", "r=1")],
    "where-now": [Case("GET", "/v2/presence/sub-key/demo/uuid/u", None)],
    "get-state": [Case("GET", "/v2/presence/sub-key/demo/channel/ch/uuid/u", "channel=ch&r=1")],
    "set-state": [Case("GET", "/v2/presence/sub-key/demo/channel/ch/uuid/u/data?state=%7B%22a%22%3A1%7D",
                       "channel=ch&r=1")],
    "heartbeat": [Case("GET", "/v2/presence/sub-key/demo/channel/ch/heartbeat", "channel=ch&r=1")],
    "history": [Case("GET", "/v2/history/sub-key/demo/channel/ch", "channel=ch&r=1")],
    "fetch-messages": [Case("GET", "/v3/history/sub-key/demo/channel/ch,c2", "channel=ch,c2&r=1")],
    "history-with-actions": [Case("GET", "/v3/history-with-actions/sub-key/demo/channel/ch", "channel=ch&r=1")],
    "message-counts": [Case("GET", "/v3/history/sub-key/demo/message-counts/ch?timetoken=1", "channel=ch&r=1")],
    "delete-messages": [Case("DELETE", "/v3/history/sub-key/demo/channel/ch", "channel=ch&d=1")],
    "get-message-actions": [Case("GET", "/v1/message-actions/demo/channel/ch", "channel=ch&r=1")],
    "add-message-action": [Case("POST", "/v1/message-actions/demo/channel/ch/message/" + TT, "channel=ch&w=1",
                                b'{"type": "reaction", "value": "smile"}')],
    "remove-message-action": [Case("DELETE", "/v1/message-actions/demo/channel/ch/message/%s/action/%s" % (TT, TT2),
                                   "channel=ch&d=1")],
    "channel-group": [Case("GET", "/v1/channel-registration/sub-key/demo/channel-group/g?add=ch",
                           "channel-group=g&m=1"),
                      Case("GET", "/v1/channel-registration/sub-key/demo/channel-group/g", "channel-group=g&m=1")],
    "remove-channel-group": [Case("GET", "/v1/channel-registration/sub-key/demo/channel-group/g/remove",
                                  "channel-group=g&m=1")],
    "push": [Case("GET", "/v1/push/sub-key/demo/devices/dev1?type=gcm&add=ch,c2", "channel=ch,c2&r=1"),
             Case("GET", "/v1/push/sub-key/demo/devices/dev1?type=gcm&remove=ch", "channel=ch&r=1"),
             Case("GET", "/v1/push/sub-key/demo/devices/dev1?type=gcm", "r=1"),
             Case("GET", "/v2/push/sub-key/demo/devices-apns2/dev1?type=apns2&topic=t&environment=development"
                         "&add=ch", "channel=ch&r=1"),
             Case("GET", "/v2/push/sub-key/demo/devices-apns2/dev1?type=apns2&topic=t&environment=development",
                  "r=1")],
    "push-remove-device": [Case("GET", "/v1/push/sub-key/demo/devices/dev1/remove?type=gcm", "r=1"),
                           Case("GET", "/v2/push/sub-key/demo/devices-apns2/dev1/remove?type=apns2&topic=t"
                                       "&environment=development", "r=1")],
    "get-all-metadata": [Case("GET", "/v2/objects/demo/uuids?include=custom", "g=1"),
                         Case("GET", "/v2/objects/demo/channels", "g=1")],
    "get-uuid-metadata": [Case("GET", "/v2/objects/demo/uuids/u1", "target-uuid=u1&g=1")],
    "set-uuid-metadata": [Case("PATCH", "/v2/objects/demo/uuids/u1", "target-uuid=u1&u=1", b'{"name": "n"}')],
    "remove-uuid-metadata": [Case("DELETE", "/v2/objects/demo/uuids/u1", "target-uuid=u1&d=1")],
    "get-memberships": [Case("GET", "/v2/objects/demo/uuids/u1/channels", "target-uuid=u1&g=1")],
    "manage-memberships": [Case("PATCH", "/v2/objects/demo/uuids/u1/channels", "target-uuid=u1&u=1",
                                b'{"set": [{"channel": {"id": "ch"}}]}')],
    "get-channel-metadata": [Case("GET", "/v2/objects/demo/channels/ch", "channel=ch&g=1")],
    "set-channel-metadata": [Case("PATCH", "/v2/objects/demo/channels/ch", "channel=ch&m=1", b'{"name": "n"}')],
    "remove-channel-metadata": [Case("DELETE", "/v2/objects/demo/channels/ch", "channel=ch&d=1")],
    "get-channel-members": [Case("GET", "/v2/objects/demo/channels/ch/uuids", "channel=ch&g=1")],
    "manage-channel-members": [Case("PATCH", "/v2/objects/demo/channels/ch/uuids", "channel=ch&m=1",
                                    b'{"set": [{"uuid": {"id": "u1"}}]}')],
    "generate-upload-url": [Case("POST", "/v1/files/demo/channels/ch/generate-upload-url", "channel=ch&w=1",
                                 b'{"name": "a"}')],
    "publish-file-message": [Case("GET", "/v1/files/publish-file/demo/demo/0/ch/0/" + FILE_MESSAGE,
                                  "channel=ch&w=1")],
    "list-files": [Case("GET", "/v1/files/demo/channels/ch/files", "channel=ch&r=1")],
    "get-file-url": [Case("GET", "/v1/files/demo/channels/ch/files/i/n", "channel=ch&r=1")],
    "delete-file": [Case("DELETE", "/v1/files/demo/channels/ch/files/i/n", "channel=ch&d=1")],
    "file-upload": [Case("POST", "/file-upload/demo", None, b"--x\r\n\r\n--x--\r\n")],
    "file-download": [Case("GET", "/file-download/demo/ch/i/n", None)],
    "grant": [Case("GET", "/v2/auth/grant/sub-key/demo?channel=ch&r=1", "signed")],
    "audit": [Case("GET", "/v2/auth/audit/sub-key/demo", "signed")],
    "grant-token": [Case("POST", "/v3/pam/demo/grant", "signed",
                         b'{"ttl": 5, "permissions": {"resources": {"channels": {"ch": 1}}}}')],
}


def denied(answer: Answer) -> bool:
    """Refused by Access Manager (the family's 403, whatever its shape)."""
    return answer.status == 403 and ("Forbidden" in answer.text or "Supplied authorization key" in answer.text)


def test_every_operation_of_the_table_has_cases() -> None:
    assert set(CASES) == set(OPERATIONS)
    for name, cases in CASES.items():
        if OPERATIONS[name] is None:
            assert [case.grant for case in cases] == ["signed"] * len(cases), name


@pytest.mark.parametrize("name,case", [(name, case) for name, cases in CASES.items() for case in cases],
                         ids=lambda value: value if isinstance(value, str) else value.method + " " + value.target[:60])
def test_each_operation_needs_its_grant(make_server: Callable[..., Any], make_http: Callable[[Any], Http],
                                        name: str, case: Case) -> None:
    http = make_http(make_server(secret_key=SECRET, long_poll_seconds=0.01))
    target = _q(case.target)
    refused = http.request(case.method, target, case.body)
    if case.grant is None:
        assert OPERATIONS[name] is not None
        assert not denied(refused), refused.text  # needs nothing
        return
    assert denied(refused), (refused.status, refused.text)
    if case.grant == "signed":
        target = signed(SECRET, "demo", case.method, target, case.body or b"", timestamp=str(int(time.time())))
    else:
        pairs = parse_qsl(case.grant)
        resource = [(key, value) for key, value in pairs if len(key) > 1]
        needed = {key for key, value in pairs if len(key) == 1}
        others = [(flag, "1") for flag in "rwmdguj" if flag not in needed]
        grant(http, resource + others)  # every other flag on the same resource is not enough
        assert denied(http.request(case.method, target, case.body)), name
        grant(http, pairs)  # a grant replaces the flags: only the one the table names is left
    allowed = http.request(case.method, target, case.body)
    assert not denied(allowed) and allowed.status != 403, (allowed.status, allowed.text)


def grant(http: Http, pairs: List[Tuple[str, str]]) -> None:
    query = urlencode([("auth", "k1"), *pairs], safe=",")
    answer = http.get(signed(SECRET, "demo", "GET", "/v2/auth/grant/sub-key/demo?" + query,
                             timestamp=str(int(time.time()))))
    assert answer.status == 200, answer.text
