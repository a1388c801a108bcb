# SPDX-License-Identifier: GPL-3.0-or-later
# dump, load into an empty directory, dump again: identical; ids go on.
. "$TESTS/lib.sh"

kith add 'name=Søren Ågård' 'note=line one
line two	with a tab \ and a backslash' 'phone.mobile=+45 20 11 22 33' >/dev/null
kith add 'name=Ana Peña' tag=a tag=b >/dev/null
kith schedule c1 call '2026-12-01 14:30' 'Ring til Søren' --alarm 15m \
    --repeat 'FREQ=WEEKLY;BYDAY=TU' >/dev/null
kith log c2 email Sent the offer --result ok >/dev/null
kith rm c2
kith dump -o one.txt
[ "$(stat -c %a one.txt)" = 600 ] || fail "dump file mode $(stat -c %a one.txt)"
kith -d "$PWD/copy" load one.txt
kith -d "$PWD/copy" dump > two.txt
cmp one.txt two.txt || { diff one.txt two.txt; fail "dump differs after load"; }
grep -q '^note=line one\\nline two\\twith a tab \\\\ and a backslash$' one.txt ||
    fail "escapes in the dump"
# Ids continue after the loaded ones, never reusing a deleted one.
expect kith -d "$PWD/copy" add name=New <<'X'
c3
X
# Loading into a database that is not empty is refused.
expect_status 1 kith -d "$PWD/copy" load one.txt
expect_err_contains 'not empty'
# A damaged dump names its line and loads nothing.
sed '12s/.*/bogus line/' one.txt > bad.txt
expect_status 1 kith -d "$PWD/bad" load bad.txt
expect_err_contains 'bad.txt:12:'
expect kith -d "$PWD/bad" find <<'X'
X
