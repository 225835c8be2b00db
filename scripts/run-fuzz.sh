#!/usr/bin/env bash
# Run every libFuzzer target in BUILD for SECONDS each, seeded with the fixture pages.
set -euo pipefail
build=${1:-build-fuzz}
secs=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
found=0
for f in "$build"/fuzz/fuzz_*; do
	[ -f "$f" ] && [ -x "$f" ] || continue
	found=1
	corpus=$(mktemp -d)
	cp "$root"/tests/fixtures/sudrf/*.htm* "$corpus"/ 2>/dev/null || true
	cp "$root"/tests/fixtures/verdict/*.txt "$corpus"/ 2>/dev/null || true
	echo "fuzz: $(basename "$f") for ${secs}s"
	"$f" -max_total_time="$secs" -max_len=262144 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>&1 | tail -n 5
	rm -rf "$corpus"
done
[ $found = 1 ] || echo "fuzz: no fuzz target built (needs clang and -Dfuzz=true)"
