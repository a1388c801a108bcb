# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: deals and cases (their notes' thread too) dump by field name and
# load back bit-exact, with their indexes by contact rebuilt; kith check
# is content.
. "$TESTS/lib.sh"

kith add name=Ann >/dev/null
kith deal add c1 title='Big one' value=99.95 close=2027-03-01 >/dev/null
kith deal set d1 stage=Proposal
kith case add c1 subject=Broken 'note=first
second line' >/dev/null
kith case set k1 status=resolved
kith dump -o one.txt
assert_contains one.txt 'title=Big one'
assert_contains one.txt 'subject=Broken'
KITH_DIR=$PWD/two kith load one.txt
KITH_DIR=$PWD/two kith dump -o two.txt
cmp one.txt two.txt || fail "dump, load, dump differs"
KITH_DIR=$PWD/two kith show c1 >show.txt
assert_contains show.txt 'd1     Proposal            99.95 EUR  50% 2027-03-01 Big one'
assert_contains show.txt 'k1     resolved'
expect_status 0 kith check
KITH_DIR=$PWD/two kith case show k1 >case.txt
assert_contains case.txt ': first'
