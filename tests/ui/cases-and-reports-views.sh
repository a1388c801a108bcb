# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: the cases view lists open cases and resolves one with c (seen by
# the command line); the reports view draws a report at 80x24 with bars in
# Unicode blocks, and opens a retention group.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add name=Ann status=customer >/dev/null
kith add name=Bob status=lead >/dev/null
kith case add c1 subject='Printer jams' priority=2 >/dev/null
kith case add c2 subject='Invoice wrong' >/dev/null
kith case set k2 status=closed
kith deal add c1 value=2000 close=2026-12-01 >/dev/null
kith deal add c2 value=500 stage=Negotiation close=2027-02-01 >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Ann"
tmux_keys c
wait_for "kith: cases, mine: status=open,waiting"
wait_for "Printer jams"
tmux_lacks "Invoice wrong" || fail "a closed case is listed"
tmux_keys c
wait_for "k1 resolved"
wait_gone "Printer jams"
expect_status 0 kith case show k1
assert_contains "$OUT" 'status       resolved'
tmux_keys /
wait_for "cases where:"
tmux_keys C-u
tmux_type 'status=closed'
tmux_keys Enter
wait_for "Invoice wrong"
tmux_keys q
wait_for "Ann"

tmux_keys r
wait_for "kith: groups and reports"
wait_for "dormant"
tmux_keys Enter
wait_for "group dormant"
wait_for "c1      Ann"
tmux_lacks "Bob" || fail "a lead in the dormant customers"
tmux_keys q
wait_for "kith: groups and reports"
# down to the forecast report
tmux_keys G
wait_for "cases"
tmux_keys k k k
tmux_keys Enter
wait_for "Forecast of open deals by expected close month (EUR)"
wait_for "2026-12      1  2000.00    200.00"
wait_for "2027-02      1   500.00    375.00"
tmux_has "█" || fail "no bar chart"
tmux_keys q q q
tmux_poll tmux_dead || tmux_fail "kith did not quit"
