"""Benchmark the competence language: cold load, search latency, extraction throughput.

Prints one JSON object. Every timed path runs beside a plain baseline in the same run
(these machines are noisy: compare ratios and medians, not absolute figures):

* cold load: the vendored files in a fresh interpreter, against parsing the source CSV extract
  (only when ``../shared/data/esco-1.2.0`` is present);
* search: the trigram index + rapidfuzz re-ranking (+ the encoder for skills), against a
  linear rapidfuzz scan of every label; percentiles over all samples, and over each query's
  median of 7 runs (less sensitive to what else the machine is doing);
* extraction: words per second over the labelled texts, against the encoder alone on the same
  clauses (the floor any semantic extractor pays).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_ESCO = ROOT.parent / "shared" / "data" / "esco-1.2.0"
QUERIES = ROOT / "tests" / "data" / "search_queries.csv"
TEXTS = ROOT / "tests" / "data" / "extraction_texts.jsonl"


def _cold(code: str, repeats: int = 5) -> list[float]:
    times = []
    for _ in range(repeats):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        times.append(float(result.stdout.strip()))
    return times


def cold_load() -> dict[str, object]:
    """Load in a fresh interpreter: the data alone (modules imported first), and with imports."""
    vendored = _cold(
        "import time; from koers.taxonomy.store import read_taxonomy; "
        "t=time.perf_counter(); read_taxonomy(); print(time.perf_counter()-t)"
    )
    with_imports = _cold(
        "import time; t=time.perf_counter(); from koers.taxonomy.store import read_taxonomy; "
        "read_taxonomy(); print(time.perf_counter()-t)"
    )
    figures: dict[str, object] = {
        "vendored_s_median": statistics.median(vendored),
        "vendored_with_imports_s_median": statistics.median(with_imports),
    }
    if SHARED_ESCO.exists():
        source = _cold(
            "import time; from pathlib import Path; from koers.taxonomy.build import read_source; "
            f"t=time.perf_counter(); read_source(Path({str(SHARED_ESCO)!r})); "
            "print(time.perf_counter()-t)",
            repeats=3,
        )
        figures["source_csv_s_median"] = statistics.median(source)
        figures["speedup"] = statistics.median(source) / statistics.median(vendored)
    return figures


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": 1000 * ordered[len(ordered) // 2],
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
    }


def search_latency() -> dict[str, object]:
    from koers.taxonomy import get_searcher
    from koers.taxonomy.evaluation import read_queries

    searcher = get_searcher()
    queries = read_queries(QUERIES)
    for q in queries:  # warm-up
        index = searcher.index(q.kind)
        index.search(q.query, lang=q.lang)
    indexed, linear = [], []
    per_query: dict[int, list[float]] = {}
    for _ in range(7):
        for number, q in enumerate(queries):
            index = searcher.index(q.kind)
            start = time.perf_counter()
            index.search(q.query, lang=q.lang)
            indexed.append(time.perf_counter() - start)
            per_query.setdefault(number, []).append(indexed[-1])
    for q in queries:
        index = searcher.index(q.kind)
        start = time.perf_counter()
        index.linear_scan(q.query)
        linear.append(time.perf_counter() - start)
    ours, base = _percentiles(indexed), _percentiles(linear)
    medians = _percentiles([statistics.median(times) for times in per_query.values()])
    return {
        "queries": len(queries),
        "index": ours,
        "index_per_query_median": medians,
        "linear_scan_baseline": base,
        "p50_speedup": base["p50_ms"] / ours["p50_ms"],
    }


def extraction_throughput() -> dict[str, object]:
    from koers.taxonomy import encoder, get_extractor
    from koers.taxonomy.evaluation import read_texts
    from koers.taxonomy.extract import clauses

    extractor = get_extractor()
    texts = [t.text for t in read_texts(TEXTS)]
    words = sum(len(t.split()) for t in texts)
    extractor.extract(texts[0])  # warm-up: loads the encoder
    runs, encoder_only = [], []
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            extractor.extract(text)
        runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            encoder.encode([c.text for c in clauses(text)])
        encoder_only.append(time.perf_counter() - start)
    return {
        "texts": len(texts),
        "words": words,
        "words_per_s_median": words / statistics.median(runs),
        "encoder_only_words_per_s_median": words / statistics.median(encoder_only),
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    report = {
        "benchmark": "taxonomy",
        "cold_load": cold_load(),
        "search": search_latency(),
        "extraction": extraction_throughput(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
