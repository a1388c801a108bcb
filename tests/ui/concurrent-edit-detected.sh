# SPDX-License-Identifier: GPL-3.0-or-later
# A contact changed by someone else while the form is open is not
# overwritten on save: kith says who changed it and shows both versions.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

id=$(kith add "name=Søren Ågård" title=CEO)

tmux_start 80 24 "$KITH"
wait_for "Søren Ågård"
tmux_keys Enter
wait_for "Details"
tmux_keys j j Enter
wait_for "Enter done"
tmux_keys End
tmux_type " and Founder"
wait_for "CEO and Founder"
kith set "$id" title=Chairman
tmux_keys Enter
tmux_keys w
wait_for "Changed by"
kith show "$id" >"$LIB_TMP/show"
assert_contains "$LIB_TMP/show" "Chairman"
tmux_keys b
wait_for "Both versions"
wait_for "theirs: Chairman"
wait_for "yours:  CEO and Founder"
