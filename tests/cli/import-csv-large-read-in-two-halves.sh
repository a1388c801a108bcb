# SPDX-License-Identifier: GPL-3.0-or-later
# A CSV file of several megabytes is read by two threads, split at a line
# break near its middle that the count of quotes before it says starts a
# row.  Rows whose quoted notes run over several lines sit around the
# middle; a quote inside an unquoted field before them (5'11") throws
# the count off, so the first guess lands inside a note and the file is
# read again on one thread.  Either way every row comes in as written,
# and a bad row of the second half is named by its own line.
. "$TESTS/lib.sh"

make_csv() {	# $1: the note of row 5000 ("stray" puts a quote in it)
	awk -v stray="$1" 'BEGIN {
		pad = sprintf("%80s", ""); gsub(/ /, "x", pad)
		print "Name,E-mail 1 - Value,Notes"
		for (i = 1; i <= 50000; i++) {
			if (i == 5000 && stray != "")
				note = "Says 5\x2711\" tall"
			else if (i >= 23000 && i <= 27000)
				note = "\"first " i "\nsecond, line\nthird \"\"q\"\"\""
			else
				note = "note " i " " pad
			if (i == 40000)
				print "Row " i ",r" i "@example.com," note ",extra"
			else
				print "Row " i ",r" i "@example.com," note
		}
	}'
}

for kind in stray plain; do
	rm -rf "$KITH_DIR"
	make_csv "$([ $kind = stray ] && echo yes)" >rows.csv
	[ "$(wc -c <rows.csv)" -gt 5000000 ] || fail "rows.csv is too small"
	expect_status 0 kith import --skip-bad --on-duplicate add rows.csv
	[ "$(cat "$OUT")" = \
	    "imported: 49999 added, 0 merged, 0 skipped, 1 rejected" ] ||
	    fail "$kind: $(cat "$OUT")"
	# Row 40000 starts on line 40001 plus the two extra lines of each
	# of the 4001 notes before it.
	expect_err_contains "rows.csv:48003: 4 fields, but the header has 3"
	kith show "$(kith find r25000@example.com | cut -f1)" >s
	assert_contains s 'first 25000'
	assert_contains s 'second, line'
	assert_contains s 'third "q"'
	kith show "$(kith find r49999@example.com | cut -f1)" >s
	assert_contains s 'name         Row 49999'
	if [ $kind = stray ]; then
		kith show "$(kith find r5000@example.com | cut -f1)" >s
		assert_contains s "note         Says 5'11\" tall"
	fi
	kith check >/dev/null || fail "$kind: check"
done
