# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: a database whose look-up index is an older version's (marked
# so in its meta table) is brought up to date once, on the first open,
# which says so on standard error; the next opens say nothing, and the
# index then holds what this version's does.  The login check leaves it to
# the next command, and an index of a later version is left alone.
. "$TESTS/lib.sh"
need db5.3_load

kith add "name=Zofia Dąbrowska" "phone=+48 22 123 45 67" >/dev/null
kith add "name=Ann Berg" company=Acme >/dev/null
expect_status 0 kith check

printf '%s\n%s\n' 'book.text-postings' '1' |
    db5.3_load -h "$KITH_DIR" -T -t btree -c database=meta kith.db ||
    fail "db_load into meta"

# The login check does not wait for it (half a minute at a million).
kith due > due.out 2> due.err || fail "due after the mark failed"
[ ! -s due.err ] || fail "due brought the index up to date: $(cat due.err)"

kith find z > first.out 2> first.err || fail "find after the mark failed"
grep -q "^kith: bringing the look-up index of 2 contacts up to date, once$" \
    first.err || fail "no notice: $(cat first.err)"
grep -q "Zofia" first.out || fail "find z: $(cat first.out)"
kith find 2212 > second.out 2> second.err || fail "second find failed"
[ ! -s second.err ] || fail "notice again: $(cat second.err)"
grep -q "Zofia" second.out || fail "find 2212: $(cat second.out)"
expect_status 0 kith check

# An index of a later version than this kith's is left alone: this kith
# says so and stops, rather than bring it back to its own version.
need db5.3_dump
printf '%s\n%s\n' 'book.text-postings' '99' |
    db5.3_load -h "$KITH_DIR" -T -t btree -c database=meta kith.db ||
    fail "db_load into meta"
expect_status 1 kith find z
expect_err_contains "the look-up index is a later kith's (version 99"
db5.3_dump -h "$KITH_DIR" -p -s meta kith.db | grep -q '^ 99$' ||
    fail "the later version's mark was changed"
expect_status 0 kith due
