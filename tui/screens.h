/* screens.h: the tabs, and the views any screen may open. */
#ifndef SENDESK_SCREENS_H
#define SENDESK_SCREENS_H

#include "tui/tui.h"

enum { TAB_CONTRACTS, TAB_PROVIDERS, TAB_COVERAGE, TAB_SPOT, TAB_GROWTH, TAB_COUNT };

extern const char *const tab_names[TAB_COUNT];

/* Each pushes its tab's first view. */
extern void (*const tab_open[TAB_COUNT])(struct tui *t);

void contracts_open(struct tui *t);
void providers_open(struct tui *t);
void coverage_open(struct tui *t);
void spot_purchases_open(struct tui *t);
void growth_open(struct tui *t);

struct period;

/* The spot purchases behind one period of the growth review. */
void spot_purchases_in(struct tui *t, const struct period *p);

/* The help screen, made from the keymap. */
void help_open(struct tui *t);

#endif
