"""Smoke test of the local server: `scripts/serve.sh` serves the interview's first question.

Runs the same script as `make serve` (PostgreSQL, Redis, gunicorn and Celery on 127.0.0.1),
on free ports and with its own state folder, `.state/test-server`, so a developer's
`.state/server` is never touched; the folder is kept between runs so later runs start warm.
Fetches the interview page at the URL the script prints, checks the first question is
there, then stops the script with SIGTERM and checks every process it started is gone.
Never skipped: when the server cannot start, the test fails with the end of its output.
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
from pathlib import Path

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
            raise AssertionError(
                f"scripts/serve.sh exited with code {server.returncode} before serving. "
                f"Last lines of its output:\n{tail(output)}"
            )
        time.sleep(1)
    raise AssertionError(
        f"scripts/serve.sh did not serve within {START_TIMEOUT} s. "
        f"Last lines of its output:\n{tail(output)}\n\nweb app log:\n{tail(state / 'log' / 'web.log')}"
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
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_serve_shows_first_question_and_stops_cleanly(tmp_path: Path) -> None:
    web_port, pg_port, redis_port = free_ports(3)
    state, new_state = state_folder()
    env = dict(
        os.environ,
        STALKING_STATE_DIR=str(state),
        STALKING_WEB_PORT=str(web_port),
        STALKING_PG_PORT=str(pg_port),
        STALKING_REDIS_PORT=str(redis_port),
    )
    output = tmp_path / "serve.out"
    with open(output, "wb") as out:
        server = subprocess.Popen(
            ["bash", str(REPO / "scripts" / "serve.sh")],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = wait_for_url(server, output, state)
        assert url.startswith(f"http://127.0.0.1:{web_port}/interview?i=docassemble.StalkingRemedies:")
        status, page = fetch(url)
    finally:
        stop(server)
        leftovers = processes_of(state)
        for line in leftovers:  # never leave a server running, even when the test fails
            try:
                os.kill(int(line.split(":")[0]), signal.SIGKILL)
            except ProcessLookupError:
                pass
        da_log = tail(state / "log" / "docassemble.log", 5)
        if new_state:
            shutil.rmtree(state, ignore_errors=True)

    assert status == 200, (
        f"the interview page answered HTTP {status}: {error_text(page)}\n"
        f"docassemble.log:\n{da_log}"
    )
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and title.group(1).strip(), "the page has no title"
    question = re.search(r'<h1[^>]*id="daMainQuestion"[^>]*>(.*?)</h1>', page, re.S)
    assert question, f"no question on the page:\n{page[:2000]}"
    assert "danger" in html.unescape(question.group(1)).lower(), question.group(1)

    assert server.returncode == 0, f"serve.sh exit code {server.returncode}:\n{tail(output)}"
    assert "everything stopped" in output.read_text(encoding="utf-8")
    assert not leftovers, "processes still running after SIGTERM:\n" + "\n".join(leftovers)
    for port in (web_port, pg_port, redis_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
