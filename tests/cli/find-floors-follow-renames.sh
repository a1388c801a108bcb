# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: a lookup (and find, for words of one or two letters) starts its
# walk in name order at the floor of what it looks for: the least sort key
# of the contacts with each gram that holds it.  A contact renamed to sort
# first keeps its company, so the company's grams are not written again;
# their floors must still come down with it, or the walk starts after it
# and never shows it.
. "$TESTS/lib.sh"

{
	echo "Name,Company"
	# More than are read directly, and few enough of the book that find
	# walks the names from the floor rather than reading them all.
	for i in $(seq 1 450); do
		printf 'Zed Q%03d,Floorcorp\n' "$i"
	done
	persons 1500
} > people.csv
kith import --format csv people.csv >/dev/null 2>&1 ||
    fail "importing 1950 contacts failed"

kith find fl > before.txt || fail "kith find fl failed"
[ "$(wc -l < before.txt)" -eq 450 ] ||
    fail "fl: $(wc -l < before.txt) contacts, not 450"

kith set c1 "name=Aaron Quist" >/dev/null || fail "renaming failed"
kith find fl > after.txt || fail "kith find fl failed"
[ "$(wc -l < after.txt)" -eq 450 ] ||
    fail "fl after the rename: $(wc -l < after.txt) contacts, not 450"
head -n 1 after.txt | grep -q "Aaron Quist" ||
    fail "the renamed contact is not first: $(head -n 1 after.txt)"

kith check >/dev/null 2>&1 || fail "kith check fails after the rename"
