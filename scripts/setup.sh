#!/usr/bin/env bash
# Make this machine ready to run and test docassemble.StalkingRemedies, without Docker.
#
# Used by `make serve` (scripts/serve.sh), `make test` (scripts/test.sh) and `make setup`.
# Every step checks before it acts, so a second run takes a few seconds. One line per step;
# on failure, one message naming the step and the log to read (logs: .state/setup/).
#
#   apt      Debian packages for the engine, the server and the browser tests
#   locales  en_GB.UTF-8 and en_US.UTF-8 (the web app dies without them)
#   python   a Python 3.12 (docassemble 1.10.6 and later need it)
#   venv     .venv with the pinned requirements/server.txt and requirements/test.txt
#   nltk     .venv/nltk_data built from Debian's WordNet, so nothing is downloaded at import
#   office   the LibreOffice user profile holding docassemble's DOCX->PDF macro
#   package  this package, reinstalled (not editable) whenever its source changed
#   engine   `import docassemble.base.util` works and asks NLTK for no download
#
# Environment: STALKING_PYTHON=/path/to/python3.12 to choose the interpreter.
set -Eeuo pipefail

REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
VENV=$REPO/.venv
PY=$VENV/bin/python
LOGDIR=$REPO/.state/setup
mkdir -p "$LOGDIR"

APT_PACKAGES=(
  libzbar0 pandoc libreoffice-writer-nogui fonts-liberation fonts-crosextra-carlito
  postgresql redis-server libldap2-dev libsasl2-dev locales wordnet-base wordnet-sense-index
  poppler-utils chromium chromium-driver
)
LOCALES=(en_GB.UTF-8 en_US.UTF-8)

STEP=start
say() { printf 'setup: %-8s %s\n' "$STEP" "$1"; }
fail() {
  printf 'setup: %-8s FAILED: %s\n' "$STEP" "$1" >&2
  exit 1
}
trap 'fail "unexpected error (scripts/setup.sh line $LINENO)"' ERR
# logged NAME CMD...: run CMD with its output in .state/setup/NAME.log (emptied on its first
# use in a run); on failure show the end of that log and stop.
declare -A LOG_STARTED=()
logged() {
  local log=$LOGDIR/$1.log
  [[ -n ${LOG_STARTED[$1]:-} ]] || : >"$log"
  LOG_STARTED[$1]=1
  shift
  printf '\n$ %s\n' "$*" >>"$log"
  if ! "$@" >>"$log" 2>&1; then
    tail -n 25 "$log" >&2
    fail "'$*' failed; full log: $log"
  fi
}
need_root() {
  [[ $EUID -eq 0 ]] || fail "$1 needs root. Run as root, or do this once by hand: $2"
}

# Two setups at once (make serve beside make test) would fight over pip: take turns.
exec 9>"$LOGDIR/setup.lock"
if ! flock -n 9; then
  echo "setup: waiting for another scripts/setup.sh to finish"
  flock 9
fi

# --- apt -------------------------------------------------------------------------------
STEP=apt
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  [[ $status == ii* ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || fail "apt-get not found; this script supports Debian 12"
  need_root "installing ${missing[*]}" "apt-get install --no-install-recommends ${missing[*]}"
  say "installing ${missing[*]} (log: .state/setup/apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  logged apt apt-get update
  logged apt apt-get install -y --no-install-recommends "${missing[@]}"
  say "installed ${#missing[@]} package(s)"
else
  say "all ${#APT_PACKAGES[@]} packages present"
fi

# --- locales ---------------------------------------------------------------------------
STEP=locales
have_locales=$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]')
todo=()
for loc in "${LOCALES[@]}"; do
  short=$(tr '[:upper:]' '[:lower:]' <<<"${loc%.UTF-8}.utf8")
  grep -qx "$short" <<<"$have_locales" || todo+=("$loc")
done
if ((${#todo[@]})); then
  need_root "generating ${todo[*]}" "enable them in /etc/locale.gen and run locale-gen"
  for loc in "${todo[@]}"; do
    line="$loc UTF-8"
    if grep -qE "^#? *${line//./\\.}\$" /etc/locale.gen 2>/dev/null; then
      sed -i -E "s/^# *(${line//./\\.})\$/\\1/" /etc/locale.gen
    else
      echo "$line" >>/etc/locale.gen
    fi
  done
  logged locales locale-gen
  say "generated ${todo[*]}"
else
  say "${LOCALES[*]} present"
fi

# --- python ----------------------------------------------------------------------------
STEP=python
is_py312() { [[ -n $1 ]] && "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; }
find_python() {
  local candidate root
  local -a candidates=("${STALKING_PYTHON:-}" "$(command -v python3.12 || true)")
  if command -v pyenv >/dev/null; then
    root=$(pyenv root)
  else
    root=${PYENV_ROOT:-$HOME/.pyenv}
  fi
  # Newest 3.12.x first.
  while IFS= read -r candidate; do
    candidates+=("$candidate")
  done < <(ls -d "$root"/versions/3.12.*/bin/python 2>/dev/null | sort -rV)
  for candidate in "${candidates[@]}"; do
    # A pyenv shim may exist yet refuse to run; sys.executable names the real interpreter.
    if is_py312 "$candidate"; then
      "$candidate" -c 'import sys; print(sys.executable)'
      return 0
    fi
  done
  return 1
}
if is_py312 "$PY"; then
  BASE_PY=
  say "$("$PY" -V) (in .venv)"
else
  BASE_PY=$(find_python) || fail "Python 3.12 not found (docassemble 1.10.13 needs 3.12). Install it \
(e.g. 'pyenv install 3.12', or Debian's python3.12 and python3.12-venv) or set STALKING_PYTHON=/path/to/python3.12"
  say "$("$BASE_PY" -V) at $BASE_PY"
fi

# --- venv ------------------------------------------------------------------------------
STEP=venv
if [[ -n $BASE_PY ]]; then
  rm -rf "$VENV"
  say "creating .venv"
  logged venv "$BASE_PY" -m venv "$VENV"
fi
# A copy of the source to build from: setuptools' build/ folder keeps files deleted from
# the tree, so building in place could install an interview file that no longer exists.
# Tests, docs and local state are left out: they are not part of the package.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stalking-setup.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
SRC_COPY=$WORK/src
mkdir "$SRC_COPY"
tar -C "$REPO" --sort=name --exclude=./.venv --exclude=./.state --exclude=./.git \
  --exclude=./build --exclude=./dist --exclude=./tests --exclude=./bench --exclude=./docs \
  --exclude=./.ci --exclude=./.github --exclude='*.egg-info' --exclude=__pycache__ \
  --exclude=.pytest_cache --exclude=.hypothesis -cf "$WORK/src.tar" .
tar -C "$SRC_COPY" -xf "$WORK/src.tar"
# Reinstall the pins only when they (or setup.py's dependencies) change.
REQ_STAMP=$VENV/.stalking-requirements
want=$(cat "$REPO"/requirements/server.txt "$REPO"/requirements/test.txt "$REPO"/setup.py | sha256sum)
if [[ $(cat "$REQ_STAMP" 2>/dev/null) != "$want" ]]; then
  say "installing requirements/server.txt and test.txt (about a minute; log: .state/setup/pip.log)"
  rm -f "$REQ_STAMP" "$VENV/.stalking-engine-ok" "$VENV/.stalking-package"
  logged pip "$PY" -m pip install --disable-pip-version-check \
    -r "$REPO/requirements/server.txt" -r "$REPO/requirements/test.txt" "$SRC_COPY"
  echo "$want" >"$REQ_STAMP"
  say "$("$PY" -m pip show docassemble.webapp 2>/dev/null | sed -n 's/^Version: /docassemble.webapp /p') installed"
else
  say "requirements unchanged"
fi

# --- nltk ------------------------------------------------------------------------------
# docassemble's word functions import NLTK corpora (wordnet, wordnet_ic, sentiwordnet) and
# call nltk.download when `<first NLTK path>/corpora/<name>.zip` is missing. Give it a local
# folder: real WordNet from Debian, minimal information-content and sentiment files (only
# loaded, never used by this interview), and empty .zip placeholders so no download starts.
STEP=nltk
NLTK=$VENV/nltk_data
NLTK_LAYOUT=1 # bump to rebuild the folder on every machine
SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
PTH=$SITE/stalking_nltk_data.pth
if [[ $(cat "$NLTK/.stalking-layout" 2>/dev/null) != "$NLTK_LAYOUT" ]]; then
  rm -rf "$NLTK"
  mkdir -p "$NLTK"/corpora/{wordnet,wordnet_ic,sentiwordnet,omw-1.4}
  ln -s /usr/share/wordnet/* "$NLTK/corpora/wordnet/"
  # NLTK's reader needs lexnames, which Debian does not ship: WordNet 3.0's 45 lexicographer files.
  i=0
  for name in adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact \
    noun.attribute noun.body noun.cognition noun.communication noun.event noun.feeling \
    noun.food noun.group noun.location noun.motive noun.object noun.person noun.phenomenon \
    noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape noun.state \
    noun.substance noun.time verb.body verb.change verb.cognition verb.communication \
    verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion \
    verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl; do
    case $name in adj.*) pos=3 ;; adv.*) pos=4 ;; noun.*) pos=1 ;; verb.*) pos=2 ;; esac
    printf '%02d\t%s\t%d\n' "$i" "$name" "$pos"
    i=$((i + 1))
  done >"$NLTK/corpora/wordnet/lexnames"
  printf 'wnver::eOS9lXC6GvMWznF1wkZofDdtbBU\n1n 1 ROOT\n1v 1 ROOT\n' >"$NLTK/corpora/wordnet_ic/ic-brown.dat"
  printf '# Placeholder: SentiWordNet is not used by this project.\n' \
    >"$NLTK/corpora/sentiwordnet/SentiWordNet_3.0.0.txt"
  for name in wordnet wordnet_ic sentiwordnet omw-1.4; do
    : >"$NLTK/corpora/$name.zip"
  done
  echo "$NLTK_LAYOUT" >"$NLTK/.stalking-layout"
  rm -f "$VENV/.stalking-engine-ok"
  say "built .venv/nltk_data from /usr/share/wordnet"
else
  say ".venv/nltk_data present"
fi
# docassemble checks the *first* NLTK path, which is ~/nltk_data unless NLTK_DATA is set.
# This .pth line (run by Python at start-up) sets it for every process of the venv.
pth_line='import os, sys; os.environ.setdefault("NLTK_DATA", os.path.join(sys.prefix, "nltk_data"))'
[[ $(cat "$PTH" 2>/dev/null) == "$pth_line" ]] || echo "$pth_line" >"$PTH"

# --- office ----------------------------------------------------------------------------
# docassemble converts DOCX to PDF by running a Basic macro it keeps in the LibreOffice
# user profile of the user running the server ($HOME); the profile must exist first.
STEP=office
PROFILE=$HOME/.config/libreoffice/4/user
MACRO=$PROFILE/basic/Standard/Module1.xba
MACRO_SRC=$SITE/docassemble/base/data/macros/Module1.xba
[[ -f $MACRO_SRC ]] || fail "docassemble's macro $MACRO_SRC is missing; delete .venv and run again"
if cmp -s "$MACRO_SRC" "$MACRO"; then
  say "LibreOffice profile ready ($PROFILE)"
else
  if [[ ! -d $PROFILE/basic/Standard ]]; then
    logged office soffice --headless --terminate_after_init
    [[ -d $PROFILE/basic/Standard ]] || fail "soffice did not create $PROFILE/basic/Standard"
  fi
  cp "$MACRO_SRC" "$MACRO"
  say "LibreOffice profile created with docassemble's macro"
fi

# --- package ---------------------------------------------------------------------------
# Reinstalled whenever its source changed (a file's content, name or time), so a server
# started afterwards runs the current interviews, templates and modules.
STEP=package
PKG_STAMP=$VENV/.stalking-package
src_hash=$(sha256sum <"$WORK/src.tar")
if [[ $(cat "$PKG_STAMP" 2>/dev/null) != "$src_hash" ]]; then
  rm -f "$PKG_STAMP"
  logged package "$PY" -m pip install --disable-pip-version-check --quiet --no-deps \
    --force-reinstall --no-build-isolation "$SRC_COPY"
  echo "$src_hash" >"$PKG_STAMP"
  say "docassemble.StalkingRemedies $("$PY" -c 'import importlib.metadata as m; print(m.version("docassemble.StalkingRemedies"))') reinstalled"
else
  say "source unchanged since the last install"
fi

# --- engine ----------------------------------------------------------------------------
STEP=engine
for tool in pandoc soffice; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH (docassemble needs it for PDF output)"
done
if [[ ! -f $VENV/.stalking-engine-ok ]]; then
  # NLTK_DATA unset on purpose: the .pth line above must be enough.
  logged engine env -u NLTK_DATA "$PY" -c '
import nltk
attempts = []
nltk.download = lambda *args, **kwargs: attempts.append(args)
import docassemble.base.util
from nltk.corpus import wordnet
assert wordnet.synsets("dog"), "WordNet has no data"
assert not attempts, "NLTK tried to download %r" % attempts
print("engine imports offline")
'
  touch "$VENV/.stalking-engine-ok"
  say "docassemble.base.util imports, no NLTK download"
else
  say "checked before"
fi

STEP=done
say "in ${SECONDS} s"
