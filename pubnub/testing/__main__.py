"""``python -m pubnub.testing``: run the local PubNub-compatible server until interrupted.

Layer: test server (command line). Prints one line with the origin to use
(``PNConfiguration.origin``) once listening. A server that cannot start (its port taken, no
permission, an unreadable certificate) is one ``error: ...`` line on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import signal
import ssl
import sys
from typing import List, Optional, Tuple

from pubnub._version import __version__
from pubnub.testing.app import PubNubTestServer
from pubnub.testing.faults import Fault


class StartupError(Exception):
    """The server could not start; the message is the one line to show."""


def keysets(text: str) -> List[Tuple[str, str]]:
    """``--keys`` value: ``PUB/SUB[,PUB/SUB...]`` -> [(publish key, subscribe key), ...]."""
    pairs: List[Tuple[str, str]] = []
    for item in text.split(","):
        pub, slash, sub = item.strip().partition("/")
        if not slash or not pub or not sub or "/" in sub:
            raise argparse.ArgumentTypeError("expected PUBLISH_KEY/SUBSCRIBE_KEY[,...], got %r" % item)
        pairs.append((pub, sub))
    return pairs


_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}


def byte_size(text: str) -> int:
    """``--max-stored-bytes`` value: bytes, or with a K/M/G suffix (``256M``)."""
    value = text.strip().upper().rstrip("B") or "?"
    unit = value[-1] if value[-1] in "KMG" else ""
    number = value[:-1] if unit else value
    if not number.isascii() or not number.isdigit():
        raise argparse.ArgumentTypeError("expected a size such as 268435456 or 256M, got %r" % text)
    return int(number) * _UNITS[unit]


def fault(text: str) -> Fault:
    """``--fault`` value: ``KIND[:OPERATION][:NAME=VALUE,...]`` (``Fault.parse``)."""
    try:
        return Fault.parse(text)
    except (ValueError, TypeError) as e:
        raise argparse.ArgumentTypeError("%s (in %r)" % (e, text)) from None


FAULT_HELP = """\
inject a fault (may be repeated; the first that matches a request applies):
KIND[:OPERATION][:NAME=VALUE[,NAME=VALUE...]]. KIND: latency (handled DELAY seconds late),
5xx (answered STATUS, default 503, with the service's error body), reset (no answer: the
connection is reset) or stall (no answer until the client gives up). OPERATION: a route name
(publish, signal, subscribe, time, history, fetch-messages, here-now, heartbeat, ...) or a
family (presence, storage, message-actions, channel-groups, mobile-push, objects, files,
access-manager); empty or * for every request. NAMEs: channel (only requests naming it),
count (the next N matching requests), duration (for T seconds from start), status, delay.
Examples: reset:subscribe:count=2 | 5xx:publish:status=503,channel=orders,count=3 |
latency:*:delay=0.5,duration=30 | stall:subscribe:count=1"""


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pubnub.testing",
                                     description="Local PubNub-compatible server (any keys accepted unless --keys).")
    parser.add_argument("--version", action="version", version="pubnub %s" % __version__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8090, help="port (0: any free port)")
    parser.add_argument("--secret-key", default=None, help="turn Access Manager on: verify signatures, enforce grants")
    parser.add_argument("--publish-key", default="demo",
                        help="publish key of signed requests whose path carries none (default: demo; "
                             "with --keys, the one paired with the request's subscribe key)")
    parser.add_argument("--keys", type=keysets, action="append", metavar="PUB/SUB[,PUB/SUB...]",
                        help="accept only these keysets (publish key/subscribe key pairs; may be repeated): "
                             "other keys get the service's invalid-key answers (publish: 400 [0,\"Invalid Key\",tt]; "
                             "other calls: 400 Invalid Subscribe Key). Default: every key is accepted")
    parser.add_argument("--long-poll-seconds", type=float, default=280.0, help="subscribe long-poll window")
    parser.add_argument("--certfile", default=None, help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--keyfile", default=None, help="private key of --certfile")
    parser.add_argument("--max-stored-bytes", type=byte_size, default=256 * 1024 ** 2, metavar="SIZE",
                        help="memory the stored data may use: messages, actions, files, objects (default: 256M); "
                             "past it the oldest goes first")
    parser.add_argument("--max-connections", type=int, default=4096,
                        help="open client connections; more are answered 503 (default: 4096)")
    parser.add_argument("--header-timeout", type=float, default=10.0,
                        help="seconds a request head may take to arrive (default: 10)")
    parser.add_argument("--body-timeout", type=float, default=30.0,
                        help="seconds a request body may take to arrive (default: 30)")
    parser.add_argument("--idle-timeout", type=float, default=120.0,
                        help="seconds an idle keep-alive connection is kept (default: 120)")
    parser.add_argument("--public-origin", default=None, metavar="HOST[:PORT]",
                        help="host[:port] clients reach the server at, for the URLs it hands out (upload forms, "
                             "download redirects); default: the address it listens on. The Host header is not used")
    parser.add_argument("--fault", type=fault, action="append", default=[], metavar="SPEC", help=FAULT_HELP)
    parser.add_argument("--log-level", default="INFO", help="DEBUG logs one line per request")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    keys = [pair for group in args.keys for pair in group] if args.keys else None
    try:
        server = PubNubTestServer(args.secret_key, args.long_poll_seconds, host=args.host, port=args.port,
                                  certfile=args.certfile, keyfile=args.keyfile, publish_key=args.publish_key,
                                  keys=keys, max_stored_bytes=args.max_stored_bytes,
                                  max_connections=args.max_connections, header_timeout_seconds=args.header_timeout,
                                  body_timeout_seconds=args.body_timeout, idle_timeout_seconds=args.idle_timeout,
                                  public_origin=args.public_origin, faults=args.fault)
    except (OSError, ssl.SSLError) as e:
        raise StartupError("cannot load the certificate %s: %s" % (args.certfile, e.strerror or e)) from None
    try:
        origin = await server.start()
    except OSError as e:
        raise StartupError(bind_error(e, args.host, args.port)) from None
    scheme = "https" if args.certfile else "http"
    sys.stdout.write("PubNub test server on %s://%s (origin %s)\n" % (scheme, origin, origin))
    for item in args.fault:
        sys.stdout.write("fault in force: %s\n" % item)
    sys.stdout.flush()
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stopped.set)
        except (NotImplementedError, RuntimeError):  # Windows: KeyboardInterrupt still ends the loop
            pass
    await stopped.wait()
    server.stop()


def bind_error(error: OSError, host: str, port: int) -> str:
    """The one line for a failure to listen on ``host:port``."""
    if error.errno == errno.EADDRINUSE:
        return "port %d on %s is already in use" % (port, host)
    if error.errno in (errno.EACCES, errno.EPERM):
        return "no permission to listen on port %d on %s" % (port, host)
    if error.errno == errno.EADDRNOTAVAIL:
        return "cannot listen on %s: not an address of this machine" % host
    return "cannot listen on port %d on %s: %s" % (port, host, error.strerror or error)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=getattr(logging, str(args.log_level).upper(), logging.INFO),
                        format="%(asctime)s %(name)s [%(levelname)s] %(message)s")
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass
    except StartupError as e:
        sys.stderr.write("error: %s\n" % e)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
