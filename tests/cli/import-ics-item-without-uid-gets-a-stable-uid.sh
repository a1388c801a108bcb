# SPDX-License-Identifier: GPL-3.0-or-later
# An item without a UID gets one made from its time, summary and rule, so
# that importing the same file again finds it.  The UID is stored and
# exported: it must stay the same from one version of kith to the next.
. "$TESTS/lib.sh"

kith add 'name=Søren Ågård' email=soren@agard.dk >/dev/null
cat >in.ics <<'X'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTODO
SUMMARY:Ring til Søren
DUE:20261201T090000Z
ATTENDEE:mailto:soren@agard.dk
END:VTODO
END:VCALENDAR
X
kith import in.ics >/dev/null
kith export --format ics --utc -o out.ics
tr -d '\r' <out.ics | grep '^UID:' >got
echo 'UID:kith-import-8e387e89c0693db1' >want
cmp want got || { diff want got >&2; fail "the made UID changed"; }
kith import in.ics >/dev/null
[ "$(grep -c '^BEGIN:VTODO' out.ics)" = 1 ] || fail "not one item"
kith export --format ics --utc -o again.ics
cmp out.ics again.ics || fail "a second import changed the export"
exit 0
