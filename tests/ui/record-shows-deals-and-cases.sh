# SPDX-License-Identifier: GPL-3.0-or-later
# issue 3: the contact record has Deals, Cases and Notes tabs listing the
# contact's own deals (stage, value, close date, title) and cases (status,
# priority, opened, subject); Enter shows a deal's or a case's details,
# and Enter on the notes edits the note field.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add name=Ann company=Acme note='Met at the fair' >/dev/null
kith add name=Bob >/dev/null
kith deal add c1 title='Server order' value=12500.50 close=2026-12-31 \
    >/dev/null
kith deal add c1 title='Support contract' value=3000 stage=Negotiation \
    >/dev/null
kith deal add c2 title='Bobs deal' value=10 >/dev/null
kith case add c1 subject='Printer on fire' priority=2 >/dev/null
kith case add c2 subject='Bobs case' >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Ann"
tmux_keys Enter
wait_for "Deals (2)"
tmux_has "Cases (1)" || tmux_fail "no Cases tab with its count"
tmux_keys Tab Tab Tab
wait_for "d1     Lead              12500.50 EUR 2026-12-31 Server order"
wait_for "d2     Negotiation        3000.00 EUR            Support contract"
tmux_lacks "Bobs deal" || tmux_fail "another contact's deal is listed"
tmux_keys j Enter
wait_for " Deal d2"
wait_for "title        Support contract"
wait_for "probability  75% (the stage's)"
tmux_keys Escape
wait_for "Deals (2)"
tmux_keys Tab
wait_for "k1     open       2  20"
tmux_has "Printer on fire" || tmux_fail "the case's subject is missing"
tmux_lacks "Bobs case" || tmux_fail "another contact's case is listed"
tmux_keys Enter
wait_for " Case k1"
wait_for "subject      Printer on fire"
wait_for "status       open"
tmux_keys Escape
wait_for "Cases (1)"
tmux_keys Tab
wait_for "Met at the fair"
tmux_keys Enter
wait_for "Enter done"
tmux_keys End
tmux_type ', wants a demo'
wait_for "Met at the fair, wants a demo"
tmux_keys Enter w
wait_for "Saved"
expect_status 0 kith show c1
assert_contains "$OUT" "Met at the fair, wants a demo"
