"""Throwaway Redis servers for tests that need Redis's own behaviour (eviction, memory limits): each on a free
loopback port, without persistence, stopped when the test ends."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server")
# .ci/run installs redis-server and sets LAMPEDUSA_REQUIRE_REDIS_SERVER: there a missing server fails the test.
needs_redis_server = pytest.mark.skipif(
    REDIS_SERVER is None and not os.environ.get("LAMPEDUSA_REQUIRE_REDIS_SERVER"),
    reason="redis-server is not installed (apt-get install -y redis-server)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def redis_server(*options: str):
    """A running redis-server with `options` (e.g. "--maxmemory", "2mb"); yields its URL."""
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen([*command, *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
