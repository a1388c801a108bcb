# SPDX-License-Identifier: GPL-3.0-or-later
# Exporting twice without a change gives the same bytes; after one change
# the same UIDs come out and only the changed item's SEQUENCE,
# LAST-MODIFIED and DTSTAMP (and what changed) differ.
. "$TESTS/lib.sh"
need faketime
[ -x /usr/bin/python3 ] || skip "needs /usr/bin/python3"
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || skip "needs python3-icalendar"
. "$TESTS/interop/ics-book.inc"

at '2026-11-25 10:00' export --format ics -o a.ics
at '2026-11-26 11:00' export --format ics -o b.ics
cmp a.ics b.ics || fail "a second export differs"
at '2026-11-27 12:00' done a2 called >/dev/null
at '2026-11-27 12:05' export --format ics -o c.ics
at '2026-11-27 12:05' export --format ics --completed -o d.ics

/usr/bin/python3 - a.ics c.ics d.ics <<'X' || fail "python3 disagreed"
import sys
from icalendar import Calendar
def items(p):
    cal = Calendar.from_ical(open(p, 'rb').read())
    return {str(c['UID']): c for c in cal.walk()
            if c.name in ('VTODO', 'VEVENT')}
a, c, d = (items(p) for p in sys.argv[1:])
assert set(a) == set(c), (set(a) ^ set(c))
changed = [u for u in a if a[u].to_ical() != c[u].to_ical()]
assert len(changed) == 1 and str(c[changed[0]]['SUMMARY']) == \
    'Ugentligt opkald', changed
u = changed[0]
assert int(c[u]['SEQUENCE']) == int(a[u]['SEQUENCE']) + 1
assert c[u]['LAST-MODIFIED'].dt > a[u]['LAST-MODIFIED'].dt
assert c[u]['DTSTAMP'].dt == c[u]['LAST-MODIFIED'].dt
assert c[u]['DTSTART'].dt.day == 26
# With --completed the logged occurrence is a COMPLETED to-do as well.
done = [x for x in d.values() if str(x.get('STATUS')) == 'COMPLETED']
assert len(d) == 5 and len(done) == 1, (len(d), len(done))
assert str(done[0]['SUMMARY']) == 'Ugentligt opkald' and 'COMPLETED' in done[0]
X
