# do not pre-load
"""Headless runner: drives an interview through docassemble's own engine in plain Python.

Why it exists: the tests, and the command line for advisers, must run the same interview and
the same templates as the web server, without Flask, PostgreSQL, Redis or Celery. Since
docassemble 1.10 the engine reaches "the server" only through pluggy hooks
(`docassemble.base.hookspecs`); this module implements the few the engine calls while it
asks questions and assembles documents, with an in-memory store and a temporary folder.

The first line `# do not pre-load` matters: a real docassemble server imports every module of
an installed package at start-up unless it carries that line, and these hooks must never be
registered inside a real server. They are registered only by `start_engine()`.

Pinned to docassemble 1.10.13: the hook API is internal (see docs/architecture.md).

Typical use::

    session = InterviewSession()             # the entry interview
    screen = session.screen()                # what a person would see now
    session.set(in_danger_now=False)         # answer it
    session.press("danger_advice_seen")      # a continue button
    files = session.screen().attachments     # documents, DOCX and PDF paths
"""

from __future__ import annotations

import mimetypes
import os
import re
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ENTRY_INTERVIEW",
    "Attachment",
    "Field",
    "InterviewSession",
    "Screen",
    "start_engine",
]

#: The interview a person starts with.
ENTRY_INTERVIEW = "docassemble.StalkingRemedies:data/questions/stalking_remedies.yml"

_PACKAGE = "docassemble.StalkingRemedies"
_START_LOCK = threading.Lock()
_STARTED: dict[str, Any] = {}


# --------------------------------------------------------------------------------------
# Starting the engine
# --------------------------------------------------------------------------------------


def _nltk_data_folder() -> None:
    """Point NLTK at the venv's offline data, so the engine never tries to download it."""
    candidate = Path(sys.prefix) / "nltk_data"
    if candidate.is_dir() and "NLTK_DATA" not in os.environ:
        os.environ["NLTK_DATA"] = str(candidate)


def _libreoffice_macro_file() -> Path:
    """Where the engine keeps its DOCX-to-PDF macro: the LibreOffice profile of this user.

    The engine copies its macro into the profile and runs it there, so the profile must
    exist; LibreOffice creates it on its first start.
    """
    import shutil
    import subprocess

    profile = Path.home() / ".config" / "libreoffice" / "4" / "user"
    macro_file = profile / "basic" / "Standard" / "Module1.xba"
    if not macro_file.parent.is_dir():
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise RuntimeError("LibreOffice is not installed: run `make setup` (scripts/setup.sh)")
        subprocess.run(
            [soffice, "--headless", "--terminate_after_init"],
            check=False, timeout=120, capture_output=True,
        )
    return macro_file


def start_engine(work_dir: str | None = None) -> Path:
    """Load docassemble's engine once per process and register the runner's hooks.

    Args:
        work_dir: where generated files go; a new temporary folder when not given.

    Returns:
        The folder that holds files the engine saves (documents, uploads).
    """
    with _START_LOCK:
        if "files" in _STARTED:
            return _STARTED["files"]
        _nltk_data_folder()
        root = Path(work_dir or tempfile.mkdtemp(prefix="stalking-runner-"))
        files = root / "files"
        files.mkdir(parents=True, exist_ok=True)
        config_path = root / "config.yml"
        config_path.write_text(
            "secretkey: runner-only-not-a-server-secret\n"
            "debug: False\n"
            "default locale: en_GB.UTF-8\n"
            "default country: GB\n"
            "timezone: Europe/London\n"
            "pandoc: pandoc\n"
            "libreoffice: soffice\n"
            f"libreoffice macro file: {_libreoffice_macro_file()}\n",
            encoding="utf-8",
        )
        import docassemble.base.config

        docassemble.base.config.load(filename=str(config_path))
        from docassemble.base.plugin_manager import pm

        plugin = _RunnerHooks(files)
        pm.register(plugin, name="stalking-remedies-runner")
        # A real server pre-imports a package's modules before parsing its YAML; so do we,
        # because datatypes and classes must exist when the interview is read.
        import docassemble.base.util  # noqa: F401  (the engine's public API, used by YAML)

        _import_package_modules()
        _STARTED["files"] = files
        _STARTED["plugin"] = plugin
        return files


def _import_package_modules() -> None:
    """Import every module of this package except this one, as a server would at start-up."""
    import importlib
    import pkgutil

    import docassemble.StalkingRemedies as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name in ("runner", "__main__"):
            continue
        importlib.import_module(f"{_PACKAGE}.{info.name}")


# --------------------------------------------------------------------------------------
# The hooks: the parts of "the server" the engine needs while it runs an interview
# --------------------------------------------------------------------------------------


class _RunnerHooks:
    """In-memory stand-ins for the web server's hook implementations."""

    def __init__(self, files: Path) -> None:
        import docassemble.base.config as config
        import fakeredis
        import pluggy

        self._config = config.daconfig
        self._files = files
        self._file_info: dict[int, dict[str, Any]] = {}
        self._sql: dict[str, Any] = {}
        self._redis = fakeredis.FakeStrictRedis()
        self._lock = threading.Lock()
        marker = pluggy.HookimplMarker("docassemble")
        # Mark every public method as a hook implementation (pluggy reads an attribute).
        for name in dir(self):
            if not name.startswith("_"):
                marker(getattr(type(self), name))

    # -- settings ----------------------------------------------------------------------
    def get_configuration(self) -> dict:
        return self._config

    def get_default_language(self) -> str:
        return "en"

    def get_default_dialect(self) -> str:
        return "uk"

    def get_default_locale(self) -> str:
        return "en_GB.UTF-8"

    def get_default_voice(self) -> str | None:
        return None

    def get_default_timezone(self) -> str:
        return "Europe/London"

    def get_default_country(self) -> str:
        return "GB"

    def get_hostname(self) -> str:
        return "localhost"

    def get_debug_status(self) -> bool:
        return False

    def get_default_table_class(self) -> str:
        return "table table-striped"

    def get_default_thead_class(self) -> str:
        return "table-light"

    def get_button_class_prefix(self) -> str:
        return "btn-"

    def get_main_page_parts(self) -> dict:
        return {}

    def get_url(self) -> str:
        return "http://localhost/interview"

    def get_referer(self) -> None:
        return None

    # -- files -------------------------------------------------------------------------
    def get_ext_and_mimetype(self, filename: str) -> tuple[str, str | None]:
        mimetype, _encoding = mimetypes.guess_type(filename)
        extension = re.sub(r".*\.", "", filename.lower())
        extension = {"jpeg": "jpg", "tiff": "tif"}.get(extension, extension)
        if extension in ("yaml", "yml"):
            mimetype = "text/plain"
        return extension, mimetype

    def secure_filename(self, filename: str) -> str:
        return re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.basename(filename))

    def secure_filename_spaces_ok(self, filename: str) -> str:
        return re.sub(r"[^A-Za-z0-9_. -]", "_", os.path.basename(filename))

    def secure_filename_unicode_ok(self, the_filename: str) -> str:
        return re.sub(r"[/\\\x00]", "_", os.path.basename(the_filename))

    def url_for(self, endpoint: str, kwargs: dict) -> str:
        return f"http://localhost/{endpoint}"

    def url_finder(self, file_reference: Any, kwargs: dict) -> str:
        # Never touch the file here: asking for its str() makes the engine render PDF pages
        # as images and wait for them (measured: tens of seconds per download screen).
        return "http://localhost/file"

    def get_new_file_number(self, user_code: Any, file_name: str, yaml_file_name: Any) -> int:
        with self._lock:
            number = len(self._file_info) + 1
            self._file_info[number] = {"filename": file_name}
            return number

    def save_numbered_file(self, filename: str, orig_path: str, yaml_file_name: Any, uid: Any) -> tuple:
        number = self.get_new_file_number(uid, filename, yaml_file_name)
        extension, mimetype = self.get_ext_and_mimetype(filename)
        target = self._files / f"{number}.{extension}"
        target.write_bytes(Path(orig_path).read_bytes())
        self._file_info[number] = self._describe(number, filename, target)
        return number, extension, mimetype

    def _describe(self, number: int, filename: str, path: Path) -> dict[str, Any]:
        extension, mimetype = self.get_ext_and_mimetype(filename)
        return {
            "filename": filename,
            "extension": extension,
            "mimetype": mimetype,
            "path": str(path.with_suffix("")),
            "fullpath": str(path),
            "persistent": False,
            "private": True,
            "savedfile": None,
        }

    def file_number_finder(self, file_number: Any, filename: Any, uids: Any, privileged: Any) -> dict:
        number = int(file_number)
        info = self._file_info.get(number)
        if info is None or "fullpath" not in info:
            # A number the engine asked for before writing the file (DAFile.initialize, as
            # interview code does to offer a file for download): give it a place in our
            # folder and describe it fully, as the server does (DAFile.retrieve needs
            # `persistent` and `private`). `path` and `fullpath` are the same file here, so
            # DAFile.write/copy_into (which write to `path`) and DAFile.path() (which reads
            # `fullpath`) agree.
            name = str(filename or (info or {}).get("filename") or "file.txt")
            extension, _mimetype = self.get_ext_and_mimetype(name)
            target = self._files / f"{number}.{extension}"
            info = self._describe(number, name, target)
            info["path"] = str(target)
            self._file_info[number] = info
        return dict(info)

    def get_saved_file_class(self) -> type:
        """The engine's handle on a stored file (DAFile.initialize/commit use it)."""
        hooks = self

        class _RunnerSavedFile:
            """The few SavedFile methods the engine calls, on the runner's folder."""

            def __init__(self, file_number: Any, extension: Any = None, fix: Any = False,
                         should_not_exist: Any = False, filename: Any = None, **_kwargs: Any) -> None:
                self.file_number = int(file_number)
                self.path = hooks.file_number_finder(self.file_number, filename, None, True)["fullpath"]

            def save(self, finalize: Any = False) -> None:
                Path(self.path).touch(exist_ok=True)

            def finalize(self) -> None:
                return None

            def delete(self) -> None:
                Path(self.path).unlink(missing_ok=True)
                hooks._file_info.pop(self.file_number, None)

            def cloud_path(self, filename: Any = None) -> None:
                return None

        return _RunnerSavedFile

    def file_finder(self, file_reference: Any, question: Any, folder: Any, package: Any,
                    filename: Any, return_nonexistent: Any, uids: Any) -> dict:
        from docassemble.base.functions import static_filename_path

        reference = str(file_reference)
        if re.fullmatch(r"[0-9]+", reference):
            return self.file_number_finder(reference, filename, uids, False)
        if ":" not in reference:
            the_package = package or (question.from_source.package if question is not None else None) or _PACKAGE
            if folder and "/" not in reference:
                reference = f"data/{folder}/{reference}"
            reference = f"{the_package}:{reference}"
        fullpath = static_filename_path(reference, return_nonexistent=return_nonexistent)
        result: dict[str, Any] = {"fullpath": fullpath}
        if fullpath is not None:
            extension, mimetype = self.get_ext_and_mimetype(fullpath)
            result.update(
                filename=os.path.basename(fullpath),
                extension=extension,
                mimetype=mimetype,
                path=os.path.splitext(fullpath)[0],
            )
        return result

    def path_from_reference(self, file_reference: Any) -> str | None:
        number = getattr(file_reference, "number", None)
        if number is not None:
            return self._file_info.get(int(number), {}).get("fullpath")
        return self.file_finder(file_reference, None, None, None, None, False, None).get("fullpath")

    def file_set_attributes(self, file_number: Any, private: Any, persistent: Any,
                            session: Any, filename: Any) -> None:
        return None

    # -- state -------------------------------------------------------------------------
    def get_server_redis(self) -> Any:
        return self._redis

    def get_server_redis_user(self) -> Any:
        return self._redis

    def applock(self, action: str, application: str, maxtime: Any) -> None:
        return None

    def release_lock(self, user_code: Any, filename: Any) -> None:
        return None

    def server_sql_get(self, key: str, secret: Any) -> Any:
        return self._sql.get(key)

    def server_sql_defined(self, key: str) -> bool:
        return key in self._sql

    def server_sql_set(self, key: str, val: Any, encrypted: Any, secret: Any, the_user_id: Any) -> None:
        self._sql[key] = val

    def server_sql_delete(self, key: str) -> None:
        self._sql.pop(key, None)

    def server_sql_keys(self, prefix: str) -> set:
        return {key for key in self._sql if key.startswith(prefix)}


# --------------------------------------------------------------------------------------
# What a screen shows
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One input on a screen: the variable it sets, its label, datatype, choices and the
    value it starts with (a pre-selected choice, for example)."""

    variable: str
    label: str
    datatype: str | None
    choices: tuple[str, ...] = ()
    default: Any = None


@dataclass(frozen=True)
class Attachment:
    """One assembled document: its name and the files made for each format."""

    name: str
    filename: str
    files: dict[str, Path]

    def path(self, doc_format: str) -> Path:
        """The file for a format (`docx` or `pdf`); KeyError if it was not made."""
        return self.files[doc_format]


@dataclass(frozen=True)
class Screen:
    """What a person would see now: the question, its fields, buttons and documents."""

    id: str | None
    kind: str
    question: str
    subquestion: str
    fields: tuple[Field, ...]
    buttons: tuple[str, ...]
    attachments: tuple[Attachment, ...] = field(default=())
    continue_field: str | None = None

    @property
    def text(self) -> str:
        """Question and subquestion together, for assertions about what is said."""
        return f"{self.question}\n{self.subquestion}"

    def field_variables(self) -> list[str]:
        return [item.variable for item in self.fields]


# --------------------------------------------------------------------------------------
# A session
# --------------------------------------------------------------------------------------


class InterviewSession:
    """One person's way through an interview, held in memory.

    Answers are given as typed Python values (`True`, `"england"`, a `datetime.date`), the
    same values a web form would produce after docassemble's validation. The web form's
    own validation is covered by the browser test against the real server.
    """

    def __init__(self, interview: str = ENTRY_INTERVIEW, url_args: dict[str, str] | None = None) -> None:
        start_engine()
        import docassemble.base.interview_cache
        import docassemble.base.parse
        from docassemble.base.thread_context import empty_globals, global_context

        self.interview_name = interview
        self._globals = empty_globals()
        with global_context(self._globals):
            self.interview = docassemble.base.interview_cache.get_interview(interview)
            self.user_dict = docassemble.base.parse.get_initial_dict()
        self.user_dict["_internal"]["starttime"] = None
        self.url_args = dict(url_args or {})
        self.user_dict["url_args"] = self.url_args
        self._status: Any = None

    # -- running -----------------------------------------------------------------------
    def _current_info(self) -> dict[str, Any]:
        return {
            "session": "runner-session",
            "secret": "runner-secret",
            "yaml_filename": self.interview_name,
            "interface": "web",
            "url": "http://localhost/interview",
            "url_root": "http://localhost/",
            "encrypted": False,
            "user": {
                "is_anonymous": True,
                "is_authenticated": False,
                "session_uid": "runner",
                "device_id": "runner",
                "email": None,
                "the_user_id": "t1",
                "theid": 1,
                "roles": ["user"],
                "location": None,
            },
            "headers": {},
            "clientip": None,
            "method": "GET",
            "arguments": dict(self.url_args),
        }

    def _assemble(self) -> Any:
        import docassemble.base.parse
        from docassemble.base.thread_context import global_context, user_dict_context

        self._globals.current_info = self._current_info()
        status = docassemble.base.parse.InterviewStatus(current_info=self._globals.current_info)
        with global_context(self._globals), user_dict_context(self.user_dict):
            self.interview.assemble(self.user_dict, status)
        self._status = status
        return status

    def screen(self) -> Screen:
        """Run the interview to its next screen and describe it."""
        status = self._assemble()
        return _describe_screen(status)

    # -- answering ---------------------------------------------------------------------
    def set(self, **answers: Any) -> "InterviewSession":
        """Give answers by variable name, as a person filling in the current screen would."""
        for name, value in answers.items():
            self.set_variable(name, value)
        return self

    def set_variable(self, name: str, value: Any) -> None:
        """Set any variable, including attributes and items (`incident[0].place`)."""
        from docassemble.base.thread_context import global_context, user_dict_context

        with global_context(self._globals), user_dict_context(self.user_dict):
            self.user_dict["__runner_value"] = value
            exec(f"{name} = __runner_value", self.user_dict)  # noqa: S102 (names are ours)
            del self.user_dict["__runner_value"]

    def upload(self, variable: str, *paths: str | os.PathLike) -> "InterviewSession":
        """Answer a `datatype: file` or `files` field with files from disk.

        Each file is stored through the runner's file hooks (as the server stores an
        upload), and `variable` is set to a `DAFileList` of `DAFile`s built the way the
        server builds it (docassemble.webapp.interview.views): file name made safe, a file
        number, the extension and the MIME type. Unlike the server, no page images are
        made from PDFs (`make_pngs`): nothing here displays them.
        """
        from docassemble.base.thread_context import global_context, user_dict_context
        from docassemble.base.util import DAFile, DAFileList

        hooks: _RunnerHooks = _STARTED["plugin"]
        with global_context(self._globals), user_dict_context(self.user_dict):
            elements = []
            for index, path in enumerate(paths):
                source = Path(path)
                filename = hooks.secure_filename_unicode_ok(source.name)
                number, extension, mimetype = hooks.save_numbered_file(
                    filename, str(source), self.interview_name, None
                )
                elements.append(DAFile(f"{variable}[{index}]", filename=filename, number=number,
                                       mimetype=mimetype, extension=extension))
            file_list = DAFileList(variable, elements=elements)
        self.set_variable(variable, file_list)
        return self

    def press(self, variable: str) -> "InterviewSession":
        """Press a continue button whose `continue button field` is `variable`."""
        self.set_variable(variable, True)
        return self

    def value(self, expression: str) -> Any:
        """Evaluate an expression in the interview's answers (for assertions)."""
        from docassemble.base.thread_context import global_context, user_dict_context

        with global_context(self._globals), user_dict_context(self.user_dict):
            return eval(expression, self.user_dict)  # noqa: S307 (expressions are the tests')

    def walk(self, answers: dict[str, Any], stop_at: str | None = None, limit: int = 80) -> Screen:
        """Answer screens from `answers` until a screen asks for something not in it.

        Args:
            answers: variable name -> value; a value of True for a continue-button field
                presses it.
            stop_at: a screen id to stop at even if it could be answered.
            limit: a bound on steps, so a loop in the interview fails the test.
        """
        for _ in range(limit):
            screen = self.screen()
            if stop_at is not None and screen.id == stop_at:
                return screen
            wanted = list(screen.field_variables())
            if screen.continue_field:
                wanted.append(screen.continue_field)
            if not wanted or not all(name in answers for name in wanted):
                return screen
            for name in wanted:
                self.set_variable(name, answers[name])
        raise RuntimeError(f"interview did not settle within {limit} screens")


def _describe_screen(status: Any) -> Screen:
    """Turn docassemble's InterviewStatus into a plain Screen."""
    question = status.question
    extras = status.extras if hasattr(status, "extras") else {}
    fields: list[Field] = []
    for the_field in getattr(question, "fields", []) or []:
        if not hasattr(the_field, "saveas"):
            continue
        variable = _decode_name(the_field.saveas)
        label = status.labels.get(the_field.number, "") if hasattr(status, "labels") else ""
        choices: tuple[str, ...] = ()
        selections = status.selectcompute.get(the_field.number) if hasattr(status, "selectcompute") else None
        if selections:
            choices = tuple(str(item.get("key", "")) for item in selections if isinstance(item, dict))
        default = status.defaults.get(the_field.number) if hasattr(status, "defaults") else None
        fields.append(Field(variable=variable, label=str(label), datatype=getattr(the_field, "datatype", None),
                            choices=choices, default=default))
    buttons = tuple(str(item.get("label", "")) for item in extras.get("buttons", []) or []) if isinstance(extras, dict) else ()
    if not buttons and getattr(question, "question_type", None) in ("buttons",):
        buttons = tuple(str(choice) for choice in getattr(status, "selectcompute", {}).values())
    # A `continue button field` may sit beside `fields:`; the screen is answered only when it
    # is pressed too, so report it (walk() presses it when given True).
    saveas = getattr(question, "fields_saveas", None)
    continue_field = _decode_name(saveas) if saveas else None
    attachments = tuple(_describe_attachment(item) for item in status.attachments or [])
    return Screen(
        id=getattr(question, "id", None),
        kind=str(getattr(question, "question_type", "")),
        question=str(status.question_text or ""),
        subquestion=str(status.subquestion_text or ""),
        fields=tuple(fields),
        buttons=buttons,
        attachments=attachments,
        continue_field=continue_field,
    )


def _decode_name(name: str) -> str:
    """docassemble stores variable names base64-encoded in some places; decode if needed."""
    from docassemble.base.parse import from_safeid

    try:
        decoded = from_safeid(name)
    except Exception:  # noqa: BLE001 - not encoded: the name itself
        return name
    return decoded if re.fullmatch(r"[A-Za-z_][\w\.\[\]'\"]*", decoded or "") else name


def _describe_attachment(item: dict[str, Any]) -> Attachment:
    files: dict[str, Path] = {}
    hooks: _RunnerHooks = _STARTED["plugin"]
    for doc_format, number in (item.get("file") or {}).items():
        info = hooks._file_info.get(int(number), {})
        if info.get("fullpath"):
            files[doc_format] = Path(info["fullpath"])
    return Attachment(name=str(item.get("name", "")), filename=str(item.get("filename", "")), files=files)
