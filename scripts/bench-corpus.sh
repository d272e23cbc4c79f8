#!/usr/bin/env bash
# Times tfcomply on the benchmark corpus (wall, CPU, peak RSS), and tfsec
# beside it when a tfsec binary is given: alternating runs, medians.
#
#   scripts/bench-corpus.sh [-n RUNS] [-c CORPUS] [-t TFSEC] [-b TFCOMPLY] [-B OLD]
#
# CORPUS defaults to ../shared/corpus beside the repository; TFCOMPLY is
# built from this tree unless given; OLD is another tfcomply binary to time
# beside it (an earlier commit's); TFSEC defaults to $TFSEC, or tfsec on
# PATH, and is skipped when there is none. Both run offline: tfcomply with
# --offline, tfsec with --no-module-downloads and its proxy pointed at
# loopback, so neither reaches the network. Needs GNU time (/usr/bin/time).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=5
corpus="$repo/../shared/corpus"
tfsec=${TFSEC:-$(command -v tfsec || true)}
tfcomply=""
old=""
while getopts "n:c:t:b:B:" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	c) corpus=$OPTARG ;;
	t) tfsec=$OPTARG ;;
	b) tfcomply=$OPTARG ;;
	B) old=$OPTARG ;;
	*) sed -n '2,12p' "$0"; exit 2 ;;
	esac
done
[ -d "$corpus" ] || { echo "no corpus at $corpus (use -c)" >&2; exit 2; }
. "$repo/scripts/benchlib.sh"

# run NAME CMD...: one timed run, appended to $work/times-NAME.
run() {
	local name=$1
	shift
	timed "$work/times-$name" /dev/null "$@"
}

tools=(tfcomply)
[ -n "$old" ] && tools+=(old)
[ -n "$tfsec" ] && tools+=(tfsec)
for ((i = 1; i <= runs; i++)); do
	run tfcomply "$tfcomply" scan --offline --format json "$corpus"
	if [ -n "$old" ]; then
		run old "$old" scan --offline --format json "$corpus"
	fi
	if [ -n "$tfsec" ]; then
		HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= \
			run tfsec "$tfsec" --force-all-dirs --no-module-downloads --soft-fail --no-color --format json "$corpus"
	fi
done

echo "corpus: $corpus ($(find "$corpus" -name '*.tf' | wc -l) .tf files), $runs runs each, $(nproc) cores, medians"
printf "%-10s %10s %10s %12s\n" tool "wall s" "CPU s" "peak RSS MB"
for t in "${tools[@]}"; do
	[ -s "$work/times-$t" ] || continue
	read -r w c m < <(medians "$work/times-$t")
	printf "%-10s %10.2f %10.2f %12.0f\n" "$t" "$w" "$c" "$m"
	eval "wall_$t=$w"
done
if [ -n "$tfsec" ]; then
	awk -v a="$wall_tfcomply" -v b="$wall_tfsec" 'BEGIN {printf "tfcomply/tfsec wall: %.3f\n", a / b}'
fi
