#!/bin/sh
# deps.sh [--check | --list] [GROUP...]: makes sure the Debian packages of
# the named groups of scripts/packages are installed (build, test, fuzz;
# default: build and test).  As root it installs what is missing with
# apt-get; otherwise it prints the exact command to run and fails.
# With --check it only reports (exit 1 when something is missing); with
# --list it prints the groups' packages, one line, and checks nothing.
set -eu

here=$(dirname "$0")
mode=install
case "${1:-}" in
--check | --list) mode=${1#--}; shift ;;
esac
[ $# -gt 0 ] || set -- build test

packages=""
for group in "$@"; do
	line=$(sed -n "s/^$group:[[:space:]]*//p" "$here/packages")
	if [ -z "$line" ]; then
		echo "sendesk: no package group '$group' in $here/packages" >&2
		exit 64
	fi
	packages="$packages $line"
done

if [ "$mode" = list ]; then
	echo "${packages# }"
	exit 0
fi

missing=""
for pkg in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $pkg" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$mode" = check ]; then
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
