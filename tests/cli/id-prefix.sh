# SPDX-License-Identifier: GPL-3.0-or-later
# Ids: the letter may be left out; a unique prefix is accepted.
. "$TESTS/lib.sh"

i=0
while [ $i -lt 12 ]; do kith add name=P$i >/dev/null; i=$((i + 1)); done
kith rm c1
expect_status 0 kith show 5
grep -q '^name *P4$' "$OUT" || fail "id without its letter"
# c1 is gone; c10, c11, c12 start with it: ambiguous.
expect_status 1 kith show c1
expect_err_contains ambiguous
kith rm c11
kith rm c12
expect_status 0 kith show c1
grep -q '^name *P9$' "$OUT" || fail "unique prefix c1 -> c10"
