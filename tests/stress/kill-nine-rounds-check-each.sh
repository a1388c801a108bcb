# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: writers killed with SIGKILL at random moments, round after
# round (KILL_ROUNDS, default 60, within KILL_SECONDS, default 30).  After
# every round kith check passes and every contact whose add returned is
# there; at the end every contact and logged call ever reported is in the
# dump.  Two writers work at once, adding contacts and logging calls on
# one shared contact (so they contend for it).
. "$TESTS/lib.sh"

kith add 'name=Shared Desk' > /dev/null
rnd() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
end=$(( $(date +%s) + ${KILL_SECONDS:-30} ))
rounds=${KILL_ROUNDS:-60}
: > all.ids
r=0
while [ $r -lt "$rounds" ] && [ "$(date +%s)" -lt $end ]; do
	for w in 1 2; do
		i=0
		while [ $i -lt 400 ]; do
			printf 'add\tname=R%d W%d N%d\n' $r $w $i
			[ $((i % 4)) != 0 ] || printf 'log\tc1\tcall\tR%d W%d\n' $r $w
			i=$((i + 1))
		done > in.$w
		"$KITH" batch < in.$w > out.$w 2>/dev/null &
		eval pid$w=\$!
	done
	# Random moments between 0 and 250 ms, one per writer.
	sleep "0.$(printf '%03d' $(( $(rnd) % 250 )))"
	kill -9 $pid1 2>/dev/null || true
	sleep "0.$(printf '%03d' $(( $(rnd) % 60 )))"
	kill -9 $pid2 2>/dev/null || true
	wait $pid1 $pid2 2>/dev/null || true
	kith check > check.out 2>&1 || fail "round $r: $(cat check.out)"
	grep -hx 'c[0-9]*' out.1 out.2 > round.ids || true
	sed 's/^/show	/' round.ids | kith batch > /dev/null 2> show.err ||
		fail "round $r: committed contacts gone: $(head -3 show.err)"
	cat out.1 out.2 >> all.ids
	r=$((r + 1))
done
[ $r -ge 10 ] || fail "only $r rounds in the time"
kith dump > dump.txt
grep -x '\[[ca][0-9]*\]' dump.txt | tr -d '[]' | sort > present
sort -u all.ids | comm -23 - present > missing
[ ! -s missing ] || fail "$(wc -l < missing) committed records lost"
n=$(wc -l < all.ids)
echo "$r rounds, $n committed adds and calls, none lost"
