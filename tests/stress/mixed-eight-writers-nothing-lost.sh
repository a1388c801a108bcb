# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: eight processes at once, for a bounded time, each running
# batches of mixed work (adds, edits of its earlier contacts, lookups,
# logged calls) against one database.  Afterwards every change whose
# command succeeded is there, and the counts add up: contacts, activities
# and edits.  No command may fail: lock conflicts are retried.
. "$TESTS/lib.sh"

kith init
end=$(( $(date +%s) + ${STRESS_SECONDS:-10} ))

# worker W: rounds of one batch each until the time is up.
worker() {
	w=$1
	r=0
	: > ids.$w
	: > expect.$w
	while [ "$(date +%s)" -lt $end ]; do
		prev=$(tail -n 10 ids.$w)
		{
			i=0
			while [ $i -lt 20 ]; do
				printf 'add\tname=W%d R%d N%d\ttag=w%d\n' \
				    $w $r $i $w
				i=$((i + 1))
			done
			printf 'find\tW%d\n' $w
			for id in $prev; do
				printf 'set\t%s\tnote=edit %d %s\n' $id $r $id
				printf 'log\t%s\tcall\tround %d\n' $id $r
			done
		} > in.$w
		kith batch < in.$w > out.$w 2> err.$w ||
			{ echo "worker $w round $r failed" >> failures; break; }
		grep -x 'c[0-9]*' out.$w >> ids.$w || true
		grep -x 'a[0-9]*' out.$w >> acts.$w || true
		for id in $prev; do
			echo "$id edit $r $id" >> expect.$w
		done
		r=$((r + 1))
	done
	echo $r > rounds.$w
}

for w in 1 2 3 4 5 6 7 8; do
	worker $w &
done
wait
[ ! -f failures ] || { cat err.*; fail "$(cat failures)"; }

kith check >/dev/null || fail "check failed"
kith dump > dump.txt
# id TAB note for every contact; activities counted.
awk '/^\[c[0-9]+\]$/ { id = substr($0, 2, length($0) - 2) }
    /^\[a[0-9]+\]$/ { id = "" }
    /^note=/ && id != "" { print id " " substr($0, 6) }' dump.txt |
    sort > notes.txt
grep '^\[c' dump.txt | sort > present.txt
total=0
for w in 1 2 3 4 5 6 7 8; do
	n=$(wc -l < ids.$w)
	[ "$(cat rounds.$w)" -gt 1 ] || fail "worker $w ran only one round"
	have=$(kith find "W$w R" | wc -l)
	[ "$have" = "$n" ] || fail "worker $w added $n contacts, $have found"
	tagged=$(grep -c "^tag=w$w\$" dump.txt)
	[ "$tagged" = "$n" ] || fail "worker $w: $tagged tagged, want $n"
	sed 's/.*/[&]/' ids.$w | sort | comm -23 - present.txt > gone.$w
	[ ! -s gone.$w ] || fail "contacts gone: $(head -3 gone.$w)"
	sort expect.$w | comm -23 - notes.txt > missing.$w
	[ ! -s missing.$w ] || fail "edits lost: $(head -3 missing.$w)"
	total=$((total + n))
done
contacts=$(grep -c '^\[c' dump.txt)
[ "$contacts" = "$total" ] || fail "$contacts contacts, $total added"
acts=$(cat acts.* 2>/dev/null | wc -l)
[ "$(grep -c '^\[a' dump.txt)" = "$acts" ] || fail "activities: $acts logged"
edits=$(cat expect.* | wc -l)
[ "$edits" -gt 0 ] || fail "no edits were made"
echo "$total contacts, $acts calls, $edits edits by 8 processes"
