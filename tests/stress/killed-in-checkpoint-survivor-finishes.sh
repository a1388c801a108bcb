# SPDX-License-Identifier: GPL-3.0-or-later
# A kith killed inside the library while it checkpoints leaves the
# checkpoint mutex held for ever: the next process to checkpoint waits for
# it, inside Berkeley DB, on a mutex nobody will release (seen in
# kill-writer-survivor as a writer that never finished).  The survivor
# here was already working; it must notice, let the environment be
# recovered, and finish its own work: each of its adds once, nothing
# lost, nothing twice.
. "$TESTS/lib.sh"
need gdb timeout

kith add name=First >/dev/null
mkfifo feed
: >survivor.out
"$KITH" batch <feed >survivor.out 2>survivor.err &
survivor=$!
exec 3>feed
printf 'add\tname=Before %d\n' 1 2 3 >&3
n=0
while [ "$(wc -l <survivor.out)" -lt 3 ] && [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
[ "$(wc -l <survivor.out)" = 3 ] || fail "the survivor did not start"

# The victim stops in the checkpoint it takes as it closes, writing the
# cache out with the checkpoint mutex held, and is killed there.
cat >gdb.cmd <<'X'
set pagination off
set breakpoint pending on
break store_close
run
break __os_fsync
continue
bt
kill
quit
X
timeout 60 gdb -batch -x gdb.cmd --args "$KITH" add name=Victim \
    >gdb.log 2>&1 || true
grep -q '__os_fsync' gdb.log && grep -q '__txn_checkpoint' gdb.log ||
	skip "gdb could not stop the victim in its checkpoint"

# Then more than a megabyte of log, so that the survivor checkpoints in
# the middle of its work, and has to go on in the recovered environment.
printf 'add\tname=After %d\n' 1 2 3 >&3
note=$(printf '%3000s' '' | tr ' ' 'n')
i=0
while [ $i -lt 500 ]; do
	printf 'add\tname=Bulk %d\tnote=%s\n' $i "$note"
	i=$((i + 1))
done >&3
exec 3>&-
n=0
while kill -0 $survivor 2>/dev/null && [ $n -lt 900 ]; do
	sleep 0.1
	n=$((n + 1))
done
if kill -0 $survivor 2>/dev/null; then
	kill -9 $survivor
	fail "the survivor hung after the victim died in its checkpoint"
fi
wait $survivor || fail "the survivor failed: $(cat survivor.err)"
[ "$(wc -l <survivor.out)" = 506 ] ||
	fail "survivor printed $(wc -l <survivor.out) ids, want 506"
kith check >/dev/null || fail "check failed after the kill"
kith dump >dump.txt
for id in $(cat survivor.out); do
	grep -qx "\[$id\]" dump.txt || fail "$id is gone"
done
for w in Before After; do
	for i in 1 2 3; do
		[ "$(grep -c "^name=$w $i\$" dump.txt)" = 1 ] ||
			fail "$w $i is there $(grep -c "^name=$w $i\$" dump.txt) times"
	done
done
[ "$(grep '^name=Bulk ' dump.txt | sort -u | wc -l)" = 500 ] &&
    [ "$(grep -c '^name=Bulk ' dump.txt)" = 500 ] ||
	fail "not each of the 500 bulk adds once"
