# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: a word of two letters finds contacts through the grams that
# begin or end with it; a name (or company) of those two letters alone
# holds no group of three, and is a gram of its own, so "bo" finds "Bo"
# as well as "Bob Smith", and "3m" the company 3M.
. "$TESTS/lib.sh"

kith add name=Bo >/dev/null || fail "adding Bo failed"
kith add "name=Bob Smith" >/dev/null || fail "adding Bob failed"
kith add "name=Ann Berg" company=3M >/dev/null || fail "adding Ann failed"

kith find bo > bo.txt || fail "kith find bo failed"
grep -q "	Bo	" bo.txt || fail "bo does not find Bo: $(cat bo.txt)"
grep -q "Bob Smith" bo.txt || fail "bo does not find Bob: $(cat bo.txt)"
kith find 3m > m.txt || fail "kith find 3m failed"
grep -q "Ann Berg" m.txt || fail "3m does not find Ann Berg: $(cat m.txt)"
expect_status 0 kith check
