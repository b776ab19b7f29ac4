"""Files on Tornado: send a file to a channel, list, locate, download and delete it.

``send_file()`` uploads the file and publishes a file message about it, which subscribers
receive through their listener's ``file()`` method. ``list_files()`` lists a channel's files,
``get_file_url()`` tells where one can be downloaded, ``download_file()`` fetches its bytes and
``delete_file()`` removes it. Every call here is awaited with ``.result()``, which returns the
result or raises ``PubNubException``.

The plain client (``pubnub.pubnub.PubNub``) has the same calls: end them with ``.sync()``
(``.sync().result`` is the same result) or ``.pn_async(callback)`` instead.

Run: ``python examples/files.py`` (a local PubNub-compatible server, which also stores the
files, unless PubNub keys are in the environment; see ``service.py``).
"""
from __future__ import annotations

import asyncio
import hashlib
import urllib.parse
from typing import Any

from pubnub.callbacks import SubscribeCallback
from pubnub.enums import PNStatusCategory
from pubnub.pubnub_tornado import PubNubTornado

from service import TIMEOUT, local_or_live

CONTENT = b"Minutes of the meeting\n- lunch at noon\n- ship on Friday\n"


class FileEvents(SubscribeCallback):
    """Collects the file messages of the subscription."""

    def __init__(self) -> None:
        self.connected = asyncio.Event()
        self.files: asyncio.Queue[Any] = asyncio.Queue()

    def status(self, pubnub: Any, status: Any) -> None:
        if status.category == PNStatusCategory.PNConnectedCategory:
            self.connected.set()

    def file(self, pubnub: Any, file_message: Any) -> None:
        self.files.put_nowait(file_message)


def without_query(url: str) -> str:
    """A download URL without its query string (which may carry a signature)."""
    return urllib.parse.urlsplit(url)._replace(query="").geturl()


async def main() -> None:
    async with local_or_live() as service:
        room = service.channel("examples.files")
        pubnub = PubNubTornado(service.config("file-sharer"))
        events = FileEvents()
        pubnub.add_listener(events)
        pubnub.subscribe().channels(room).execute()
        await asyncio.wait_for(events.connected.wait(), TIMEOUT)

        # send_file: upload, then publish a message about the file (with text of our own).
        sent = await pubnub.send_file().channel(room).file_name("minutes.txt").file_object(CONTENT) \
            .message({"text": "today's minutes"}).result()
        print("send_file:     stored %s as id %s, file message timetoken %s" % (sent.name, sent.file_id,
                                                                                sent.timestamp))
        event = await asyncio.wait_for(events.files.get(), TIMEOUT)
        print("file event:    %s from %s: %r" % (event.file_name, event.publisher, event.message))

        listed = await pubnub.list_files().channel(room).result()
        for item in listed.data:
            print("list_files:    %s (%s bytes, id %s)" % (item["name"], item["size"], item["id"]))

        located = await pubnub.get_file_url().channel(room).file_id(sent.file_id).file_name(sent.name).result()
        print("get_file_url:  %s" % without_query(located.file_url))

        downloaded = await pubnub.download_file().channel(room).file_id(sent.file_id).file_name(sent.name).result()
        same = downloaded.data == CONTENT
        print("download_file: %d bytes, sha256 %s, identical to what was sent: %s" % (
            len(downloaded.data), hashlib.sha256(downloaded.data).hexdigest()[:16], same))
        if not same:
            raise SystemExit("the downloaded file differs from the one sent")

        await pubnub.delete_file().channel(room).file_id(sent.file_id).file_name(sent.name).result()
        listed = await pubnub.list_files().channel(room).result()
        print("delete_file:   done; the channel now has %s file(s)" % listed.count)

        pubnub.unsubscribe_all()


if __name__ == "__main__":
    asyncio.run(main())
