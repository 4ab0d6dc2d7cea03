/* screens.c: the tabs, in the order of the title bar and the number keys. */
#include "tui/screens.h"

const char *const tab_names[TAB_COUNT] = {
	"Contracts", "Providers", "Coverage", "Spot purchases", "Growth",
};

void (*const tab_open[TAB_COUNT])(struct tui *t) = {
	contracts_open, providers_open, coverage_open, spot_purchases_open, growth_open,
};
