#!/usr/bin/env bash
# Only lib/store knows SQL (docs/architecture.md): no file of the library, its public
# headers or the programs outside lib/store names sqlite3 or libpq, reaches the store's
# handle or statement API, or holds an SQL statement in a string.  The checker is first
# run on a planted violation, so that it can be seen to fail.
set -u
root=${1:-${AWOL_SOURCE_ROOT:?}}
pattern='sqlite3|libpq|PQexec|awol_store_db\b|awol_db_[a-z]|"[^"]*\b(SELECT [^"]*FROM|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE|BEGIN IMMEDIATE)\b'

# the files outside lib/store that may not know SQL
offenders() {
	grep -rnE --include='*.c' --include='*.h' "$pattern" "$1/lib" "$1/src" "$1/include" |
		grep -v "^$1/lib/store/"
}

fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib/stats" "$tmp/lib/store" "$tmp/src" "$tmp/include"
printf 'static const char *q = "SELECT count(*) FROM cases";\n' >"$tmp/lib/stats/planted.c"
printf 'static const char *q = "SELECT count(*) FROM cases";\n' >"$tmp/lib/store/allowed.c"
if [ "$(offenders "$tmp" | wc -l)" != 1 ]; then
	echo "FAIL: the checker does not find a planted statement outside lib/store (or finds one inside)"
	fail=1
fi

found=$(offenders "$root")
if [ -n "$found" ]; then
	echo "FAIL: SQL outside lib/store (move it behind a named lib/store function):"
	echo "$found"
	fail=1
fi
[ $fail = 0 ] && echo "sql_in_store: only lib/store knows SQL"
exit $fail
