# SPDX-License-Identifier: GPL-3.0-or-later
# "S" sorts the contact list by company, then by city (and status, owner,
# back to name), read a page at a time from each order's index: ties come
# in name order, contacts without the field come last, and the sorted
# column is shown at 80 columns (city is not, in name order).
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Anna Berg" "company=Zeta Shipping" city=Aarhus >/dev/null
kith add "name=Bo Dahl" company=Acme city=Odense >/dev/null
kith add "name=Carl Eriksen" "company=Midt Bank" city=Bergen >/dev/null
kith add "name=Dorte Friis" >/dev/null
# More than a screen, so the last one is found by paging.
i=10
while [ $i -lt 40 ]; do
	kith add "name=Filler $i" "company=Zulu $i" >/dev/null
	i=$((i + 1))
done

# The screen line NAME is on.
line_of() {
	tmux_screen | grep -n -F -- "$1" | head -n 1 | cut -d: -f1
}

# Asserts the names are on the screen in this order, top to bottom.
in_order() {
	prev=0
	for n in "$@"; do
		l=$(line_of "$n")
		[ -n "$l" ] || tmux_fail "$n is not on the screen"
		[ "$l" -gt "$prev" ] || tmux_fail "$n is not below the one before"
		prev=$l
	done
}

tmux_start 80 24 "$KITH"
wait_for "Anna Berg"
wait_for "contacts by name"
in_order "Anna Berg" "Bo Dahl" "Carl Eriksen" "Dorte Friis" "Filler 10"
tmux_lacks "City" || tmux_fail "City shown at 80 columns in name order"

tmux_keys S
wait_for "contacts by company"
wait_for "Company ▾"
in_order "Bo Dahl" "Carl Eriksen" "Anna Berg" "Filler 10" "Filler 11"
tmux_lacks "Dorte Friis" || tmux_fail "no company, yet on the first page"
tmux_keys G
wait_for "Dorte Friis"
in_order "Filler 38" "Filler 39" "Dorte Friis"
tmux_keys g
wait_for "Bo Dahl"

tmux_keys S
wait_for "contacts by city"
wait_for "City ▾"
in_order "Anna Berg" "Carl Eriksen" "Bo Dahl" "Dorte Friis" "Filler 10"
# Paging down and back up in city order keeps the order.
tmux_keys C-f
wait_gone "Carl Eriksen"
tmux_keys C-b
wait_for "Carl Eriksen"
in_order "Anna Berg" "Carl Eriksen" "Bo Dahl" "Dorte Friis"

# status, owner, then name again.
tmux_keys S
wait_for "contacts by status"
tmux_keys S
wait_for "contacts by owner"
tmux_keys S
wait_for "contacts by name"
in_order "Anna Berg" "Bo Dahl" "Carl Eriksen" "Dorte Friis"
