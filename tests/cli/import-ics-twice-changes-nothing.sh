# SPDX-License-Identifier: GPL-3.0-or-later
# Importing an .ics file: VTODOs and VEVENTs become pending follow-ups of
# the contacts named by ATTENDEE/ORGANIZER e-mail or name; importing it
# again changes nothing.
. "$TESTS/lib.sh"

kith add 'name=Søren Ågård' email=SOREN@agard.dk >/dev/null
kith add 'name=Ana Lima' >/dev/null
cat >in.ics <<'X'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTIMEZONE
TZID:Europe/Copenhagen
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VTODO
UID:todo-1@example
SUMMARY:Ring til Søren
DUE;TZID=Europe/Copenhagen:20261201T090000
PRIORITY:1
ATTENDEE;CN=Søren:mailto:soren@agard.dk
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-PT15M
DESCRIPTION:x
END:VALARM
END:VTODO
BEGIN:VEVENT
UID:event-1@example
SUMMARY:Lunch with Ana
DTSTART:20261202T110000Z
DTEND:20261202T120000Z
RRULE:FREQ=WEEKLY;COUNT=3
ORGANIZER;CN=Ana Lima:mailto:nobody@example.org
END:VEVENT
BEGIN:VTODO
UID:todo-2@example
SUMMARY:Nobody's
DUE;VALUE=DATE:20261203
END:VTODO
END:VCALENDAR
X
expect kith import in.ics <<'X'
in.ics: 3 follow-ups imported, 0 already there, 1 without a contact
X
expect_status 0 kith show c1
grep -q 'a1 .*2026-12-01 09:00 Ring til Søren \[alarm 15m\]' "$OUT" ||
    fail "VTODO not Søren's: $(cat "$OUT")"
expect_status 0 kith show c2
grep -q 'a2 .*meeting .*2026-12-02 12:00 Lunch with Ana .*FREQ=WEEKLY;COUNT=3' \
    "$OUT" || fail "VEVENT not Ana's: $(cat "$OUT")"
kith export --format ics -o before.ics
expect kith import --format ics in.ics <<'X'
in.ics: 0 follow-ups imported, 3 already there, 0 without a contact
X
kith export --format ics -o after.ics
cmp before.ics after.ics || fail "a second import changed something"
