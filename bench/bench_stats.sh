#!/usr/bin/env bash
# Counting and export benchmark on generated databases of N cases each (one
# defendant each, one charge, a second charge on every tenth), spread over
# 2015-2025 and the 104 garrison courts.
# usage: bench/bench_stats.sh [BUILD] [N...]     (default N: 1000000)
#
# The cases go in with raw SQL, as a bulk load would.  The schema's triggers
# bump meta.data_generation on every inserted row exactly as they do for
# `awol parse --db`, `awol crawl` and `awol reparse`, so the case-count summary
# is stale afterwards; the script then runs `awol refresh`, the call those
# commands make when they end (timed as "summary build"), and times the counts,
# which `awol stats` answers from the summary, and checks that they equal the
# general query's (AWOL_STATS_NO_FAST=1; set BENCH_VERIFY=0 to skip).
# 10 million cases take a few minutes and about 4 GB of disk (BENCH_TMP).
set -euo pipefail
build=${1:-build}
shift || true
[ $# -gt 0 ] || set -- 1000000
verify=${BENCH_VERIFY:-1}
. "$(dirname "$0")/bench_gen.sh"
tm() { local a b; a=$(date +%s.%N); "$@" >/dev/null; b=$(date +%s.%N); echo "$b - $a" | bc; }
for n in "$@"; do
	tmp=${BENCH_TMP:-$(mktemp -d)}
	db="$tmp/big.db"
	rm -f "$db"*
	t0=$(date +%s.%N)
	gen_sqlite "$build/awol" "$db" "$n"
	t1=$(date +%s.%N)
	echo "== $n cases"
	echo "generate: $n cases in $(echo "$t1 - $t0" | bc) s (raw SQL; data_generation $(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'data_generation'"))"
	echo "summary build (awol refresh): $(tm "$build/awol" refresh --db "$db" 2>/dev/null) s, $(sqlite3 "$db" "SELECT count(*) FROM case_counts") summary rows"
	month=(stats --db "$db" --by month --group article --format csv)
	court=(stats --db "$db" --by year --group court --from 2023-01-01 --to 2023-12-31 --format csv)
	echo "stats by month and article, all years: $(tm "$build/awol" "${month[@]}") s (target < 1 s)"
	echo "stats by court, one year:              $(tm "$build/awol" "${court[@]}") s (target < 1 s)"
	if [ "$verify" = 1 ]; then
		for q in month court; do
			declare -n args=$q
			a=$(date +%s.%N)
			if cmp -s <("$build/awol" "${args[@]}") <(AWOL_STATS_NO_FAST=1 "$build/awol" "${args[@]}"); then same=yes; else same=NO; fi
			b=$(date +%s.%N)
			echo "  $q: same rows as the general query: $same (both paths: $(echo "$b - $a" | bc) s)"
		done
	fi
	a=$(date +%s.%N)
	"$build/awol" export --db "$db" --what cases --format csv --out "$tmp/cases.csv" 2>/dev/null
	b=$(date +%s.%N)
	rows=$(($(wc -l <"$tmp/cases.csv") - 1))
	echo "export cases csv: $rows rows in $(echo "$b - $a" | bc) s = $(echo "$rows / ($b - $a)" | bc) rows/s (target >= 200000)"
	if [ -n "${BENCH_TMP:-}" ]; then rm -f "$tmp/cases.csv"; else rm -rf "$tmp"; fi
done
