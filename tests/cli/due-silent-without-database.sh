# SPDX-License-Identifier: GPL-3.0-or-later
# kith due from a login profile: no database, or nothing due, is silence.
. "$TESTS/lib.sh"

expect_status 0 kith due
[ ! -s "$OUT" ] && [ ! -s "$ERR" ] || fail "due spoke without a database"
[ ! -e "$KITH_DIR" ] || fail "due created a database"
kith add name=Ana >/dev/null
expect_status 0 kith due
[ ! -s "$OUT" ] && [ ! -s "$ERR" ] || fail "due spoke with nothing due"
