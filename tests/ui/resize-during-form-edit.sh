# SPDX-License-Identifier: GPL-3.0-or-later
# Resizing from 120x40 to 80x24 to 30x10 to 20x5 (too small) and back while a field is being
# edited neither crashes nor loses the text typed so far.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

id=$(kith add "name=Søren Ågård" title=CEO)

tmux_start 120 40 "$KITH"
wait_for "Søren Ågård"
tmux_keys Enter
wait_for "Details"
tmux_keys j j Enter
wait_for "Enter done"
tmux_keys End
tmux_type " of Østersø Shipping"
wait_for "CEO of Østersø Shipping"
tmux_resize 80 24
sleep 0.3
wait_for "CEO of Østersø Shipping"
tmux_resize 30 10
wait_for "Østersø Shipping"
tmux_resize 20 5
wait_for "terminal too small"
tmux_resize 80 24
wait_for "CEO of Østersø Shipping"
tmux_type " A/S"
wait_for "CEO of Østersø Shipping A/S"
tmux_keys Enter
tmux_keys w
wait_for "Saved"
kith show "$id" >"$LIB_TMP/show"
assert_contains "$LIB_TMP/show" "CEO of Østersø Shipping A/S"
