#!/usr/bin/env bash
# The same answers from both backends.  awol-sim is crawled into SQLite and (a second
# crawl) straight into PostgreSQL; the SQLite crawl is copied into PostgreSQL and back.
# Every entity's export (CSV) and stats in many shapes (JSON) must be identical between
# PostgreSQL and SQLite; the round trip keeps every row.
set -u
awol=${1:?usage: pg_stats.sh AWOL AWOL-SIM}
sim=${2:?usage: pg_stats.sh AWOL AWOL-SIM}
. "$(dirname "$0")/pg_sim_lib.sh"

start_sim s none --from 2022-01-01 --to 2024-12-31
crawl() { # DB
	"$awol" crawl --db "$1" --key "$key" --courts garrison --from 2022-01-01 --to 2024-12-31 \
		--articles 337,338 --connect-to "127.0.0.1:$port" --per-court-interval 0.002 --acts \
		--global-interval 0 --timeout 2 --quiet >/dev/null 2>"$tmp/crawl.err" ||
		{ echo "pg_stats: crawl into $1 failed"; cat "$tmp/crawl.err"; exit 1; }
}
crawl "$tmp/a.db"
pgc=$(pg_newdb crawled)
crawl "$pgc"
stop_sim
# the fixtures too: civil, administrative and cards of several templates
"$awol" parse --db "$tmp/a.db" --key "$key" "$AWOL_FIXTURES/sudrf" >/dev/null 2>&1
"$awol" parse --db "$pgc" --key "$key" "$AWOL_FIXTURES/sudrf" >/dev/null 2>&1
check test "$(sqlite3 "$tmp/a.db" 'SELECT count(*) FROM cases')" -gt 100

pg=$AWOL_TEST_PG
"$awol" db copy --from "$tmp/a.db" --to "$pg" 2>"$tmp/err"
check test $? -eq 0
"$awol" db copy --from "$pg" --to "$tmp/b.db" 2>"$tmp/err"
check test $? -eq 0
"$awol" db copy --from "$tmp/a.db" --to "$pg" 2>"$tmp/err"
check grep -q "already held everything" "$tmp/err"

# JSON without what names the database; CSV as it is
norm_json() {
	"$py" -c '
import json, sys
d = json.load(sys.stdin)
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in ("database", "db", "generated_at")}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o
print(json.dumps(strip(d), ensure_ascii=False, sort_keys=True, indent=1))'
}
# the same question to the PostgreSQL copy and to its SQLite copy (ids alike: both were
# filled by db copy in one order), and to the PostgreSQL crawl and the SQLite crawl
# (ids differ there: rows compared without them)
same() { # LABEL CMD...  (DB is substituted)
	local label=$1 out_pg out_lite
	shift
	"$awol" "${@/DB/$pg}" >"$tmp/pg.out" 2>"$tmp/pg.err"
	local rc1=$?
	"$awol" "${@/DB/$tmp/b.db}" >"$tmp/lite.out" 2>"$tmp/lite.err"
	local rc2=$?
	# the same exit too (check says 1 when a claim does not hold)
	if [ $rc1 -ne $rc2 ] || [ $rc1 -gt 1 ]; then
		bad "$label: exit $rc1 (PostgreSQL) / $rc2 (SQLite)"
		head -3 "$tmp/pg.err" "$tmp/lite.err"
		return
	fi
	case " $* " in
	*" json "*) norm_json <"$tmp/pg.out" >"$tmp/pg.n"; norm_json <"$tmp/lite.out" >"$tmp/lite.n" ;;
	*) cp "$tmp/pg.out" "$tmp/pg.n"; cp "$tmp/lite.out" "$tmp/lite.n" ;;
	esac
	if cmp -s "$tmp/pg.n" "$tmp/lite.n" && [ -s "$tmp/pg.n" ]; then
		ok
	else
		bad "$label: PostgreSQL and SQLite differ"
		diff "$tmp/pg.n" "$tmp/lite.n" | head -10
	fi
}
for w in cases persons charges events coverage court_coverage; do
	same "export $w" export --db DB --what "$w" --format csv
done
same "export filtered" export --db DB --what cases --format csv --article 338 --outcome convicted
for by in month quarter half year week; do
	same "stats by $by" stats --db DB --by "$by" --article 337,338 --format json
done
for g in article part court region district level outcome article,outcome court,article; do
	same "stats group $g" stats --db DB --by year --group "$g" --format json
done
same "stats decided" stats --db DB --by month --date decided --article 337 --format json
same "stats defendants" stats --db DB --by year --unit defendants --group outcome --format json
same "stats share" stats --db DB --by year --group region --share --sort count --limit 5 --format json
same "cases" cases --db DB --article 338 --format csv
same "coverage" coverage --db DB --format json
same "check" check --db DB --format json "$AWOL_SOURCE_ROOT/examples/claims-every-kind.yaml"
# what the act texts say: read while crawling, copied with their acts
check test "$(sqlite3 "$tmp/b.db" 'SELECT count(*) FROM outcomes')" -gt 0
check test "$(sqlite3 "$tmp/b.db" 'SELECT count(*) FROM outcomes')" = \
	"$(sqlite3 "$tmp/a.db" 'SELECT count(*) FROM outcomes')"
same "outcomes" outcomes --db DB --all --format csv
same "outcomes shares" outcomes --db DB --shares --format json
same "outcomes terms" outcomes --db DB --terms --by article --format json
same "export outcomes" export --db DB --what outcomes --format csv

# the crawl straight into PostgreSQL counts as the crawl into SQLite
"$awol" stats --db "$pgc" --by year --group article,outcome --format json | norm_json >"$tmp/c1"
"$awol" stats --db "$tmp/a.db" --by year --group article,outcome --format json | norm_json >"$tmp/c2"
check cmp -s "$tmp/c1" "$tmp/c2"
"$awol" export --db "$pgc" --what charges --format csv | cut -d, -f4- | sort >"$tmp/h1"
"$awol" export --db "$tmp/a.db" --what charges --format csv | cut -d, -f4- | sort >"$tmp/h2"
check cmp -s "$tmp/h1" "$tmp/h2"

echo "pg_stats: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
