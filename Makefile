# Two commands run everything; see README.md.
#   make serve   run the interview on a local docassemble server (Ctrl-C stops it)
#   make test    every test, the server smoke test included
#   make setup   only prepare the machine (Debian packages, .venv, NLTK data, LibreOffice)
.PHONY: serve test setup

serve:
	bash scripts/serve.sh

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh
