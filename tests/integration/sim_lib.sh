# Shared by the integration scripts that run awol-sim (sourced, not run): a
# temporary directory removed on exit, pass/fail counters, and starting and
# stopping the simulator on a free loopback port.  Needs $sim set first.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
simpid=
cleanup() { [ -n "$simpid" ] && kill "$simpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$*"; fi; }

# seed 7, scale 0.04, 2023; truth and request log in $tmp/NAME.truth and .log; sets $port
start_sim() { # NAME FAULTS [extra awol-sim options...]
	local name=$1 faults=$2
	shift 2
	rm -f "$tmp/$name.port"
	"$sim" --listen 127.0.0.1:0 --port-file "$tmp/$name.port" --seed 7 --scale 0.04 \
		--from 2023-01-01 --to 2023-12-31 --truth "$tmp/$name.truth" --log "$tmp/$name.log" \
		--faults "$faults" "$@" 2>/dev/null &
	simpid=$!
	for _ in $(seq 1 100); do [ -s "$tmp/$name.port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/$name.port")
}
stop_sim() { kill "$simpid" 2>/dev/null; wait "$simpid" 2>/dev/null; simpid=; }
