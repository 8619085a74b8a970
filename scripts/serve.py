"""Run the interview on a local docassemble server, without Docker (`make serve`).

scripts/serve.sh runs scripts/setup.sh, then this file with the project's .venv Python.
It starts, all bound to 127.0.0.1 and with every file under one state folder:

    PostgreSQL  a private cluster (initdb), run as user `postgres` when started as root
    Redis       sessions, cache, and the Celery broker
    web app     gunicorn serving docassemble.webapp.run:application (Flask serves /static)
    worker      a Celery worker for docassemble's background tasks

On the first run it also creates the database, writes a random secret key and a random
admin password (kept in `secrets.json`, mode 0600) and creates docassemble's tables.
It prints the interview's URL and the admin login once the interview page answers.
Ctrl-C, SIGTERM or SIGHUP stops everything it started, in order. A later run reuses the
state folder. Environment variables (defaults in brackets):

    STALKING_STATE_DIR     state folder                 [<repo>/.state/server]
    STALKING_WEB_PORT      web app port                 [8080]
    STALKING_PG_PORT       PostgreSQL port              [54329]
    STALKING_REDIS_PORT    Redis port                   [63799]
    STALKING_ADMIN_EMAIL   admin account (first run)    [admin@example.com]
    STALKING_WEB_THREADS   gunicorn threads             [6]
    STALKING_READY_TIMEOUT seconds to wait for the page [240]

Only the Python standard library is used here: this file never imports docassemble.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import http.cookiejar
import importlib.metadata
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NoReturn

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
INTERVIEW = "docassemble.StalkingRemedies:data/questions/stalking_remedies.yml"
DB_NAME = DB_USER = "docassemble"
LOCALE = "en_GB.UTF-8"

_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


class Failure(Exception):
    """A step failed; the message says which and what to do."""


class Stop(Exception):
    """Ctrl-C, SIGTERM or SIGHUP arrived."""


def say(message: str) -> None:
    print(f"serve: {message}", flush=True)


def env_number(name: str, default: int, high: int = 65535) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or not 0 < int(raw) <= high:
        raise Failure(f"{name}={raw!r} must be a whole number from 1 to {high}")
    return int(raw)


@dataclass
class Settings:
    """Where things live and which ports they use."""

    state: Path
    web_port: int
    pg_port: int
    redis_port: int
    admin_email: str
    threads: int
    ready_timeout: int

    @classmethod
    def from_env(cls) -> Settings:
        state = Path(os.environ.get("STALKING_STATE_DIR") or REPO / ".state" / "server")
        return cls(
            state=state.resolve(),
            web_port=env_number("STALKING_WEB_PORT", 8080),
            pg_port=env_number("STALKING_PG_PORT", 54329),
            redis_port=env_number("STALKING_REDIS_PORT", 63799),
            admin_email=os.environ.get("STALKING_ADMIN_EMAIL", "admin@example.com"),
            threads=env_number("STALKING_WEB_THREADS", 6, high=64),
            ready_timeout=env_number("STALKING_READY_TIMEOUT", 240, high=3600),
        )

    @property
    def url_root(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def interview_url(self) -> str:
        return f"{self.url_root}/interview?i={INTERVIEW}"

    # Layout of the state folder.
    @property
    def log(self) -> Path:
        return self.state / "log"

    @property
    def run(self) -> Path:
        """Working folder of the web app and worker: config.yml, gunicorn.conf.py."""
        return self.state / "run"

    @property
    def pg(self) -> Path:
        return self.state / "postgres"

    @property
    def redis(self) -> Path:
        return self.state / "redis"

    @property
    def config(self) -> Path:
        return self.run / "config.yml"


@dataclass
class Service:
    """A process this script started, in its own process group."""

    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    stop_signal: int = signal.SIGTERM
    stop_timeout: float = 20.0
    tier: int = 1  # 0: data stores, stopped after everything of tier 1
    logfile: IO[bytes] | None = field(default=None, repr=False)


def log_tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"    (no log at {path})"
    tail = text.rstrip("\n").splitlines()[-lines:]
    return "\n".join("    " + line for line in tail) or "    (log is empty)"


def as_user(user: str | None) -> dict:
    """subprocess arguments that run a child as `user` (only its own group), or as us."""
    if not user:
        return {}
    return {"user": user, "group": pwd.getpwnam(user).pw_gid, "extra_groups": []}


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM if this script dies without cleaning up."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    """Starts the services in order and stops them in reverse order."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.services: list[Service] = []
        self.as_root = os.geteuid() == 0
        self.env = self._child_env()
        self.pg_bindir = self.pg_sockets = Path()

    # -- helpers ---------------------------------------------------------------------------
    def _child_env(self) -> dict[str, str]:
        # Every child gets DA_CONFIG_FILE (the smoke test also finds leftovers by it).
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DA_", "STALKING_"))}
        env.update(
            DA_CONFIG_FILE=str(self.s.config),
            PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
            NLTK_DATA=str(VENV_BIN.parent / "nltk_data"),
            LANG=LOCALE,
            PYTHONUNBUFFERED="1",
        )
        env.pop("LC_ALL", None)
        if self.as_root:
            env["C_FORCE_ROOT"] = "1"  # Celery refuses to run as root without it
        return env

    def start(
        self,
        name: str,
        argv: list[str],
        log_name: str,
        *,
        user: str | None = None,
        cwd: Path | None = None,
        stop_signal: int = signal.SIGTERM,
        tier: int = 1,
    ) -> Service:
        log = self.s.log / f"{log_name}.log"
        logfile = open(log, "ab")  # noqa: SIM115 - closed in stop_all
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            # Own process group: the terminal's Ctrl-C reaches only this script, which then
            # stops the services in order (web app and worker before the databases).
            start_new_session=True,
            preexec_fn=_die_with_parent,
            env=self.env,
            cwd=cwd,
            **as_user(user),
        )
        service = Service(name, proc, log, stop_signal=stop_signal, tier=tier, logfile=logfile)
        self.services.append(service)
        return service

    def check_alive(self) -> None:
        for service in self.services:
            code = service.proc.poll()
            if code is not None:
                raise Failure(
                    f"{service.name} stopped unexpectedly (exit code {code}). "
                    f"Last lines of {service.log}:\n{log_tail(service.log)}"
                )

    def wait_for(self, what: str, probe, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not probe():
            self.check_alive()
            if time.monotonic() > deadline:
                last = self.services[-1]
                raise Failure(
                    f"{what} not ready after {timeout:.0f} s. "
                    f"Last lines of {last.log}:\n{log_tail(last.log)}"
                )
            time.sleep(0.2)

    def stop_all(self) -> None:
        """Stop the web app and worker together, then Redis and PostgreSQL together.

        Each service gets its stop signal, then SIGKILL (with its whole process group) if it
        is still running after its timeout.
        """
        for tier in sorted({svc.tier for svc in self.services}, reverse=True):
            group = [svc for svc in self.services if svc.tier == tier]
            for service in group:
                if service.proc.poll() is None:
                    say(f"stopping {service.name}")
                    try:
                        os.kill(service.proc.pid, service.stop_signal)
                    except ProcessLookupError:
                        pass
            deadline = time.monotonic() + max(svc.stop_timeout for svc in group)
            for service in group:
                proc = service.proc
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    say(f"{service.name} did not stop in {service.stop_timeout:.0f} s; killing it")
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                # Leftovers in its process group (LibreOffice started by the web app, the
                # Celery pool).
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                if service.logfile:
                    service.logfile.close()
        self.services.clear()

    # -- steps -----------------------------------------------------------------------------
    def prepare(self) -> None:
        for folder in (self.s.state, self.s.log, self.s.run, self.s.redis):
            folder.mkdir(parents=True, exist_ok=True)
        for sub in ("files", "cache", "certs"):
            (self.s.state / sub).mkdir(exist_ok=True)
        os.chmod(self.s.state, 0o700 if not self.as_root else 0o711)
        # One server per state folder: the lock lives as long as this process.
        self._lock = open(self.s.state / "serve.lock", "w")  # noqa: SIM115
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Failure(
                f"another scripts/serve.sh is already running with {self.s.state}; "
                "stop it first (Ctrl-C in its terminal), or set STALKING_STATE_DIR"
            ) from None

    def check_ports(self) -> None:
        ports = {self.s.web_port, self.s.pg_port, self.s.redis_port}
        if len(ports) != 3:
            raise Failure("STALKING_WEB_PORT, STALKING_PG_PORT and STALKING_REDIS_PORT must differ")
        for var, port, what in (
            ("STALKING_WEB_PORT", self.s.web_port, "the web app"),
            ("STALKING_PG_PORT", self.s.pg_port, "PostgreSQL"),
            ("STALKING_REDIS_PORT", self.s.redis_port, "Redis"),
        ):
            with socket.socket() as sock:
                # As the servers do; otherwise a recent connection in TIME_WAIT looks like a user.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    raise Failure(
                        f"port {port} on 127.0.0.1 (for {what}) is taken by another program. "
                        f"Stop that program, or choose another port: {var}=<port> make serve"
                    ) from None

    def load_secrets(self) -> dict[str, str]:
        path = self.s.state / "secrets.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        values = {
            "secretkey": secrets.token_hex(16),
            "db password": secrets.token_hex(16),
            "redis password": secrets.token_hex(16),
            "admin email": self.s.admin_email,
            "admin password": secrets.token_urlsafe(12),
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(values, handle, indent=2)
        return values

    def pg_bin(self) -> Path:
        found = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/postgres"),
            key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
        )
        if not found:
            raise Failure("PostgreSQL not found under /usr/lib/postgresql; run scripts/setup.sh")
        return found[-1].parent

    def own_for_postgres(self, owner: pwd.struct_passwd) -> None:
        """Give the cluster folder (and all in it) to the postgres user."""
        for path in (self.s.pg, *self.s.pg.rglob("*")):
            if path.lstat().st_uid != owner.pw_uid:
                os.chown(path, owner.pw_uid, owner.pw_gid, follow_symlinks=False)

    def postgres_can_write(self, user: str) -> bool:
        # The resolved path: postgres cannot follow a symlink that sits in a private folder.
        return subprocess.run(["test", "-w", str(self.s.pg.resolve())], **as_user(user)).returncode == 0

    def move_cluster_where_postgres_reaches(self, owner: pwd.struct_passwd) -> None:
        """When the state folder sits inside a private folder (a `mktemp -d` clone, say), the
        postgres user cannot reach it. Keep the cluster in the postgres user's home instead,
        in a folder named by a hash of the state path, and leave a symlink in the state folder
        so it is still found there. No permission outside the repo is changed."""
        digest = hashlib.sha256(os.path.abspath(self.s.pg).encode()).hexdigest()[:16]
        home = Path(owner.pw_dir) / "stalking-remedies" / digest
        home.mkdir(parents=True, exist_ok=True)
        for folder in (home.parent, home):
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        if self.s.pg.is_symlink():
            self.s.pg.unlink()
        elif self.s.pg.is_dir():
            for item in self.s.pg.iterdir():  # anything made before we knew: move it over
                shutil.move(str(item), str(home / item.name))
            self.s.pg.rmdir()
        self.s.pg.symlink_to(home, target_is_directory=True)
        say(f"PostgreSQL cannot reach the state folder; its cluster is in {home}")

    def start_postgres(self, db_password: str) -> None:
        bindir = self.pg_bindir = self.pg_bin()
        user = None
        if self.as_root:
            user = "postgres"
            try:
                owner = pwd.getpwnam(user)
            except KeyError:
                raise Failure("user 'postgres' is missing; run scripts/setup.sh") from None
            self.s.pg.mkdir(exist_ok=True)
            self.own_for_postgres(owner)
            if not self.postgres_can_write(user):
                self.move_cluster_where_postgres_reaches(owner)
                self.own_for_postgres(owner)
            if not self.postgres_can_write(user):
                raise Failure(
                    f"PostgreSQL runs as user 'postgres', who cannot reach {self.s.pg}. "
                    "Set STALKING_STATE_DIR to a folder it can reach."
                )
        else:
            self.s.pg.mkdir(exist_ok=True)
        # Real paths from here on: PostgreSQL is given them, and may not pass the state folder.
        data = self.s.pg.resolve() / "data"
        sockets = self.pg_sockets = self.s.pg.resolve() / "run"
        if not (data / "PG_VERSION").exists():
            say(f"creating a PostgreSQL cluster in {data}")
            log = self.s.log / "initdb.log"
            with open(log, "ab") as out:
                done = subprocess.run(
                    [str(bindir / "initdb"), "-D", str(data), "--username=postgres",
                     "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8",
                     "--locale=C.UTF-8", "--no-sync"],
                    stdout=out, stderr=subprocess.STDOUT, env=self.env, **as_user(user),
                )
            if done.returncode != 0:
                raise Failure(f"initdb failed. Last lines of {log}:\n{log_tail(log)}")
        sockets.mkdir(mode=0o700, exist_ok=True)
        if user:
            owner = pwd.getpwnam(user)
            os.chown(sockets, owner.pw_uid, owner.pw_gid)
        self.start(
            "PostgreSQL",
            [str(bindir / "postgres"), "-D", str(data), "-p", str(self.s.pg_port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={sockets}"],
            "postgres",
            user=user,
            stop_signal=signal.SIGINT,  # its "fast" shutdown; SIGTERM would wait for clients
            tier=0,
        )
        self.wait_for("PostgreSQL", lambda: self.psql("select 1").returncode == 0, 60)
        if self.psql(f"select 1 from pg_roles where rolname = '{DB_USER}'").stdout.strip() != "1":
            say("creating the database")
            done = self.psql(f"create role {DB_USER} login password '{db_password}'")
            if done.returncode == 0:
                done = self.psql(f"create database {DB_NAME} owner {DB_USER} encoding 'UTF8'")
            if done.returncode != 0:
                raise Failure(f"could not create the database: {done.stderr.strip()}")
        say(f"PostgreSQL {bindir.parent.name} on 127.0.0.1:{self.s.pg_port}")

    def psql(self, sql: str, db: str = "postgres") -> subprocess.CompletedProcess[str]:
        """Run SQL as the cluster's superuser over its Unix socket (trusted; folder 0700)."""
        return subprocess.run(
            [str(self.pg_bindir / "psql"), "-h", str(self.pg_sockets), "-p", str(self.s.pg_port),
             "-U", "postgres", "-d", db, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True, text=True, env=self.env,
        )

    def start_redis(self, password: str) -> None:
        conf = self.s.redis / "redis.conf"
        lines = [
            "# Written by scripts/serve.py on every start.",
            "bind 127.0.0.1",
            f"port {self.s.redis_port}",
            "protected-mode yes",
            "daemonize no",
            f"dir {self.s.redis}",
            "dbfilename dump.rdb",
            "save 60 1",
            "appendonly no",
            'logfile ""',
            f"requirepass {password}",
        ]
        fd = os.open(conf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        redis_server = shutil.which("redis-server")
        if not redis_server:
            raise Failure("redis-server not found; run scripts/setup.sh")
        self.start("Redis", [redis_server, str(conf)], "redis", tier=0)

        def ping() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", self.s.redis_port), timeout=1) as sock:
                    sock.sendall(f"AUTH {password}\r\nPING\r\n".encode())
                    reply = b""
                    while b"PONG" not in reply and len(reply) < 200:
                        chunk = sock.recv(100)
                        if not chunk:
                            break
                        reply += chunk
                    return b"+PONG" in reply
            except OSError:
                return False

        self.wait_for("Redis", ping, 30)
        say(f"Redis on 127.0.0.1:{self.s.redis_port}")

    def write_config(self, sec: dict[str, str], da_version: str) -> None:
        """docassemble's config.yml (rewritten each start so port changes apply)."""
        s = self.s
        redis = f"redis://:{sec['redis password']}@127.0.0.1:{s.redis_port}"
        macro = Path.home() / ".config/libreoffice/4/user/basic/Standard/Module1.xba"
        version_file = s.run / "VERSION"
        version_file.write_text(da_version + "\n", encoding="utf-8")
        (s.run / "docassemble.wsgi").touch()
        config = {
            "debug": False,
            "secretkey": sec["secretkey"],
            "url root": s.url_root,
            "root": "/",
            "use https": False,
            "behind https load balancer": False,
            "web server": "none",
            "allow updates": False,
            "allow configuration editing": False,
            # Develop in the repository, not in the browser: Playground modules would land in
            # a folder outside this server's Python path.
            "enable playground": False,
            "default interview": INTERVIEW,
            "db": {
                "prefix": "postgresql+psycopg2://",
                "name": DB_NAME,
                "user": DB_USER,
                "password": sec["db password"],
                "host": "127.0.0.1",
                "port": s.pg_port,
            },
            "redis": redis,
            "rabbitmq": f"{redis}/1",
            "celery processes": 1,
            "uploads": str(s.state / "files"),
            # The Python prefix docassemble runs in, as in its Docker image: at start-up the
            # server pre-loads this package's modules from its site-packages (a module whose
            # first line is "# do not pre-load" is skipped). Nothing installs into it, since
            # "allow updates" and the Playground are off.
            "packages": str(VENV_BIN.parent),
            "modules": str(VENV_BIN.parent),
            "packagecache": str(s.state / "cache"),
            "cert install directory": str(s.state / "certs"),
            "log": str(s.log),
            "flask log": str(s.log / "flask.log"),
            "celery flask log": str(s.log / "celery-flask.log"),
            "pypirc path": str(s.state / "pypirc"),
            "webapp": str(s.run / "docassemble.wsgi"),
            "ready file": str(s.run / "ready"),
            "version file": str(version_file),
            "libreoffice": "libreoffice",
            "libreoffice macro file": str(macro),
            "locale": LOCALE.replace("UTF-8", "utf8"),
            "country": "GB",
            "timezone": "Europe/London",
        }
        # JSON is valid YAML, so no YAML library is needed here.
        text = "# Written by scripts/serve.py on every start; edit that file, not this one.\n"
        text += json.dumps(config, indent=2) + "\n"
        fd = os.open(s.config, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        (s.run / "gunicorn.conf.py").write_text(
            "# Written by scripts/serve.py on every start. gunicorn's settings live here, not on\n"
            "# its command line: docassemble treats any command-line argument naming an\n"
            "# existing file as its config file.\n"
            'wsgi_app = "docassemble.webapp.run:application"\n'
            f'bind = ["127.0.0.1:{s.web_port}"]\n'
            "workers = 1  # like docassemble's own uWSGI setup: 1 process, several threads\n"
            'worker_class = "gthread"\n'
            f"threads = {s.threads}\n"
            "timeout = 300  # building a long PDF can take a while\n"
            "graceful_timeout = 10\n"
            "accesslog = None  # no request log: nothing about the people using it\n"
            'errorlog = "-"\n'
            'loglevel = "warning"\n'
            'proc_name = "stalking-remedies-web"\n',
            encoding="utf-8",
        )

    def create_tables(self, sec: dict[str, str], da_version: str) -> None:
        stamp = self.s.run / "tables-version"
        has_tables = self.psql('select to_regclass(\'public."user"\') is not null', DB_NAME)
        if has_tables.stdout.strip() == "t" and stamp.exists() and stamp.read_text().strip() == da_version:
            return
        say("creating docassemble's tables (first run, or docassemble was upgraded)")
        log = self.s.log / "create_tables.log"
        # The admin account is created from these only when it does not exist yet.
        env = dict(self.env, DA_ADMIN_EMAIL=sec["admin email"], DA_ADMIN_PASSWORD=sec["admin password"])
        with open(log, "ab") as out:
            done = subprocess.run(
                [str(VENV_BIN / "python"), "-m", "docassemble.webapp.create_tables"],
                cwd=self.s.run, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        if done.returncode != 0:
            raise Failure(f"creating the tables failed. Last lines of {log}:\n{log_tail(log)}")
        stamp.write_text(da_version + "\n", encoding="utf-8")

    def start_app(self) -> None:
        self.start("web app", [str(VENV_BIN / "gunicorn")], "web", cwd=self.s.run)
        self.start(
            "Celery worker",
            [str(VENV_BIN / "celery"), "-A", "docassemble.webapp.worker", "worker",
             "--queues=celery,single", "--loglevel=WARNING", "--without-gossip",
             "--without-mingle"],
            "worker",
            cwd=self.s.run,
        )

    def wait_for_interview(self) -> None:
        """Poll until the interview page answers; a broken interview is reported, not fatal."""
        web = next(svc for svc in self.services if svc.name == "web app")

        def health() -> bool:
            try:
                with urllib.request.urlopen(f"{self.s.url_root}/health_check", timeout=5) as resp:
                    return resp.status == 200
            except (urllib.error.URLError, OSError):
                return False

        deadline = time.monotonic() + self.s.ready_timeout
        while not health():
            self.check_alive()
            if time.monotonic() > deadline:
                raise Failure(
                    f"the web app did not answer within {self.s.ready_timeout:.0f} s. "
                    f"Last lines of {web.log}:\n{log_tail(web.log)}"
                )
            time.sleep(0.3)
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        try:
            with opener.open(self.s.interview_url, timeout=120) as resp:
                status = str(resp.status)
        except urllib.error.HTTPError as err:
            status = str(err.code)
        except (urllib.error.URLError, OSError) as err:
            status = f"nothing ({err})"
        if status != "200":
            say(
                f"WARNING: the interview page answered HTTP {status}; "
                f"see {self.s.log / 'docassemble.log'} and {web.log}"
            )
        (self.s.run / "ready").touch()

    def serve_forever(self) -> None:
        while True:
            self.check_alive()
            time.sleep(0.5)


def _on_signal(signum: int, _frame) -> NoReturn:
    raise Stop(signal.Signals(signum).name)


def main() -> int:
    started = time.monotonic()
    os.umask(0o077)  # state, logs and uploads may hold personal data: owner only
    try:
        settings = Settings.from_env()
    except Failure as err:
        say(f"FAILED: {err}")
        return 2
    sup = Supervisor(settings)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _on_signal)
    code = 0
    try:
        sup.prepare()
        sup.check_ports()
        sec = sup.load_secrets()
        da_version = importlib.metadata.version("docassemble.webapp")
        sup.start_postgres(sec["db password"])
        sup.start_redis(sec["redis password"])
        sup.write_config(sec, da_version)
        sup.create_tables(sec, da_version)
        sup.start_app()
        say(f"docassemble {da_version}: starting the web app and worker (logs: {settings.log})")
        sup.wait_for_interview()
        print(
            f"\n  Interview:  {settings.interview_url}\n"
            f"  Admin:      {settings.url_root}/user/sign-in  "
            f"{sec['admin email']} / {sec['admin password']}\n"
            f"  (admin password set on the first run; kept in {settings.state / 'secrets.json'})\n"
            f"\nserve: ready in {time.monotonic() - started:.1f} s. Press Ctrl-C to stop.",
            flush=True,
        )
        sup.serve_forever()
    except Stop as why:
        say(f"{why}: stopping")
    except Failure as err:
        say(f"FAILED: {err}")
        code = 1
    finally:
        # No second interruption while stopping: that could leave PostgreSQL running.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        if sup.services:
            sup.stop_all()
            say("everything stopped")
    return code


if __name__ == "__main__":
    sys.exit(main())
