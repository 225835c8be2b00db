# Sourced by bench_stats.sh and bench_stats_pg.sh: the generated cases both time.
# gen_sqlite AWOL DB N: N cases (one defendant each, one charge, a second charge on every
# tenth) over 2015-2025 and the 104 garrison courts, by raw SQL as a bulk load would.
gen_sqlite() { # AWOL DB N
	"$1" figures list --db "$2" >/dev/null
	sqlite3 "$2" >/dev/null <<SQL
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
CREATE TEMP TABLE g AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, code FROM courts WHERE level = 'garrison';
INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 'bench', 'x', 'card', 'x');
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $3)
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
}
