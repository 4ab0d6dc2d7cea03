#include "tui/rowlist.h"

void rowlist_init(struct rowlist *l)
{
	*l = (struct rowlist){.selected = -1, .height = 1};
}

void rowlist_select(struct rowlist *l, int i)
{
	if (l->count <= 0) {
		l->selected = -1;
		return;
	}
	l->selected = i < 0 ? 0 : i >= l->count ? l->count - 1 : i;
}

void rowlist_set_count(struct rowlist *l, int count)
{
	l->count = count > 0 ? count : 0;
	rowlist_select(l, l->selected < 0 ? 0 : l->selected);
}

int rowlist_key(struct rowlist *l, enum action a)
{
	int page = l->height > 1 ? l->height - 1 : 1;
	switch (a) {
	case ACT_UP: rowlist_select(l, l->selected - 1); break;
	case ACT_DOWN: rowlist_select(l, l->selected + 1); break;
	case ACT_PAGE_UP: rowlist_select(l, l->selected - page); break;
	case ACT_PAGE_DOWN: rowlist_select(l, l->selected + page); break;
	case ACT_HOME: rowlist_select(l, 0); break;
	case ACT_END: rowlist_select(l, l->count - 1); break;
	default: return VIEW_IGNORED;
	}
	return VIEW_HANDLED;
}

void rowlist_show(struct rowlist *l, int height)
{
	l->height = height > 1 ? height : 1;
	if (l->selected >= 0 && l->selected < l->top)
		l->top = l->selected;
	if (l->selected >= l->top + l->height)
		l->top = l->selected - l->height + 1;
	if (l->top > l->count - l->height)
		l->top = l->count - l->height;
	if (l->top < 0)
		l->top = 0;
}
