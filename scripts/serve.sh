#!/usr/bin/env bash
# `make serve`: run the interview on a local docassemble server (no Docker).
# Prepares the machine (scripts/setup.sh, quick when already done), then hands over to
# scripts/serve.py, which starts PostgreSQL, Redis, the web app and a Celery worker on
# 127.0.0.1, prints the interview's URL and stops everything on Ctrl-C or SIGTERM.
# Settings are environment variables; scripts/serve.py lists them.
set -euo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
bash "$REPO/scripts/setup.sh"
exec "$REPO/.venv/bin/python" "$REPO/scripts/serve.py" "$@"
