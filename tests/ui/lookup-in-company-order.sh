# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: sorted by company, the lookup's matches come in company order,
# many of them (more than are read directly) walked in the company index
# by its keys: the first screen of "per" is the people of the companies
# that sort first, not of the names that do.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

awk 'BEGIN {
	print "Name,Company"
	for (i = 1; i <= 450; i++)
		printf "Person %03d,Zeta %03d\n", i, 451 - i
	print "Anna Berg,Acme"
}' > people.csv
kith import --format csv people.csv >/dev/null 2>&1 ||
    fail "importing 451 contacts failed"

# The screen line TEXT is on.
line_of() {
	tmux_screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1
}

tmux_start 80 24 "$KITH"
wait_for "Anna Berg"
tmux_keys S
wait_for "contacts by company"
tmux_keys /
tmux_type "per"
wait_gone "Anna Berg"
wait_for "Person 450"
a=$(line_of "Person 450")
b=$(line_of "Person 449")
c=$(line_of "Person 448")
[ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ "$a" -lt "$b" ] &&
    [ "$b" -lt "$c" ] || tmux_fail "per is not in company order"
tmux_has "Person 001" && tmux_fail "Person 001 (Zeta 450) shown first"
tmux_keys Escape
wait_for "lookup: per"
