# SPDX-License-Identifier: GPL-3.0-or-later
# A follow-up whose alarm time comes while kith is open pops up; dismissed,
# it is marked as given and does not come back.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

id=$(kith add "name=Søren Ågård" "phone=+45 33 12 34 56")
kith schedule --alarm 0m "$id" call +4s "Ring about the quote" >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Søren Ågård"
tmux_has " Alarm " && tmux_fail "the alarm came before its time"
wait_for "call Søren Ågård: +45 33 12 34 56" 12
wait_for "Ring about the quote"
tmux_keys Escape
wait_gone " Alarm "
sleep 2.5
tmux_has " Alarm " && tmux_fail "a dismissed alarm came back"
:
