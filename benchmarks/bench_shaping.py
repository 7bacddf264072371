"""Indic, Arabic and Hebrew text shaped by HarfBuzz against drawn a letter at a time.

For a few Hindi, Bengali, Tamil, Arabic, Persian, Urdu and Hebrew lines: the width the
engine counts them (three spaces an Indic letter, two an Arabic or Hebrew one), the sum of
their letters' advances, and the shaped width their cell is now fixed at. Then generated
maps with Indic and with right-to-left statements rendered to A4 PDF and to PNG slides, with
the shaper (``uharfbuzz``) and without it (as if it were not installed): pages, CPU seconds
of every process (user + system) and the largest file's size.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_render import generate  # noqa: E402

QUICK = os.environ.get("ARGMAP_BENCH_QUICK") == "1" or "--quick" in sys.argv
NODES = 300 if QUICK else 1500

STATEMENTS = (
    "शिक्षा से नागरिकों में आलोचनात्मक सोच विकसित होती है, और लोकतंत्र मज़बूत होता है",
    "বাংলা ভাষায় একটি যুক্তি: গণতন্ত্রের জন্য শিক্ষিত নাগরিক প্রয়োজন",
    "தமிழ் மொழியில் ஒரு எதிர்ப்பு: கல்வி மட்டும் போதாது, பொருளாதார சமத்துவமும் தேவை",
    "Survey 2024: स्वतंत्रता, संस्कृति, प्रक्रिया और द्विभाषी शिक्षा",
)
RIGHT_TO_LEFT = (
    "الديمقراطية تتطلب مواطنين مطلعين يفكرون بشكل نقدي",
    "دموکراسی به شهروندانی آگاه نیاز دارد که انتقادی فکر می‌کنند",
    "جمہوریت کو باخبر شہریوں کی ضرورت ہے جو تنقیدی سوچ رکھتے ہیں",
    "Survey 2024: لا إله إلا الله، وَالسَّلَامُ عَلَيْكُمْ ١٢٣ and שָׁלוֹם",
)
LINES = (
    "हिन्दी में लिखा गया मुख्य दावा",
    "शिक्षा से नागरिकों में आलोचनात्मक सोच",
    "স্বতন্ত্র গণতন্ত্রের প্রয়োজন",
    "எதிர்ப்பு: கல்வி மட்டும் போதாது",
    "الديمقراطية تتطلب مواطنين مطلعين",
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "دموکراسی به شهروندانی آگاه نیاز",
    "جمہوریت کو باخبر شہریوں کی ضرورت",
    "שָׁלוֹם עֲלֵיכֶם הַדְּמוֹקְרַטְיָה",
)
SHAPER_OFF = "import argmap.shaping as s; s.available = lambda: False; "
"""Run before the command line: the shaper counts as not installed."""


def indic_map(count: int, statements: tuple[str, ...] = STATEMENTS) -> dict[str, Any]:
    """The generated map, its statements in Indic scripts (and one in four mixed)."""
    data = generate(count)
    stack = [data["thesis"]]
    while stack:
        node = stack.pop()
        number = int(node["id"][1:])
        node["text"] = f"{statements[number % len(statements)]} ({number})"
        node.pop("quote", None)
        for key in ("premises", "evidence", "objections", "rebuttals"):
            stack.extend(node.get(key, []))
    return data


def widths() -> None:
    from argmap.exporters.diagram.enginewidths import engine_points
    from argmap.exporters.diagram.textwidth import _advances, text_points

    print(f"{'line (13 pt)':<40} {'engine':>7} {'letters':>8} {'shaped':>7}")
    for line in LINES:
        letters = sum(map(_advances(13.0, "").__getitem__, line))
        print(
            f"{line:<40} {engine_points(line, 13):7.1f} {letters:8.1f} "
            f"{text_points(line, 13):7.1f}"
        )


def render(path: Path, out: Path, fmt: str, fit: str, shaped: bool) -> tuple[float, int, int]:
    """CPU seconds (every process), pages written and the bytes of the largest file."""
    code = ("" if shaped else SHAPER_OFF) + "from argmap.cli import main; main()"
    command = [sys.executable, "-c", code, "render", str(path), "-f", fmt, "--fit", fit]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([*command, "-o", str(out)], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    files = list(out.glob(f"*.{fmt}"))
    pages = len(files)
    if fmt == "pdf":
        pages = sum(len(re.findall(rb"/Type /Page\b", f.read_bytes())) for f in files)
    return cpu, pages, max((f.stat().st_size for f in files), default=0)


def main() -> int:
    widths()
    with tempfile.TemporaryDirectory(prefix="argmap-bench-shaping-") as folder:
        for name, statements in (("Indic", STATEMENTS), ("RTL", RIGHT_TO_LEFT)):
            path = Path(folder) / f"{name}.json"
            data = indic_map(NODES, statements)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            print(f"\n{NODES} nodes of {name} text {'CPU s':>7} {'pages':>6} {'largest':>10}")
            for fmt, fit in (("pdf", "a4"), ("png", "slide")):
                for shaped in (False, True):
                    out = Path(folder) / f"{name}-{fmt}-{shaped}"
                    cpu, count, size = render(path, out, fmt, fit, shaped)
                    how = "shaped" if shaped else "letters"
                    print(f"{fmt} --fit {fit:<6} {how:<9} {cpu:7.2f} {count:6d} {size:10,d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
