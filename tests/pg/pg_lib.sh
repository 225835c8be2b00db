# Sourced by the tests that need PostgreSQL: starts a private server for the test and
# stops it on exit.
#
#   . pg_lib.sh            # exits 77 (meson's "skipped") when no PostgreSQL is installed
#   pg_start               # sets AWOL_TEST_PG=postgresql://awol@127.0.0.1:PORT/awoltest
#   pg_newdb NAME          # another empty database; prints its URI
#
# The server is initdb'ed into a temporary directory, owned by an unprivileged user when
# the test runs as root (CI does: PostgreSQL refuses to run as root), listens on a free
# loopback port and a unix socket inside the directory, trusts local connections, and
# is stopped and removed by the EXIT trap (pg_stop).  It never touches a system cluster.

pg_bindir=""
for d in ${AWOL_PG_BINDIR:-} /usr/lib/postgresql/*/bin /usr/local/pgsql/bin \
	"$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
	if [ -z "$pg_bindir" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] &&
		[ -x "$d/postgres" ] && [ -x "$d/createdb" ] && [ -x "$d/psql" ]; then
		pg_bindir=$d
	fi
done
if [ -z "$pg_bindir" ]; then
	echo "SKIP: PostgreSQL server binaries (initdb, pg_ctl, postgres, createdb, psql) not found;" \
		"install the Debian package postgresql (scripts/install-deps.sh does)"
	exit 77
fi

pg_dir="" pg_port="" pg_user=""

# run a PostgreSQL program as the unprivileged owner of the cluster
pg_as() {
	if [ -n "$pg_user" ]; then
		runuser -u "$pg_user" -- "$@"
	else
		"$@"
	fi
}

pg_stop() {
	if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
		pg_as "$pg_bindir/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
		rm -rf "$pg_dir"
	fi
	pg_dir=""
}

pg_start() {
	local try
	pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/awol-pg.XXXXXX") || return 1
	chmod 755 "$pg_dir"
	if [ "$(id -u)" -eq 0 ]; then
		if id awoltest >/dev/null 2>&1; then
			pg_user=awoltest
		else
			pg_user=nobody
		fi
		chown "$pg_user" "$pg_dir"
	fi
	if ! pg_as "$pg_bindir/initdb" -D "$pg_dir/data" -A trust -U awol -E UTF8 \
		--locale=C --no-sync >"$pg_dir/initdb.log" 2>&1; then
		echo "pg_lib: initdb failed:"
		cat "$pg_dir/initdb.log"
		return 1
	fi
	for try in 1 2 3 4 5 6 7 8; do
		pg_port=$(( 20000 + (RANDOM * 32768 + RANDOM + $$) % 40000 ))
		if pg_as "$pg_bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
			-o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -F \
			-c full_page_writes=off -c max_connections=40" start >/dev/null 2>&1; then
			break
		fi
		pg_port=""
	done
	if [ -z "$pg_port" ]; then
		echo "pg_lib: the PostgreSQL server did not start:"
		tail -20 "$pg_dir/server.log"
		return 1
	fi
	trap pg_stop EXIT
	pg_newdb awoltest >/dev/null || return 1
	AWOL_TEST_PG="postgresql://awol@127.0.0.1:$pg_port/awoltest"
	export AWOL_TEST_PG
	# the test's own settings only: no PG* variables or ~/.pgpass of the caller leak in
	unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE
}

pg_newdb() {
	pg_as "$pg_bindir/createdb" -h "$pg_dir" -p "$pg_port" -U awol "$1" || return 1
	echo "postgresql://awol@127.0.0.1:$pg_port/$1"
}

# psql on the test database (for checks a test makes behind awol's back)
pg_psql() {
	pg_as "$pg_bindir/psql" -X -q -h "$pg_dir" -p "$pg_port" -U awol -d "${PG_DB:-awoltest}" "$@"
}
