# SPDX-License-Identifier: GPL-3.0-or-later
# kith due never hangs a login: while another kith holds a write lock (an
# import stopped in the middle of its transaction), due waits at most
# about a second, then says so in one line.
. "$TESTS/lib.sh"
need gdb timeout

kith add name=Ana >/dev/null
kith schedule c1 call '2020-01-01 09:00' Old >/dev/null
printf 'BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:1\nDUE:20261201T090000Z\nEND:VTODO\nBEGIN:VTODO\nUID:2\nDUE:20261201T090000Z\nEND:VTODO\nEND:VCALENDAR\n' >two.ics
# Stop the importer inside its transaction, at the second bulk write's
# end (the audit entries'): the follow-ups are written, and their locks
# are held, uncommitted.
cat >gdb.cmd <<X
set pagination off
break store_bulk_end
run
continue
shell date +%s%N >t0; timeout 10 "$KITH" due >due.out 2>due.err; echo \$? >due.rc; date +%s%N >t1
kill
quit
X
timeout 60 gdb -batch -x gdb.cmd --args "$KITH" import two.ics >gdb.log 2>&1 ||
    true
[ -e due.rc ] || skip "gdb could not stop the importer"
[ "$(cat due.rc)" = 1 ] || fail "due exited $(cat due.rc): $(cat due.out due.err)"
ms=$(( ($(cat t1) - $(cat t0)) / 1000000 ))
[ "$ms" -lt 2500 ] || fail "due took $ms ms"
[ "$(wc -l <due.err)" = 1 ] || fail "not one line: $(cat due.err)"
grep -q '^kith: .*database busy' due.err || fail "said: $(cat due.err)"
[ ! -s due.out ] || fail "printed: $(cat due.out)"
# And once the importer is gone, due works (after recovery).
expect kith due <<'X'
a1	2020-01-01 09:00	overdue	call	Ana		Old
X
