#!/bin/sh
# three_logins.sh: a team sharing one database on one host, as three real
# logins.  As root: installs sendesk into a temporary PREFIX, runs
# setup-team there, adds three new logins (admin, team lead, caseworker)
# as users of the database but not members of its group, then checks as
# each login (runuser) that sendesk works for them and that nothing else
# reaches the file: not the sqlite3 shell, not a plain copy of sendesk,
# not --db or --config pointed at the group's other files; and that what
# sendesk writes for a user (a backup) is the user's own, not the group's.
#
# usage: sh tests/team/three_logins.sh  (from the repository root, after
# make).  Without root (or without useradd, runuser, sqlite3) it says so
# and skips.  It removes the logins, the group and its files when done.

set -u
say() { printf 'three logins: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
	say "skipped: needs root (useradd, runuser and a setgid install); run 'sudo make test'"
	exit 0
fi
for tool in useradd userdel groupdel runuser sqlite3 stat; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		say "skipped: $tool is not installed"
		exit 0
	fi
done

tag=$$
group=sdtg$tag
admin=sdta$tag
lead=sdtl$tag
worker=sdtc$tag
tmp=$(mktemp -d /tmp/sdt-team.XXXXXX) || exit 1
chmod 0755 "$tmp"
failures=0

cleanup() {
	for login in $admin $lead $worker; do
		userdel "$login" 2>/dev/null
	done
	groupdel "$group" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fail() {
	say "FAILED: $*"
	failures=$((failures + 1))
}

# expect CODE WHAT COMMAND...: the command's exit code must be CODE.
expect() {
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want: $(cat "$tmp/err")"
}

# as LOGIN COMMAND...: runs the command as that login, in its own home,
# reading no configuration but its own.
as() {
	login=$1
	shift
	runuser -u "$login" -- env HOME="$tmp/home-$login" XDG_CONFIG_HOME="$tmp/home-$login/.config" \
		XDG_DATA_HOME="$tmp/home-$login/.local" "$@"
}

${MAKE:-make} -s install PREFIX="$tmp/prefix" DESTDIR= >/dev/null || { fail "make install"; exit 1; }
bin=$tmp/prefix/bin/sendesk
team=$tmp/team
db=$team/sendesk.db

for login in $admin $lead $worker; do
	useradd --no-create-home --shell /usr/sbin/nologin "$login" || { fail "useradd $login"; exit 1; }
	mkdir -p "$tmp/home-$login"
	chown "$login" "$tmp/home-$login"
done

expect 0 "setup-team" "$bin" setup-team --group "$group" --demo "$team"
[ "$(stat -c '%a %U %G' "$team")" = "2770 root $group" ] || fail "team folder: $(stat -c '%a %U %G' "$team")"
[ "$(stat -c '%a %U %G' "$db")" = "660 root $group" ] || fail "database: $(stat -c '%a %U %G' "$db")"
[ "$(stat -c '%a %U %G' "$bin")" = "2755 root $group" ] || fail "binary: $(stat -c '%a %U %G' "$bin")"
expect 0 "setup-team again keeps the database" "$bin" setup-team --group "$group" "$team"
grep -q "kept" "$tmp/out" || fail "setup-team again: $(cat "$tmp/out")"

expect 0 "user add admin" "$bin" --db "$db" user add "$admin" admin
expect 0 "user add teamlead" "$bin" --db "$db" user add "$lead" teamlead
expect 0 "user add caseworker" "$bin" --db "$db" user add "$worker" caseworker

# Through sendesk: the caseworker logs provision, and it is theirs.
printf 'entry,date,minutes,therapist\nTE-0001,2026-01-06,30,Sam Hill\n' >"$tmp/session.csv"
chmod 0644 "$tmp/session.csv"
expect 0 "caseworker logs provision through sendesk" as "$worker" "$bin" --db "$db" import provision "$tmp/session.csv"
expect 0 "caseworker exports provision" as "$worker" "$bin" --db "$db" export provision
grep -q '^TE-0001,2026-01-06,30,Sam Hill' "$tmp/out" || fail "the session logged is not exported"
last=$(sqlite3 "$db" "SELECT login FROM audit ORDER BY id DESC LIMIT 1")
[ "$last" = "$worker" ] || fail "the change is audited as '$last', not as $worker"
expect 77 "caseworker may not make themselves admin" as "$worker" "$bin" --db "$db" user set "$worker" admin
expect 0 "team lead reads a report" as "$lead" "$bin" --db "$db" report spot-growth
expect 0 "admin checks the database" as "$admin" "$bin" --db "$db" check

# Around sendesk: nothing works.
role_before=$(sqlite3 "$db" "SELECT role FROM users WHERE login = '$worker'")
as "$worker" sqlite3 "$db" "UPDATE users SET role = 'admin' WHERE login = '$worker'" >/dev/null 2>&1 &&
	fail "the caseworker changed the file with sqlite3"
as "$worker" sqlite3 "$db" "SELECT count(*) FROM users" >/dev/null 2>&1 &&
	fail "the caseworker read the file with sqlite3"
as "$worker" sh -c "printf x >> '$db'" 2>/dev/null && fail "the caseworker wrote the file"
as "$worker" cat "$db" >/dev/null 2>&1 && fail "the caseworker read the file"
[ "$(sqlite3 "$db" "SELECT role FROM users WHERE login = '$worker'")" = "$role_before" ] ||
	fail "the caseworker's role changed"
install -m 0755 ./sendesk "$tmp/plain-sendesk"
expect 77 "a plain sendesk (not setgid) is refused" as "$worker" "$tmp/plain-sendesk" --db "$db" check
grep -q "permission denied: $team is mode 2770, owner root; see 'Sharing one database with a team'" "$tmp/err" ||
	fail "the refusal does not say why: $(cat "$tmp/err")"

# --db and --config reach nothing the user could not open alone: a file
# of the group outside a team folder.
mkdir -p "$tmp/other"
cp "$db" "$tmp/other/copy.db"
printf 'authority = "secret";\n' >"$tmp/other/secret.cfg"
chown root:"$group" "$tmp/other/copy.db" "$tmp/other/secret.cfg"
chmod 0660 "$tmp/other/copy.db" "$tmp/other/secret.cfg"
expect 77 "--db outside the team folder" as "$worker" "$bin" --db "$tmp/other/copy.db" check
as "$worker" "$bin" --db "$db" --config "$tmp/other/secret.cfg" check >/dev/null 2>&1 &&
	fail "--config read a file of the group"
as "$worker" "$bin" --db "$db" --config "$db" check 2>&1 | grep -q 'SQLite format' &&
	fail "--config showed the database's bytes"

# What sendesk writes for a user is the user's: a backup, and never in
# the team folder.
expect 0 "admin backs up into their home" as "$admin" "$bin" --db "$db" backup "$tmp/home-$admin/copy.db"
owner=$(stat -c '%U %G' "$tmp/home-$admin/copy.db" 2>/dev/null)
[ "$owner" = "$admin $(id -gn "$admin")" ] || fail "the backup belongs to '$owner'"
as "$admin" "$bin" --db "$db" backup "$team/copy.db" >/dev/null 2>&1 &&
	fail "a backup was written into the team folder"

# SQLite's side files, made by a login's sendesk while it has the file
# open (an import waiting for its standard input), are in the group and
# 0660, so the next login can write.
mkfifo "$tmp/fifo"
chmod 0666 "$tmp/fifo"
as "$worker" "$bin" --db "$db" import provision - <"$tmp/fifo" >"$tmp/fifo.out" 2>&1 &
importer=$!
exec 3>"$tmp/fifo"
tries=0
while [ ! -e "$db-shm" ] && [ "$tries" -lt 200 ]; do
	sleep 0.05
	tries=$((tries + 1))
done
for side in "$db-wal" "$db-shm"; do
	[ "$(stat -c '%a %U %G' "$side" 2>&1)" = "660 $worker $group" ] ||
		fail "$side while open: $(stat -c '%a %U %G' "$side" 2>&1)"
done
printf 'entry,date,minutes\nTE-0001,2026-01-13,30\n' >&3
exec 3>&-
wait "$importer" || fail "the import through a pipe: $(cat "$tmp/fifo.out")"
expect 0 "the team lead writes after the others" as "$lead" "$bin" --db "$db" import provision "$tmp/session.csv"
expect 0 "check as root" "$bin" --db "$db" check

if [ "$failures" -ne 0 ]; then
	say "$failures check(s) failed"
	exit 1
fi
say "ok: setup-team, sendesk as three logins, and no way around it"
