# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: the lookup takes phone digits as typed: numbers that end in
# them first, and when none does, those that hold them anywhere, from the
# postings of their digit trigrams; a changed number is found no more.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Ann Berg" "phone=+47 912 34 567" >/dev/null
kith add "name=Bo Ek" "phone=+47 555 12 912" >/dev/null
kith add "name=Cy Dal" "phone=+47 111 22 333" >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Cy Dal"
tmux_keys /
tmux_type "912"
wait_gone "Cy Dal"
wait_for "Bo Ek"
tmux_has "Ann Berg" && tmux_fail "no number of Ann's ends in 912"
tmux_type " 3"
wait_gone "Bo Ek"
wait_for "Ann Berg"
tmux_type "4"
wait_for "Look up: 912 34"
wait_for "Ann Berg"
tmux_keys Escape
wait_for "lookup: 912 34"

kith set c1 "phone=+47 222 00 111" >/dev/null || fail "changing Ann's phone"
tmux_keys /
tmux_keys C-u
tmux_type "91234"
wait_for "Look up: 91234"
wait_gone "Ann Berg"
kith check >/dev/null 2>&1 || fail "kith check fails after the change"
