"""Which permission each operation needs when Access Manager is on: the one table (MORE §2.8).

Layer: test server. Pure data over ``pubnub.testing.permissions``. ``OPERATIONS`` maps every
route name to ``needs(request, match) -> (subscribe key, [Need])``, or to None for the admin
calls that only a request signed with the secret key may make. The numbers are the path groups
of the route's pattern holding the subscribe key and the resource name.

With a secret key, every request needs a grant or a token for what it reads or changes (the
service's Security FAQ): a signed request may do anything, an unsigned one only what this
table asks and Access Manager allows its ``auth``. Rows MORE §2.8 documents are marked
"documented"; for the others the rule of that section applies: the flag of the resource the
call reads (``read``, ``get``) or changes (``write``, ``manage``, ``update``, ``delete``), and a
grant for the whole subscribe key when the call names no channel, group or uuid. Only
``time``, unsubscribe (``leave``), ``where_now`` and the storage URLs the server itself hands
out need nothing.
"""
from __future__ import annotations

from typing import Dict, Optional

from pubnub.testing.permissions import (
    DELETE,
    GET,
    MANAGE,
    NOTHING,
    READ,
    UPDATE,
    WRITE,
    Needs,
    on_channel,
    on_channels,
    on_group,
    on_listed_channels,
    on_subkey,
    on_uuid,
)

#: route name -> what an unsigned request needs (None: admin, signed requests only)
OPERATIONS: Dict[str, Optional[Needs]] = {
    "time": NOTHING,                                       # the connectivity probe
    # publish and subscribe
    "publish": on_channel(2, 4, WRITE),                    # documented
    "signal": on_channel(2, 4, WRITE),                     # documented
    "subscribe": on_channels(1, 2, READ),                  # documented: channels, -pnpres ones, groups
    # presence
    "leave": NOTHING,                                      # documented: unsubscribe needs none
    "here-now": on_channels(1, 2, READ),                   # documented
    "global-here-now": on_subkey(1, READ),                 # names no channel: every channel's occupants
    "where-now": NOTHING,                                  # documented
    "get-state": on_channels(1, 2, READ),                  # documented
    "set-state": on_channels(1, 2, READ),                  # documented
    "heartbeat": on_channels(1, 2, READ),
    # storage
    "history": on_channels(1, 2, READ),                    # documented
    "fetch-messages": on_channels(1, 2, READ),             # documented
    "history-with-actions": on_channels(1, 2, READ),       # documented (fetch messages)
    "message-counts": on_channels(1, 2, READ),
    "delete-messages": on_channels(1, 2, DELETE),          # CORE: delete
    # message actions
    "get-message-actions": on_channel(1, 2, READ),
    "add-message-action": on_channel(1, 2, WRITE),
    "remove-message-action": on_channel(1, 2, DELETE),
    # channel groups (the v2 grant docs: manage on the group)
    "channel-group": on_group(1, 2, MANAGE),               # add, remove and list channels
    "remove-channel-group": on_group(1, 2, MANAGE),
    # mobile push: adding or removing channels reads them (the device receives what is
    # published there); listing a device's channels or removing the device names no channel
    "push": on_listed_channels(1, ("add", "remove"), READ),
    "push-remove-device": on_subkey(1, READ),
    # App Context (Objects v2)
    "get-all-metadata": on_subkey(1, GET),                 # every uuid's or channel's metadata
    "get-uuid-metadata": on_uuid(1, 3, GET),
    "set-uuid-metadata": on_uuid(1, 3, UPDATE),
    "remove-uuid-metadata": on_uuid(1, 3, DELETE),
    "get-memberships": on_uuid(1, 3, GET),
    "manage-memberships": on_uuid(1, 3, UPDATE),
    "get-channel-metadata": on_channel(1, 3, GET),
    "set-channel-metadata": on_channel(1, 3, MANAGE),
    "remove-channel-metadata": on_channel(1, 3, DELETE),
    "get-channel-members": on_channel(1, 3, GET),
    "manage-channel-members": on_channel(1, 3, MANAGE),
    # files
    "generate-upload-url": on_channel(1, 2, WRITE),
    "publish-file-message": on_channel(2, 4, WRITE),
    "list-files": on_channel(1, 2, READ),
    "get-file-url": on_channel(1, 2, READ),
    "delete-file": on_channel(1, 2, DELETE),
    "file-upload": NOTHING,                                # the form the server issued authorizes it
    "file-download": NOTHING,                              # a URL handed out by get-file-url
    # Access Manager itself
    "grant": None,
    "audit": None,
    "grant-token": None,
}
