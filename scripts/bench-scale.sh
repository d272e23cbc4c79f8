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
. "$repo/scripts/benchlib.sh"
(cd "$repo" && go build -o "$work/genroot" ./scripts/genroot)

printf "%-9s %7s %8s %8s %12s\n" shape N "wall s" "CPU s" "peak RSS MB"
for shape in ${SHAPES:-separate count foreach}; do
	for n in $sizes; do
		root="$work/$shape-$n"
		"$work/genroot" -shape "$shape" -n "$n" "$root"
		: >"$work/times"
		for ((i = 1; i <= runs; i++)); do
			timed "$work/times" "$work/out.json" "$tfcomply" scan --offline --format json "$root"
		done
		results=$(grep -c '"control": "apigateway_stage_logging_enabled"' "$work/out.json" || true)
		[ "$results" = "$n" ] || echo "warning: $shape/$n gave $results results, want $n" >&2
		read -r w c m < <(medians "$work/times")
		printf "%-9s %7s %8.2f %8.2f %12.0f\n" "$shape" "$n" "$w" "$c" "$m"
		rm -rf "$root"
	done
done
