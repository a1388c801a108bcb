# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: one rare letter finds its contacts wherever the letter is (the
# name, the company, an e-mail) among more contacts than the first pages
# read, from the postings of that letter, which follow an edit.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

{
	echo "Name,Company"
	persons 450
	echo "Åse Quist,Nord"
	echo "Bo Ek,Aqua"
} > people.csv
kith import --format csv people.csv >/dev/null 2>&1 ||
    fail "importing 452 contacts failed"
kith add "name=Zed Ypsilon" email=zq@example.org >/dev/null ||
    fail "adding Zed failed"

tmux_start 80 24 "$KITH"
wait_for "Person 001"
tmux_keys /
tmux_type "q"
wait_gone "Person 001"
wait_for "Åse Quist"
wait_for "Bo Ek"
wait_for "Zed Ypsilon"
tmux_has "Person" && tmux_fail "no Person holds a q"
tmux_keys Escape
wait_for "lookup: q"

# The letter leaves Bo Ek's postings when his company changes.
kith set c452 company=Acme >/dev/null || fail "editing Bo Ek failed"
tmux_keys /
tmux_keys C-u
tmux_type "q"
wait_for "Zed Ypsilon"
tmux_has "Bo Ek" && tmux_fail "Bo Ek no longer holds a q"
kith check >/dev/null 2>&1 || fail "kith check fails after the edit"
