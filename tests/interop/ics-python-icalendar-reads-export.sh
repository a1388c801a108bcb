# SPDX-License-Identifier: GPL-3.0-or-later
# The iCalendar export read back by Python's icalendar library: every
# pending follow-up once, UTF-8 summaries, due times, alarms, recurrence,
# priority, categories, the contact in DESCRIPTION, a trimmed VTIMEZONE
# under its plain Olson name, and a file only its owner can read.
. "$TESTS/lib.sh"
need faketime
[ -x /usr/bin/python3 ] || skip "needs /usr/bin/python3"
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || skip "needs python3-icalendar"
. "$TESTS/interop/ics-book.inc"

at '2026-11-25 10:00' export --format ics -o out.ics
[ "$(stat -c %a out.ics)" = 600 ] || fail "mode $(stat -c %a out.ics)"
at '2026-11-25 10:00' export --format ics --utc >utc.ics

/usr/bin/python3 - out.ics utc.ics <<'X' || fail "python3 disagreed"
import sys, datetime as dt
from icalendar import Calendar
UTC = dt.timezone.utc
def load(p):
    return Calendar.from_ical(open(p, 'rb').read())
def utc(v):
    return v.dt.astimezone(UTC).strftime('%Y-%m-%d %H:%M')
for path in sys.argv[1:]:
    cal = load(path)
    items = [c for c in cal.walk() if c.name in ('VTODO', 'VEVENT')]
    by = {str(c['SUMMARY']): c for c in items}
    assert len(items) == 4, (path, len(items))
    assert sorted(by) == sorted(['Ring til Søren Ågård', 'Ugentligt opkald',
        'Møde hos Ana', 'Send tilbud']), sorted(by)
    ring = by['Ring til Søren Ågård']
    assert ring.name == 'VTODO'
    assert utc(ring['DUE']) == '2026-12-01 08:00', utc(ring['DUE'])
    assert int(ring['PRIORITY']) == 1
    al = [a for a in ring.walk() if a.name == 'VALARM']
    assert len(al) == 1 and al[0]['TRIGGER'].dt == -dt.timedelta(minutes=15)
    d = str(ring['DESCRIPTION'])
    for part in ('Søren Ågård', 'Ågård ApS', '+45 20 11 22 33',
                 'soren@agard.dk'):
        assert part in d, (part, d)
    cats = ring['CATEGORIES']
    cats = cats if isinstance(cats, list) else [cats]
    names = [str(x) for c in cats for x in c.cats]
    assert 'call' in names and 'vip' in names, names
    assert str(ring['UID']).startswith('kith-a1-')
    assert int(ring['SEQUENCE']) == 0
    assert utc(ring['LAST-MODIFIED']) == '2026-11-20 09:00'
    assert utc(ring['DTSTAMP']) == '2026-11-20 09:00'
    wk = by['Ugentligt opkald']
    r = wk['RRULE']
    assert r['FREQ'] == ['WEEKLY'] and r['BYDAY'] == ['MO'] and \
        r['COUNT'] == [10], r
    assert utc(wk['DTSTART']) == '2026-10-19 07:00', utc(wk['DTSTART'])
    assert [a for a in wk.walk() if a.name == 'VALARM'][0]['TRIGGER'].dt \
        == -dt.timedelta(hours=1)
    mt = by['Møde hos Ana']
    assert mt.name == 'VEVENT'
    assert utc(mt['DTSTART']) == '2026-12-02 12:30'
    assert mt['DURATION'].dt == dt.timedelta(minutes=90)
    assert 'ATTENDEE' in mt and 'ana@example.org' in str(mt['ATTENDEE'])
    td = by['Send tilbud']
    assert td['DTSTART'].dt == dt.date(2026, 12, 3), td['DTSTART'].dt
    tz = [c for c in cal.walk() if c.name == 'VTIMEZONE']
    if path == 'utc.ics':
        assert not tz and 'TZID' not in open(path).read()
    else:
        assert len(tz) == 1 and str(tz[0]['TZID']) == 'Europe/Copenhagen'
        assert 'freeassociation' not in open(path).read()
        assert len(str(tz[0].to_ical()).split('\\n')) < 40
X
