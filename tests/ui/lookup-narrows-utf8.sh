# SPDX-License-Identifier: GPL-3.0-or-later
# "/" looks up as you type, in UTF-8: "sø" narrows the list to Søren
# (accents folded), and Enter opens the record.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Søren Ågård" company=Nordisk >/dev/null
kith add "name=Anna Berg" company=Berg >/dev/null
kith add "name=Zacharias Holm" company=Holm >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Zacharias Holm"
tmux_keys /
tmux_type "sø"
wait_gone "Zacharias Holm"
wait_for "Søren Ågård"
tmux_has "Anna Berg" && tmux_fail "Anna Berg does not match sø"
tmux_type "ren"
tmux_keys Enter
wait_for "Details"
wait_for "Nordisk"
