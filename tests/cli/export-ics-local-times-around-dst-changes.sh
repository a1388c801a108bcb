# SPDX-License-Identifier: GPL-3.0-or-later
# The export writes each time as the wall-clock time it was scheduled at,
# in the zone: on the days the clocks change, on either side of the
# change, and at times whose UTC date is another day than the local one.
. "$TESTS/lib.sh"

kith add name=Ana >/dev/null
for t in '2026-03-29 00:30' '2026-03-29 01:59' '2026-03-29 03:00' \
    '2026-03-29 23:30' '2026-07-01 01:30' '2026-07-01 00:00' \
    '2026-10-25 01:30' '2026-10-25 04:00' '2026-12-31 23:45' \
    '2027-01-01 00:15'; do
	kith schedule c1 call "$t" "at $t" >/dev/null
done
kith export --format ics -o out.ics
tr -d '\r' <out.ics | grep '^DTSTART;TZID=Europe/Copenhagen:' |
    sed 's/.*://' >got
cat >want <<'X'
20260329T003000
20260329T015900
20260329T030000
20260329T233000
20260701T013000
20260701T000000
20261025T013000
20261025T040000
20261231T234500
20270101T001500
X
cmp want got || { diff want got >&2; fail "times moved in the export"; }
# The same times in UTC, through a reader that knows the zone.
/usr/bin/python3 - out.ics <<'X' >utc || skip "python3-icalendar missing"
import sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
for c in cal.walk():
    if c.name in ('VEVENT', 'VTODO') and c.get('DTSTART'):
        d = c.decoded('DTSTART')
        print(d.astimezone(datetime.timezone.utc).strftime('%Y%m%dT%H%M'))
X
cat >want <<'X'
20260328T2330
20260329T0059
20260329T0100
20260329T2130
20260630T2330
20260630T2200
20261024T2330
20261025T0300
20261231T2245
20261231T2315
X
cmp want utc || { diff want utc >&2; fail "UTC times wrong"; }
