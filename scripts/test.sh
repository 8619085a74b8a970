#!/usr/bin/env bash
# `make test`: set this machine up (scripts/setup.sh), then run every test with the
# project's virtual environment. The exit status is pytest's: 0 only if all passed.
#
# Runs: unit tests of the pure modules, engine tests that drive interviews/ through
# docassemble's real engine (documents through docxtpl and LibreOffice), the wheel test,
# and the smoke test that starts the local server with scripts/serve.sh.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k eligibility`.
set -Eeuo pipefail
REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
bash scripts/setup.sh
export NLTK_DATA="$REPO/.venv/nltk_data"
echo "test: running pytest"
exec "$REPO/.venv/bin/python" -m pytest "$@"
