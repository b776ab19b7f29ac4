"""Importing pubnub has no side effects, and the core imports without tornado, requests or asyncio.

Each check runs in a fresh interpreter, so nothing imported by other tests can hide a problem.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_importing_the_tornado_client_has_no_side_effects() -> None:
    done = _run("""
        import asyncio, threading
        from tornado.httpclient import AsyncHTTPClient

        configured = AsyncHTTPClient.configured_class()
        saved = AsyncHTTPClient._save_configuration()  # (class, defaults) as configure() would set them
        threads = set(threading.enumerate())

        import pubnub, pubnub.pubnub_tornado, pubnub.pnconfiguration, pubnub.utils, pubnub.crypto

        assert AsyncHTTPClient.configured_class() is configured, AsyncHTTPClient.configured_class()
        assert AsyncHTTPClient._save_configuration() == saved, AsyncHTTPClient._save_configuration()
        assert set(threading.enumerate()) == threads, threading.enumerate()
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise AssertionError("an event loop is running")
        print("clean")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"


def test_core_imports_with_io_libraries_blocked() -> None:
    done = _run("""
        import importlib, pkgutil, sys

        BLOCKED = ("tornado", "requests", "asyncio", "pycurl", "urllib3")

        class Blocker:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in BLOCKED:
                    raise ImportError("blocked: " + name)
                return None

        sys.meta_path.insert(0, Blocker())
        for name in list(sys.modules):
            assert name.split(".")[0] not in BLOCKED, "already imported: " + name

        import pubnub.endpoints
        modules = ["pubnub._outcome", "pubnub.utils", "pubnub._http", "pubnub._flows", "pubnub.endpoints"]
        modules += [m.name for m in pkgutil.walk_packages(pubnub.endpoints.__path__, "pubnub.endpoints.")]
        for module in modules:
            importlib.import_module(module)
        leaked = sorted(n for n in sys.modules if n.split(".")[0] in BLOCKED)
        assert not leaked, leaked
        print(len(modules))
    """)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 17  # the five core modules and every endpoint module of the package


def test_the_blocker_really_blocks() -> None:
    done = _run("""
        import sys

        class Blocker:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "tornado":
                    raise ImportError("blocked: " + name)
                return None

        sys.meta_path.insert(0, Blocker())
        import pubnub.pubnub_tornado
    """)
    assert done.returncode != 0 and "blocked: tornado" in done.stderr


def test_only_the_asyncio_client_imports_aiohttp() -> None:
    """aiohttp is the ``pubnub[asyncio]`` extra: the package, the core, the plain and Tornado
    clients and the testing server import without it; the asyncio client needs it."""
    done = _run("""
        import sys

        class Blocker:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("aiohttp", "yarl"):
                    raise ImportError("blocked: " + name)
                return None

        sys.meta_path.insert(0, Blocker())
        import pubnub, pubnub.pubnub, pubnub.pubnub_tornado, pubnub.pnconfiguration, pubnub.testing
        import pubnub._async_client, pubnub._subscription_async, pubnub._listener_async
        try:
            import pubnub.pubnub_asyncio
        except ImportError as e:
            print("refused:", e)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused: blocked: aiohttp"


def test_importing_the_asyncio_client_has_no_side_effects() -> None:
    done = _run("""
        import asyncio, threading
        threads = set(threading.enumerate())

        import pubnub.pubnub_asyncio
        from pubnub.pnconfiguration import PNConfiguration

        config = PNConfiguration()
        config.subscribe_key = config.publish_key = "demo"
        client = pubnub.pubnub_asyncio.PubNubAsyncio(config)  # outside any loop: binds nothing yet
        assert client._bound_loop is None and client._transport is None
        assert set(threading.enumerate()) == threads, threading.enumerate()
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise AssertionError("an event loop is running")
        print("clean")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"
