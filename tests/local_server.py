"""The local server for tests: start `scripts/serve.sh` on free ports, wait, stop, clean up.

Why this module exists: tests/test_server_smoke.py and tests/test_browser.py both run the real
local docassemble server the way `make serve` does, and used to carry identical copies of
these helpers. This is the one copy; it holds no tests. (pytest puts tests/ on sys.path, so
the test files import it as `local_server`.)

The server gets its own state folder, `.state/test-server` (kept between runs so later runs
start warm), or a new folder when another run holds that folder's lock (deleted afterwards),
so a developer's `.state/server` is never touched.
"""

from __future__ import annotations

import fcntl
import html
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_STATE = REPO / ".state" / "test-server"
START_TIMEOUT = 240  # seconds; a first run creates the database and tables
STOP_TIMEOUT = 90


def free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:  # all bound at once, so the ports differ
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def state_folder() -> tuple[Path, bool]:
    """The shared test state folder, or a new one if another run is using it: (folder, new)."""
    SHARED_STATE.mkdir(parents=True, exist_ok=True)
    with open(SHARED_STATE / "serve.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when closed
            return SHARED_STATE, False
        except BlockingIOError:
            pass
    # Not under /tmp/pytest-of-*: PostgreSQL runs as user postgres and must reach it.
    return Path(tempfile.mkdtemp(prefix="test-server-", dir=REPO / ".state")), True


def processes_of(state: Path) -> list[str]:
    """Processes serve.py started for this state folder (their environment names its config)."""
    marker = f"DA_CONFIG_FILE={state / 'run' / 'config.yml'}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone already, or not ours to read
            continue
        if marker in environ:
            found.append(f"{proc.name}: {cmdline.strip()}")
    return found


def wait_for_url(server: subprocess.Popen[bytes], output: Path, state: Path) -> str:
    """The interview URL, once serve.sh prints it (it does so when the page answers)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        match = re.search(r"Interview:\s+(\S+)", output.read_text(encoding="utf-8", errors="replace"))
        if match:
            return match.group(1)
        if server.poll() is not None:
            pytest.fail(
                f"scripts/serve.sh exited with code {server.returncode} before serving. "
                f"Last lines of its output:\n{tail(output)}",
                pytrace=False,
            )
        time.sleep(1)
    pytest.fail(
        f"scripts/serve.sh did not serve within {START_TIMEOUT} s. "
        f"Last lines of its output:\n{tail(output)}\n\nweb app log:\n{tail(state / 'log' / 'web.log')}",
        pytrace=False,
    )


def fetch(url: str) -> tuple[int, str]:
    """GET with cookies, as a browser would: (HTTP status, page)."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", errors="replace")


def error_text(page: str) -> str:
    """The message of a docassemble error page (it sits in the first <pre>)."""
    found = re.search(r"<pre[^>]*>(.*?)</pre>", page, re.S)
    return html.unescape(found.group(1)).strip() if found else page[:500]


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM serve.sh (it stops what it started); SIGKILL its group if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@dataclass
class Server:
    """A running serve.sh. `leftovers` and `da_log` are filled in when it has been stopped."""

    url: str
    state: Path
    process: subprocess.Popen[bytes]
    output: Path
    ports: tuple[int, int, int]  # web, PostgreSQL, Redis
    leftovers: list[str] = field(default_factory=list)  # processes alive after SIGTERM (now killed)
    da_log: str = ""  # last lines of docassemble.log, read before any new state folder is deleted


@contextmanager
def running_server(output: Path, ports: tuple[int, int, int] | None = None) -> Iterator[Server]:
    """Start scripts/serve.sh (output to `output`), yield it once it serves, then stop it.

    On exit: SIGTERM, note and SIGKILL any process still running for its state folder (never
    leave a server running, even when a test fails), and delete the state folder if it was new.
    """
    web_port, pg_port, redis_port = ports or free_ports(3)
    state, new_state = state_folder()
    env = dict(
        os.environ,
        STALKING_STATE_DIR=str(state),
        STALKING_WEB_PORT=str(web_port),
        STALKING_PG_PORT=str(pg_port),
        STALKING_REDIS_PORT=str(redis_port),
    )
    with open(output, "wb") as out:
        process = subprocess.Popen(
            ["bash", str(REPO / "scripts" / "serve.sh")],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server("", state, process, output, (web_port, pg_port, redis_port))
    try:
        server.url = wait_for_url(process, output, state)
        yield server
    finally:
        stop(process)
        server.leftovers = processes_of(state)
        for line in server.leftovers:
            try:
                os.kill(int(line.split(":")[0]), signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.da_log = tail(state / "log" / "docassemble.log", 5)
        if new_state:
            shutil.rmtree(state, ignore_errors=True)
