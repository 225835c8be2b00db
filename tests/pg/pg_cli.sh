#!/usr/bin/env bash
# The PostgreSQL store end to end: parse, refresh, db copy both ways (round trip to
# identical rows, a second copy writes nothing), the key file, credentials never
# printed, a wrong key refused, a read-only open of an empty database refused.
set -u
awol=${1:?usage: pg_cli.sh AWOL}
fx=${AWOL_FIXTURES:?}/sudrf
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg_lib.sh"
pg_start || exit 1
tmp=$(mktemp -d)
trap 'pg_stop; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$*"; fi; }
pg=$AWOL_TEST_PG

# 1. parse into PostgreSQL: the key goes to $XDG_CONFIG_HOME/awol/key, 0600
"$awol" parse --db "$pg" "$fx" >/dev/null 2>"$tmp/err"
check test $? -eq 0
check test "$(stat -c %a "$tmp/config/awol/key")" = 600
check test "$(stat -c %a "$tmp/config/awol")" = 700
check test "$(PG_DB=awoltest pg_psql -tA -c 'SELECT count(*) FROM cases')" -eq 8
# the same pages again: nothing doubled
"$awol" parse --db "$pg" "$fx" >/dev/null 2>&1
check test "$(pg_psql -tA -c 'SELECT count(*) FROM cases')" -eq 8
check test "$(pg_psql -tA -c 'SELECT count(*) FROM pages')" -eq 21
# no name in the database without --keep-names
check test "$(pg_psql -tA -c 'SELECT count(*) FROM persons WHERE name IS NOT NULL')" -eq 0

# 2. a password in the URI is never printed
pw_uri="postgresql://awol:s3cretpw@127.0.0.1:$pg_port/awoltest"
"$awol" parse --db "$pw_uri" "$fx/card_criminal_1inst_primary.html" >/dev/null 2>"$tmp/err"
check test $? -eq 0
check grep -q "postgresql://127.0.0.1:$pg_port/awoltest" "$tmp/err"
check test "$(grep -c s3cretpw "$tmp/err")" -eq 0
"$awol" parse --db "postgresql://awol:s3cretpw@127.0.0.1:1/nope" "$fx/empty_no_data.html" \
	>/dev/null 2>"$tmp/err"
check test $? -ne 0
check grep -q "cannot connect" "$tmp/err"
for c in "stats --format json" "cases --format json" "export --what cases --format json" \
	"coverage --format json" "courts --format json" "refresh"; do
	# shellcheck disable=SC2086
	"$awol" $c --db "$pw_uri" >"$tmp/out" 2>"$tmp/err"
	check test "$(cat "$tmp/out" "$tmp/err" | grep -c s3cretpw)" -eq 0
done
check test "$(grep -c s3cretpw "$tmp/err")" -eq 0

# 3. another key than the database's is refused, naming the key file
head -c 32 /dev/urandom >"$tmp/other.key"
chmod 600 "$tmp/other.key"
# new bytes of a known card: its defendants get pseudonyms again
{ cat "$fx/handmade_card_criminal_vnkod.html"; echo "<!-- again -->"; } >"$tmp/again.html"
"$awol" parse --db "$pg" --key "$tmp/other.key" "$tmp/again.html" >/dev/null 2>"$tmp/err"
check test $? -ne 0
check grep -q "other.key" "$tmp/err"

# 4. the summary: refresh rebuilds it, then finds it up to date
"$awol" refresh --db "$pg" --force 2>"$tmp/err"
check test $? -eq 0
check grep -q rebuilt "$tmp/err"
"$awol" refresh --db "$pg" 2>"$tmp/err"
check grep -q "already up to date" "$tmp/err"

# 5. db copy: SQLite -> PostgreSQL -> SQLite keeps every row; again writes nothing
"$awol" parse --db "$tmp/a.db" --key "$tmp/config/awol/key" "$fx" >/dev/null 2>&1
pg2=$(pg_newdb copied)
"$awol" db copy --from "$tmp/a.db" --to "$pg2" 2>"$tmp/err"
check test $? -eq 0
"$awol" db copy --from "$tmp/a.db" --to "$pg2" 2>"$tmp/err"
check grep -q "already held everything" "$tmp/err"
"$awol" db copy --from "$pg2" --to "$tmp/b.db" 2>"$tmp/err"
check test $? -eq 0
"$awol" db copy --from "$pg2" --to "$tmp/b.db" 2>"$tmp/err"
check grep -q "already held everything" "$tmp/err"
rows() { # every table without its ids, in one order
	sqlite3 "$1" "
	SELECT source, sha256, size, kind, template, court_code, seen_at, fetched_at, error
	  FROM pages ORDER BY source, sha256;
	SELECT court_code, case_key, number, uid, received, judge, decided, result, category,
	  proceeding, instance, (SELECT source FROM pages p WHERE p.id = c.page_id), first_seen,
	  updated_at FROM cases c ORDER BY court_code, case_key;
	SELECT k.case_key, p.seq, pseudonym, name, name_hidden, p.decided, p.result
	  FROM persons p JOIN cases k ON k.id = p.case_id ORDER BY 1, 2;
	SELECT k.case_key, h.seq, law, article, part, point, text
	  FROM charges h JOIN cases k ON k.id = h.case_id ORDER BY 1, 2, 3, 4, 5;
	SELECT k.case_key, e.seq, name, date, time, place, e.result, reason
	  FROM events e JOIN cases k ON k.id = e.case_id ORDER BY 1, 2;
	SELECT k.case_key, r.seq, role, pseudonym, name
	  FROM parties r JOIN cases k ON k.id = r.case_id ORDER BY 1, 2;
	SELECT k.case_key, a.seq, title, url, text, (SELECT source FROM pages p WHERE p.id = a.page_id)
	  FROM acts a JOIN cases k ON k.id = a.case_id ORDER BY 1, 2;
	SELECT k.case_key, pseudonym, anchor, stem
	  FROM name_stems s JOIN cases k ON k.id = s.case_id ORDER BY 1, 2, 4;
	SELECT * FROM courts ORDER BY code;
	SELECT key, value FROM meta WHERE key IN ('simulated', 'key_check') ORDER BY key;"
}
rows "$tmp/a.db" >"$tmp/a.rows"
rows "$tmp/b.db" >"$tmp/b.rows"
check test -s "$tmp/a.rows"
check cmp -s "$tmp/a.rows" "$tmp/b.rows"
# the copy's summary is fresh and counts alike
check test "$(sqlite3 "$tmp/b.db" "SELECT sum(cases) FROM case_counts")" = \
	"$(sqlite3 "$tmp/a.db" "SELECT sum(cases) FROM case_counts")"

# 6. a store of another key is refused
"$awol" parse --db "$tmp/c.db" "$fx/card_criminal_1inst_primary.html" >/dev/null 2>&1
"$awol" db copy --from "$tmp/c.db" --to "$pg2" 2>"$tmp/err"
check test $? -ne 0
check grep -q "different keys" "$tmp/err"

# 7. reading a database awol never made
pg3=$(pg_newdb empty)
"$awol" stats --db "$pg3" >/dev/null 2>"$tmp/err"
check test $? -ne 0
check grep -q "not an awol database" "$tmp/err"

# 8. collectors opening a new database at once: one migrates, none fails
pg4=$(pg_newdb fresh)
for i in 1 2 3 4 5 6; do
	"$awol" figures list --db "$pg4" >/dev/null 2>"$tmp/mig$i.err" &
done
migfail=0
for job in $(jobs -p); do wait "$job" || migfail=$((migfail + 1)); done
check test "$migfail" -eq 0
check test "$(PG_DB=fresh pg_psql -tA -c 'SELECT count(*) FROM courts')" -eq 115
check test "$(PG_DB=fresh pg_psql -tA -c 'SELECT count(*) FROM schema_version')" -eq 1

# 9. one crawl per database: the lock is the server's (held here by another session)
pg_psql -c "SELECT pg_advisory_lock(7022344639683556460), pg_sleep(4)" >/dev/null 2>&1 &
holder=$!
sleep 1
"$awol" crawl --db "$pg" --courts 39GV0001 --from 2024-01-01 --to 2024-01-31 \
	--connect-to 127.0.0.1:1 --quiet >/dev/null 2>"$tmp/err"
check test $? -ne 0
check grep -q "another crawl is using this database" "$tmp/err"
wait "$holder"

echo "pg_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
