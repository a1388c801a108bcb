# SPDX-License-Identifier: GPL-3.0-or-later
# The vCard reader keeps each card's lines in memory of its own, emptied
# card by card: a property line far larger than that memory's blocks
# (a 600 KB PHOTO) is kept whole, a malformed card is skipped with its
# line, and the cards around them come through intact: quoted-printable
# decoded in place across a soft line break, an Apple label, a note in
# Windows-1252 without a CHARSET.
. "$TESTS/lib.sh"

photo=$(awk 'BEGIN { s = "QUJD"; while (length(s) < 600000) s = s s;
    print substr(s, 1, 600000) }')
{
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\303\205se Stor\r\n'
	printf 'PHOTO;ENCODING=b;TYPE=JPEG:%s\r\n' "$photo"
	printf 'EMAIL:aase@stor.example\r\nEND:VCARD\r\n'
	printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Broken\r\n'
	printf 'NOTE;ENCODING=QUOTED-PRINTABLE:bad =ZZ here\r\nEND:VCARD\r\n'
	printf 'BEGIN:VCARD\r\nVERSION:2.1\r\n'
	printf 'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=F8rgensen;S=F8ren;;;\r\n'
	printf 'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:S=C3=B8ren J=C3=B8rg=\r\n'
	printf 'ensen\r\n'
	printf 'item1.TEL;type=pref:+45 20 11 22 33\r\n'
	printf 'item1.X-ABLabel:_$!<Assistant>!$_\r\n'
	printf 'EMAIL;TYPE=INTERNET,WORK:soren@after.example\r\n'
	printf 'NOTE:\351t\351 \340 Jyv\344skyl\344\r\n'
	printf 'END:VCARD\r\n'
} >cards.vcf

expect_status 0 kith import --skip-bad cards.vcf
[ "$(cat "$OUT")" = "imported: 2 added, 0 merged, 0 skipped, 1 rejected" ] ||
    fail "summary: $(cat "$OUT")"
expect_err_contains 'cards.vcf:10: NOTE: bad quoted-printable "=ZZ"'

id() { kith find "$1" | cut -f1; }
kith show "$(id soren@after.example)" >s
for l in 'name         Søren Jørgensen' \
    'phone        +45 20 11 22 33 (assistant)' \
    'email        soren@after.example (work)' \
    'note         été à Jyväskylä'; do
	assert_contains s "$l"
done
kith show "$(id aase@stor.example)" >s
assert_contains s 'name         Åse Stor'
# The photo is kept as written, every byte of it.
kith dump >d
n=$(grep '^#200=PHOTO' d | wc -c)
[ "$n" -gt 600000 ] || fail "the photo line was cut: $n bytes"
printf '#200=PHOTO;ENCODING=b;TYPE=JPEG:%s\n' "$photo" >want
grep '^#200=PHOTO' d | cmp -s - want || fail "the photo changed"
kith find Broken >f
[ ! -s f ] || fail "the malformed card came in: $(cat f)"
kith check >/dev/null || fail "check after the import"
