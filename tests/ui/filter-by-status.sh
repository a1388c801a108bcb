# SPDX-License-Identifier: GPL-3.0-or-later
# "f" filters the contact list by fields (status=customer); an empty
# filter shows everyone again.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Søren Ågård" status=customer >/dev/null
kith add "name=Anna Berg" status=lead >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Anna Berg"
tmux_keys f
wait_for "Filter"
tmux_type "status=customer"
tmux_keys Enter
wait_gone "Anna Berg"
wait_for "Søren Ågård"
wait_for "status=customer"
tmux_keys f
wait_for "Filter"
tmux_keys C-u Enter
wait_for "Anna Berg"
