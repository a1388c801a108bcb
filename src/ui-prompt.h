/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KITH_UI_PROMPT_H
#define KITH_UI_PROMPT_H

/*
 * ui-prompt: a line of input on the bottom line of the screen, edited
 * with wide characters, and one-key questions.  While a prompt is open
 * alarms wait; a resize redraws the screen under it and keeps the text.
 */

struct ui;

struct ui_prompt {
	const char	*label;
	/* After each change of the text (may be NULL): e.g. to narrow a
	 * list as the user types; it redraws what it changed. */
	void		(*changed)(struct ui *ui, void *arg, const char *text);
	/* Keys the line does not use (Up, Down...); 1 if handled. */
	int		(*other)(struct ui *ui, void *arg, int key);
	void		*arg;
};

/* 1 and the text (malloc'd) on Enter; 0 on Esc or a signal. */
int	ui_prompt_run(struct ui *ui, const struct ui_prompt *p,
	    const char *initial, char **text);
/* The plain case: a label and an initial text. */
int	ui_prompt_ask(struct ui *ui, const char *label, const char *initial,
	    char **text);
/* A question answered by one of keys ("yn"); 0 on Esc or another key. */
int	ui_prompt_choose(struct ui *ui, const char *question,
	    const char *keys);

#endif /* KITH_UI_PROMPT_H */
