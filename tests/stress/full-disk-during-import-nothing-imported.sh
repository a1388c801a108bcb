# SPDX-License-Identifier: GPL-3.0-or-later
# An import that fills the disk at different points of its one
# transaction (the records, the sorted index writes, the text postings)
# fails with a clear "no space left on device", leaves nothing of itself
# behind, and the database checks clean once space is freed.  Each bulk
# writer is ended or dropped once on the way out (a double free here
# aborted the process).  Needs root to mount a small tmpfs.
. "$TESTS/lib.sh"

small_disk 128m

awk -f "$TESTS/../bench/gen.awk" -v n=20000 -v seed=5 -v user="$(id -un)" \
    -v fmt=vcard > big.vcf
for free_mb in 6 16 32 48; do
	rm -rf "$KITH_DIR" "$MNT/filler"
	kith add 'name=Søren Ågård' >/dev/null
	avail=$(df -k "$MNT" | awk 'NR == 2 { print $4 }')
	fill=$(( avail - free_mb * 1024 ))
	[ "$fill" -gt 0 ] || fail "the tmpfs is too small for $free_mb MB free"
	dd if=/dev/zero of="$MNT/filler" bs=1k count="$fill" 2>/dev/null
	st=0
	"$KITH" import --on-duplicate add big.vcf > imp.out 2> imp.err || st=$?
	[ $st = 1 ] || fail "$free_mb MB free: the import exited $st, not 1: \
$(head -3 imp.err)"
	grep -q 'no space left on device' imp.err ||
		fail "$free_mb MB free: no clear error: $(head -3 imp.err)"
	rm -f "$MNT/filler"
	kith check > check.out 2>&1 ||
		fail "$free_mb MB free: kith check: $(cat check.out)"
	n=$(kith find @ | wc -l)
	[ "$n" -eq 0 ] || fail "$free_mb MB free: $n imported contacts remain"
	kith find Ågård | grep -q 'Søren Ågård' ||
		fail "$free_mb MB free: the contact from before is gone"
done
rm -rf "$KITH_DIR"
kith import --on-duplicate add big.vcf >/dev/null ||
	fail "the same import with room failed"
[ "$(kith find @ | wc -l)" -eq 20000 ] || fail "the import with room failed"
