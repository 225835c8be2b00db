#!/usr/bin/env bash
# Run every libFuzzer target in BUILD, SECONDS in all (split between the targets: the page
# parser gets half, the others share the rest), each seeded with its own inputs: fixture
# pages, claims files, the published-figures CSV.
set -euo pipefail
build=${1:-build-fuzz}
secs=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
targets=()
for f in "$build"/fuzz/fuzz_*; do
	[ -f "$f" ] && [ -x "$f" ] && targets+=("$f")
done
if [ ${#targets[@]} = 0 ]; then
	echo "fuzz: no fuzz target built (needs clang and -Dfuzz=true)"
	exit 0
fi
others=$((${#targets[@]} - 1))
for f in "${targets[@]}"; do
	name=$(basename "$f")
	corpus=$(mktemp -d)
	case $name in
	fuzz_page)
		cp "$root"/tests/fixtures/sudrf/*.htm* "$corpus"/ 2>/dev/null || true
		t=$((others > 0 ? secs / 2 : secs)) ;;
	fuzz_claims)
		cp "$root"/examples/*.yaml "$corpus"/ 2>/dev/null || true
		t=$(((secs - secs / 2) / others)) ;;
	fuzz_verdict)
		cp "$root"/tests/fixtures/verdict/*.txt "$corpus"/ 2>/dev/null || true
		t=$(((secs - secs / 2) / others)) ;;
	fuzz_figures)
		cp "$root"/data/published-figures.csv "$corpus"/ 2>/dev/null || true
		t=$(((secs - secs / 2) / others)) ;;
	*)
		t=$(((secs - secs / 2) / others)) ;;
	esac
	[ "$t" -ge 1 ] || t=1
	echo "fuzz: $name for ${t}s"
	"$f" -max_total_time="$t" -max_len=262144 -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>&1 | tail -n 5
	rm -rf "$corpus"
done
