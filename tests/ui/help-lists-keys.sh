# SPDX-License-Identifier: GPL-3.0-or-later
# "?" lists the keys of the view it is pressed in, from the key table.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Søren Ågård" >/dev/null

tmux_start 100 40 "$KITH"
wait_for "Søren Ågård"
tmux_keys ?
wait_for "Keys of the contacts view"
wait_for "look up: narrows as you type"
wait_for "quit kith"
tmux_keys q
wait_for "Søren Ågård"
tmux_keys Enter
wait_for "Details"
tmux_keys ?
wait_for "Keys of the record view"
wait_for "schedule a call-back"
wait_for "While a field is edited"
