# SPDX-License-Identifier: GPL-3.0-or-later
# The agenda lists the oldest overdue follow-ups first, 1965 included,
# and gives the year of those not of this year; this year's keep the
# weekday.  Its hint line fits 80 columns with "? help" in sight, and a
# narrow screen drops other hints before that one.  Under 79 columns the
# phone column goes, so that the subject stays.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"
need faketime

ft() { faketime '2026-06-10 12:00:00' "$KITH" "$@"; }
ft add "name=Søren Ågård" "phone=+45 33 12 34 56" >/dev/null
ft add "name=Ema Čopova" >/dev/null
ft schedule c1 call 2026-06-08T09:00 "This June" >/dev/null
ft schedule c2 call 2025-12-30T10:00 "Last December" >/dev/null
ft schedule c1 call 1965-03-04T09:00 "Before 1970" >/dev/null
ft schedule c2 todo 2026-06-12 "Friday" >/dev/null

tmux_start 80 24 faketime '2026-06-10 12:00:00' "$KITH"
wait_for "Søren Ågård"
tmux_keys a
wait_for "Before 1970"
rows=$(tmux_screen | sed -n '3,6p' | cut -c1-19 | sed 's/ *$//' | tr '\n' '|')
[ "$rows" = "! 1965-03-04 09:00|! 2025-12-30 10:00|! Mon 08 Jun 09:00|Fri 12 Jun|" ] ||
    tmux_fail "rows: $rows"
hints=$(tmux_screen | tail -1 | sed 's/ *$//')
case $hints in
*"  ? help") ;;
*) tmux_fail "the hint line does not end with \"? help\": $hints" ;;
esac
tmux_has "+45 33 12 34 56" || tmux_fail "no phone at 80 columns"
tmux_resize 61 20
wait_gone "+45 33 12 34 56"
tmux_has "Last December" || tmux_fail "no subject at 61 columns"
tmux_keys Escape
wait_for "look up"
tmux_resize 46 20
wait_for "? help"
tmux_has "q quit" && tmux_fail "q quit fits in 46 columns?"
tmux_keys q
wait_exit 0
