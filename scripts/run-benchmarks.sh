#!/usr/bin/env bash
# `make bench`: every benchmark, each side by side with its reference, with the
# commands recorded in docs/BENCHMARKS.md.  Takes a few minutes.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
echo "== Parsing (awol vs Python lxml)"
"$root/bench/run_parse_bench.sh" "$build" 20
echo
echo "== Crawling (against awol-sim, intervals at 1/100 of the defaults)"
"$root/bench/bench_crawl.sh" "$build" 0.03 0.015 1
echo
echo "== Counting and export (1 million generated cases)"
"$root/bench/bench_stats.sh" "$build" 1000000
