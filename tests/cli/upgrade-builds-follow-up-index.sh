# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: a database of schema 1, whose follow-up indexes have their old
# names ("activity.contact", "activity.due", "activity.alldue",
# "activity.owner-alarm"), is upgraded by the first opening: the new
# indexes are built from the follow-ups, the old ones are removed from
# kith.db and the schema becomes the current one.  The older database is
# made here from one of this kith's, copied table by table with Berkeley
# DB's own db_dump and db_load, each new index under its old name (its
# keys stay this kith's: what matters is that it is not used).
. "$TESTS/lib.sh"
need db5.3_dump db5.3_load

kith add "name=Søren Ågård" >/dev/null
kith add "name=Ema Čopova" >/dev/null
kith add "name=Luis Peña" >/dev/null
kith schedule c1 call 2027-03-05T09:00 "Visit" >/dev/null
kith schedule c1 call 2027-01-10 "Fair" >/dev/null
kith schedule c2 call 2027-02-01T14:30 "Quote" >/dev/null
kith log c3 call "Talked" >/dev/null
kith schedule c3 call 1965-03-04T09:00 "Before 1970" >/dev/null
expect_status 0 kith check

# subdbs DIR: the databases in DIR's kith.db.
subdbs() {
	db5.3_dump -h "$1" -l kith.db
}
# old NAME: the name of the index NAME in schema 1, or NAME.
old() {
	case $1 in
	idx.activity.contact-next) echo idx.activity.contact ;;
	idx.activity.owner-due) echo idx.activity.due ;;
	idx.activity.due-any-owner) echo idx.activity.alldue ;;
	idx.activity.owner-alarm-time) echo idx.activity.owner-alarm ;;
	*) echo "$1" ;;
	esac
}
renamed="idx.activity.contact-next idx.activity.owner-due
    idx.activity.due-any-owner idx.activity.owner-alarm-time"

mkdir old
for db in $(subdbs "$KITH_DIR"); do
	to=$(old "$db")
	if [ "$db" = meta ]; then
		db5.3_dump -h "$KITH_DIR" -p -s meta kith.db | awk -v \
		    map="$(for i in $renamed; do echo "$i $(old $i)"; done)" '
		    BEGIN { n = split(map, m, "[ \n]")
			for (i = 1; i < n; i += 2) to[" " m[i]] = " " m[i + 1] }
		    $0 in to { print to[$0]; next }
		    prev == " schema" { $0 = " \\00\\00\\00\\01" }
		    { prev = $0; print }'
	else
		db5.3_dump -h "$KITH_DIR" -p -s "$db" kith.db
	fi | db5.3_load -h old -c database="$to" kith.db ||
	    fail "copying $db failed"
done
for i in $renamed; do
	subdbs old | grep -qx "$(old $i)" || fail "no old index for $i made"
	subdbs old | grep -qx "$i" && fail "the new index $i was copied"
done
db5.3_dump -h old -p -s meta kith.db | grep -qx ' \\00\\00\\00\\01' ||
    fail "the copy is not of schema 1"

kith -d old find "Ema" > find.out || fail "the upgrade's opening failed"
assert_contains find.out "Ema Čopova"
db5.3_dump -h old -p -s meta kith.db > meta.out
for i in $renamed; do
	subdbs old | grep -qx "$i" || fail "the new index $i was not made"
	subdbs old | grep -qx "$(old $i)" &&
	    fail "the old index $(old $i) is still in kith.db"
	grep -qx " $(old $i)" meta.out && fail "the mark of $(old $i) stayed"
done
grep -qx ' \\00\\00\\00\\03' meta.out || fail "the schema was not raised to 3"
# check compares every index with the records: the new one was built.
expect_status 0 kith -d old check
assert_contains "$OUT" "ok"

# The index answers: removing Søren removes his two follow-ups.
expect_status 0 kith -d old due --all --within 3650d
assert_contains "$OUT" "Fair"
# The due index was built with signed times: 1965 comes first.
[ "$(head -1 "$OUT" | cut -f1)" = a5 ] ||
    fail "the follow-up of 1965 is not first: $(cat "$OUT")"
kith -d old rm c1 >/dev/null || fail "rm c1 failed"
expect_status 0 kith -d old due --all --within 3650d
case $(cat "$OUT") in
*Fair*|*Visit*) fail "Søren's follow-ups outlived him: $(cat "$OUT")" ;;
esac
assert_contains "$OUT" "Quote"
expect_status 0 kith -d old check
