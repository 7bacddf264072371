"""Time the quote checker on 1 MB and 5 MB sources (run: python benchmarks/bench_quotecheck.py)."""

from __future__ import annotations

import random
import resource
import time
from pathlib import Path

from argmap.analysis.sourcetext import SourceText

SAMPLE = (
    "Russia’s calculus here is driven by anti-Americanism, pure and simple. Moscow’s protest "
    "to US–South Korean defense exercises proved to be yet another example of Russian double "
    "standards — the “pivot” to East Asia… Lavrov once more blasted the United States"
)
LATE = "The delegation toured the new coal berth at Rajin on a grey Tuesday in late May"
"""A sentence found near the end of the 5 MB source, and nowhere else."""
PLANTED = "Galushka signed a protocol pledging to seriously boost bilateral trade to $1 billion"


def main() -> None:
    """Build a deterministic ~1 MB source and print how long each step takes."""
    rng = random.Random(3)
    vocabulary = SAMPLE.split()
    lines = [" ".join(rng.choice(vocabulary) for _ in range(14)) for _ in range(13_000)]
    lines.insert(11_000, PLANTED)
    text = "\n".join(lines)
    t0 = time.perf_counter()
    source = SourceText(text)
    t1 = time.perf_counter()
    words = PLANTED.split()
    found = [source.find(" ".join(words[i:])) for i in range(10)]
    t2 = time.perf_counter()
    passage = source.closest(PLANTED.replace("seriously", "greatly"))
    t3 = time.perf_counter()
    long_quote = " ".join(lines[500:520])
    source.closest(long_quote + " zebra")
    t4 = time.perf_counter()
    assert all(found) and passage is not None
    print(f"source: {len(text):,} characters, {len(lines):,} lines")
    print(f"prepare:               {t1 - t0:.3f} s")
    print(f"find x{len(found)}:              {t2 - t1:.3f} s")
    print(f"closest (12 words):    {t3 - t2:.3f} s")
    print(f"closest (~280 words):  {t4 - t3:.3f} s")


def cpu() -> float:
    """CPU seconds of this process so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def per_quote() -> None:
    """A found quote against a missing one, per quote, in a 5 MB source of real prose.

    The source is the article's sentences shuffled, so every word recurs thousands of
    times; the goal is that a missing quote (with its closest passage) costs about
    what a found one does.
    """
    rng = random.Random(5)
    article = Path(__file__).resolve().parents[1] / "maps" / "russias-game-in-north-korea.yaml"
    sentences = SAMPLE.split(". ") + article.read_text(encoding="utf-8").split(". ")
    lines: list[str] = []
    size = 0
    while size < 5_000_000:
        lines.append(". ".join(rng.choice(sentences) for _ in range(4)))
        size += len(lines[-1]) + 1
    lines.insert(len(lines) * 9 // 10, LATE)
    text = "\n".join(lines)
    source = SourceText(text)
    source.closest("warm up")  # the lower-cased copy is made once, at the first miss
    quotes = {
        "found (near the end)": LATE,
        "missing: one word changed": LATE.replace("grey", "rainy"),
        "missing: a typo": LATE.replace("delegation", "delgation"),
        "missing: not in the source": "The committee approved the budget for the coming year",
        "missing: only common words": "it is what it is and that is that",
    }
    print(f"source: {len(text):,} characters; CPU per quote, median of 5")
    for name, quote in quotes.items():
        times = []
        for _ in range(5):
            t0 = cpu()
            if source.find(quote) is None:
                passage = source.closest(quote)
                assert passage is not None
                assert "rainy" not in quote or passage.text == LATE
            times.append(cpu() - t0)
        print(f"{name:28} {1000 * sorted(times)[2]:8.1f} ms")


def markup() -> None:
    """Reading HTML sources: a 1 MB page saved from a browser, and hostile pages.

    A page of ``<a`` with no ``>`` searched each ``<`` to the end of the page (minutes for
    40 kB) before tags were bounded; each should take well under a second.
    """
    rng = random.Random(5)
    vocabulary = SAMPLE.split()
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(40)) for _ in range(4_000)]
    page = "<!DOCTYPE html><html><body>" + "".join(
        f"<p class='x'>{p.replace('’', '&rsquo;')}</p>" for p in paragraphs
    )
    cases = {
        "1 MB page, entities": page,
        "40 kB of '<a', no '>'": "<html>" + "<a" * 20_000,
        "2 MB tag never closed": "<html><a " + "x" * 2_000_000,
        "1 MB comment never closed": "<html><!--" + "x" * 1_000_000,
    }
    print("reading HTML sources (CPU, prepare)")
    for name, text in cases.items():
        t0 = cpu()
        SourceText(text)
        print(f"  {name:28} {cpu() - t0:8.3f} s")


if __name__ == "__main__":
    main()
    per_quote()
    markup()
