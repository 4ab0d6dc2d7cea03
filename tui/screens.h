/* screens.h: the tabs, and the views any screen may open. */
#ifndef SENDESK_SCREENS_H
#define SENDESK_SCREENS_H

#include "tui/tui.h"

enum { TAB_CONTRACTS, TAB_PROVIDERS, TAB_COVERAGE, TAB_COUNT };

extern const char *const tab_names[TAB_COUNT];

/* Each pushes its tab's first view. */
extern void (*const tab_open[TAB_COUNT])(struct tui *t);

void contracts_open(struct tui *t);
void providers_open(struct tui *t);
void coverage_open(struct tui *t);

/* The help screen, made from the keymap. */
void help_open(struct tui *t);

#endif
