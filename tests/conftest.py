"""Shared fixtures.

Engine tests drive the real interview through docassemble's engine with the headless
runner (docassemble/StalkingRemedies/runner.py). The engine is loaded once per test
process (about 2-3 s); each test gets a fresh session.
"""

from __future__ import annotations

from typing import Callable

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI nothing is skipped silently: a skipped test there is reported as a failure."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which is not allowed: {report.longrepr}"


@pytest.fixture(scope="session")
def engine():
    """Start docassemble's engine once; skip nothing: a missing engine is a failure."""
    from docassemble.StalkingRemedies.runner import start_engine

    return start_engine()


@pytest.fixture
def new_session(engine) -> Callable:
    """Factory: `new_session()` gives a fresh InterviewSession of the entry interview."""
    from docassemble.StalkingRemedies.runner import ENTRY_INTERVIEW, InterviewSession

    def make(interview: str = ENTRY_INTERVIEW, **url_args: str) -> InterviewSession:
        return InterviewSession(interview, url_args=url_args)

    return make
