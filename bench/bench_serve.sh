#!/usr/bin/env bash
# The dashboard on a generated database of N cases (bench/bench_stats.sh's generator
# and summary): every API route's answer time (median of 5, curl), each page's time to
# ready in headless Chromium (navigation to every chart drawn), and `awol report`.
# Targets (issue 11): API < 200 ms, a page < 1 s, the report < 3 s.
# usage: bench/bench_serve.sh [BUILD] [N]     (default N: 1000000)
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${BENCH_TMP:-$(mktemp -d)}
mkdir -p "$tmp"
db="$tmp/big.db"
if [ ! -s "$db" ] || [ "${BENCH_REGENERATE:-0}" = 1 ]; then
	BENCH_TMP=$tmp BENCH_VERIFY=0 "$root/bench/bench_stats.sh" "$build" "$n" | grep -E "^(==|generate|summary)"
fi
rm -f "$tmp/srv.port"
"$build/awol" serve --db "$db" --listen 127.0.0.1:0 --port-file "$tmp/srv.port" 2>/dev/null &
srv=$!
trap 'kill $srv 2>/dev/null; wait $srv 2>/dev/null; [ -n "${BENCH_TMP:-}" ] || rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do [ -s "$tmp/srv.port" ] && break; sleep 0.05; done
[ -s "$tmp/srv.port" ] || { echo "bench_serve: awol serve did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$tmp/srv.port")"
echo "== API answers on $("$build/awol" stats --db "$db" --by year --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') cases (target < 200 ms)"
echo "   first: the route's first answer, computed; again: the median of 5 more (an answer"
echo "   that took 20 ms or more is then given from memory until the database changes)"
times() { # URL [curl options]: the first time, then the median of 5 more
	local u=$1
	shift
	for _ in 1 2 3 4 5 6; do curl -sf -o /dev/null -w '%{time_total}\n' "$@" "$u" || echo FAILED; done >"$tmp/times"
	printf '%6.0f ms %6.0f ms' "$(echo "$(head -1 "$tmp/times") * 1000" | bc)" \
		"$(echo "$(tail -5 "$tmp/times" | sort -n | sed -n 3p) * 1000" | bc)"
}
printf '%-70s %9s %9s\n' "" first again
for path in "/api/stats?by=month&group=article" "/api/stats?by=month&group=article&article=337,338" \
	"/api/stats?by=year&group=court&from=2023-01-01&to=2023-12-31" \
	"/api/stats?by=year&group=region&from=2023-01-01&to=2023-12-31" \
	"/api/stats?by=year&group=outcome&from=2023-01-01&to=2023-12-31" \
	"/api/stats?by=month&group=court" "/api/stats?by=month&court=77GV0005" \
	"/api/coverage" "/api/courts" \
	"/api/cases?court=77GV0005" "/api/cases?court=77GV0005&limit=200" \
	"/api/cases?article=338&from=2023-01-01&to=2023-01-31" "/api/cases?limit=100&offset=500000" \
	"/api/cases?article=338&limit=100&offset=100000" \
	"/api/figures" "/api/compare?article=337" "/api/compare?article=337,338" "/api/meta"; do
	printf '%-70s %s\n' "$path" "$(times "$base$path")"
done
printf '%-70s %s\n' "/api/check (POST examples/seed-article-claims.yaml)" \
	"$(times "$base/api/check" --data-binary "@$root/examples/seed-article-claims.yaml")"
echo "== Pages: navigation to ready, every chart drawn (headless Chromium; target < 1 s)"
/usr/bin/python3 - "$base" "$tmp" "$root" <<'PY'
import asyncio, sys, time
sys.path.insert(0, sys.argv[3] + "/tests/integration")
from cdp import chromium
base, tmp = sys.argv[1], sys.argv[2]
async def main():
    async with chromium(tmp) as p:
        await p.open(base + "/?lang=en")  # a first visit warms the browser
        for path in ["/?lang=en", "/?lang=en&article=&by=year", "/courts?lang=en", "/courts?lang=en&court=77GV0005",
                     "/outcomes?lang=en", "/claims?lang=en"]:
            times = []
            for _ in range(3):
                t0 = time.time()
                state = await p.open(base + path)
                times.append(time.time() - t0)
            print("%-70s %6.0f ms%s" % (path, 1000 * sorted(times)[1], "" if state == "1" else " (NOT READY: %s)" % state))
asyncio.run(main())
PY
echo "== awol report (target < 3 s)"
for args in "" "--article 337,338 --from 2022-01-01 --to 2024-12-31"; do
	a=$(date +%s.%N)
	# shellcheck disable=SC2086
	"$build/awol" report --db "$db" --out "$tmp/report.html" $args 2>/dev/null
	b=$(date +%s.%N)
	printf '%-70s %6.0f ms, %s bytes\n' "awol report $args" "$(echo "($b - $a) * 1000" | bc)" "$(stat -c %s "$tmp/report.html")"
done
