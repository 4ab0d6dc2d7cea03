#!/bin/sh
# stress.sh: many sendesk processes on one database, and processes killed
# at random moments; prints what happened and fails on anything lost.
#
#   sh tests/stress/stress.sh [--writers N] [--readers N] [--seconds S]
#                             [--rows R] [--kills K] SENDESK
#
# Writers: N processes import batches of R new providers again and again
# for S seconds; every batch must commit (none refused as busy).
# Readers: N processes export the providers meanwhile; each export must
# hold whole batches only (a multiple of R rows) and never fewer than the
# one before.  At the end the database holds exactly the committed rows
# and `check` passes.
# Kills: K runs of import, init --demo and backup in turn, each killed
# with SIGKILL after a random delay; after each, the database (or the
# new file, if any) passes `check`, an import is all there or not at
# all, and the same command run again succeeds.
#
# `make stress` runs 8 writers for 60 s and 100 kills; `make test` a
# short form.

set -u
writers=8 readers=2 seconds=60 rows=5000 kills=100
while [ $# -gt 1 ]; do
	case $1 in
	--writers) writers=$2 ;;
	--readers) readers=$2 ;;
	--seconds) seconds=$2 ;;
	--rows) rows=$2 ;;
	--kills) kills=$2 ;;
	*) echo "stress: unknown option $1" >&2; exit 64 ;;
	esac
	shift 2
done
[ $# -eq 1 ] || { echo "usage: stress.sh [--writers N] [--readers N] [--seconds S] [--rows R] [--kills K] SENDESK" >&2; exit 64; }
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendesk-stress.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
# No user configuration: the built-in defaults (a 60 s busy wait).
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
db=$tmp/stress.db
failures=0
fail() {
	echo "stress: FAILED: $*"
	failures=$((failures + 1))
}

# A CSV of rows new providers, codes TAG-0 .. TAG-(rows-1).
batch() {
	awk -v tag="$1" -v n="$rows" 'BEGIN {
		print "code,name"
		for (i = 0; i < n; i++) printf "%s-%d,Provider %d of %s\n", tag, i, i, tag
	}' >"$2"
}

# providers DB [TAG]: how many providers DB holds (TAG keeps the files of
# processes running at once apart).
providers() {
	"$bin" --db "$1" export providers >"$tmp/count${2-}.csv" 2>"$tmp/count${2-}.err" || return 1
	echo $(($(wc -l <"$tmp/count${2-}.csv") - 1))
}

# writer N: imports batches until the deadline; one line per batch in
# writer-N.log: "ok" or the exit code and message.
writer() {
	n=0
	while [ "$(date +%s)" -lt "$deadline" ]; do
		file=$tmp/w$1-$n.csv
		batch "W$1-$n" "$file"
		if "$bin" --db "$db" import providers "$file" >/dev/null 2>"$tmp/w$1.err"; then
			echo ok
		else
			echo "refused $? $(cat "$tmp/w$1.err")"
		fi
		rm -f "$file"
		n=$((n + 1))
	done >"$tmp/writer-$1.log"
}

# reader N: exports until the writers are done; one line per read:
# "ok" or what was wrong.
reader() {
	last=0
	while [ ! -e "$tmp/writers-done" ]; do
		if ! count=$(providers "$db" "-r$1"); then
			echo "failed $(cat "$tmp/count-r$1.err")"
		elif [ $((count % rows)) -ne 0 ]; then
			echo "partial $count rows"
		elif [ "$count" -lt "$last" ]; then
			echo "went back from $last to $count rows"
		else
			echo ok
			last=$count
		fi
	done >"$tmp/reader-$1.log"
}

run_writers() {
	"$bin" --db "$db" init >/dev/null || { fail "init"; return; }
	deadline=$(($(date +%s) + seconds))
	pids=
	for r in $(seq 1 "$readers"); do
		reader "$r" &
		pids="$pids $!"
	done
	wpids=
	for w in $(seq 1 "$writers"); do
		writer "$w" &
		wpids="$wpids $!"
	done
	wait $wpids
	touch "$tmp/writers-done"
	wait $pids
	committed=$(cat "$tmp"/writer-*.log | grep -c '^ok$')
	refused=$(cat "$tmp"/writer-*.log | grep -vc '^ok$')
	reads=$(cat /dev/null "$tmp"/reader-*.log | grep -c '^ok$')
	bad_reads=$(cat /dev/null "$tmp"/reader-*.log | grep -vc '^ok$')
	total=$(providers "$db")
	echo "writers: $writers x ${seconds}s of $rows-row imports: $committed committed, $refused refused;" \
		"$total rows (expected $((committed * rows)))"
	echo "readers: $readers: $reads consistent reads, $bad_reads inconsistent"
	[ "$refused" -eq 0 ] || fail "refused batches: $(grep -hv '^ok$' "$tmp"/writer-*.log | head -3)"
	[ "$bad_reads" -eq 0 ] || fail "bad reads: $(cat /dev/null "$tmp"/reader-*.log | grep -v '^ok$' | head -3)"
	[ "$total" = $((committed * rows)) ] || fail "rows lost or added: $total, expected $((committed * rows))"
	"$bin" --db "$db" check >/dev/null || fail "check after the writers"
}

# A random delay in seconds, below $1 milliseconds.
random_delay() {
	ms=$(($(od -An -N2 -tu2 /dev/urandom) % $1))
	printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# killed DELAY_MS COMMAND...: starts sendesk COMMAND, kills it after a
# random delay below DELAY_MS.
killed() {
	limit=$1
	shift
	"$bin" "$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(random_delay "$limit")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# 128 + SIGKILL: it was still running (not merely not yet reaped).
	[ $? -ne 137 ] || killed_count=$((killed_count + 1))
}

# whole_or_nothing PATH WHAT: PATH is missing or a database check passes.
whole_or_nothing() {
	[ ! -e "$1" ] || "$bin" --db "$1" check >/dev/null 2>&1 || fail "$2 killed left $1 failing check"
}

run_kills() {
	"$bin" --db "$db.k" init >/dev/null 2>&1 || [ -e "$db.k" ] || fail "init for the kills"
	killed_count=0
	failures_before=$failures
	for i in $(seq 1 "$kills"); do
		case $((i % 3)) in
		0)
			# A batch of new rows: all of them or none are there after
			# the kill, and all of them after the import is run again.
			batch "K$i" "$tmp/k.csv"
			before=$(providers "$db.k")
			killed $((rows * 15 / 100 + 1)) --db "$db.k" import providers "$tmp/k.csv"
			after=$(providers "$db.k") || fail "import killed: the database cannot be read"
			whole_or_nothing "$db.k" "import"
			[ "$after" = "$before" ] || [ "$after" = $((before + rows)) ] ||
				fail "import killed: $after rows, neither $before nor $((before + rows))"
			"$bin" --db "$db.k" import providers "$tmp/k.csv" >/dev/null || fail "import after a kill"
			[ "$(providers "$db.k")" = $((before + rows)) ] || fail "import run again: not all rows there"
			;;
		1)
			path=$tmp/init-$i.db
			killed 2500 --db "$path" init --demo
			whole_or_nothing "$path" "init --demo"
			"$bin" --db "$path" init --if-missing >/dev/null && "$bin" --db "$path" check >/dev/null ||
				fail "init --if-missing after a killed init --demo"
			rm -f "$path"
			;;
		2)
			path=$tmp/backup-$i.db
			killed 150 --db "$db.k" backup "$path"
			whole_or_nothing "$path" "backup"
			[ -e "$path" ] || "$bin" --db "$db.k" backup "$path" >/dev/null || fail "backup after a killed backup"
			rm -f "$path"
			;;
		esac
	done
	leftovers=$(find "$tmp" -name '*.part-*' | wc -l)
	echo "kills: $kills runs of import, init --demo and backup, $killed_count killed while running;" \
		"$((failures - failures_before)) problems; $leftovers temporary files of killed runs left"
	"$bin" --db "$db.k" check >/dev/null || fail "check after the kills"
}

[ "$writers" -gt 0 ] && run_writers
[ "$kills" -gt 0 ] && run_kills
if [ "$failures" -ne 0 ]; then
	echo "stress: $failures problems"
	exit 1
fi
echo "stress: ok"
