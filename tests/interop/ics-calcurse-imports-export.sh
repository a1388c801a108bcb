# SPDX-License-Identifier: GPL-3.0-or-later
# calcurse imports the export: to-dos as to-dos, and with --events (calcurse
# ignores a VTODO's DUE) every follow-up as an appointment at its local
# time, the recurring one weekly, the alarmed ones flagged, in UTF-8.
# calcurse matches no UIDs (every import adds), so the re-export after a
# change goes into a fresh calcurse and shows the change.
. "$TESTS/lib.sh"
need faketime calcurse
. "$TESTS/interop/ics-book.inc"

cc() { dir=$1; shift; calcurse -D "$dir" -C "$dir/conf" "$@"; }
mkdir -p todo/conf ev/conf ev2/conf
at '2026-11-25 10:00' export --format ics -o todos.ics
cc todo -i todos.ics >import.log 2>&1 || fail "calcurse -i: $(cat import.log)"
grep -q '1 app / 0 events / 3 todos / 0 skipped' import.log ||
    fail "calcurse read: $(cat import.log)"
cc todo -t >todo.txt
assert_contains todo.txt 'Ring til Søren Ågård'
assert_contains todo.txt 'Send tilbud'

at '2026-11-25 10:00' export --format ics --events -o events.ics
cc ev -i events.ics >import.log 2>&1 || fail "calcurse -i: $(cat import.log)"
grep -q '3 apps / 1 event / 0 todos / 0 skipped' import.log ||
    fail "calcurse read: $(cat import.log)"
cc ev -Q --from 12/01/2026 --days 3 --format-apt ' - %S %m\n' \
    --format-recur-apt ' - %S %m (weekly)\n' --format-event ' * %m\n' \
    >days.txt
expect cat days.txt <<'X'
12/01/26:
 - 09:00 Ring til Søren Ågård

12/02/26:
 - 13:30 Møde hos Ana

12/03/26:
 * Send tilbud
X
cc ev -Q --from 10/26/2026 --days 1 --format-recur-apt ' - %S %m (weekly)\n' \
    >dst.txt
expect cat dst.txt <<'X'
10/26/26:
 - 09:00 Ugentligt opkald (weekly)
X
grep -q '12/01/2026 @ 09:00 -> 12/01/2026 @ 09:00.*!Ring til' ev/apts ||
    fail "the alarm is not calcurse's important flag: $(cat ev/apts)"

# One change: the weekly call done once moves on to the next Monday.
at '2026-11-25 10:00' done a2 >/dev/null
at '2026-11-25 10:00' export --format ics --events -o events2.ics
cc ev2 -i events2.ics >import.log 2>&1
grep -q '3 apps / 1 event / 0 todos / 0 skipped' import.log ||
    fail "calcurse read: $(cat import.log)"
cc ev2 -Q --from 10/19/2026 --days 8 --format-recur-apt ' - %S %m\n' \
    >moved.txt
expect cat moved.txt <<'X'
10/26/26:
 - 09:00 Ugentligt opkald
X
