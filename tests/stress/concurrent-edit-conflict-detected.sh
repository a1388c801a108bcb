# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: two people edit the same contact.  With the revision they read
# made explicit (kith set --if-rev N), exactly one of several racing saves
# wins and every other is refused saying who changed it; and racing plain
# kith set runs (read, then save) never lose an edit silently: each one
# either is in the record or exited 1 with "changed by".
. "$TESTS/lib.sh"
ME=$(id -un)

kith add 'name=Ann Smith' >/dev/null
kith set c1 title=Buyer
rev=$(kith show c1 | sed -n 's/^updated .*(rev \([0-9]*\))$/\1/p')
[ "$rev" = 2 ] || fail "revision after one set is $rev, want 2"

# Deterministic: both read revision 2; the first save wins.
expect_status 0 kith set --if-rev "$rev" c1 company=Acme
expect_status 1 kith set --if-rev "$rev" c1 company=Globex
expect_err_contains "c1 was changed by $ME at "
expect_err_contains "not saved"
kith show c1 | grep -q '^company *Acme$' || fail "the winner's edit is gone"

# Eight racing saves of revision 3: exactly one wins.
rev=$(kith show c1 | sed -n 's/^updated .*(rev \([0-9]*\))$/\1/p')
i=0
while [ $i -lt 8 ]; do
	( st=0; kith set --if-rev "$rev" c1 "note=writer $i" 2>err.$i ||
	    st=$?; echo $st > st.$i ) &
	i=$((i + 1))
done
wait
wins=$(cat st.* | grep -c '^0$' || true)
lost=$(cat st.* | grep -c '^1$' || true)
[ "$wins" = 1 ] && [ "$lost" = 7 ] ||
	fail "$wins saves won and $lost were refused; want 1 and 7"
for i in 0 1 2 3 4 5 6 7; do
	if [ "$(cat st.$i)" = 1 ]; then
		grep -q 'was changed by' err.$i || fail "refusal $i: $(cat err.$i)"
	else
		winner=$i
	fi
done
kith show c1 | grep -q "^note *writer $winner\$" || fail "winner's note lost"

# Plain racing sets: every success is kept, every loss is reported.
rm -f st.* err.*
i=0
while [ $i -lt 10 ]; do
	( st=0; kith set c1 "tag+=t$i" 2>err.$i || st=$?; echo $st > st.$i ) &
	i=$((i + 1))
done
wait
kith show c1 > final.txt
i=0
while [ $i -lt 10 ]; do
	case $(cat st.$i) in
	0) grep -q "^tag *t$i\$" final.txt || fail "set $i succeeded, lost" ;;
	1) grep -q 'was changed by' err.$i || fail "set $i: $(cat err.$i)" ;;
	*) fail "set $i exited $(cat st.$i)" ;;
	esac
	i=$((i + 1))
done
kith check >/dev/null || fail "check failed"
