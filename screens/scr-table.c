/* table.c: the one table of screens.  A new screen is a module with a
 * struct screen and a line here. */
#include "ui-int.h"

const struct screen *const ui_screens[SCR_COUNT] = {
	[SCR_LOGIN] = &screen_login,
	[SCR_CONSOLE] = &screen_console,
	[SCR_KIOSK] = &screen_kiosk,
	[SCR_HALL] = &screen_hall,
	[SCR_APPEAL] = &screen_appeal,
	[SCR_APPEAL_LIST] = &screen_appeal_list,
	[SCR_APPEAL_VIEW] = &screen_appeal_view,
	[SCR_REPORT] = &screen_report,
	[SCR_INSPECT] = &screen_inspect,
};
