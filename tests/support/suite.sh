#!/bin/sh
# suite.sh: runs one test suite of `make test` with its output in a log,
# so that suites run side by side do not mix their lines.  Prints one
# line when the suite starts and one when it ends, with its time (on the
# clock, and the processor time its processes used, which says more on a
# shared machine); when it fails, its whole log follows, then the exit
# code is the suite's.
#
# usage: sh tests/support/suite.sh NAME COMMAND [ARG...]
#        (the log is build/test/NAME.log)

set -u
[ $# -ge 2 ] || { echo "usage: suite.sh NAME COMMAND [ARG...]" >&2; exit 64; }
name=$1
shift
mkdir -p build/test
log=build/test/$name.log
start=$(date +%s)
printf '   start  %s\n' "$name"
"$@" >"$log" 2>&1
rc=$?
took=$(($(date +%s) - start))
# The second line of `times` (run by this shell, not a subshell): the
# children's user and system time, as 1m2.5s.
times >"$log.cpu"
cpu=$(awk 'NR == 2 { gsub(/[ms]/, " "); printf "%d", $1 * 60 + $2 + $3 * 60 + $4 }' "$log.cpu")
rm -f "$log.cpu"
took="${took}s (processor ${cpu}s)"
if [ "$rc" -eq 0 ]; then
	# The suite's own summary: Criterion's synthesis, else its last line.
	summary=$(grep -a 'Synthesis:' "$log" | tail -n 1 | sed 's/.*Synthesis: *//')
	[ -n "$summary" ] || summary=$(grep -a . "$log" | tail -n 1)
	printf '   passed %s in %s%s\n' "$name" "$took" "${summary:+: $summary}"
	exit 0
fi
{
	printf '== FAILED: %s, exit %s after %s; its log, %s:\n' "$name" "$rc" "$took" "$log"
	cat "$log"
	printf '== end of the log of %s, which FAILED\n' "$name"
} >&2
exit "$rc"
