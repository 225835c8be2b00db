#!/usr/bin/env bash
# Parse benchmark: awol's parser and the lxml reference on the same pages,
# side by side in one invocation.  usage: bench/run_parse_bench.sh [BUILD] [ROUNDS]
set -euo pipefail
build=${1:-build}
rounds=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/tests/fixtures/sudrf"
a=$("$build/bench/bench_parse" "$dir" "$rounds")
l=$(/usr/bin/python3 "$root/bench/lxml_reference.py" "$dir" "$rounds")
echo "$a"
echo "$l"
pa=$(echo "$a" | sed -E 's/.*: ([0-9.]+) pages\/s.*/\1/')
pl=$(echo "$l" | sed -E 's/.*: ([0-9.]+) pages\/s.*/\1/')
awk -v a="$pa" -v l="$pl" 'BEGIN { printf "ratio  : awol is %.1fx the pages/s of lxml (target >= 10x)\n", a / l }'
