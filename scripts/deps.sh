#!/bin/sh
# deps.sh [--check]: makes sure the Debian packages sendesk builds and
# tests with are installed.  As root it installs what is missing with
# apt-get; otherwise it prints the exact command to run and fails.
# With --check it only reports (exit 1 when something is missing).
set -eu

PACKAGES="gcc make pkg-config libncurses-dev libsqlite3-dev libconfig-dev \
libcriterion-dev libcsv-dev libunistring-dev sqlite3 tmux util-linux"

missing=""
for pkg in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $pkg" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "${1:-}" = "--check" ]; then
	echo "sendesk: missing packages:$missing" >&2
	exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
	echo "sendesk: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq $missing >&2
else
	echo "sendesk: missing packages:$missing" >&2
	echo "sendesk: install them with: sudo apt-get install -y$missing" >&2
	exit 1
fi
