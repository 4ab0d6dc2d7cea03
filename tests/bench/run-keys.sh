#!/bin/sh
# run-keys.sh: key-to-screen latency of the sendesk contract list with
# 100,000 contracts (see keys.c for what is measured and how).
#
#   tests/bench/run-keys.sh [SENDESK]     default ./sendesk (make sendesk)
#
# Works in a temporary directory, removed afterwards: the database (the
# demo data, then 100,000 generated contracts imported through
# `sendesk import contracts`, so through the one write path with audit
# rows), the compiled benchmark, and HOME and the XDG directories, so no
# user configuration is read.  Prints numbers; asserts nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-./sendesk}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
if [ ! -x "$bin" ]; then
	echo "run-keys.sh: $bin: no such program (build it with make sendesk)" >&2
	exit 66
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sendesk-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
export HOME="$work" XDG_CONFIG_HOME="$work" XDG_DATA_HOME="$work"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

${CC:-cc} -std=c11 -O2 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Werror -o "$work/keys" "$here/keys.c"

# Deterministic: contract i has ref C<i, 6 digits>, the providers in turn,
# a value from 20,000.00 to about 2,020,000.99, and a start on the first
# of a month from 2015 to 2024 with an end one to three years later.
awk 'BEGIN {
	print "ref,provider,annual_value,start_date,end_date"
	split("EKHUFT KCHFT MCH", provider, " ")
	for (i = 1; i <= 100000; i++) {
		y = 2015 + i % 10; m = 1 + (i * 7) % 12
		printf "C%06d,%s,%d.%02d,%d-%02d-01,%d-%02d-28\n", i, provider[1 + i % 3],
			20000 + (i * 7919) % 2000000, i % 100, y, m, y + 1 + i % 3, m
	}
}' > "$work/contracts.csv"

db="$work/bench.db"
"$bin" --db "$db" init --demo > /dev/null
start=$(date +%s%N)
"$bin" --db "$db" import contracts "$work/contracts.csv" > /dev/null
end=$(date +%s%N)
echo "database: demo data + 100,000 contracts imported in $(( (end - start) / 1000000 )) ms;" \
	"$(du -k "$db" | cut -f1) kB"

"$work/keys" "$bin" "$db"
