# SPDX-License-Identifier: GPL-3.0-or-later
# Double-width (CJK) and combining characters (a decomposed "ë") take
# their real width on the screen: the company column lines up.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"
need /usr/bin/python3

kith add "name=山田太郎" company=AlphaCo >/dev/null
kith add "name=Zoe$(printf '\314\210') Quist" company=BetaCo >/dev/null
kith add "name=Ana Peña" company=GammaCo >/dev/null

tmux_start 80 24 "$KITH"
wait_for "GammaCo"
wait_for "AlphaCo"
tmux_screen >"$LIB_TMP/screen"
/usr/bin/python3 - "$LIB_TMP/screen" <<'PY' || tmux_fail "columns do not line up"
import sys, unicodedata
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
cols = set()
for line in open(sys.argv[1], encoding="utf-8"):
    for co in ("AlphaCo", "BetaCo", "GammaCo"):
        if co in line:
            cols.add(width(line[:line.index(co)]))
print(cols)
sys.exit(0 if len(cols) == 1 else 1)
PY
