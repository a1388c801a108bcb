# SPDX-License-Identifier: GPL-3.0-or-later
# CSV exports of Google Contacts and Outlook (Windows-1252) are mapped by
# their headers; a semicolon file from a European spreadsheet by --map,
# with the columns nothing maps reported.
. "$TESTS/lib.sh"

expect_status 0 kith import "$DATA/google-contacts.csv" \
    "$DATA/outlook-contacts.csv"
assert_contains "$OUT" 'imported: 4 added, 0 merged, 0 skipped, 0 rejected'
expect_err_contains 'column "Nickname" maps to no field'

id() { kith find "$1" | cut -f1; }
kith show "$(id grace@navy.example)" >s
for l in 'name         Rear Admiral Grace Hopper' 'company      US Navy' \
    'title        Computer Scientist' 'department   Programming' \
    'phone        +1 202 555 0111 (mobile)' \
    'phone        +1 202 555 0112 (mobile)' \
    'phone        +1 202 555 0120 (work)' \
    'email        grace@home.example (home)' 'tag          Pioneers' \
    'Said "It'"'"'s easier to ask forgiveness", often.' \
    'region       VA' 'birthday     1906-12-09' \
    'url          https://navy.example/grace (profile)'; do
	assert_contains s "$l"
done
grep -q myContacts s && fail "Google's system group became a tag"

kith show "$(id alan@)" >s
for l in 'name         Mr. Alan M. Turing' 'company      Bletchley Park Ltd' \
    'title        Cryptanalyst' 'department   Hut 8' \
    'phone        +44 7700 900123 (mobile)' \
    'phone        +44 1908 640 405 (fax)' 'address      The Mansion' \
    'MK3 6EB Milton Keynes' 'tag          VIP' 'birthday     1912-06-23' \
    'city         Milton Keynes'; do
	assert_contains s "$l"
done
kith show "$(id hans@)" >s
assert_contains s 'name         Hans Müller'
assert_contains s 'company      Zürcher Uhren AG'

expect_status 0 kith import --map Firma=company --map Telefon=phone.work \
    --map E-Mail=email --map Stadt=city "$DATA/semicolon-european.csv"
assert_contains "$OUT" 'imported: 2 added'
expect_err_contains 'column "Notiz" maps to no field'
kith show "$(id juergen@)" >s
assert_contains s 'name         Jürgen Weiß'
assert_contains s 'company      Bäckerei Weiß GmbH'
assert_contains s 'phone        +49 30 1234567 (work)'
assert_contains s 'city         Berlin'
kith find elodie | grep -qF 'Café "Le Coin"' || fail "quoted ; field"

# A mapping file does the same as --map.
printf '# German\nNotiz = note\n' >map
expect_status 0 kith import --on-duplicate merge --mapping map \
    --map Firma=company "$DATA/semicolon-european.csv"
assert_contains "$OUT" '0 added, 2 merged'
kith show "$(id juergen@)" | grep -q 'Liefert montags; bar bezahlen' ||
	fail "mapping file not used"
