"""Corpus extraction benchmark (not a test: run with `make bench`; about 5-8 minutes on 2 cores).

Builds synthetic corpora of 1k and 10k articles from the paragraphs of the project's articles
and of the dev set (shuffled, lengths varied), runs `newsfacts extract` on them as a user
would (a JSON Lines file in, a package out) with 1 and 2 workers and on a local 2-worker Dask
cluster, and prints words/s, articles/s, peak RSS, the ratio to spaCy's bare tokenizer on the
same texts in the same run, and the speed-up of 2 workers over 1; then how extraction time
grows with article size and with quotes per paragraph. Targets (issue 14): ratio >= 0.25 per
core, speed-up >= 1.7 on 2 cores, peak RSS flat from 1k to 10k, time linear in article size.

Timings are wall-clock on a machine that may be shared: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
NEWSFACTS = Path(sys.executable).parent / "newsfacts"
SUMMARY = re.compile(r"extracted ([\d,]+) article\(s\), ([\d,]+) words in ([\d.]+) s")


def paragraphs() -> list[str]:
    files = sorted((ROOT / "data/raw/articles").glob("*.txt")) + sorted((ROOT / "benchmarks/devset").glob("d*.txt"))
    return [line.strip() for f in files for line in f.read_text("utf-8").split("\n") if line.strip()]


def article(rng: random.Random, pool: list[str], n_paragraphs: int) -> str:
    return "\n\n".join(rng.choice(pool) for _ in range(n_paragraphs)) + "\n"


def make_corpus(path: Path, n: int, seed: int = 14) -> list[str]:
    """n articles of 2-150 paragraphs (log-normal, median 12) drawn from the pool, as JSON Lines."""
    rng, pool = random.Random(seed), paragraphs()
    texts = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            k = min(150, max(2, round(rng.lognormvariate(2.5, 0.8))))
            text = article(rng, pool, k)
            texts.append(text)
            f.write(json.dumps({"id": f"synthetic-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    return texts


def run_extract(corpus: Path, out: Path, *engine: str) -> dict:
    """`newsfacts extract` in a subprocess: its summary line, peak RSS sampled every 50 ms, the CPU
    seconds of the process and its workers (not of Dask workers) and the load average."""
    load = os.getloadavg()[0]
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(NEWSFACTS), "--root", str(ROOT), "extract", str(corpus), "--out", str(out), *engine],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ps = psutil.Process(proc.pid)
    parent_peak = worker_peak = total_peak = 0
    while proc.poll() is None:
        try:
            parent = ps.memory_info().rss
            workers = [c.memory_info().rss for c in ps.children(recursive=True)]
        except psutil.Error:
            break
        parent_peak, total_peak = max(parent_peak, parent), max(total_peak, parent + sum(workers))
        worker_peak = max([worker_peak, *workers])
        time.sleep(0.05)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu0
    m = SUMMARY.search(" ".join(err.split()))
    if proc.returncode != 0 or not m:
        sys.exit(f"newsfacts extract failed ({proc.returncode}): {err.strip()[-2000:]}")
    articles, words, seconds = int(m[1].replace(",", "")), int(m[2].replace(",", "")), float(m[3])
    return {
        "articles": articles,
        "words": words,
        "seconds": seconds,
        "wall": wall,
        "parent_rss": parent_peak,
        "worker_rss": worker_peak,
        "total_rss": total_peak,
        "digest": digest(out),
        "cpu": cpu,
        "load": max(load, os.getloadavg()[0]),
    }


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def digest(out: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(out.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(out).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def tokenizer_rate(texts: list[str]) -> float:
    """(words per second, words per CPU second) of spaCy's bare English tokenizer
    (spacy.blank("en").tokenizer) on the same texts."""
    import spacy

    tok = spacy.blank("en").tokenizer
    words = sum(len(t.split()) for t in texts)
    start, cpu = time.perf_counter(), time.process_time()
    for t in texts:
        tok(t)
    return words / (time.perf_counter() - start), words / (time.process_time() - cpu)


def size_scaling(sizes=(2_000, 8_000, 32_000, 128_000)) -> list[tuple[int, float]]:
    """(words, CPU seconds) of `extract` on one article of each size, in this process."""
    import yaml

    from newsfacts.extract import extract
    from newsfacts.extract.mentions import aliases_of

    actors = yaml.safe_load((ROOT / "data/raw/actors.yaml").read_text("utf-8"))["actors"]
    aliases = tuple(aliases_of(actors))
    rng, pool = random.Random(7), paragraphs()
    extract("warmup", article(rng, pool, 5), actors, aliases)
    out = []
    for target in sizes:
        text = article(rng, pool, max(1, target // 28))
        start = time.process_time()
        extract("size", text, actors, aliases)
        out.append((len(text.split()), time.process_time() - start))
    return out


def unseen_ratio() -> tuple[int, float, float]:
    """(words, extractor words per CPU second, tokenizer words per CPU second) on text neither has
    seen: the second evaluation set (benchmarks/freshset), after both warm up on the corpus's
    paragraphs. The corpus repeats its paragraphs, so the tokenizer's cache serves most words of
    the corpus runs: this is the reference on new text (both in this process, one core)."""
    import spacy
    import yaml

    from newsfacts.extract import extract
    from newsfacts.extract.mentions import aliases_of

    actors = yaml.safe_load((ROOT / "data/raw/actors.yaml").read_text("utf-8"))["actors"]
    aliases = tuple(aliases_of(actors))
    pool = paragraphs()
    tok = spacy.blank("en").tokenizer
    rng = random.Random(3)
    for _ in range(50):
        warm = article(rng, pool, 12)
        tok(warm)
        extract("warmup", warm, actors, aliases)
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "benchmarks/freshset").glob("f*.txt"))]
    words = sum(len(t.split()) for t in texts)
    cpu = time.process_time()
    for n, t in enumerate(texts):
        extract(f"unseen{n}", t, actors, aliases)
    extractor = words / (time.process_time() - cpu)
    cpu = time.process_time()
    for t in texts:
        tok(t)
    return words, extractor, words / (time.process_time() - cpu)


def quotes_scaling(counts=(10, 20, 40, 80, 160)) -> list[tuple[int, float]]:
    """(quotes, CPU seconds) for one paragraph holding that many short attributed quotes."""
    import yaml

    from newsfacts.extract import extract
    from newsfacts.extract.mentions import aliases_of

    actors = yaml.safe_load((ROOT / "data/raw/actors.yaml").read_text("utf-8"))["actors"]
    aliases = tuple(aliases_of(actors))
    out = []
    for k in counts:
        text = " ".join(f"“The vote number {i} was a sham,” Zelensky said." for i in range(k)) + "\n"
        start = time.process_time()
        extract("quotes", text, actors, aliases)
        out.append((k, time.process_time() - start))
    return out


def dask_run(corpus: Path, out: Path) -> dict:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        return run_extract(corpus, out, "--scheduler", cluster.scheduler_address)


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in articles (default: 1000,10000)")
    ap.add_argument("--no-dask", action="store_true", help="skip the local Dask cluster run")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    rows, rates = [], {}
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        tmp = Path(tmp)
        # CPU seconds a run spends on starting (imports, warm-up, pool) and stopping, to subtract
        tiny = tmp / "tiny.jsonl"
        make_corpus(tiny, 2)
        base = {
            w: min(run_extract(tiny, tmp / f"tiny-{w}-{i}", "--workers", str(w))["cpu"] for i in range(2))
            for w in (1, 2)
        }
        for n in sizes:
            corpus = tmp / f"corpus-{n}.jsonl"
            texts = make_corpus(corpus, n)
            rates[n] = tokenizer_rate(texts)
            del texts
            print(
                f"corpus of {n:,} articles ({corpus.stat().st_size / 2**20:.1f} MB): spaCy's bare tokenizer "
                f"{rates[n][0]:,.0f} words/s, {rates[n][1]:,.0f} words per CPU second",
                flush=True,
            )
            engines = [("1 worker", ["--workers", "1"]), ("2 workers", ["--workers", "2"])]
            if not args.no_dask and n == sizes[0]:
                engines.append(("Dask, 2 workers", None))
            for name, engine in engines:
                out = tmp / f"out-{n}-{len(rows)}"
                r = dask_run(corpus, out) if engine is None else run_extract(corpus, out, *engine)
                r.update(n=n, engine=name, cores=1 if name == "1 worker" else 2)
                r["cpu_extract"] = None if engine is None else r["cpu"] - base[r["cores"]]
                rows.append(r)
                rss = (
                    f"main process {mb(r['parent_rss'])}"
                    if engine is None
                    else f"main process {mb(r['parent_rss'])}, largest worker {mb(r['worker_rss'])}, "
                    f"all {mb(r['total_rss'])}"
                )
                cpu = "" if engine is None else (f", {r['words'] / r['cpu_extract']:,.0f} words per CPU second")
                print(
                    f"  {name:16} {r['seconds']:7.1f} s  {r['articles'] / r['seconds']:7.1f} articles/s  "
                    f"{r['words'] / r['seconds']:9,.0f} words/s{cpu}; peak RSS {rss}; load {r['load']:.1f}",
                    flush=True,
                )
            same = {r["digest"] for r in rows if r["n"] == n}
            print(f"  outputs byte-identical across engines: {'yes' if len(same) == 1 else 'NO'}", flush=True)
    print("\nCPU time against article size (one article, in-process):", flush=True)
    scaling = size_scaling()
    for words, secs in scaling:
        print(f"  {words:7,} words  {secs:6.2f} s  {secs / words * 1e6:6.1f} µs/word", flush=True)
    print("CPU time against quotes in one paragraph (in-process):", flush=True)
    quotes = quotes_scaling()
    for k, secs in quotes:
        print(f"  {k:4} quotes  {secs:6.2f} s  {secs / k * 1e3:7.1f} ms/quote", flush=True)

    unseen = unseen_ratio()
    print(
        f"On text neither has seen (benchmarks/freshset, {unseen[0]:,} words, in-process): extractor "
        f"{unseen[1]:,.0f}, spaCy's bare tokenizer {unseen[2]:,.0f} words per CPU second",
        flush=True,
    )

    print("\ntargets (wall-clock figures are pessimistic when the load average exceeds the cores):")
    one = {r["n"]: r for r in rows if r["engine"] == "1 worker"}
    two = {r["n"]: r for r in rows if r["engine"] == "2 workers"}
    for n in sizes:
        ratio = one[n]["words"] / one[n]["seconds"] / rates[n][0]
        cpu_ratio = one[n]["words"] / one[n]["cpu_extract"] / rates[n][1]
        print(
            f"  ratio to spaCy's tokenizer per core ({n:,} articles, 1 worker): {ratio:.3f} wall-clock, "
            f"{cpu_ratio:.3f} per CPU second (>= 0.25) {verdict(max(ratio, cpu_ratio) >= 0.25)}"
        )
    print(
        f"  ratio to spaCy's tokenizer on text neither has seen (the corpus repeats its paragraphs, which "
        f"the tokenizer caches): {unseen[1] / unseen[2]:.3f} per CPU second (>= 0.25) "
        f"{verdict(unseen[1] / unseen[2] >= 0.25)}"
    )
    for n in sizes:
        speedup = one[n]["seconds"] / two[n]["seconds"]
        efficiency = one[n]["cpu_extract"] / two[n]["cpu_extract"]
        print(
            f"  speed-up of 2 workers over 1 ({n:,} articles): {speedup:.2f} wall-clock (>= 1.7) "
            f"{verdict(speedup >= 1.7)}; CPU seconds of 1 worker / of 2 workers: {efficiency:.2f} "
            f"(1.0: no parallel overhead)"
        )
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        for name, table in (("1 worker", one), ("2 workers", two)):
            a, b = table[lo]["parent_rss"], table[hi]["parent_rss"]
            w_a, w_b = table[lo]["total_rss"], table[hi]["total_rss"]
            print(
                f"  peak RSS {lo:,} -> {hi:,} articles, {name}: main process {mb(a)} -> {mb(b)}, all processes "
                f"{mb(w_a)} -> {mb(w_b)} (flat: within 15%) {verdict(b <= a * 1.15 and w_b <= w_a * 1.15)}"
            )
    per_word = [s / w for w, s in scaling]
    growth = per_word[-1] / per_word[0]
    print(
        f"  time per word, {scaling[-1][0]:,}-word article over {scaling[0][0]:,}-word article: {growth:.2f} "
        f"(linear: <= 1.5) {verdict(growth <= 1.5)}"
    )
    q_growth = (quotes[-1][1] / quotes[-1][0]) / (quotes[0][1] / quotes[0][0])
    print(
        f"  time per quote, {quotes[-1][0]} quotes in a paragraph over {quotes[0][0]}: {q_growth:.2f} "
        f"(linear: <= 1.5) {verdict(q_growth <= 1.5)}"
    )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
