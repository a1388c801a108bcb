# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: on a full disk every change fails with a clear "no space left
# on device" (never a crash: the library's region files are reserved, so
# it cannot die of SIGBUS), nothing committed is lost, and once space is
# freed the database checks clean and takes writes again.  Needs root to
# mount a small tmpfs.
. "$TESTS/lib.sh"

small_disk 64m

kith init
i=0
while [ $i -lt 50 ]; do
	printf 'add\tname=Before %02d\n' $i
	i=$((i + 1))
done | kith batch > before.ids
# Fill the disk.
dd if=/dev/zero of="$MNT/filler" bs=64k 2>/dev/null || true
pad=$(printf '%0800d' 0)
i=0
while [ $i -lt 500 ]; do
	printf 'add\tname=Full %03d\tnote=%s\n' $i "$pad"
	i=$((i + 1))
done > full.in
st=0
"$KITH" batch < full.in > full.ids 2> full.err || st=$?
[ $st = 1 ] || fail "writing to a full disk exited $st, not 1"
grep -q 'no space left on device' full.err ||
	fail "no clear error: $(head -3 full.err)"
! grep -v 'no space left on device' full.err | grep -q . ||
	fail "other errors: $(grep -v 'no space' full.err | head -3)"
expect_status 1 kith set c1 note=x
expect_err_contains 'no space left on device'
# Opening logs a record, so even a lookup fails, but clearly.
expect_status 1 kith find Before
expect_err_contains 'no space left on device'

rm -f "$MNT/filler"
expect_status 0 kith check
kith dump > dump.txt
for id in $(cat before.ids full.ids); do
	grep -qx "\[$id\]" dump.txt || fail "$id was committed and is gone"
done
expect_status 0 kith add name=After
[ "$(kith find Before | wc -l)" = 50 ] || fail "contacts lost"
