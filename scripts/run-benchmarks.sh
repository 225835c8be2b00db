#!/usr/bin/env bash
# `make bench`: every benchmark, each side by side with its reference, with the
# commands recorded in docs/BENCHMARKS.md.  Takes about 15 minutes.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
echo "== Parsing (awol vs Python lxml)"
"$root/bench/run_parse_bench.sh" "$build" 20
echo
echo "== Crawling (against awol-sim, intervals at 1/100 of the defaults)"
"$root/bench/bench_crawl.sh" "$build" 0.03 0.015 1
echo
echo "== The simulator's throughput"
"$root/bench/bench_sim.sh" "$build" 20000
echo
echo "== Counting and export (1 and 10 million generated cases; BENCH_STATS_SIZES to change)"
# 10 million cases take about 8 minutes and 4 GB of disk; not part of CI (make check)
# shellcheck disable=SC2086
"$root/bench/bench_stats.sh" "$build" ${BENCH_STATS_SIZES:-1000000 10000000}
echo
echo "== The dashboard and the report (1 million generated cases)"
"$root/bench/bench_serve.sh" "$build" 1000000
