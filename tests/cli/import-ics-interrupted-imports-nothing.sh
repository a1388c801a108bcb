# SPDX-License-Identifier: GPL-3.0-or-later
# An interrupt (Ctrl-C) stops an .ics import while it reads, and nothing
# of the file is imported: the file comes through a pipe that holds its
# second half back until kith has had the signal.
. "$TESTS/lib.sh"

kith add name=Ana email=ana@example.org >/dev/null
items() {	# FROM TO
	awk -v a="$1" -v b="$2" 'BEGIN {
		for (k = a; k <= b; k++) {
			print "BEGIN:VTODO"; print "UID:int-" k
			print "SUMMARY:Item " k; print "DUE:20261201T090000Z"
			print "ATTENDEE:mailto:ana@example.org"; print "END:VTODO"
		}
	}'
}
{ printf 'BEGIN:VCALENDAR\nVERSION:2.0\n'; items 1 1500; } >first.ics
{ items 1501 3000; printf 'END:VCALENDAR\n'; } >second.ics

mkfifo in.pipe
# kith itself, not the shell function: the signal must reach it.
"$KITH" import --format ics - <in.pipe >out.txt 2>err.txt &
pid=$!
{
	cat first.ics
	while [ ! -f go ]; do sleep 0.1; done
	cat second.ics
} >in.pipe &
sleep 1
kill -INT "$pid"
touch go
st=0
wait "$pid" || st=$?
[ "$st" -eq 1 ] || fail "an interrupted import exited with $st: $(cat err.txt)"
grep -q 'import interrupted: nothing imported' err.txt ||
    fail "no word of the interrupt: $(cat err.txt)"
wait

expect_status 0 kith show c1
if grep -q 'Item ' "$OUT"; then fail "an interrupted import added follow-ups"; fi
expect_status 0 kith check
