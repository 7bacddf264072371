"""Poppler's command-line tools for tests that read PDFs back: found, or the test skipped."""

from __future__ import annotations

import shutil

import pytest

__all__ = ["poppler"]


def poppler(name: str) -> str:
    """The path of poppler-utils' ``name`` (pdftotext, pdfinfo...); skip the test without it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path
