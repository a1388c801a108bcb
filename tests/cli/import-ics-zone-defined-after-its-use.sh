# SPDX-License-Identifier: GPL-3.0-or-later
# The reader takes an .ics file a component at a time (issue 8): a
# VTIMEZONE that comes after the items naming its TZID still gives their
# times, items that name a zone defined nowhere are refused with the
# line of their BEGIN, and the items around them keep file order.
. "$TESTS/lib.sh"

kith add name=Ana email=ana@example.org >/dev/null
zone='BEGIN:VTIMEZONE
TZID:Office Time
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0300
TZOFFSETTO:+0300
END:STANDARD
END:VTIMEZONE'
item() {	# UID SUMMARY START
	printf 'BEGIN:VEVENT\nUID:%s\nSUMMARY:%s\nDTSTART;TZID=Office Time:%s\nATTENDEE:mailto:ana@example.org\nEND:VEVENT\n' "$1" "$2" "$3"
}
{
	printf 'BEGIN:VCALENDAR\nVERSION:2.0\n'
	item z-1 First 20261201T100000
	printf 'BEGIN:VTODO\nUID:z-2\nSUMMARY:Second\nDUE:20261202T080000Z\nATTENDEE:mailto:ana@example.org\nEND:VTODO\n'
	item z-3 Third 20261203T120000
	printf '%s\nEND:VCALENDAR\n' "$zone"
} >later.ics
TZ=UTC expect kith import later.ics <<'X'
later.ics: 3 follow-ups imported, 0 already there, 0 without a contact
X
TZ=UTC expect_status 0 kith show c1
assert_contains "$OUT" "a1     meeting  2026-12-01 07:00 First"
assert_contains "$OUT" "a2     todo     2026-12-02 08:00 Second"
assert_contains "$OUT" "a3     meeting  2026-12-03 09:00 Third"

{
	printf 'BEGIN:VCALENDAR\nVERSION:2.0\n'
	item y-1 Fourth 20261204T100000
	printf 'END:VCALENDAR\n'
} >nowhere.ics
expect_status 1 kith import nowhere.ics
expect_err_contains 'nowhere.ics:3: unknown time zone "Office Time"'
expect_err_contains "nothing imported"
