# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: after a writer is killed with SIGKILL, five users start kith at
# the same moment.  Recovery runs by itself exactly once (Berkeley DB's
# recovery messages, switched on in this database's DB_CONFIG, appear
# once among all five), every one of them succeeds, and every contact
# whose add returned before the kill is there.
. "$TESTS/lib.sh"

kith init
echo 'set_verbose DB_VERB_RECOVERY' >> "$KITH_DIR/DB_CONFIG"
round=0
while [ $round -lt 3 ]; do
	i=0
	while [ $i -lt 3000 ]; do
		printf 'add\tname=Victim %d-%04d\n' $round $i
		i=$((i + 1))
	done > victim.in
	"$KITH" batch < victim.in > victim.out 2>/dev/null &
	victim=$!
	# Kill it once it has committed something, in the middle of work.
	while [ ! -s victim.out ]; do sleep 0.02; done
	sleep 0.1
	kill -9 $victim
	wait $victim 2>/dev/null || true

	# Five starters, released together.
	rm -f go st.* out.*
	for s in 1 2 3 4 5; do
		(
			while [ ! -e go ]; do sleep 0.005; done
			st=0
			if [ $s -le 3 ]; then
				kith find "Victim $round" > out.$s 2>&1 || st=$?
			else
				kith add "name=Starter $round $s" > out.$s 2>&1 ||
				    st=$?
			fi
			echo $st > st.$s
		) &
	done
	sleep 0.2
	touch go
	wait
	for s in 1 2 3 4 5; do
		[ "$(cat st.$s)" = 0 ] || fail "starter $s: $(cat out.$s)"
	done
	n=$(cat out.* | grep -c 'Recovery complete' || true)
	[ "$n" = 1 ] || fail "round $round: recovery ran $n times, want once"
	# Every add that returned before the kill is there.
	got=$(grep -c "Victim $round-" out.1)
	[ "$got" -ge "$(wc -l < victim.out)" ] ||
		fail "round $round: $(wc -l < victim.out) added, $got found"
	sed 's/^/show	/' victim.out | kith batch > /dev/null ||
		fail "round $round: a contact whose add returned is gone"
	round=$((round + 1))
done
kith check | grep -q ': ok$' || fail "check failed"
