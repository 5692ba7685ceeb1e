"""Extraction throughput on the project's articles (not a test: run with `make bench`).

Repeats the five articles to a larger corpus and reports words per second for the whole
extraction (segmentation, mentions, quotes, claims, figures).
"""

import time
from pathlib import Path

import yaml

from newsfacts.extract import extract
from newsfacts.extract.mentions import aliases_of

ROOT = Path(__file__).resolve().parents[1]


def main(repeats: int = 20) -> None:
    actors = yaml.safe_load((ROOT / "data/raw/actors.yaml").read_text("utf-8"))["actors"]
    aliases = tuple(aliases_of(actors))
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "data/raw/articles").glob("*.txt"))]
    extract("warmup", texts[0], actors, aliases)
    words = 0
    start = time.perf_counter()
    for i in range(repeats):
        for n, text in enumerate(texts):
            extract(f"a{i}-{n}", text, actors, aliases)
            words += len(text.split())
    elapsed = time.perf_counter() - start
    print(f"extracted {repeats * len(texts)} articles, {words} words in {elapsed:.2f} s: "
          f"{words / elapsed:,.0f} words/s, {elapsed / (repeats * len(texts)) * 1000:.1f} ms/article")


if __name__ == "__main__":
    main()
