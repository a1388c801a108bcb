# SPDX-License-Identifier: GPL-3.0-or-later
# A large vCard file is read in two halves at once; a bad card in the
# second half is still reported with its own line of the whole file, and
# with --skip-bad every other card of both halves is imported, in order.
# Progress is shown on a terminal only: a log gets the messages alone.
. "$TESTS/lib.sh"

awk 'BEGIN {
	for (i = 1; i <= 24000; i++) {
		printf "BEGIN:VCARD\r\nVERSION:3.0\r\n"
		printf "FN:Søren Ågård %d\r\nN:Ågård %d;Søren;;;\r\n", i, i
		printf "EMAIL;TYPE=INTERNET:soren%d@example.dk\r\n", i
		printf "TEL;TYPE=CELL:+45 20 %02d %02d %02d\r\n", i % 97, \
		    i % 89, i % 83
		printf "ORG:Ågård & Sønner ApS\r\nNOTE:Kunde siden 2019\\, " \
		    "ringer efter kl. 15\r\n"
		if (i == 20000)
			print "NO COLON ON THIS LINE\r"
		printf "END:VCARD\r\n"
	}
}' >big.vcf
[ "$(wc -c <big.vcf)" -gt 4194304 ] || fail "the file is too small to split"
line=$(grep -n '^NO COLON' big.vcf | cut -d: -f1)
expect_status 1 kith import big.vcf
expect_err_contains "big.vcf:$line: no ':'"
[ ! -s "$OUT" ] || fail "output from a failed import"
expect kith find Ågård <<'X'
X
expect kith import --on-duplicate add --skip-bad big.vcf <<'X'
imported: 23999 added, 0 merged, 0 skipped, 1 rejected
X
expect_err_contains "big.vcf:$line: no ':'"
cp "$ERR" import.err
expect cat import.err <<X
kith: big.vcf:$line: no ':' in "NO COLON ON THIS LINE": skipped
X
kith find soren20001@example.dk | cut -f1,2 >f
expect cat f <<'X'
c20000	Søren Ågård 20001
X
[ "$(kith find example.dk | wc -l)" -eq 23999 ] || fail "not every card"
