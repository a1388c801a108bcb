# SPDX-License-Identifier: GPL-3.0-or-later
# A machine whose zone is UTC under another of its names (Debian's
# default /etc/localtime is Etc/UTC) exports UTC times, as a UTC machine
# does: no TZID, no VTIMEZONE; a zone with clock changes keeps both, under
# its plain name also when it is given from tzdata's posix/ tree.
. "$TESTS/lib.sh"

kith add name='Søren Ågård' email=soren@example.dk >/dev/null
TZ=Etc/UTC kith schedule c1 call '2026-07-01 10:00' 'Ring Søren' >/dev/null
for z in UTC Etc/UTC :/usr/share/zoneinfo/Etc/UTC Zulu Etc/GMT \
    posix/Etc/UTC ''; do
	TZ=$z kith export --format ics -o utc.ics
	grep -q 'TZID' utc.ics && fail "TZ=$z: a TZID in a UTC export"
	grep -q 'BEGIN:VTIMEZONE' utc.ics && fail "TZ=$z: a VTIMEZONE"
	tr -d '\r' <utc.ics | grep -qx 'DTSTART:20260701T100000Z' ||
	    fail "TZ=$z: not the UTC time"
done
# A reader places it at 10:00 UTC.
/usr/bin/python3 -c 'import icalendar' 2>/dev/null ||
    skip "python3-icalendar missing"
/usr/bin/python3 - utc.ics <<'X' >got || fail "the reader refused it"
import sys, datetime
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
for c in cal.walk():
    if c.name in ('VEVENT', 'VTODO') and c.get('DTSTART'):
        d = c.decoded('DTSTART')
        print(c.get('SUMMARY'), d.astimezone(datetime.timezone.utc).isoformat())
X
echo 'Ring Søren 2026-07-01T10:00:00+00:00' >want
cmp want got || { diff want got >&2; fail "read back at another time"; }
# Lisbon's winter offset is UTC's too, but its clocks change.
TZ=Europe/Lisbon kith export --format ics -o lisbon.ics
assert_contains lisbon.ics 'TZID:Europe/Lisbon'
assert_contains lisbon.ics 'DTSTART;TZID=Europe/Lisbon:20260701T110000'
TZ=posix/Europe/Lisbon kith export --format ics -o posix.ics
assert_contains posix.ics 'TZID:Europe/Lisbon'
assert_contains posix.ics 'DTSTART;TZID=Europe/Lisbon:20260701T110000'
exit 0
