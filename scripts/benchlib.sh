# What the benchmark scripts share; sourced, not run. Expects $repo and
# $tfcomply (empty: build it) to be set, and sets $work, a temporary
# directory removed on exit.

[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$tfcomply" ]; then
	tfcomply="$work/tfcomply"
	(cd "$repo" && go build -o "$tfcomply" ./cmd/tfcomply)
fi

# timed FILE OUT CMD...: runs CMD once, its standard output to OUT, and
# appends "wall cpu rss_kb" to FILE.
timed() {
	local file=$1 out=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$out" 2>/dev/null || true
	tail -n 1 "$work/time" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' >>"$file"
}

# medians FILE: the medians of FILE's columns, as "wall cpu rss_mb".
medians() {
	local col w c m
	for col in 1 2 3; do
		cut -d' ' -f$col "$1" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
	done | paste -sd' ' | awk '{printf "%s %s %.0f\n", $1, $2, $3 / 1024}'
}
