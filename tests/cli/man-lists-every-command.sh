# SPDX-License-Identifier: GPL-3.0-or-later
# The manual and --help come from the same command table: every command
# kith --help lists is documented in kith(1), and every one has --help.
. "$TESTS/lib.sh"

man=$TESTS/../man/kith.1
cmds=$(kith --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 }
    on && /^  [a-z]/ { print $1 }')
[ -n "$cmds" ] || fail "kith --help lists no commands"
for c in $cmds; do
	grep -q "^\.It Ic $c\( \|$\)" "$man" || fail "kith(1) lacks \"$c\""
	kith "$c" --help | grep -q "^usage: kith .*$c" ||
		fail "kith $c --help"
done
# Every field kith fields lists is in the manual's FIELDS section.
for f in $(kith fields | cut -f1 | sed 's/\[.*//'); do
	grep -q "^\.It Cm $f\( \|$\)\|^\.It Cm .*[ ,]$f\( \|,\|$\)" "$man" ||
		fail "kith(1) lacks the field \"$f\""
done
