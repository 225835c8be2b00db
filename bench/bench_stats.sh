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
tm() { local a b; a=$(date +%s.%N); "$@" >/dev/null; b=$(date +%s.%N); echo "$b - $a" | bc; }
for n in "$@"; do
	tmp=${BENCH_TMP:-$(mktemp -d)}
	db="$tmp/big.db"
	rm -f "$db"*
	"$build/awol" figures list --db "$db" >/dev/null
	t0=$(date +%s.%N)
	sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
CREATE TEMP TABLE g AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, code FROM courts WHERE level = 'garrison';
INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 'bench', 'x', 'card', 'x');
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n)
INSERT INTO cases (id, court_code, case_key, number, uid, received, decided, result, page_id, first_seen, updated_at)
SELECT i, g.code, 'k' || i, '1-' || i, 'u' || i, date('2015-01-01', '+' || (i * 7919 % 4018) || ' days'),
       NULL, CASE i % 4 WHEN 0 THEN 'Вынесен ПРИГОВОР' WHEN 1 THEN 'Возвращено прокурору' ELSE NULL END,
       1, 'x', 'x'
FROM s JOIN g ON g.k = i % 104;
INSERT INTO persons (id, case_id, seq, pseudonym, name_hidden) SELECT id, id, 0, NULL, 1 FROM cases;
INSERT INTO charges (person_id, case_id, seq, law, article, part, text)
SELECT id, id, 0, 'УК РФ', CASE id % 10 WHEN 0 THEN '338' WHEN 1 THEN '158' ELSE '337' END, '5', 'x' FROM cases;
INSERT INTO charges (person_id, case_id, seq, law, article, part, text)
SELECT id, id, 1, 'УК РФ', '338', '1', 'x' FROM cases WHERE id % 10 = 5;
ANALYZE;
SQL
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
