#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the demo database from data/demo.txt: sh data/demo.sh KITH DIR
# Follow-ups are scheduled relative to now, so the demo always has calls
# overdue, due today and coming up.
set -eu
kith=$1
dir=$2
src=$(dirname "$0")/demo.txt
# Rebuilt when older than half a day, so "today" stays today.
[ -n "$(find "$dir/.demo-ready" -mmin -720 2>/dev/null)" ] && exit 0
rm -rf "$dir"
tab=$(printf '\t')
id=
while IFS= read -r line; do
	case $line in ''|'#'*) continue ;; esac
	kind=${line%%"$tab"*}
	rest=${line#*"$tab"}
	old_ifs=$IFS
	IFS=$tab
	# shellcheck disable=SC2086
	set -- $rest
	IFS=$old_ifs
	case $kind in
	C) id=$("$kith" -d "$dir" add "$@") ;;
	S) "$kith" -d "$dir" schedule "$id" "$@" >/dev/null ;;
	L) "$kith" -d "$dir" log "$id" "$@" >/dev/null ;;
	*) echo "demo.sh: bad line: $line" >&2; exit 1 ;;
	esac
done < "$src"
touch "$dir/.demo-ready"
echo "kith: demo database in $dir"
