# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind finds no leak and no invalid access in the common commands.
. "$TESTS/lib.sh"
need valgrind
[ "${SAN:-0}" = 1 ] && skip "not under the sanitizers"

vg() {
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 --suppressions="$TESTS/valgrind.supp" \
	    "$KITH" "$@" || { echo "valgrind: kith $*: exit $?" >&2; return 1; }
}
vg add 'name=Søren Ågård' 'phone.mobile=+45 20 11 22 33' email=s@n.dk >/dev/null
vg add 'name=Ana Peña' company=Peña >/dev/null
vg set c1 title=CEO tag+=vip
vg schedule c1 call '2026-12-01 10:00' Ring --alarm 15m --repeat FREQ=WEEKLY >/dev/null
vg log c2 call Talked --result fine >/dev/null
vg find sø >/dev/null
vg find 2011 >/dev/null
vg show c1 >/dev/null
vg due --all --within 3000d >/dev/null
vg done a1 ok
vg dump -o d.txt
vg -d "$PWD/copy" load d.txt
cat > cards.vcf <<'EOF'
BEGIN:VCARD
VERSION:3.0
FN:Jyrki Jyväskylä
ORG:Čopova d.o.o.
EMAIL:jyrki@example.fi
TEL:+358 40 123 4567
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Marta Peña
EMAIL:marta@example.es
END:VCARD
EOF
vg import --format vcard cards.vcf >/dev/null
vg find čopova >found.txt
grep -q 'Jyrki Jyväskylä' found.txt ||
    { echo "the imported contact is not found" >&2; exit 1; }
# An .ics file of more than one part for the parsing threads, one item
# waiting for the zone defined after it, then one whose part fails.  A
# key of more than about 150 duplicates makes Berkeley DB itself write
# uninitialised bytes (a program of its own that puts 300 does the same):
# a hundred items are the contact's, each at a time of its own.
awk 'BEGIN {
	print "BEGIN:VCALENDAR"; print "VERSION:2.0"
	for (k = 1; k <= 600; k++) {
		print "BEGIN:VEVENT"; print "UID:vg-" k; print "SUMMARY:Item " k
		if (k == 300)
			print "DTSTART;TZID=Office Time:20261201T100000"
		else
			printf "DTSTART:202612%02dT%02d%02d00Z\n", 1 + k % 28, \
			    k % 24, k % 60
		print k % 6 ? "ATTENDEE:mailto:nobody" k "@example.org" : \
		    "ATTENDEE:mailto:s@n.dk"
		print "BEGIN:VALARM"; print "ACTION:DISPLAY"
		print "TRIGGER:-PT15M"; print "END:VALARM"; print "END:VEVENT"
	}
	print "BEGIN:VTIMEZONE"; print "TZID:Office Time"
	print "BEGIN:STANDARD"; print "DTSTART:19700101T000000"
	print "TZOFFSETFROM:+0300"; print "TZOFFSETTO:+0300"
	print "END:STANDARD"; print "END:VTIMEZONE"; print "END:VCALENDAR"
}' >many.ics
vg import many.ics >out.txt
grep -q "600 follow-ups imported" out.txt ||
    { echo "the .ics was not imported: $(cat out.txt)" >&2; exit 1; }
sed 's/^DTSTART:20261209T164000Z$/DTSTART:tomorrow/' many.ics >bad.ics
grep -q '^DTSTART:tomorrow' bad.ics || { echo "no bad line made" >&2; exit 1; }
st=0
valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=99 --suppressions="$TESTS/valgrind.supp" \
    "$KITH" import bad.ics 2>err.txt || st=$?
[ "$st" = 1 ] && grep -q 'bad.ics:.*bad DTSTART value "tomorrow"' err.txt ||
    { echo "a bad .ics under valgrind: exit $st" >&2; cat err.txt >&2; exit 1; }
vg check >/dev/null
vg rm c2
