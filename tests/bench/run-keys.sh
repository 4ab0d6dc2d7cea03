#!/bin/sh
# run-keys.sh: key-to-screen latency of the sendesk screens (see keys.c
# for what is measured and how): the Contracts list with 100,000
# contracts and, given a generated database (national, or smaller with
# generate --scale), its Children list, its Spot purchases list (paged
# through end to end too), the child picker, the Provision list (every
# session), Personal budgets and Returns, each filtered as typed.
#
#   tests/bench/run-keys.sh [SENDESK [NATIONAL_DB]]
#       SENDESK       default ./sendesk (make sendesk)
#       NATIONAL_DB   a database made by build/rel/generate (make bench
#                     passes BENCH_DB); without it only the contracts run
#
# Works in a temporary directory, removed afterwards: the contracts
# database (the demo data, then 100,000 generated contracts imported
# through `sendesk import contracts`, so through the one write path with
# audit rows), the compiled benchmark, and HOME and the XDG directories,
# so no user configuration is read.  Prints numbers; asserts nothing.
#
# NATIONAL_DB is used in place (a copy would be 3 GB): sendesk opens it
# read-write, but a session that only moves and filters writes nothing to
# the file.  It is in WAL mode already (the pragma changes nothing), the
# keys sent never save a form or confirm a delete, and SQLite only makes
# and removes the -wal and -shm files beside it.  The one write sendesk
# would make on opening is a schema migration, so the script refuses a
# file whose schema version is not this tree's; and it says so if the
# file's size or time changed all the same.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
absolute() {
	case $1 in
	/*) echo "$1" ;;
	*) echo "$(pwd)/${1#./}" ;;
	esac
}
bin=$(absolute "${1:-./sendesk}")
national=${2:+$(absolute "$2")}
if [ ! -x "$bin" ]; then
	echo "run-keys.sh: $bin: no such program (build it with make sendesk)" >&2
	exit 66
fi

# Checks that sendesk can open NATIONAL_DB as this login without
# changing it: the login is one of its users (the generator makes the
# login that ran it the admin; sendesk takes the OS login), and its
# schema is this tree's, so no migration runs.
check_national() {
	if [ ! -r "$national" ]; then
		echo "run-keys.sh: $national: no such database (make it with make bench)" >&2
		exit 66
	fi
	login=$(id -un)
	if ! sqlite3 -readonly "$national" "SELECT login FROM users" | grep -qxF "$login"; then
		echo "run-keys.sh: $national: login '$login' is not one of its users;" \
			"run as the login that generated it" >&2
		exit 77
	fi
	have=$(sqlite3 -readonly "$national" "PRAGMA user_version")
	want=$(ls "$here/../../db/migrations/"*.sql | wc -l)
	if [ "$have" -ne "$want" ]; then
		echo "run-keys.sh: $national: schema version $have, this tree's is $want;" \
			"sendesk would migrate it: regenerate it (make bench)" >&2
		exit 65
	fi
}
[ -z "$national" ] || check_national

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
"$work/keys" "$bin" "$db" contracts

[ -n "$national" ] || exit 0
echo
before=$(stat -c '%s %Y' "$national")
echo "database: $national; $(du -k "$national" | cut -f1) kB," \
	"$(sqlite3 -readonly "$national" "SELECT count(*) FROM children") children," \
	"$(sqlite3 -readonly "$national" "SELECT count(*) FROM spot_purchases") spot purchases"
for list in children child-picker spot-purchases provision personal-budgets returns; do
	"$work/keys" "$bin" "$national" $list
	echo
done
if [ "$(stat -c '%s %Y' "$national")" != "$before" ]; then
	echo "run-keys.sh: $national changed (size and time were $before)" >&2
fi
