/* ui-view.c: a scrolling view's lines: a growing list of texts, each
 * with the attributes it is drawn with (the appeal card, the reports). */
#include <stdlib.h>

#include "ui-int.h"

void
ui_view_add(struct ui_view *v, attr_t at, const char *text)
{
	if (v->nlines == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->lines = xreallocarray(v->lines, (size_t)v->cap,
		    sizeof *v->lines);
	}
	v->lines[v->nlines].text = xstrdup(text);
	v->lines[v->nlines].at = at;
	v->nlines++;
}

void
ui_view_clear(struct ui_view *v)
{
	for (int i = 0; i < v->nlines; i++)
		free(v->lines[i].text);
	v->nlines = 0;
}

void
ui_view_free(struct ui_view *v)
{
	ui_view_clear(v);
	free(v->lines);
	v->lines = NULL;
	v->cap = 0;
}

void
ui_view_top(const struct ui_view *v, int *top, int rows)
{
	if (*top > v->nlines - rows)
		*top = v->nlines - rows;
	if (*top < 0)
		*top = 0;
}
