/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_H
#define KITH_UI_H

/*
 * ui: the full-screen interface.  This header does not include curses:
 * the command line starts the interface through it and knows no more.
 */

struct conf;

/* Runs the interface on the database in dir; returns the exit status. */
int	ui_main(const char *dir, const struct conf *conf);

#endif /* KITH_UI_H */
