#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A reminder command for `kith remind --command kith-notify.sh`: a desktop
# notification through notify-send, falling back to the terminal bell and
# a line on standard error.  kith gives it the reminder in the
# environment (KITH_ID, KITH_DUE, KITH_TYPE, KITH_NAME, KITH_PHONE,
# KITH_EMAIL, KITH_SUBJECT, KITH_TEXT) and as one line on standard input.
title="kith: $KITH_TYPE $KITH_NAME"
body="$KITH_DUE ${KITH_SUBJECT:-}${KITH_PHONE:+ ($KITH_PHONE)}"
if command -v notify-send >/dev/null 2>&1 &&
    [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
	exec notify-send -a kith -u critical "$title" "$body"
fi
printf '\a%s: %s\n' "$title" "$body" >&2
