# SPDX-License-Identifier: GPL-3.0-or-later
# find by phone digits: the end of a number (the index's fast path), the
# middle of one (from the postings of its digit trigrams), whatever the
# punctuation; a changed or removed number is found no more; an import
# recognises a number by its last 8 digits however it is written.
. "$TESTS/lib.sh"

kith add 'name=Søren Ågård' 'phone=+45 20 11 22 33' >/dev/null
kith add 'name=Pekka Mäkinen' 'phone=+358 40 123 4567' \
    'phone=09 8765 4321' >/dev/null
kith add 'name=Marija Čopova' 'phone=+386 41 555 000' >/dev/null

ids() { kith find "$@" | cut -f1 | tr '\n' ' '; }
[ "$(ids 20112233)" = "c1 " ] || fail "last 8: $(ids 20112233)"
[ "$(ids 2233)" = "c1 " ] || fail "last 4: $(ids 2233)"
[ "$(ids '+45 20 11 22 33')" = "c1 " ] || fail "whole: $(ids '+45 20 11 22 33')"
[ "$(ids 4321)" = "c2 " ] || fail "second phone: $(ids 4321)"
[ "$(ids 1122)" = "c1 " ] || fail "middle: $(ids 1122)"
[ "$(ids 4520)" = "c1 " ] || fail "beginning: $(ids 4520)"
[ "$(ids '40 123')" = "c2 " ] || fail "middle, spaced: $(ids '40 123')"
[ "$(ids 555)" = "c3 " ] || fail "middle of c3: $(ids 555)"
[ "$(ids 000)" = "c3 " ] || fail "zeros at the end: $(ids 000)"
[ "$(ids 99999)" = "" ] || fail "no such digits: $(ids 99999)"

kith set c1 'phone=+45 31 41 59 26' >/dev/null
[ "$(ids 2233)" = "" ] || fail "old number still found: $(ids 2233)"
[ "$(ids 1122)" = "" ] || fail "old middle still found: $(ids 1122)"
[ "$(ids 415926)" = "c1 " ] || fail "new number: $(ids 415926)"
[ "$(ids 1415)" = "c1 " ] || fail "new middle: $(ids 1415)"
kith rm c3 >/dev/null
[ "$(ids 555)" = "" ] || fail "removed contact found: $(ids 555)"

cat >in.csv <<'X'
name,phone,company
Pekka M.,00358 (0)40 123 45 67,Puutyö Oy
Someone Else,+358 40 123 4568,
X
expect kith import in.csv <<'X'
imported: 1 added, 1 merged, 0 skipped, 0 rejected
X
kith show c2 >s
assert_contains s 'company      Puutyö Oy'
kith check >/dev/null || fail "check after the changes"
