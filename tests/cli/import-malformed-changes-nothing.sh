# SPDX-License-Identifier: GPL-3.0-or-later
# A malformed record stops the import with file, line and reason, and
# nothing is imported; --skip-bad imports the good ones and lists the bad.
. "$TESTS/lib.sh"

kith add name=Existing email=old@example.org >/dev/null
kith dump | grep -v '^seq' >before

expect_status 1 kith import "$DATA/vcard21-phone-latin1-qp.vcf" \
    "$DATA/vcard-malformed-qp.vcf"
expect_err_contains 'vcard-malformed-qp.vcf:9: NOTE: bad quoted-printable'
expect_err_contains 'nothing imported'
expect_status 1 kith import "$DATA/csv-unterminated-quote.csv"
expect_err_contains 'csv-unterminated-quote.csv:3: a quoted field that never ends'
printf 'BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n' >cut.vcf
expect_status 1 kith import cut.vcf
expect_err_contains 'cut.vcf:1: BEGIN:VCARD without END:VCARD'
kith dump | grep -v '^seq' >after
diff before after >&2 || fail "a refused import changed the database"

expect_status 0 kith import --skip-bad "$DATA/vcard-malformed-qp.vcf"
assert_contains "$OUT" 'imported: 2 added, 0 merged, 0 skipped, 1 rejected'
expect_err_contains 'vcard-malformed-qp.vcf:9: NOTE: bad quoted-printable "=ZZ": skipped'
kith find third@good.example | grep -q 'Third Good' || fail "good card lost"
