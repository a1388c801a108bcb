# SPDX-License-Identifier: GPL-3.0-or-later
# "s" in the record schedules a call-back (when, subject, alarm, repeat),
# and kith due then lists it.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Søren Ågård" >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Søren Ågård"
tmux_keys Enter
wait_for "Details"
tmux_keys s
wait_for "Call back when"
tmux_type "tomorrow 10:00"
tmux_keys Enter
wait_for "Subject"
tmux_type "Container quote"
tmux_keys Enter
wait_for "Alarm how long before"
tmux_keys Enter
wait_for "Repeat"
tmux_keys Enter
wait_for "Call-back scheduled"
wait_for "Pending (1)"
expect_status 0 kith due --within 2d
assert_contains "$OUT" "Container quote"
