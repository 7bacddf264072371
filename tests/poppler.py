"""Poppler's and qpdf's command-line tools for tests that read PDFs back: found, or skipped.

In CI (``CI`` set) a missing tool fails the test instead: ``.ci/run`` installs them, so a
skip there would hide checks that never ran.
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["pdf_tool", "poppler"]


def pdf_tool(name: str, package: str) -> str:
    """The path of ``name`` from the system package ``package``; skip (fail in CI) without it."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} ({package}) is not installed"
        if os.environ.get("CI"):
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    return path


def poppler(name: str) -> str:
    """The path of poppler-utils' ``name`` (pdftotext, pdfinfo...); skip the test without it."""
    return pdf_tool(name, "poppler-utils")
