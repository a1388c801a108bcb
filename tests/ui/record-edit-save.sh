# SPDX-License-Identifier: GPL-3.0-or-later
# A field edited in the record's form and saved is in the database.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

id=$(kith add "name=Søren Ågård" title=CEO)

tmux_start 80 24 "$KITH"
wait_for "Søren Ågård"
tmux_keys Enter
wait_for "Details"
tmux_keys j j
wait_for "job title"
tmux_keys Enter
wait_for "Enter done"
tmux_keys End
tmux_type " & Founder"
wait_for "CEO & Founder"
tmux_keys Enter
wait_for "changed, not saved"
tmux_keys w
wait_for "Saved"
kith show "$id" >"$LIB_TMP/show"
assert_contains "$LIB_TMP/show" "CEO & Founder"
