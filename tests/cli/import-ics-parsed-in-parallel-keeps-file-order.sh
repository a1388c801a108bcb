# SPDX-License-Identifier: GPL-3.0-or-later
# A large .ics file is parsed by two threads, a few hundred items at a
# time (issue 8): the follow-ups still come in file order, an item whose
# zone is defined at the end holds the ones after it back without losing
# their order, and the error named is the first bad line of the file even
# when a later part, read on the other thread, is also bad.
. "$TESTS/lib.sh"

kith add name=Ana email=ana@example.org >/dev/null
# Item k of N: its BEGIN on line 6k-3, its DUE on 6k, its END on 6k+2.
# Item ZONE names a zone defined after the last item; BADDUE gets a bad
# DUE, and CROSS a crossed END.  Their UIDs are P-k, their SUMMARYs "P k".
items() {	# N ZONE BADDUE CROSS P
	awk -v n="$1" -v zone="$2" -v bad="$3" -v cross="$4" -v p="$5" '
	BEGIN {
		print "BEGIN:VCALENDAR"; print "VERSION:2.0"
		for (k = 1; k <= n; k++) {
			print "BEGIN:VTODO"; print "UID:" p "-" k
			print "SUMMARY:" p " " k
			if (k == bad)
				print "DUE:tomorrow"
			else if (k == zone)
				print "DUE;TZID=Office Time:20261201T100000"
			else
				printf "DUE:2026120%dT%02d%02d00Z\n", \
				    2 + k % 7, 8 + k % 9, k % 60
			print "ATTENDEE:mailto:ana@example.org"
			print k == cross ? "END:VEVENT" : "END:VTODO"
		}
		print "BEGIN:VTIMEZONE"; print "TZID:Office Time"
		print "BEGIN:STANDARD"; print "DTSTART:19700101T000000"
		print "TZOFFSETFROM:+0300"; print "TZOFFSETTO:+0300"
		print "END:STANDARD"; print "END:VTIMEZONE"
		print "END:VCALENDAR"
	}'
}

# Straight through: each part handed over as it is parsed, in order.
items 700 0 0 0 Item >many.ics
expect kith import many.ics <<'X'
many.ics: 700 follow-ups imported, 0 already there, 0 without a contact
X
expect_status 0 kith show c1
for k in 1 255 256 257 300 512 513 700; do
	grep -Eq "^ +a$k +todo +2026-12-0[2-8] [0-9:]+ Item $k \(" "$OUT" ||
	    fail "a$k is not Item $k: $(grep -E " Item $k \(" "$OUT")"
done

# Held back from the fifth on, until the zone at the end is read.
items 700 5 0 0 Held >held.ics
TZ=UTC expect kith import held.ics <<'X'
held.ics: 700 follow-ups imported, 0 already there, 0 without a contact
X
TZ=UTC expect_status 0 kith show c1
for k in 1 4 6 256 257 300 513 699 700; do
	grep -Eq "^ +a$((700 + k)) +todo +2026-12-0[2-8] [0-9:]+ Held $k \(" \
	    "$OUT" || fail "a$((700 + k)) is not Held $k"
done
assert_contains "$OUT" "a705   todo     2026-12-01 07:00 Held 5"

# An item sees only the zones the file defines before it, whichever thread
# reads it and when: the last item of the first part names the built-in
# Europe/Berlin (10:00 is 09:00 UTC), and a VTIMEZONE of that name right
# after it, read while that part is parsed, is the next item's (+0500).
awk 'BEGIN {
	print "BEGIN:VCALENDAR"; print "VERSION:2.0"
	for (k = 1; k <= 300; k++) {
		print "BEGIN:VTODO"; print "UID:zone-" k; print "SUMMARY:Zone " k
		if (k == 256 || k == 257)
			print "DUE;TZID=Europe/Berlin:20261201T100000"
		else
			print "DUE:20261202T080000Z"
		print "ATTENDEE:mailto:ana@example.org"; print "END:VTODO"
		if (k == 256) {
			print "BEGIN:VTIMEZONE"; print "TZID:Europe/Berlin"
			print "BEGIN:STANDARD"
			print "DTSTART:19700101T000000"
			print "TZOFFSETFROM:+0500"; print "TZOFFSETTO:+0500"
			print "END:STANDARD"; print "END:VTIMEZONE"
		}
	}
	print "END:VCALENDAR"
}' >berlin.ics
TZ=UTC expect kith import berlin.ics <<'X'
berlin.ics: 300 follow-ups imported, 0 already there, 0 without a contact
X
TZ=UTC expect_status 0 kith show c1
assert_contains "$OUT" "2026-12-01 09:00 Zone 256 ("
assert_contains "$OUT" "2026-12-01 05:00 Zone 257 ("

# The first bad line wins over a later one in another part of the file,
# whichever part is parsed first; nothing is imported.
items 700 0 600 650 Bad >two-bad.ics
expect_status 1 kith import two-bad.ics
expect_err_contains 'two-bad.ics:3600: not iCalendar: bad DUE value "tomorrow"'
items 700 0 300 3 Bad >early-cross.ics
expect_status 1 kith import early-cross.ics
expect_err_contains 'early-cross.ics:20: not iCalendar: END:VEVENT closes BEGIN:VTODO'
items 700 0 3 600 Bad >early-bad.ics
expect_status 1 kith import early-bad.ics
expect_err_contains 'early-bad.ics:18: not iCalendar: bad DUE value "tomorrow"'
expect_status 0 kith show c1
if grep -q ' Bad ' "$OUT"; then fail "a bad file added follow-ups"; fi
