# SPDX-License-Identifier: GPL-3.0-or-later
# Errors say what and where, exit 1, and change nothing; usage errors exit 2.
. "$TESTS/lib.sh"

kith add name=Ana >/dev/null
kith dump > before.txt

expect_status 1 kith add name=Bo colour=blue
expect_err_contains 'unknown field "colour"'
expect_status 1 kith add name=Bo email=not-an-address
expect_err_contains 'email: "not-an-address" is not an e-mail address'
expect_status 1 kith add name=Bo phone=abc
expect_err_contains 'is not a phone number'
expect_status 1 kith add title=Boss
expect_err_contains 'needs a name, a company or an e-mail'
expect_status 1 kith set c1 status=nonsense
expect_err_contains 'is not a status'
expect_status 1 kith show c42
expect_err_contains 'no contact c42'
expect_status 1 kith schedule c1 call 'someday' Hello
expect_err_contains 'bad date or time "someday"'
expect_status 1 kith schedule c1 call tomorrow --alarm 5x
expect_err_contains 'bad duration'
expect_status 1 kith schedule c1 lunch tomorrow
expect_err_contains 'unknown activity type "lunch"'
expect_status 1 kith schedule c1 call tomorrow --repeat FREQ=SOMETIMES
expect_err_contains 'bad recurrence rule'
expect_status 2 kith show
expect_status 2 kith find --format xml
grep -q '^kith: ' "$ERR" || fail "error not prefixed"

kith dump > after.txt
cmp -s before.txt after.txt || fail "a refused command changed the database"

# A missing argument is a usage error before any database is opened.
for c in show rm set add done load backup query history restore import \
    export deal case campaign log schedule; do
	expect_status 2 kith -d "$PWD/none" $c
	grep -q "^usage: kith \[-d DIR\] $c " "$ERR" || fail "kith $c: $(cat "$ERR")"
done
[ ! -e "$PWD/none" ] || fail "a usage error created a database"
