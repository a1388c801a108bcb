# SPDX-License-Identifier: GPL-3.0-or-later
# A malformed .ics file is refused with its line and the reason, and
# nothing of it is imported (not even the good items before the bad line).
. "$TESTS/lib.sh"

kith add name=Ana email=ana@example.org >/dev/null
good='BEGIN:VTODO\nUID:good-1\nSUMMARY:Good\nDUE:20261201T090000Z\nATTENDEE:mailto:ana@example.org\nEND:VTODO\n'
try() {	# NAME LINE REASON BODY
	printf "BEGIN:VCALENDAR\nVERSION:2.0\n$good$4" >"$1.ics"
	expect_status 1 kith import "$1.ics"
	expect_err_contains "$1.ics:$2: "
	expect_err_contains "$3"
	expect_err_contains "nothing imported"
}
try bad-date 11 'bad DUE value "tomorrow"' \
    'BEGIN:VTODO\nUID:b\nDUE:tomorrow\nEND:VTODO\nEND:VCALENDAR\n'
try no-colon 10 'expected ":"' \
    'BEGIN:VTODO\nSUMMARY Call\nEND:VTODO\nEND:VCALENDAR\n'
try crossed 11 'END:VEVENT closes BEGIN:VTODO' \
    'BEGIN:VTODO\nUID:c\nEND:VEVENT\nEND:VCALENDAR\n'
try truncated 10 'ends inside VTODO' 'BEGIN:VTODO\nUID:t\n'
try bad-rrule 11 'bad RRULE value' \
    'BEGIN:VTODO\nUID:r\nRRULE:FREQ=SOMETIMES\nEND:VTODO\nEND:VCALENDAR\n'
try bad-zone 9 'unknown time zone "Mars/Olympus"' \
    'BEGIN:VEVENT\nUID:z\nDTSTART;TZID=Mars/Olympus:20261201T090000\nEND:VEVENT\nEND:VCALENDAR\n'
printf 'BEGIN:VCALENDAR\nBEGIN:VTODO\nSUMMARY:\377\376\nEND:VTODO\nEND:VCALENDAR\n' >latin.ics
expect_status 1 kith import latin.ics
expect_err_contains 'latin.ics:3: not iCalendar: not UTF-8'
# From standard input, named as the contact import names it.
printf 'BEGIN:VCALENDAR\nBEGIN:VTODO\nDUE:tomorrow\nEND:VTODO\nEND:VCALENDAR\n' \
    >piped.ics
expect_status 1 kith import --format ics - <piped.ics
expect_err_contains '(standard input):3: not iCalendar: bad DUE value'
printf 'hello\n' >not.ics
expect_status 1 kith import --format ics not.ics
expect_err_contains 'not.ics:1: not iCalendar: expected BEGIN:VCALENDAR'

expect_status 0 kith show c1
if grep -q Good "$OUT"; then fail "part of a bad file was imported"; fi
expect_status 0 kith export --format ics
if grep -q UID:good-1 "$OUT"; then fail "part of a bad file was imported"; fi
