# SPDX-License-Identifier: GPL-3.0-or-later
# kith at login: add these lines to ~/.profile (or ~/.bash_profile,
# ~/.zprofile).  `kith due` prints your overdue and due follow-ups, one a
# line, and nothing at all when there are none; it gives up after about a
# second when the database is busy, so it never holds up a login.
if command -v kith >/dev/null 2>&1 && [ -t 1 ]; then
	kith due --within 2h
fi
