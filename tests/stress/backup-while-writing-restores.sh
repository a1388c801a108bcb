# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: kith backup makes a consistent hot copy while two writers keep
# working; the copy checks clean, holds every contact committed before
# the backup started and nothing that no writer committed,
# and works as a database of its own (it opens, takes writes, dumps).
. "$TESTS/lib.sh"

kith init
# More work than the writers can finish while the backup runs, even on a
# loaded machine: they are stopped once it is done.
for w in 1 2; do
	awk -v w=$w 'BEGIN { for (i = 0; i < 40000; i++)
	    printf "add\tname=W%d N%05d\tnote=some text to fill pages\n", w, i }' \
	    > in.$w
	"$KITH" batch < in.$w > out.$w 2> err.$w &
	eval pid$w=\$!
done
while [ "$(cat out.1 out.2 | wc -l)" -lt 300 ]; do sleep 0.05; done

cat out.1 out.2 | sort > before.ids
kith backup "$PWD/backup" || fail "backup failed while writers ran"
cat out.1 out.2 | sort > after.ids
writing=$(kill -0 $pid1 2>/dev/null && echo yes || echo no)
kill $pid1 $pid2 2>/dev/null || true
wait $pid1 $pid2 2>/dev/null || true
[ "$writing" = yes ] || fail "the writers finished before the backup did"

# The copy: checks clean and holds exactly a moment between the two.
expect_status 0 kith -d "$PWD/backup" check
kith -d "$PWD/backup" dump > copy.dump
grep -x '\[c[0-9]*\]' copy.dump | tr -d '[]' | sort > copy.ids
comm -23 before.ids copy.ids > missing
[ ! -s missing ] || fail "$(wc -l < missing) contacts committed before the backup are missing"
# Nothing in it that no writer committed (a commit may be reported just
# after the backup ended, so compare with everything reported at the end).
cat out.1 out.2 | sort > final.ids
comm -13 final.ids copy.ids > phantom
[ ! -s phantom ] || fail "the copy has contacts nobody added: $(head -3 phantom)"
n=$(wc -l < copy.ids)
[ "$n" -ge "$(wc -l < before.ids)" ] || fail "copy has $n contacts"
[ "$(stat -c %a "$PWD/backup")" = 700 ] || fail "backup directory mode $(stat -c %a "$PWD/backup")"
bad=$(find "$PWD/backup" -perm /0007)
[ -z "$bad" ] || fail "backup files open to others: $bad"

# Restoring is using the copy as the database: it takes writes.
cp -a "$PWD/backup" "$PWD/restored"
expect_status 0 kith -d "$PWD/restored" add name=After-Restore
expect_status 0 kith -d "$PWD/restored" find After-Restore
assert_contains "$OUT" After-Restore
expect_status 0 kith -d "$PWD/restored" check
expect_status 0 kith check
