# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: log files are removed once a checkpoint no longer needs them,
# so the database directory does not grow without bound.  Log files are
# made small here (in DB_CONFIG, before the database is created) so that
# a few thousand writes go through dozens of them.
. "$TESTS/lib.sh"

kith init "$PWD/template"
mkdir -m 700 "$KITH_DIR"
sed 's/^set_lg_bsize .*/set_lg_bsize 32768/;s/^set_lg_max .*/set_lg_max 131072/' \
    "$PWD/template/DB_CONFIG" > "$KITH_DIR/DB_CONFIG"
kith init
pad=$(printf '%0400d' 0)
i=0
while [ $i -lt 300 ]; do
	printf 'add\tname=Log %04d\tnote=%s\n' $i \
	    "$pad"
	i=$((i + 1))
done > in
for round in 1 2; do
	kith batch < in > out.$round &
	kith batch < in > out.$round.b &
	wait
done
last=$(ls "$KITH_DIR" | grep '^log\.' | tail -1)
nlogs=$(ls "$KITH_DIR" | grep -c '^log\.')
made=$(echo "$last" | sed 's/^log\.0*//')
[ "$made" -ge 20 ] || fail "only $made log files were ever made"
[ "$nlogs" -le 8 ] || fail "$nlogs of $made log files are still there"
kb=$(du -sk "$KITH_DIR" | cut -f1)
[ "$(kith dump | grep -c '^\[c')" = 1200 ] || fail "contacts lost"
kith check > /dev/null || fail "check failed"
echo "$made log files made, $nlogs kept; directory $kb KiB"
