# SPDX-License-Identifier: GPL-3.0-or-later
# The status line says "more match below" while the lookup's matches do
# not all fit, and only then: a query typed on until one contact matches
# takes it back.  The hint of the first letter (30 people hold an "s")
# stayed under the prompt, and came back when the prompt was closed,
# under a list of one.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

import_persons 30

tmux_start 80 24 "$KITH"
wait_for "Person 001"
tmux_keys /
tmux_type "s"
wait_for "Look up: s"
tmux_keys Escape
wait_for "more match below"

tmux_keys /
tmux_type "on 007"
wait_for "Look up: son 007"
wait_gone "Person 001"
wait_for "Person 007"
tmux_keys Escape
wait_for "lookup: son 007"
wait_for "look up  Enter open"
tmux_has "more match below" && tmux_fail "a hint of more under one match"
tmux_keys q
wait_exit 0
