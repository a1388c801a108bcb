# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: the pipeline view shows deals by stage with counts, value and
# weighted value per stage; > moves the selected deal a stage on, which
# the command line then sees (with the change in the contact's history);
# / keeps one close month.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add 'name=Søren Ågård' company=Nordisk >/dev/null
kith deal add c1 title=Tracking value=1000 close=2026-12-15 >/dev/null
kith deal add c1 title=Licences value=3000 stage=Proposal \
    close=2027-01-10 >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Søren Ågård"
tmux_keys p
wait_for "kith: pipeline"
wait_for "Lead            1 deal         1000.00  weighted         100.00"
wait_for "Proposal        1 deal         3000.00  weighted        1500.00"
wait_for "d1     Tracking             Søren Ågård"
tmux_keys j '>'
wait_for "d1 moved to Qualified"
wait_for "Qualified       1 deal         1000.00  weighted         250.00"
# the selection stayed on the deal: once more
tmux_keys '>'
wait_for "d1 moved to Proposal"
wait_for "Proposal        2 deals        4000.00  weighted        2000.00"
expect_status 0 kith deal show d1
assert_contains "$OUT" 'stage        Proposal'
expect_status 0 kith show c1
assert_contains "$OUT" 'stage Lead -> Qualified'
assert_contains "$OUT" 'stage Qualified -> Proposal'

tmux_keys /
wait_for "close month"
tmux_type 2027-01
tmux_keys Enter
wait_for "kith: pipeline, mine, 2027-01"
wait_for "Proposal        1 deal         3000.00"
wait_gone "Tracking"
tmux_keys q
wait_for "Søren Ågård"
tmux_keys q
tmux_poll tmux_dead || tmux_fail "kith did not quit"
