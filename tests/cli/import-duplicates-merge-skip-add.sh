# SPDX-License-Identifier: GPL-3.0-or-later
# Duplicates by e-mail or phone digits are merged, skipped or added as
# --on-duplicate says, also within one file, and counted in the summary.
. "$TESTS/lib.sh"

kith add name='Ada Lovelace' email=ADA@example.org >/dev/null
kith add name='Charles Babbage' phone='+44 20 7946 0001' >/dev/null
cat >in.csv <<'X'
name,email,phone,company,note
Ada L.,ada@example.org,,Analytical Engines,first programmer
C. Babbage,,020 7946 0001,Difference Ltd,
New Person,new@example.org,,,
New Person again,new@example.org,,,
X
expect kith import --on-duplicate skip in.csv <<'X'
imported: 1 added, 0 merged, 3 skipped, 0 rejected
X
kith find Analytical >f
[ ! -s f ] || fail "skip changed a contact"
expect kith import in.csv <<'X'
imported: 0 added, 4 merged, 0 skipped, 0 rejected
X
kith show "$(kith find ada@ | cut -f1)" >s
assert_contains s 'name         Ada Lovelace'
assert_contains s 'company      Analytical Engines'
assert_contains s 'note         first programmer'
kith show "$(kith find Babbage | cut -f1)" >s
assert_contains s 'company      Difference Ltd'
assert_contains s 'phone        +44 20 7946 0001'
grep -c '^phone' s | grep -qx 1 || fail "same number added twice"
expect kith import --on-duplicate add in.csv <<'X'
imported: 4 added, 0 merged, 0 skipped, 0 rejected
X
[ "$(kith find ada@example.org | wc -l)" -eq 2 ] || fail "add did not add"
