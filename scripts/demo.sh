#!/usr/bin/env bash
# `make demo`: the main job on the embedded default.
#  1. parse the bundled real court pages into a fresh SQLite file and show them;
#  2. start the court-system simulator on loopback, crawl one simulated year of
#     garrison courts into a fresh database with fast intervals, and print what
#     was collected: monthly counts of art. 337 and 338 cases, coverage, the
#     comparison with published figures, and the claim check of the seed article;
#  3. write the report of the simulated year and say how to open the dashboard.
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
awol="$build/awol"
sim="$build/awol-sim"
out=${AWOL_DEMO_DIR:-demo-out}
year=${AWOL_DEMO_YEAR:-2023}
scale=${AWOL_DEMO_SCALE:-1}
rm -rf "$out"
mkdir -p "$out"

say() { printf '\n== %s\n' "$*"; }

say "1. Parsing the bundled real court pages into $out/pages.db"
"$awol" parse --db "$out/pages.db" "$root/tests/fixtures/sudrf"
"$awol" cases --db "$out/pages.db"

if [ ! -x "$sim" ]; then
	echo "demo: $sim not built; skipping the simulated crawl" >&2
	exit 0
fi

say "2. Crawling one simulated year ($year, scale $scale) from awol-sim on loopback"
portfile="$out/sim.port"
"$sim" --listen 127.0.0.1:0 --port-file "$portfile" --seed 1 --scale "$scale" \
	--from "$year-01-01" --to "$year-12-31" --truth "$out/truth.jsonl" \
	--faults throttle,captcha,5xx,slow,servers --log "$out/sim-log.jsonl" &
simpid=$!
trap 'kill $simpid 2>/dev/null; wait $simpid 2>/dev/null' EXIT
for _ in $(seq 1 100); do [ -s "$portfile" ] && break; sleep 0.1; done
port=$(cat "$portfile")
solver="$out/solver.sh"
cat >"$solver" <<SOLVER
#!/bin/sh
# demo captcha solver: asks the simulator's test-only endpoint for the digits
host=\$(basename "\$1" .png)
curl -s "http://127.0.0.1:$port/__sim/captcha?host=\$host"
SOLVER
chmod +x "$solver"
"$awol" crawl --db "$out/crawl.db" --courts garrison --articles 337,338 \
	--from "$year-01-01" --to "$year-12-31" --connect-to "127.0.0.1:$port" \
	--per-court-interval 0.002 --global-interval 0 --captcha-cmd "$solver" --acts --quiet
echo "crawl exit status: $?"

say "3. Monthly counts of art. 337 and 338 cases received ($year)"
"$awol" stats --db "$out/crawl.db" --by month --group article --article 337,338 \
	--from "$year-01-01" --to "$year-12-31"

say "4. Coverage"
"$awol" coverage --db "$out/crawl.db" | head -n 12
echo "(... one row per court: awol coverage --db $out/crawl.db)"

say "5. Our counts beside the published figures (simulated data!)"
"$awol" stats --db "$out/crawl.db" --by half --group article --article 337,338 --compare \
	--from "$year-01-01" --to "$year-12-31"

say "6. The seed article's claims, checked against the published figures"
"$awol" check "$root/examples/seed-article-claims.yaml"
echo "(awol check exits 1 when a claim does not hold; that is the point of the demo)"

say "7. What the act texts of the simulated year say: sentence shares, each with its base"
"$awol" outcomes --db "$out/crawl.db" --shares
echo "(one row per defendant, with the words read: awol outcomes --db $out/crawl.db)"

say "8. The report of the simulated year, and the dashboard"
"$awol" report --db "$out/crawl.db" --out "$out/report.html" --article 337,338 \
	--from "$year-01-01" --to "$year-12-31" --lang en
echo "Open $out/report.html in a browser (one file, works offline; prints to PDF)."
echo "Explore the same database in the dashboard (read-only, on loopback; Ctrl-C stops):"
echo "  $awol serve --db $out/crawl.db      # then open http://127.0.0.1:8080/"
exit 0
