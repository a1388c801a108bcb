# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: when a lookup's matches all sort late, it skips the names before
# them (from each candidate's place in name order) and still shows every
# one of them in order: one matched by its name, one by its company, and
# one that sorts between the others, before hundreds more; after a
# rename, the places follow.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

awk 'BEGIN {
	print "Name,Company"
	for (i = 1; i <= 40000; i++)
		printf "Person %05d,Acme\n", i
	for (i = 1; i <= 450; i++)	# more than are read directly
		printf "Zofia Z%03d,Nord\n", i
	print "Zofia Abel,Nord"
	print "Qzofi Berg,Nord"
	print "Xenia Holm,Zofcorp"
	print "Ylva Zofiowska,Vik"
}' > people.csv
kith import --format csv people.csv >/dev/null 2>&1 ||
    fail "importing 40 454 contacts failed"

tmux_start 80 24 "$KITH"
wait_for "Person 00001"
tmux_keys /
tmux_type "zof"
wait_gone "Person 00001"
wait_for "Zofia Abel"
tmux_screen > screen.txt
for name in "Qzofi Berg" "Xenia Holm" "Ylva Zofiowska" "Zofia Abel"; do
	grep -q "$name" screen.txt || fail "$name not shown for zof"
done
# In name order, one under the other.
grep -o "Qzofi Berg\|Xenia Holm\|Ylva Zofiowska\|Zofia Abel" screen.txt |
    tr '\n' , > order.txt
[ "$(cat order.txt)" = "Qzofi Berg,Xenia Holm,Ylva Zofiowska,Zofia Abel," ] ||
    fail "zof matches out of order: $(cat order.txt)"
tmux_keys Escape
wait_for "lookup: zof"

# Renamed to sort first, Zofia is found there.
kith set c40451 "name=Aaa Zofia" >/dev/null || fail "renaming failed"
tmux_keys /
tmux_keys C-u
tmux_type "zofi"
wait_gone "Person 00001"	# the whole book, while the line is empty
wait_for "Aaa Zofia"
# Aaa Zofia is also the first match of the keys before the last: wait for
# the screen of "zofi" itself (under the sanitizers it may come later).
zofi_order() {
	tmux_screen | grep -o "Aaa Zofia\|Qzofi Berg\|Ylva Zofiowska" |
	    tr '\n' , > order.txt
	[ "$(cat order.txt)" = "Aaa Zofia,Qzofi Berg,Ylva Zofiowska," ]
}
tmux_wait=10
tmux_poll zofi_order ||
    fail "zofi matches out of order after the rename: $(cat order.txt)"
kith check >/dev/null 2>&1 || fail "kith check fails after the rename"
