"""Time the quote checker on a 1 MB source (run: python benchmarks/bench_quotecheck.py)."""

from __future__ import annotations

import random
import time

from argmap.analysis.sourcetext import SourceText

SAMPLE = (
    "Russia’s calculus here is driven by anti-Americanism, pure and simple. Moscow’s protest "
    "to US–South Korean defense exercises proved to be yet another example of Russian double "
    "standards — the “pivot” to East Asia… Lavrov once more blasted the United States"
)
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


if __name__ == "__main__":
    main()
