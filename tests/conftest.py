"""Shared fixtures.

Engine tests drive the real interview through docassemble's engine with the headless
runner (docassemble/StalkingRemedies/runner.py). The engine is loaded once per test
process (about 2-3 s); each test gets a fresh session.
"""

from __future__ import annotations

from typing import Callable

import pytest


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
