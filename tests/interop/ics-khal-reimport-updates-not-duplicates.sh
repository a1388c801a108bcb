# SPDX-License-Identifier: GPL-3.0-or-later
# khal imports the export (as events) at the right local times, across the
# daylight-saving change, with the alarm; importing the re-export after
# one change updates that item and duplicates nothing.
. "$TESTS/lib.sh"
need faketime khal
. "$TESTS/interop/ics-book.inc"

mkdir -p cal
cat >khal.conf <<X
[calendars]
[[kith]]
path = $PWD/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Copenhagen
default_timezone = Europe/Copenhagen
[default]
default_calendar = kith
X
kh() { khal -c khal.conf "$@"; }
list() { kh list --day-format '' --format '{start} {title}{alarm-symbol}{repeat-symbol}' "$@"; }

at '2026-11-25 10:00' export --format ics --events -o one.ics
kh import --batch one.ics >import.log 2>&1 || fail "khal: $(cat import.log)"
[ "$(ls cal | wc -l)" = 4 ] || fail "khal holds $(ls cal | wc -l) items"
list 2026-12-01 3d >days.txt
expect sed 's/ *⏰/ [alarm]/; s/ *⟳/ [repeat]/; s/ *$//' days.txt <<'X'
2026-12-01 09:00 Ring til Søren Ågård [alarm]
2026-12-02 13:30 Møde hos Ana
2026-12-03 Send tilbud
X
list 2026-10-25 2d >dst.txt
grep -q '^2026-10-26 09:00 Ugentligt opkald' dst.txt ||
    fail "weekly call not at 09:00 after the change: $(cat dst.txt)"

at '2026-11-25 10:00' done a2 >/dev/null
at '2026-11-25 10:00' export --format ics --events -o two.ics
kh import --batch two.ics >import.log 2>&1 || fail "khal: $(cat import.log)"
[ "$(ls cal | wc -l)" = 4 ] || fail "re-import duplicated: $(ls cal)"
list 2026-10-19 1d >old.txt
if grep -q Ugentligt old.txt; then fail "old occurrence still there"; fi
list 2026-10-26 1d >new.txt
grep -q '^2026-10-26 09:00 Ugentligt opkald' new.txt ||
    fail "not updated: $(cat new.txt)"
