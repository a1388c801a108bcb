# SPDX-License-Identifier: GPL-3.0-or-later
# Every action the help screens list (as VIEW.ACTION, the name the
# configuration uses) is documented in kith-config(5), and every view in
# kith(1): the man pages keep in step with the key table.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

man5=$TESTS/../man/kith-config.5
kith add "name=Søren Ågård" >/dev/null
kith schedule c1 call +1h Quote >/dev/null

tmux_start 120 100 "$KITH"
wait_for "Søren Ågård"
: >"$LIB_TMP/help"
for view in contacts agenda record; do
	case $view in
	agenda) tmux_keys a ;;
	record) tmux_keys Enter ;;
	esac
	sleep 0.3
	tmux_keys ?
	wait_for "Keys of the $view view"
	tmux_screen >>"$LIB_TMP/help"
	tmux_keys Escape
	wait_gone "Keys of the $view view"
	[ $view = agenda ] && tmux_keys Escape && sleep 0.3
done
grep -o '([a-z]*\.[a-z-]*)' "$LIB_TMP/help" | tr -d '()' | sort -u \
    >"$LIB_TMP/pairs"
[ "$(wc -l <"$LIB_TMP/pairs")" -gt 20 ] || fail "too few keys listed"
while IFS=. read -r view action; do
	grep -q -- "$action" "$man5" ||
		fail "kith-config(5) does not document the action $action"
	grep -qw "$view" "$man5" ||
		fail "kith-config(5) does not name the view $view"
done <"$LIB_TMP/pairs"
