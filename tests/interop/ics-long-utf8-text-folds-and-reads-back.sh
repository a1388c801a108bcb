# SPDX-License-Identifier: GPL-3.0-or-later
# The iCalendar writer writes its content lines itself (issue 8: libical's
# serialiser was most of an export's time): long UTF-8 text with commas,
# semicolons, backslashes, carets, quotes and newlines is escaped, folded
# at 75 octets without splitting a character, ends in CRLF, and Python's
# icalendar reads back exactly what went in.
. "$TESTS/lib.sh"
[ -x /usr/bin/python3 ] || skip "needs /usr/bin/python3"
/usr/bin/python3 -c 'import icalendar' 2>/dev/null || skip "needs python3-icalendar"

name='Åsa Ødegård-Łukasiewicz; "Jr", Ærø\Þór ^ Ščęść Ñandú Jyväskylä'
company='Čopova ulica; Jyväskylä, Łódź \ Ñandú, Ærøskøbing; Søndergade'
subject=$(printf 'Ring, om tilbud; "pris" \\ rabat\nanden linje: Ærø, Łódź; Ščęść 日本語 %s' \
    'ÆØÅæøå ÆØÅæøå ÆØÅæøå ÆØÅæøå ÆØÅæøå ÆØÅæøå ÆØÅæøå ÆØÅæøå')
"$KITH" add "name=$name" "company=$company" email=asa@example.org \
    'phone.work=+45 20 11 22 33' >/dev/null || fail "add"
"$KITH" schedule --alarm 15m c1 call '2026-12-01 09:00' "$subject" \
    >/dev/null || fail "schedule"
# A note (DESCRIPTION of an imported item) with every escape in it.
cat >in.ics <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTODO
UID:note-1@test
SUMMARY:Noter
DESCRIPTION:Første linje\, med komma\; semikolon og \\ skråstreg\nAnden 
 linje: 日本語のテキスト ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ
DTSTART:20261202T090000Z
DUE:20261202T093000Z
ATTENDEE;CN=Åsa:mailto:asa@example.org
END:VTODO
END:VCALENDAR
EOF
"$KITH" import --format ics in.ics >/dev/null || fail "import"
"$KITH" export --format ics -o out.ics || fail "export"
"$KITH" export --format ics -o again.ics || fail "export again"
cmp out.ics again.ics || fail "two exports differ"

SUBJECT=$subject NAME=$name COMPANY=$company /usr/bin/python3 - out.ics \
    <<'X' || fail "python3 disagreed"
import os, re, sys
from icalendar import Calendar
raw = open(sys.argv[1], 'rb').read()
assert raw.endswith(b'\r\n') and b'\n' not in raw.replace(b'\r\n', b'')
for line in raw.split(b'\r\n'):
    assert len(line) <= 75, (len(line), line)
    line.decode('utf-8')            # no character split by a fold
items = {str(c['UID']): c for c in Calendar.from_ical(raw).walk()
         if c.name == 'VTODO'}
ring = [c for u, c in items.items() if u != 'note-1@test'][0]
subject, name, company = (os.environ[k] for k in ('SUBJECT', 'NAME', 'COMPANY'))
assert str(ring['SUMMARY']) == subject, repr(str(ring['SUMMARY']))
want = '\n'.join([name, company, 'work: +45 20 11 22 33',
                  'e-mail: asa@example.org'])
assert str(ring['DESCRIPTION']) == want, repr(str(ring['DESCRIPTION']))
# This icalendar knows no RFC 6868 (^' for a quote, ^^, ^n): decode it.
cn = re.sub(r"\^(['n^])", lambda m: {"'": '"', 'n': '\n', '^': '^'}[m[1]],
            str(ring['ATTENDEE'].params['CN']))
assert cn == name, (cn, name)
alarm = [a for a in ring.walk() if a.name == 'VALARM'][0]
assert str(alarm['DESCRIPTION']) == subject
note = str(items['note-1@test']['DESCRIPTION'])
assert note.endswith('\n\nFørste linje, med komma; semikolon og \\ skråstreg'
    '\nAnden linje: 日本語のテキスト' + ' ÆØÅ' * 12), repr(note)
assert note.startswith(name + '\n'), repr(note)
X
exit 0
