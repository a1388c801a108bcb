# SPDX-License-Identifier: GPL-3.0-or-later
# vCards as a phone (2.1, QUOTED-PRINTABLE Latin-1), Apple Contacts (3.0,
# folded, grouped, escaped) and RFC 6350 (4.0, tel: URIs) write them:
# every field lands where it belongs, in UTF-8.
. "$TESTS/lib.sh"

expect kith import "$DATA/vcard21-phone-latin1-qp.vcf" \
    "$DATA/vcard30-apple-folded-grouped.vcf" "$DATA/vcard40-rfc6350.vcf" <<'X'
imported: 6 added, 0 merged, 0 skipped, 0 rejected
X

id() { kith find "$1" | cut -f1; }

kith show "$(id soren@example.dk)" >s
for l in 'name         Søren Jørgensen' 'company      Smørrebrød A/S' \
    'department   Salg' 'title        Indkøbschef' \
    'phone        +45 20 11 22 33 (mobile)' \
    'phone        +45 33 12 34 56 (work)' 'phone        33 44 55 66 (home)' \
    'email        soren@example.dk' 'address      Vesterbrogade 1' \
    '1620 København V' 'city         København V' \
    'country      Danmark' 'birthday     1975-02-14' \
    'note         Møde i marts, ring før kl. 10 og spørg efter Åse.' \
    'Andet punkt.'; do
	assert_contains s "$l"
done
kith show "$(id Mette)" >s
assert_contains s 'name         Mette Hansen'
assert_contains s 'phone        +4522334455 (mobile)'
assert_contains s 'phone        +45 33 99 88 77 (fax)'

kith show "$(id Appleseed)" >s
for l in 'name         Dr. Johnny Q. Appleseed' \
    'company      Apple Seeds Inc.' 'department   Research, Orchards' \
    'title        Chief Grower' 'phone        +1 (408) 555-0101 (mobile)' \
    'phone        +1 408 555 0199 (assistant)' \
    'email        johnny@appleseeds.example (work)' \
    'email        jqa@private.example (other)' \
    'region       CA' 'city         Cupertino' \
    'url          https://blog.example/johnny (homepage)' \
    'tag          Fruit, Wholesale' 'tag          Customers' \
    'Likes Granny Smith; dislikes wax. This note is long enough that Contacts folded it across several lines of the file.' \
    'birthday     1970-03-01'; do
	assert_contains s "$l"
done
# A company card has no person's name; a fold inside a character joins.
kith find Orchard >f
[ "$(cut -f2 f)" = "" ] || fail "company card got a name: $(cat f)"
kith find asa@example.se | grep -q 'Åsa Ångström' || fail "folded UTF-8 lost"

kith show "$(id olafur)" >s
for l in 'name         Ólafur Þórsson' 'company      Norðurljós ehf.' \
    'phone        +354-555-1234 (mobile)' \
    'phone        +354-555-9876 ext 42 (work)' \
    'city         Reykjavík' 'birthday     --04-12'; do
	assert_contains s "$l"
done
# Properties kith has no field for are kept (and UID as the uid).
kith dump >d
for l in '#200=X-IRMC-LUID:000200000123' '#200=GENDER:M' \
    '#200=X-SOCIALPROFILE;type=twitter:x-apple:johnnyseed' \
    'uid=8D1E2F3A-1234-4C5D-9E8F-0A1B2C3D4E5F'; do
	assert_contains d "$l"
done
