# SPDX-License-Identifier: GPL-3.0-or-later
# A field written by a newer kith (a tag this one does not know) survives
# an edit by this one.
. "$TESTS/lib.sh"

kith add name=Ana >/dev/null
kith dump > d.txt
# Add an item with tag 999, as a newer kith would have written it.
sed 's/^name=Ana$/name=Ana\n#999.x=from the future/' d.txt > d2.txt
kith -d "$PWD/new" load d2.txt
kith -d "$PWD/new" set c1 title=Boss
kith -d "$PWD/new" dump > d3.txt
grep -q '^#999.x=from the future$' d3.txt || fail "unknown tag lost on edit"
grep -q '^title=Boss$' d3.txt || fail "edit lost"
