#!/usr/bin/env bash
# The counting and export benchmark of bench_stats.sh on PostgreSQL, beside SQLite: the
# same N generated cases (one defendant each, one charge, a second on every tenth, over
# 2015-2025 and the 104 garrison courts) go into a private PostgreSQL server
# (tests/pg/pg_lib.sh: initdb in a temporary folder, stopped at the end) and into an
# SQLite file; both are timed on the summary build, two counts and an export, and their
# answers compared.  Then `db copy` rates both ways on the first COPY_N cases.
# usage: bench/bench_stats_pg.sh [BUILD] [N] [COPY_N]   (default 1000000 100000)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
n=${2:-1000000}
copy_n=${3:-100000}
here=$(cd "$(dirname "$0")" && pwd)
set +u
. "$here/../tests/pg/pg_lib.sh"
set -u
pg_start
tmp=$(mktemp -d)
trap 'pg_stop; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config
pg=$AWOL_TEST_PG
awol=$build/awol
tm() { local a b; a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N); echo "$b - $a" | bc; }

. "$here/bench_gen.sh"

# The same rows, loaded as a bulk load into PostgreSQL would be (pg_restore's order): in one
# transaction, the foreign keys and the secondary indexes of cases, persons and charges
# dropped first and put back after (as the catalog had them), so that each is built or
# checked once over the whole table instead of row by row: about 2.5 times faster.  The ids
# are given, so the sequences are moved past them.
gen_pg() { # N
	"$awol" figures list --db "$pg" >/dev/null
	pg_psql -v ON_ERROR_STOP=1 >/dev/null <<SQL
BEGIN;
SET LOCAL maintenance_work_mem = '256MB';
CREATE TEMP TABLE bulk_ix ON COMMIT DROP AS
  SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
  FROM pg_index i WHERE indrelid IN ('cases'::regclass, 'persons'::regclass, 'charges'::regclass)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c   -- a primary key or UNIQUE stays
                  WHERE c.conindid = i.indexrelid AND c.contype <> 'f');
CREATE TEMP TABLE bulk_fk ON COMMIT DROP AS
  SELECT conrelid::regclass::text AS tab, conname AS name, pg_get_constraintdef(oid) AS def
  FROM pg_constraint
  WHERE contype = 'f' AND conrelid IN ('cases'::regclass, 'persons'::regclass, 'charges'::regclass);
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT * FROM bulk_fk LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tab, r.name);
  END LOOP;
  FOR r IN SELECT * FROM bulk_ix LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END \$\$;
CREATE TEMP TABLE g AS
  SELECT row_number() OVER (ORDER BY code) - 1 AS k, code FROM courts WHERE level = 'garrison';
INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 'bench', 'x', 'card', 'x');
INSERT INTO cases (id, court_code, case_key, number, uid, received, decided, result, page_id, first_seen, updated_at)
SELECT i, g.code, 'k' || i, '1-' || i, 'u' || i, to_char(date '2015-01-01' + (i * 7919 % 4018)::int, 'YYYY-MM-DD'),
       NULL, CASE i % 4 WHEN 0 THEN 'Вынесен ПРИГОВОР' WHEN 1 THEN 'Возвращено прокурору' ELSE NULL END,
       1, 'x', 'x'
FROM generate_series(1::bigint, $1) i JOIN g ON g.k = i % 104;
INSERT INTO persons (id, case_id, seq, pseudonym, name_hidden) SELECT id, id, 0, NULL, 1 FROM cases;
INSERT INTO charges (person_id, case_id, seq, law, article, part, text)
SELECT id, id, 0, 'УК РФ', CASE id % 10 WHEN 0 THEN '338' WHEN 1 THEN '158' ELSE '337' END, '5', 'x' FROM cases;
INSERT INTO charges (person_id, case_id, seq, law, article, part, text)
SELECT id, id, 1, 'УК РФ', '338', '1', 'x' FROM cases WHERE id % 10 = 5;
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT * FROM bulk_ix LOOP EXECUTE r.def; END LOOP;
  FOR r IN SELECT * FROM bulk_fk LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', r.tab, r.name, r.def);
  END LOOP;
END \$\$;
SELECT setval(pg_get_serial_sequence('pages', 'id'), 1);
SELECT setval(pg_get_serial_sequence('cases', 'id'), $1);
SELECT setval(pg_get_serial_sequence('persons', 'id'), $1);
COMMIT;
VACUUM ANALYZE;
SQL
}

echo "== $n cases"
a=$(date +%s.%N); gen_sqlite "$awol" "$tmp/big.db" "$n"; b=$(date +%s.%N)
echo "generate: SQLite $(echo "$b - $a" | bc) s"
a=$(date +%s.%N); gen_pg "$n"; b=$(date +%s.%N)
echo "generate: PostgreSQL $(echo "$b - $a" | bc) s (raw SQL)"
month=(stats --by month --group article --format csv)
court=(stats --by year --group court --from 2023-01-01 --to 2023-12-31 --format csv)
for db in "$tmp/big.db" "$pg"; do
	case $db in postgresql*) echo "-- PostgreSQL" ;; *) echo "-- SQLite" ;; esac
	echo "summary build (awol refresh): $(tm "$awol" refresh --db "$db") s"
	echo "stats by month and article, all years: $(tm "$awol" "${month[@]}" --db "$db") s (target < 1 s)"
	echo "stats by court, one year:              $(tm "$awol" "${court[@]}" --db "$db") s (target < 1 s)"
	a=$(date +%s.%N)
	"$awol" export --db "$db" --what cases --format csv --out "$tmp/cases.csv" 2>/dev/null
	b=$(date +%s.%N)
	rows=$(($(wc -l <"$tmp/cases.csv") - 1))
	echo "export cases csv: $rows rows in $(echo "$b - $a" | bc) s = $(echo "$rows / ($b - $a)" | bc) rows/s"
	mv "$tmp/cases.csv" "$tmp/cases.$(basename "${db%%:*}").csv"
done
for q in month court; do
	declare -n args=$q
	if cmp -s <("$awol" "${args[@]}" --db "$tmp/big.db") <("$awol" "${args[@]}" --db "$pg"); then
		same=yes
	else
		same=NO
	fi
	echo "$q: PostgreSQL and SQLite give the same rows: $same"
done
if cmp -s "$tmp/cases.big.db.csv" "$tmp/cases.postgresql.csv"; then same=yes; else same=NO; fi
echo "export: the same CSV: $same"

echo "== db copy, $copy_n cases (a case, its defendant, charges, a page)"
rm -f "$tmp/small.db"*
gen_sqlite "$awol" "$tmp/small.db" "$copy_n"
pg2=$(pg_newdb copied)
a=$(date +%s.%N); "$awol" db copy --from "$tmp/small.db" --to "$pg2" 2>/dev/null; b=$(date +%s.%N)
echo "SQLite -> PostgreSQL: $(echo "$b - $a" | bc) s = $(echo "$copy_n / ($b - $a)" | bc) cases/s"
a=$(date +%s.%N); "$awol" db copy --from "$pg2" --to "$tmp/back.db" 2>/dev/null; b=$(date +%s.%N)
echo "PostgreSQL -> SQLite: $(echo "$b - $a" | bc) s = $(echo "$copy_n / ($b - $a)" | bc) cases/s"
