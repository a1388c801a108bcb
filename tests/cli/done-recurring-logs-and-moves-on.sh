# SPDX-License-Identifier: GPL-3.0-or-later
# Completing an occurrence of a recurring follow-up logs it in the history
# and moves it to the next occurrence; the last one (COUNT) is done.
. "$TESTS/lib.sh"
need faketime

at() { when=$1; shift; faketime "$when" "$KITH" "$@"; }
at '2026-12-01 09:00' add name=Ana >/dev/null
at '2026-12-01 09:00' schedule --repeat 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=2' \
    c1 call '2026-12-15 11:00' Monthly review >/dev/null
expect at '2026-12-15 11:30' due <<'X'
a1	2026-12-15 11:00	overdue	call	Ana		Monthly review
X
expect at '2026-12-15 11:30' done a1 reached her <<'X'
a1 next 2027-01-15 11:00
X
expect_status 0 at '2026-12-15 11:30' due
[ ! -s "$OUT" ] || fail "still due after done: $(cat "$OUT")"
expect_status 0 at '2026-12-15 11:30' show c1
grep -q 'a1 .*2027-01-15 11:00 Monthly review' "$OUT" ||
    fail "not moved on: $(cat "$OUT")"
grep -q 'a2 .*Monthly review -- reached her' "$OUT" ||
    fail "occurrence not logged: $(cat "$OUT")"
# The second and last occurrence: done for good, nothing next.
expect at '2027-01-15 11:30' done a1 <<'X'
X
expect_status 0 at '2027-02-20 09:00' due --within 60d
[ ! -s "$OUT" ] || fail "a finished series is due: $(cat "$OUT")"
