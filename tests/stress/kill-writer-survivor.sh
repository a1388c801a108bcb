# SPDX-License-Identifier: GPL-3.0-or-later
# A writer killed with SIGKILL in the middle of its work leaves a database
# that opens, checks clean, and holds every contact whose add returned; a
# second process working at the moment of each kill finishes its own work
# without hanging and loses nothing.
. "$TESTS/lib.sh"

kith init
i=0
while [ $i -lt 1500 ]; do
	printf 'add\tname=Survivor %04d\tphone=+45 20 %04d\n' $i $i
	i=$((i + 1))
done > survivor.in
kith batch < survivor.in > survivor.out &
survivor=$!

# Six rounds, and more (up to twelve, each victim given longer) until a
# victim has added something: under the sanitizers six short ones
# sometimes killed every victim before its first add returned.
round=0
while [ $round -lt 6 ] || { [ ! -s victim.out ] && [ $round -lt 12 ]; }; do
	# The victim: one long-lived writer, killed at a random moment.
	i=0
	while [ $i -lt 3000 ]; do
		printf 'add\tname=Victim %d-%04d\n' $round $i
		i=$((i + 1))
	done > victim.in
	"$KITH" batch < victim.in >> victim.out &
	victim=$!
	if [ $round -lt 6 ]; then
		sleep 0.$(( (round * 37) % 9 + 1 ))
	else
		sleep $((round - 4))
	fi
	kill -9 $victim
	wait $victim 2>/dev/null || true
	round=$((round + 1))
done

# The survivor must finish on its own (tests/run's timeout catches a hang).
wait $survivor || fail "the survivor failed"
[ "$(wc -l < survivor.out)" = 1500 ] ||
	fail "survivor printed $(wc -l < survivor.out) ids, want 1500"
kith check >/dev/null || fail "check failed after the kills"
kith dump > dump.txt
missing=0
for id in $(cat survivor.out victim.out); do
	grep -qx "\[$id\]" dump.txt || missing=$((missing + 1))
done
[ $missing = 0 ] || fail "$missing contacts whose add returned are gone"
[ "$(grep -c '^name=Survivor' dump.txt)" = 1500 ] || fail "survivor count"
[ -s victim.out ] || fail "the victims added nothing before being killed"
