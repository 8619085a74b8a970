"""Smoke test of the local server: `scripts/serve.sh` serves the interview's first question.

Runs the same script as `make serve` (PostgreSQL, Redis, gunicorn and Celery on 127.0.0.1),
on free ports and with its own state folder, `.state/test-server`, so a developer's
`.state/server` is never touched; the folder is kept between runs so later runs start warm.
Fetches the interview page at the URL the script prints, checks the first question is
there, then stops the script with SIGTERM and checks every process it started is gone.
Never skipped: when the server cannot start, the test fails with the end of its output.
"""

from __future__ import annotations

import html
import re
import socket
from pathlib import Path

from local_server import error_text, fetch, running_server, tail


def test_serve_shows_first_question_and_stops_cleanly(tmp_path: Path) -> None:
    output = tmp_path / "serve.out"
    with running_server(output) as server:
        web_port, pg_port, redis_port = server.ports
        url = server.url
        assert url.startswith(f"http://127.0.0.1:{web_port}/interview?i=docassemble.StalkingRemedies:")
        status, page = fetch(url)
    leftovers, da_log = server.leftovers, server.da_log

    assert status == 200, (
        f"the interview page answered HTTP {status}: {error_text(page)}\n"
        f"docassemble.log:\n{da_log}"
    )
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and title.group(1).strip(), "the page has no title"
    question = re.search(r'<h1[^>]*id="daMainQuestion"[^>]*>(.*?)</h1>', page, re.S)
    assert question, f"no question on the page:\n{page[:2000]}"
    assert "danger" in html.unescape(question.group(1)).lower(), question.group(1)

    assert server.process.returncode == 0, f"serve.sh exit code {server.process.returncode}:\n{tail(output)}"
    assert "everything stopped" in output.read_text(encoding="utf-8")
    assert not leftovers, "processes still running after SIGTERM:\n" + "\n".join(leftovers)
    for port in (web_port, pg_port, redis_port):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
