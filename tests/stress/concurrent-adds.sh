# SPDX-License-Identifier: GPL-3.0-or-later
# Two processes adding 500 contacts each at the same time leave exactly
# 1000, every id printed once, and a database that checks clean.
. "$TESTS/lib.sh"

kith init
for w in A B; do
	i=0
	while [ $i -lt 500 ]; do
		printf 'add\tname=%s%03d Ågård\n' $w $i
		i=$((i + 1))
	done > in.$w
done
kith batch < in.A > out.A &
a=$!
kith batch < in.B > out.B &
b=$!
wait $a || fail "writer A failed"
wait $b || fail "writer B failed"
[ "$(cat out.A out.B | sort -u | wc -l)" = 1000 ] ||
	fail "ids: $(cat out.A out.B | sort -u | wc -l) distinct, want 1000"
[ "$(kith find | wc -l)" = 1000 ] || fail "$(kith find | wc -l) contacts"
[ "$(kith find a1 | wc -l)" = 100 ] || fail "A1xx contacts"
[ "$(kith find b4 | wc -l)" = 100 ] || fail "B4xx contacts"
kith check >/dev/null || fail "check failed"
