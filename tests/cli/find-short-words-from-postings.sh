# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: find with words of one or two characters lists every match in
# name order, whether the matches are few (from a letter's or a pair's
# postings, a page at a time) or most of the book (read in name order
# after the first page), and finds the letter in a company or an e-mail.
. "$TESTS/lib.sh"

awk 'BEGIN {
	print "Name,Company,Email"
	for (i = 1; i <= 6000; i++)
		printf "Person %04d,Acme,p%04d@example.org\n", i, i
	for (i = 1; i <= 1200; i++)
		printf "Qa Person %04d,Acme,\n", i
	print "Bo Ek,Quux AB,"
	print "Cy Dal,Acme,cyq@example.org"
}' > people.csv
kith import --format csv people.csv >/dev/null 2>&1 ||
    fail "importing 7 202 contacts failed"

# Few: a rare letter, in 1 202 contacts, more than a page.
kith find q > q.out || fail "find q failed"
cut -f2 q.out > q.names
{
	echo "Bo Ek"
	echo "Cy Dal"
	awk 'BEGIN { for (i = 1; i <= 1200; i++) printf "Qa Person %04d\n", i }'
} > q.want
cmp -s q.names q.want || fail "find q: $(diff q.want q.names | head -5)"

# The same as two words, the pair in a word: "qa" and "p".
kith find "qa p" | cut -f2 > qap.names
tail -n 1200 q.want > qap.want
cmp -s qap.names qap.want || fail "find 'qa p': $(diff qap.want qap.names |
    head -5)"

# Most of the book: "pe" is in 7 200 names.
kith find pe | cut -f2 > pe.names
awk 'BEGIN {
	for (i = 1; i <= 6000; i++) printf "Person %04d\n", i
	for (i = 1; i <= 1200; i++) printf "Qa Person %04d\n", i
}' > pe.want
cmp -s pe.names pe.want || fail "find pe: $(diff pe.want pe.names | head -5)"
