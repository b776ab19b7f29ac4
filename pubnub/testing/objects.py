"""Objects v2 REST: uuid/channel metadata, memberships, channel members (MORE §6), with events.

Layer: test server. Handlers over ``objects_store.ObjectsData`` and ``objects_query``.

* Single objects: ``{"status": 200, "data": {...}}`` (``custom`` only with ``include=custom``);
  delete: ``{"status": 200, "data": null}`` (also for an id that has no metadata); a GET of
  an id without metadata: 404 ``{"status": 404, "error": {"message": ..., "source": "objects"}}``
  (the status was not recorded; the shape is the recorded Objects error).
* PATCH bodies must be JSON objects (any ``Content-Type``); a key present with ``null`` clears
  the field, an absent key keeps it, ``custom`` is replaced as a whole and may hold only
  strings, numbers and booleans; unknown keys are ignored. Memberships/members PATCH take
  ``{"set": [...], "delete": [...]}`` (deletes first) and answer with the uuid's (channel's)
  complete list after the change, paged and rendered like a GET.
* Every change publishes an objects event (``e``=2, CORE §6.4) that is not stored: uuid
  metadata on the channel named after the uuid, channel metadata on the channel itself, a
  membership on both the channel and the uuid's channel; ``set`` events carry the full object,
  ``delete`` events its id(s).
* Access Manager: what each call needs is in ``pubnub.testing.operations``.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from pubnub.testing.envelopes import objects_head
from pubnub.testing.errors import ServiceError, objects_error
from pubnub.testing.objects_query import ListQuery, select
from pubnub.testing.objects_store import CHANNEL, FIELDS, UUID, Membership, Meta, ObjectsData
from pubnub.testing.records import Event
from pubnub.testing.routing import Reply, Request, parse_json, path_item, route
from pubnub.testing.store import CapacityError, KeySpace

if TYPE_CHECKING:
    from pubnub.testing.app import ServerContext

_NESTED = {UUID: CHANNEL, CHANNEL: UUID}  # a uuid's list holds channels, a channel's list uuids
_ALIASES = {UUID: {"id": "channel.id", "name": "channel.name"}, CHANNEL: {"id": "uuid.id", "name": "uuid.name"}}


def _invalid_input(message: str = "Request payload contained invalid input.") -> ServiceError:
    return objects_error(message, 400)


def _denied(channels: List[str], groups: List[str], uuids: List[str]) -> ServiceError:
    return objects_error("Supplied authorization key does not have the permissions required to perform this "
                         "operation.", 403)


def _data(ctx: "ServerContext", match: "re.Match[str]") -> Tuple[KeySpace, ObjectsData]:
    keyspace = ctx.store.keyspace(path_item(match.group(1)))
    return keyspace, keyspace.section(ObjectsData)


def _publish(ctx: "ServerContext", keyspace: KeySpace, channel_names: List[str], kind: str, event: str,
             data: Dict[str, Any]) -> None:
    store = ctx.store
    for name in dict.fromkeys(channel_names):
        channel = keyspace.channel(name)
        seq = store.next_timetoken()
        head = objects_head(channel.location, seq, ctx.settings.region, kind, event, data)
        channel.push_event(Event(seq, store.monotonic(), head))


def _body(request: Request) -> Dict[str, Any]:
    try:
        body = parse_json(request.text_body()) if request.body else None
    except ValueError:
        raise _invalid_input() from None
    if not isinstance(body, dict):
        raise _invalid_input()
    return body


def _custom(ctx: "ServerContext", value: Any) -> Optional[Dict[str, Any]]:
    """A ``custom`` value: None, or an object of scalars within ``max_custom_bytes``."""
    if value is None:
        return None
    if not isinstance(value, dict) or any(not isinstance(item, (str, int, float, bool)) for item in value.values()):
        raise _invalid_input("Invalid custom: an object of strings, numbers and booleans is required.")
    if len(json.dumps(value)) > ctx.settings.max_custom_bytes:
        raise _invalid_input("Invalid custom: too large.")
    return value


def _kind(match: "re.Match[str]") -> str:
    return UUID if match.group(2) == "uuids" else CHANNEL


# ----- metadata ---------------------------------------------------------------------------------
def handle_get_all(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/objects/{sub}/uuids|channels`` with the list parameters."""
    kind = _kind(match)
    query = ListQuery(request)
    with_custom = "custom" in query.include
    _, data = _data(ctx, match)
    answer = select(data.all(kind), query, lambda meta: meta.as_dict(True), lambda meta: meta.id,
                    lambda meta: meta.as_dict(with_custom))
    return Reply(200, json.dumps(answer))


def handle_get(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/objects/{sub}/uuids|channels/{id}[?include=custom]``."""
    kind = _kind(match)
    meta = _data(ctx, match)[1].get(kind, path_item(match.group(3)))
    if meta is None:
        raise objects_error("Requested object was not found.", 404)
    return Reply(200, json.dumps({"status": 200, "data": meta.as_dict("custom" in request.arg_list("include"))}))


def handle_set(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``PATCH /v2/objects/{sub}/uuids|channels/{id}`` with the fields to change."""
    kind = _kind(match)
    id_ = path_item(match.group(3))
    if not id_:
        raise _invalid_input("Invalid id")
    body = _body(request)
    changes: Dict[str, Any] = {}
    for name in FIELDS[kind]:
        if name in body:
            if body[name] is not None and not isinstance(body[name], str):
                raise _invalid_input("Invalid %s" % name)
            changes[name] = body[name]
    if "custom" in body:
        changes["custom"] = _custom(ctx, body["custom"])
    keyspace, data = _data(ctx, match)
    try:
        meta = data.set(kind, id_, changes, ctx.store.wall_clock())
    except CapacityError as e:
        raise _invalid_input(str(e)) from None
    _publish(ctx, keyspace, [id_], kind, "set", meta.as_dict(True))
    return Reply(200, json.dumps({"status": 200, "data": meta.as_dict("custom" in request.arg_list("include"))}))


def handle_remove(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``DELETE /v2/objects/{sub}/uuids|channels/{id}``."""
    kind = _kind(match)
    id_ = path_item(match.group(3))
    keyspace, data = _data(ctx, match)
    if data.remove(kind, id_):
        _publish(ctx, keyspace, [id_], kind, "delete", {"id": id_})
    return Reply(200, '{"status": 200, "data": null}')


# ----- memberships and members --------------------------------------------------------------------
def _nested(data: ObjectsData, kind: str, id_: str, include: Any) -> Dict[str, Any]:
    """The nested uuid/channel object of a list item, as ``include`` asks for it."""
    meta: Optional[Meta] = data.get(kind, id_) if (kind in include or kind + ".custom" in include) else None
    return meta.as_dict(kind + ".custom" in include) if meta is not None else {"id": id_}


def _item(data: ObjectsData, owner: str, membership: Membership, include: Any) -> Dict[str, Any]:
    nested = _NESTED[owner]
    item: Dict[str, Any] = {nested: _nested(data, nested, getattr(membership, nested), include)}
    if "custom" in include:
        item["custom"] = membership.custom
    item["updated"] = membership.updated
    item["eTag"] = membership.eTag
    return item


_FULL = frozenset(("custom", "uuid.custom", "channel.custom"))


def _list(data: ObjectsData, owner: str, id_: str, query: ListQuery) -> Dict[str, Any]:
    items = data.memberships_of(id_) if owner == UUID else data.members_of(id_)
    nested = _NESTED[owner]
    return select(items, query, lambda m: _item(data, owner, m, _FULL), lambda m: getattr(m, nested),
                  lambda m: _item(data, owner, m, query.include))


def handle_get_list(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``GET /v2/objects/{sub}/uuids/{uuid}/channels`` (memberships) or ``.../channels/{ch}/uuids`` (members)."""
    owner = _kind(match)
    query = ListQuery(request, _ALIASES[owner])
    return Reply(200, json.dumps(_list(_data(ctx, match)[1], owner, path_item(match.group(3)), query)))


def _targets(body: Dict[str, Any], key: str, nested: str, ctx: "ServerContext"
             ) -> List[Tuple[str, Optional[Dict[str, Any]]]]:
    items = body.get(key, [])
    if items is None:
        return []
    if not isinstance(items, list):
        raise _invalid_input()
    found = []
    for item in items:
        target = item.get(nested) if isinstance(item, dict) else None
        name = target.get("id") if isinstance(target, dict) else None
        if not isinstance(name, str) or not name:
            raise _invalid_input()
        found.append((name, _custom(ctx, item.get("custom"))))
    return found


def handle_change_list(ctx: "ServerContext", request: Request, match: "re.Match[str]") -> Reply:
    """``PATCH`` of a memberships/members list with ``{"set": [...], "delete": [...]}``."""
    owner = _kind(match)
    nested = _NESTED[owner]
    id_ = path_item(match.group(3))
    query = ListQuery(request, _ALIASES[owner])
    body = _body(request)
    sets, deletes = _targets(body, "set", nested, ctx), _targets(body, "delete", nested, ctx)

    def pair(other: str) -> Tuple[str, str]:
        return (id_, other) if owner == UUID else (other, id_)

    keyspace, data = _data(ctx, match)
    try:
        removed, touched = data.change([pair(name) for name, _ in deletes],
                                       [(*pair(name), custom) for name, custom in sets], ctx.store.wall_clock())
    except CapacityError as e:
        raise _invalid_input(str(e)) from None
    for membership in removed:
        _membership_event(ctx, keyspace, membership, "delete")
    for membership in touched:
        _membership_event(ctx, keyspace, membership, "set")
    return Reply(200, json.dumps(_list(data, owner, id_, query)))


def _membership_event(ctx: "ServerContext", keyspace: KeySpace, membership: Membership, event: str) -> None:
    data: Dict[str, Any] = {"channel": {"id": membership.channel}, "uuid": {"id": membership.uuid}}
    if event == "set":
        data.update(custom=membership.custom, updated=membership.updated, eTag=membership.eTag)
    _publish(ctx, keyspace, [membership.channel, membership.uuid], "membership", event, data)


def _routes(kind: str, item: str, list_suffix: str, list_name: str) -> List[Any]:
    return [
        route("GET", item + "$", handle_get, "get-%s-metadata" % kind, _denied),
        route("PATCH", item + "$", handle_set, "set-%s-metadata" % kind, _denied),
        route("DELETE", item + "$", handle_remove, "remove-%s-metadata" % kind, _denied),
        route("GET", item + list_suffix, handle_get_list, "get-" + list_name, _denied),
        route("PATCH", item + list_suffix, handle_change_list, "manage-" + list_name, _denied),
    ]


_SEG = "([^/]*)"
ROUTES = [
    route("GET", r"^/v2/objects/%s/(uuids|channels)$" % _SEG, handle_get_all, "get-all-metadata", _denied),
    *_routes(UUID, r"^/v2/objects/%s/(uuids)/%s" % (_SEG, _SEG), "/channels$", "memberships"),
    *_routes(CHANNEL, r"^/v2/objects/%s/(channels)/%s" % (_SEG, _SEG), "/uuids$", "channel-members"),
]
