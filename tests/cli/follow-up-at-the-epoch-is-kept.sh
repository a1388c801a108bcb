# SPDX-License-Identifier: GPL-3.0-or-later
# A follow-up due at time 0, 1970-01-01 in UTC (a birthday of that day,
# the date many systems give an unknown birthday), is a follow-up like
# another: pending, due, exported and imported with its date.  Time 0
# meant "no date": it went straight to the history, and an imported
# DTSTART of that day became today.
. "$TESTS/lib.sh"
need faketime
export TZ=UTC

ft() { faketime '2026-12-01 09:00:00' "$KITH" "$@"; }
ft add 'name=Søren Ågård' >/dev/null
ft schedule --repeat FREQ=YEARLY c1 meeting 1970-01-01 Birthday >/dev/null
ft schedule c1 call 1970-01-01T00:00 At the epoch >/dev/null

expect ft due <<'X'
a1	1970-01-01	overdue	meeting	Søren Ågård		Birthday
a2	1970-01-01 00:00	overdue	call	Søren Ågård		At the epoch
X
expect_status 0 ft show c1
sed -n '/^Pending/,/^$/p' "$OUT" > pending
assert_contains pending Birthday
assert_contains pending "At the epoch"

expect_status 0 ft export --format ics -o "$PWD/out.ics"
grep -q '^DTSTART;VALUE=DATE:19700101' out.ics ||
    fail "the birthday's date is not in the export: $(cat out.ics)"
grep -q '^DTSTART:19700101T000000Z' out.ics ||
    fail "the call's time is not in the export: $(cat out.ics)"

# Read back into another database: the same dates, not today's.
export KITH_DIR="$PWD/other"
expect_status 0 ft import --format ics "$PWD/out.ics"
expect_status 0 ft due --all
[ "$(cut -f2 "$OUT" | tr '\n' '|')" = "1970-01-01|1970-01-01 00:00|" ] ||
    fail "imported: $(cat "$OUT")"

# Done, the yearly one moves on a year.
export KITH_DIR="$PWD/db"
expect ft done a1 <<'X'
a1 next 1971-01-01
X
