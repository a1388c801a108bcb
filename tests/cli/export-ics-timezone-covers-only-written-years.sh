# SPDX-License-Identifier: GPL-3.0-or-later
# The streamed iCalendar export writes its VTIMEZONE before the items, so
# it works the years out first: they are those of the follow-ups written,
# not of those left out by --tag or with a deleted contact, and an
# endless series keeps every rule from its first year on.
. "$TESTS/lib.sh"

"$KITH" add name=Vip tag=vip >/dev/null
"$KITH" add name=Other >/dev/null
"$KITH" schedule c1 call '2027-05-05 10:00' kept >/dev/null
"$KITH" schedule c2 call '2024-05-05 10:00' early >/dev/null
"$KITH" schedule c2 call '2031-05-05 10:00' late >/dev/null
"$KITH" schedule --repeat FREQ=YEARLY c2 todo '2029-01-01' endless >/dev/null

tz() { tr -d '\r' <"$1" | sed -n '/^BEGIN:VTIMEZONE/,/^END:VTIMEZONE/p'; }

"$KITH" export --format ics --tag vip -o vip.ics
assert_contains vip.ics 'TZUNTIL:20280101T000000Z'
tz vip.ics | grep -q '^DTSTART:2027' || fail "no 2027 rule"
tz vip.ics | grep -q '^DTSTART:202[0-6]' && fail "years before 2027"
[ "$(grep -c '^BEGIN:VTODO' vip.ics)" = 1 ] || fail "not one item"

"$KITH" export --format ics -o all.ics
grep -q TZUNTIL all.ics && fail "an endless series was cut short"
tz all.ics | grep -q '^DTSTART:2024' || fail "no 2024 rule"

"$KITH" rm c2 >/dev/null
"$KITH" export --format ics -o left.ics
assert_contains left.ics 'TZUNTIL:20280101T000000Z'
cmp vip.ics left.ics || fail "a deleted contact's follow-ups count"
exit 0
