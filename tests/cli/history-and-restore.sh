# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: kith history shows who changed a record, when, and which fields
# from what to what; kith rm keeps the contact in the audit trail and kith
# restore brings it back with its old id and the activities deleted with
# it, in one step that is itself audited.
. "$TESTS/lib.sh"
need faketime
ME=$(id -un)
at() { when=$1; shift; faketime "$when" "$KITH" "$@"; }

at '2026-03-02 10:00:00' add 'name=Ann Smith' 'phone=+45 33 12 34 56' >/dev/null
at '2026-03-02 10:05:00' add 'name=Bob Jones' >/dev/null
at '2026-03-03 09:00:00' set c1 company=Acme 'phone=+45 20 11 22 33'
at '2026-03-03 09:30:00' log c1 call 'Quoted the servers' >/dev/null
at '2026-03-03 09:31:00' schedule c1 call '2026-03-10 14:00' 'Call back' >/dev/null
expect kith history c1 <<X
2026-03-02 10:00	$ME	add	c1
  name: Ann Smith
  phone: +45 33 12 34 56
  owner: $ME
2026-03-03 09:00	$ME	set	c1
  company: (none) -> Acme
  phone: +45 33 12 34 56 -> +45 20 11 22 33
X

at '2026-03-04 12:00:00' rm c1
expect_status 1 kith show c1
expect kith find <<X
c2	Bob Jones			
X
# Ids are given in full: c1 is gone, no prefix could stand for it.
expect_status 1 kith restore c
expect_status 1 kith restore c2
expect_err_contains 'c2 exists: nothing to restore'
expect_status 1 kith restore c7
expect_err_contains 'c7 was never deleted'

expect_status 0 at '2026-03-05 08:00:00' restore c1
assert_contains "$OUT" c1
expect_err_contains 'restored with 2 activities'
expect_status 0 kith show c1
grep -q '^company *Acme$' "$OUT" || fail "restored contact lost its company"
grep -q '^phone *+45 20 11 22 33$' "$OUT" || fail "restored contact lost its phone"
grep -q '^  a2 .*Call back' "$OUT" || fail "pending call-back not restored"
grep -q '^  a1 .*Quoted the servers' "$OUT" || fail "history not restored"
expect_status 0 kith due --within 30d
grep -q a2 "$OUT" || fail "restored call-back is not due"
expect_status 0 kith history c1
tail -n 6 "$OUT" > tail.txt
expect cat tail.txt <<X
2026-03-04 12:00	$ME	rm	c1
2026-03-05 08:00	$ME	restore	c1
  name: Ann Smith
  company: Acme
  phone: +45 20 11 22 33
  owner: $ME
X
expect_status 0 kith history a2
assert_contains "$OUT" "$ME	restore	a2"
# Restoring twice is refused; a second rm and restore work again.
expect_status 1 kith restore c1
kith rm c1
expect_status 0 kith restore c1
expect_status 0 kith check
