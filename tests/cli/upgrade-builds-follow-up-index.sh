# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: a database of schema 1, whose index of follow-ups by contact is
# the old "activity.contact", is upgraded by the first opening: the new
# index is built from the follow-ups, the old one is removed from kith.db
# and the schema becomes 2.  The older database is made here from one of
# this kith's, copied table by table with Berkeley DB's own db_dump and
# db_load, without the new index and with the old one in its place.
. "$TESTS/lib.sh"
need db5.3_dump db5.3_load

kith add "name=Søren Ågård" >/dev/null
kith add "name=Ema Čopova" >/dev/null
kith add "name=Luis Peña" >/dev/null
kith schedule c1 call 2027-03-05T09:00 "Visit" >/dev/null
kith schedule c1 call 2027-01-10 "Fair" >/dev/null
kith schedule c2 call 2027-02-01T14:30 "Quote" >/dev/null
kith log c3 call "Talked" >/dev/null
expect_status 0 kith check

# subdbs DIR: the databases in DIR's kith.db.
subdbs() {
	db5.3_dump -h "$1" -l kith.db
}

mkdir old
for db in $(subdbs "$KITH_DIR"); do
	to=$db
	[ "$db" = idx.activity.contact-next ] && to=idx.activity.contact
	if [ "$db" = meta ]; then
		db5.3_dump -h "$KITH_DIR" -p -s meta kith.db | awk '
		    $0 == " idx.activity.contact-next" {
			print " idx.activity.contact"; next }
		    prev == " schema" { $0 = " \\00\\00\\00\\01" }
		    { prev = $0; print }'
	else
		db5.3_dump -h "$KITH_DIR" -p -s "$db" kith.db
	fi | db5.3_load -h old -c database="$to" kith.db ||
	    fail "copying $db failed"
done
subdbs old | grep -qx idx.activity.contact || fail "no old index made"
subdbs old | grep -qx idx.activity.contact-next &&
    fail "the new index was copied"
db5.3_dump -h old -p -s meta kith.db | grep -qx ' \\00\\00\\00\\01' ||
    fail "the copy is not of schema 1"

kith -d old find "Ema" > find.out || fail "the upgrade's opening failed"
assert_contains find.out "Ema Čopova"
subdbs old | grep -qx idx.activity.contact-next ||
    fail "the new index was not made"
subdbs old | grep -qx idx.activity.contact &&
    fail "the old index is still in kith.db"
db5.3_dump -h old -p -s meta kith.db > meta.out
grep -qx ' idx.activity.contact' meta.out && fail "the old index's mark stayed"
grep -qx ' \\00\\00\\00\\02' meta.out || fail "the schema was not raised to 2"
# check compares every index with the records: the new one was built.
expect_status 0 kith -d old check
assert_contains "$OUT" "ok"

# The index answers: removing Søren removes his two follow-ups.
expect_status 0 kith -d old due --all --within 3650d
assert_contains "$OUT" "Fair"
kith -d old rm c1 >/dev/null || fail "rm c1 failed"
expect_status 0 kith -d old due --all --within 3650d
case $(cat "$OUT") in
*Fair*|*Visit*) fail "Søren's follow-ups outlived him: $(cat "$OUT")" ;;
esac
assert_contains "$OUT" "Quote"
expect_status 0 kith -d old check
