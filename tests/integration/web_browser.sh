#!/usr/bin/env bash
# The dashboard and the report in headless Chromium (web_browser.py) against awol serve
# on a database crawled from awol-sim.  Screenshots: $AWOL_BUILD_ROOT/screenshots/.
set -u
awol=${1:?usage: web_browser.sh AWOL AWOL-SIM}
sim=${2:?usage: web_browser.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"
if ! command -v chromium >/dev/null || ! /usr/bin/python3 -c 'import websockets' 2>/dev/null; then
	echo "web_browser: chromium or python3-websockets missing (make deps installs them)"
	exit 77
fi
srvpid=
trap '[ -n "$srvpid" ] && kill "$srvpid" 2>/dev/null; cleanup' EXIT
start_sim browser none --from 2022-01-01
db="$tmp/b.db"
"$awol" crawl --db "$db" --from 2022-01-01 --to 2023-12-31 --articles 337,338 --courts garrison \
	--connect-to "127.0.0.1:$port" --per-court-interval 0 --global-interval 0 --quiet --acts >/dev/null 2>&1
check test -s "$db"
stop_sim
"$awol" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/srv.port" 2>"$tmp/serve.err" &
srvpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/srv.port" ] && break; sleep 0.05; done
"$awol" report --db "$db" --out "$tmp/report.html" --lang en 2>/dev/null
check test -s "$tmp/report.html"
shots=${AWOL_BUILD_ROOT:-$tmp}/screenshots
"$py" "$(dirname "$0")/web_browser.py" "$awol" "$db" "http://127.0.0.1:$(cat "$tmp/srv.port")" \
	"$tmp/report.html" "$shots" "$tmp"
check test $? -eq 0
check kill -0 "$srvpid"
# the server's own words when it failed (a sanitizer report, an error)
[ "$fail" -eq 0 ] || head -c 4000 "$tmp/serve.err" >&2
echo "web_browser: $pass passed, $fail failed (shell); screenshots in $shots"
[ "$fail" -eq 0 ]
