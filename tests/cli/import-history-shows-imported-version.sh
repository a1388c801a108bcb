# SPDX-License-Identifier: GPL-3.0-or-later
# An import stores each new contact once (its audit entry keeps no second
# copy), yet kith history shows what the import brought in, also after the
# contact has changed since, and after a dump and a load.  Two cards of
# one file sharing an address become one contact with both numbers.
. "$TESTS/lib.sh"
need faketime
ME=$(id -un)
at() { when=$1; shift; faketime "$when" "$KITH" "$@"; }

cat >in.vcf <<'X'
BEGIN:VCARD
VERSION:3.0
FN:Søren Ågård
EMAIL:soren@example.dk
TEL;TYPE=CELL:+45 20 11 22 33
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:S. Ågård
EMAIL:SOREN@example.dk
TEL;TYPE=WORK:+45 33 12 34 56
ORG:Ågård ApS
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ana Peña
EMAIL:ana@example.es
END:VCARD
X
expect at '2026-03-02 10:00:00' import in.vcf <<'X'
imported: 2 added, 1 merged, 0 skipped, 0 rejected
X
expect kith history c1 <<X
2026-03-02 10:00	$ME	import	c1
  name: Søren Ågård
  company: Ågård ApS
  phone: +45 20 11 22 33, +45 33 12 34 56
  email: soren@example.dk
  owner: $ME
X
at '2026-03-03 09:00:00' set c1 city=Jyväskylä
expect kith history c1 <<X
2026-03-02 10:00	$ME	import	c1
  name: Søren Ågård
  company: Ågård ApS
  phone: +45 20 11 22 33, +45 33 12 34 56
  email: soren@example.dk
  owner: $ME
2026-03-03 09:00	$ME	set	c1
  city: (none) -> Jyväskylä
X
kith history c1 >before
kith dump -o all.dump
KITH_DIR=$PWD/again kith load all.dump
KITH_DIR=$PWD/again kith history c1 >after
cmp before after || fail "history changed through dump and load"
KITH_DIR=$PWD/again kith check >/dev/null || fail "check after load"
expect kith find peña <<'X'
c2	Ana Peña			ana@example.es
X
