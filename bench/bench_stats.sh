#!/usr/bin/env bash
# Counting and export benchmark on a generated database of N cases (one
# defendant each, one charge, a second charge on every tenth), spread over
# 2015-2025 and the 104 garrison courts.
# usage: bench/bench_stats.sh [BUILD] [N]
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
tmp=${BENCH_TMP:-$(mktemp -d)}
db="$tmp/big.db"
rm -f "$db"*
"$build/awol" figures list --db "$db" >/dev/null
t0=$(date +%s.%N)
sqlite3 "$db" <<SQL
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
echo "generate: $n cases in $(echo "$t1 - $t0" | bc) s"
tm() { local a b; a=$(date +%s.%N); "$@" >/dev/null; b=$(date +%s.%N); echo "$(echo "$b - $a" | bc)"; }
echo "stats by month and article, all years: $(tm "$build/awol" stats --db "$db" --by month --group article) s (target < 1 s)"
echo "stats by court, one year:              $(tm "$build/awol" stats --db "$db" --by year --group court --from 2023-01-01 --to 2023-12-31) s (target < 1 s)"
a=$(date +%s.%N)
"$build/awol" export --db "$db" --what cases --format csv --out "$tmp/cases.csv" 2>/dev/null
b=$(date +%s.%N)
rows=$(($(wc -l <"$tmp/cases.csv") - 1))
echo "export cases csv: $rows rows in $(echo "$b - $a" | bc) s = $(echo "$rows / ($b - $a)" | bc) rows/s (target >= 200000)"
[ -n "${BENCH_TMP:-}" ] || rm -rf "$tmp"
