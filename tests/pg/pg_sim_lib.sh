# Sourced by the PostgreSQL tests that also run awol-sim (needs $awol and $sim set): the
# simulator's helpers (../integration/sim_lib.sh), a private PostgreSQL server for the
# test (pg_lib.sh), both stopped on exit, the test's own config folder and team key.
pg_sim_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$pg_sim_here/pg_lib.sh"
. "$pg_sim_here/../integration/sim_lib.sh"
pg_start || exit 1
trap 'cleanup; pg_stop' EXIT
export XDG_CONFIG_HOME=$tmp/config
key=$tmp/team.key
