#!/usr/bin/env bash
# Run a test program against a private PostgreSQL server: AWOL_TEST_DB and
# AWOL_TEST_PG hold the URI of an empty database (tests/pg/pg_lib.sh).
#   run_pg.sh PROGRAM [ARGS...]
set -u
. "$(dirname "$0")/pg_lib.sh"
pg_start || exit 1
AWOL_TEST_DB=$AWOL_TEST_PG "$@"
rc=$?
pg_stop
exit $rc
