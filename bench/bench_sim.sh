#!/usr/bin/env bash
# Simulator throughput: how many requests a second awol-sim answers, so that it is
# never the bottleneck of a test or benchmark.  curl fetches N case cards and
# listing pages of one simulated year (--scale 1), four cards to a listing page as in
# a crawl, with 16 transfers in flight over keep-alive connections.
# usage: bench/bench_sim.sh [BUILD] [N]
set -euo pipefail
build=${1:-build}
n=${2:-20000}
tmp=$(mktemp -d)
trap 'kill $simpid 2>/dev/null; rm -rf "$tmp"' EXIT
"$build/awol-sim" --listen 127.0.0.1:0 --port-file "$tmp/port" --seed 1 --scale 1 \
	--from 2023-01-01 --to 2023-12-31 --faults ua --truth "$tmp/truth" 2>/dev/null &
simpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port")
ua="Mozilla/5.0 (X11; Linux x86_64) bench"
listing() { # HOST PAGE
	echo "http://$1/modules.php?name=sud_delo&srv_num=1&name_op=r&page=$2&delo_id=1540006&case_type=0&new=0&delo_table=u1_case&u1_case__ENTRY_DATE1D=01.01.2023&u1_case__ENTRY_DATE2D=31.12.2023&U1_DEFENDANT__LAW_ARTICLESS=337"
}
# the card links of every court's first listing page, as a crawler would find them
hosts=$(/usr/bin/python3 -c "import json,sys; print('\n'.join(sorted({json.loads(l)['host'] for l in open(sys.argv[1])})))" "$tmp/truth")
for h in $hosts; do
	curl -s -A "$ua" --connect-to "::127.0.0.1:$port" "$(listing "$h" 1)" |
		grep -ao "/modules.php?name=sud_delo&srv_num=1&name_op=case&case_id=[0-9]*&case_uid=[0-9a-f-]*&delo_id=1540006" |
		sed "s|^|http://$h|" >>"$tmp/cards" || true
done
/usr/bin/python3 - "$tmp/cards" "$n" "$hosts" >"$tmp/urls" <<'PY'
import sys
cards = [l.strip() for l in open(sys.argv[1]) if l.strip()]
n, hosts = int(sys.argv[2]), sys.argv[3].split()
for i in range(n):  # four cards to one listing page, as in a crawl
    if i % 5 == 0:
        h = hosts[i % len(hosts)]
        u = ("http://%s/modules.php?name=sud_delo&srv_num=1&name_op=r&page=1&delo_id=1540006"
             "&case_type=0&new=0&delo_table=u1_case&u1_case__ENTRY_DATE1D=01.01.2023"
             "&u1_case__ENTRY_DATE2D=31.12.2023&U1_DEFENDANT__LAW_ARTICLESS=337" % h)
    else:
        u = cards[i % len(cards)]
    print('url = "%s"\noutput = "/dev/null"' % u)
PY
a=$(date +%s.%N)
curl -s --parallel --parallel-max 16 -A "$ua" \
	--connect-to "::127.0.0.1:$port" -K "$tmp/urls" -w "%{http_code}\n" >"$tmp/codes" 2>/dev/null
b=$(date +%s.%N)
ok=$(grep -c '^200$' "$tmp/codes" || true)
echo "awol-sim: $(wc -l <"$tmp/codes") requests ($ok answered 200, $(wc -l <"$tmp/cards") distinct cards) in $(echo "$b - $a" | bc) s = $(echo "$(wc -l <"$tmp/codes") / ($b - $a)" | bc) requests/s (target: thousands)"
