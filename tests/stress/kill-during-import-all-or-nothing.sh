# SPDX-License-Identifier: GPL-3.0-or-later
# A large import (two reader threads, one transaction, indexes written in
# key order after the records), larger than the cache, killed with SIGKILL
# at moments spread over its run: every time, the next command opens the
# database (recovery runs), kith check passes, and the import is there
# whole or not at all, beside the contact that was there before.  (With
# Berkeley DB's DB_TXN_BULK the database then could not be opened.)
. "$TESTS/lib.sh"

# 100 000 contacts are larger than the cache; the sanitizers' build is
# several times slower, and looks for other faults.
N=100000
[ "${SAN:-0}" = 1 ] && N=20000
N=${KILL_IMPORT_N:-$N}
awk -f "$TESTS/../bench/gen.awk" -v n="$N" -v seed=7 -v user="$(id -un)" \
    -v fmt=vcard >big.vcf
kith add 'name=Søren Ågård' 'email=soren@ågård.example' >/dev/null
kith dump -o before.dump
ms() { date +%s%3N; }
t0=$(ms)
kith import --on-duplicate add big.vcf >/dev/null 2>&1 || fail "import"
full=$(( $(ms) - t0 ))
all=$(kith find @ | wc -l)
[ "$all" -eq $((N + 1)) ] || fail "the whole import gave $all contacts"

for pct in 50 65 80 95; do
	rm -rf "$KITH_DIR"
	kith load before.dump
	"$KITH" import --on-duplicate add big.vcf >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v t=$full -v p=$pct 'BEGIN { printf "%.3f", t * p / 100000 }')"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	kith check >check.out 2>&1 || fail "killed at $pct%: $(cat check.out)"
	n=$(kith find @ | wc -l)
	[ "$n" -eq 1 ] || [ "$n" -eq "$all" ] ||
		fail "killed at $pct%: $n contacts, not 1 or $all"
	kith find Ågård | grep -q 'Søren Ågård' ||
		fail "killed at $pct%: the contact from before is gone"
done
