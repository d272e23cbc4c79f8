#!/usr/bin/env bash
# Times the tfcomply binary (wall, CPU, peak RSS, JSON report included) on
# the synthetic roots of internal/benchgen: N stages as separate resources,
# as count = N and as for_each over toset(). Medians of RUNS runs.
#
#   scripts/bench-scale.sh [-n RUNS] [-s "1000 10000 100000"] [-b TFCOMPLY]
#
# SHAPES (environment) picks some of the shapes: SHAPES="count foreach".
#
# Needs GNU time (/usr/bin/time).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=3
sizes="1000 10000 100000"
tfcomply=""
while getopts "n:s:b:" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	s) sizes=$OPTARG ;;
	b) tfcomply=$OPTARG ;;
	*) sed -n '2,11p' "$0"; exit 2 ;;
	esac
done
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$tfcomply" ]; then
	tfcomply="$work/tfcomply"
	(cd "$repo" && go build -o "$tfcomply" ./cmd/tfcomply)
fi
(cd "$repo" && go build -o "$work/genroot" ./scripts/genroot)

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
printf "%-9s %7s %8s %8s %12s\n" shape N "wall s" "CPU s" "peak RSS MB"
for shape in ${SHAPES:-separate count foreach}; do
	for n in $sizes; do
		root="$work/$shape-$n"
		"$work/genroot" -shape "$shape" -n "$n" "$root"
		: >"$work/times"
		for ((i = 1; i <= runs; i++)); do
			/usr/bin/time -f "%e %U %S %M" -o "$work/time" \
				"$tfcomply" scan --offline --format json "$root" >"$work/out.json" 2>/dev/null || true
			tail -n 1 "$work/time" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' >>"$work/times"
		done
		results=$(grep -c '"control": "apigateway_stage_logging_enabled"' "$work/out.json" || true)
		[ "$results" = "$n" ] || echo "warning: $shape/$n gave $results results, want $n" >&2
		w=$(cut -d' ' -f1 "$work/times" | median)
		c=$(cut -d' ' -f2 "$work/times" | median)
		m=$(cut -d' ' -f3 "$work/times" | median)
		printf "%-9s %7s %8.2f %8.2f %12.0f\n" "$shape" "$n" "$w" "$c" "$(awk -v m="$m" 'BEGIN {print m / 1024}')"
		rm -rf "$root"
	done
done
