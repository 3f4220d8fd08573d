/* config-summary.c: `okno check-config`'s summary of a configuration
 * (config_summary in config.h). */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "hours.h"

static void
summary_device(const struct config_device *d, const char *label, FILE *fp)
{
	if (d->driver == NULL) {
		fprintf(fp, _("%s: none\n"), label);
		return;
	}
	fprintf(fp, _("%s: %s on %s, %d baud, %d%c%d, flow %s, charset %s"),
	    label, d->driver, d->port, d->baud, d->bits,
	    d->parity[0] == 'n' ? 'N' : d->parity[0] == 'o' ? 'O' : 'E',
	    d->stopbits, d->flow, d->charset);
	if (d->codepage >= 0)
		fprintf(fp, _(", code page %d"), d->codepage);
	if (d->address >= 0)
		fprintf(fp, _(", address %d"), d->address);
	if (d->columns > 0)
		fprintf(fp, _(", %dx%d characters"), d->columns, d->lines);
	fputc('\n', fp);
	for (size_t i = 0; i < d->nwindow_addr; i++)
		fprintf(fp, _("  window %d display: address %d\n"),
		    d->window_addr[2 * i], d->window_addr[2 * i + 1]);
}

static void
summary_hours(const struct config *cfg, FILE *fp)
{
	static const char *const days[] = { N_("Mon"), N_("Tue"), N_("Wed"),
	    N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
	const struct config_hours *h = &cfg->hours;
	char a[16], b[16], pad[32];

	if (!h->set) {
		fprintf(fp, _("Opening hours: none (always open)\n"));
		return;
	}
	fprintf(fp, _("Opening hours (with the production calendar):\n"));
	for (int i = 0; i < 7; i++) {
		utf8_pad(pad, sizeof pad, _(days[i]), -4);
		if (h->open[i] < 0) {
			fprintf(fp, _("  %s closed\n"), pad);
			continue;
		}
		hours_fmt_minute(a, sizeof a, h->open[i]);
		hours_fmt_minute(b, sizeof b, h->close[i]);
		fprintf(fp, "  %s %s-%s\n", pad, a, b);
	}
	fprintf(fp, _("  shortened day: closes %d min earlier\n"),
	    h->shortened);
	fprintf(fp, _("  no new ticket in the last %d min\n"), h->cutoff);
	for (size_t i = 0; i < cfg->nservices; i++)
		if (config_service_cutoff(cfg, (int)i) >= 0)
			fprintf(fp, _("  %s: no new ticket in the last %d "
			    "min\n"), cfg->services[i].code,
			    config_service_cutoff(cfg, (int)i));
}

void
config_summary(const struct config *cfg, FILE *fp)
{
	const char *src;
	char *reports;
	size_t i, j;

	fprintf(fp, _("Configuration: %s\n"), cfg->path);
	fprintf(fp, _("Branch: %s, %s\n"), cfg->branch_code,
	    cfg->branch_name);
	if (cfg->address != NULL)
		fprintf(fp, _("Address: %s\n"), cfg->address);
	if (cfg->phone != NULL)
		fprintf(fp, _("Phone: %s\n"), cfg->phone);
	fprintf(fp, _("Time zone: %s\n"), cfg->timezone != NULL ?
	    cfg->timezone : _("the system's"));
	fprintf(fp, _("Language of tickets and boards: %s\n"),
	    cfg->language);
	fprintf(fp, _("Database: %s\n"), cfg->database);
	reports = config_reports_dir(cfg, NULL);
	fprintf(fp, _("Reports folder: %s\n"), reports);
	free(reports);
	if (calendar_nyears(cfg->cal) == 0)
		fprintf(fp, _("Production calendars: none (weekends only)\n"));
	else
		fprintf(fp, _("Production calendars:\n"));
	for (i = 0; i < calendar_nyears(cfg->cal); i++) {
		int y = calendar_year_at(cfg->cal, i, &src);

		fprintf(fp, "  %d  %s\n", y, src);
	}
	fprintf(fp, _("Services (%zu):\n"), cfg->nservices);
	for (i = 0; i < cfg->nservices; i++) {
		const struct config_service *s = &cfg->services[i];

		fprintf(fp, _("  %-2s %-12s wait %d min, service %d min  "
		    "%s\n"), s->prefix, s->code, s->wait_norm,
		    s->service_norm, s->name);
	}
	fprintf(fp, _("Windows (%zu):\n"), cfg->nwindows);
	for (i = 0; i < cfg->nwindows; i++) {
		const struct config_window *w = &cfg->windows[i];
		const struct config_lunch *lu;

		fprintf(fp, _("  window %d:"), w->number);
		for (j = 0; j < w->nservices; j++)
			fprintf(fp, "%s %s", j > 0 ? "," : "",
			    cfg->services[w->services[j]].code);
		if ((lu = config_window_lunch(cfg, w->number)) != NULL) {
			char a[16], b[16];

			hours_fmt_minute(a, sizeof a, lu->start);
			hours_fmt_minute(b, sizeof b, lu->end);
			fprintf(fp, _("; lunch %s-%s"), a, b);
		}
		fputc('\n', fp);
	}
	summary_hours(cfg, fp);
	if (cfg->npause_reasons == 0)
		fprintf(fp, _("Pause reasons: any text\n"));
	else
		fprintf(fp, _("Pause reasons:\n"));
	for (i = 0; i < cfg->npause_reasons; i++)
		fprintf(fp, "  %-12s %s\n", cfg->pause_reasons[i].code,
		    cfg->pause_reasons[i].name);
	fprintf(fp, _("Appeal kinds (%zu):\n"), cfg->nkinds);
	for (i = 0; i < cfg->nkinds; i++) {
		const struct config_kind *k = &cfg->kinds[i];

		fprintf(fp, "  %-12s ", k->code);
		fprintf(fp, k->days == CALENDAR_DAYS_WORKING ?
		    _("%d working days") : _("%d calendar days"),
		    k->deadline);
		fprintf(fp, "  %s\n", k->name);
	}
	if (cfg->ntopics > 0)
		fprintf(fp, _("Appeal topics: %zu\n"), cfg->ntopics);
	fprintf(fp, _("Account pattern: %s\n"), cfg->account_pattern);
	fprintf(fp, _("Personal data kept: %d days\n"), cfg->retention_days);
	/* Visits (config-visits.c): said only when configured. */
	if (cfg->noutcomes > 0) {
		fprintf(fp, _("Visit outcomes:"));
		for (i = 0; i < cfg->noutcomes; i++)
			fprintf(fp, "%s %s", i > 0 ? "," : "",
			    cfg->outcomes[i].code);
		fputc('\n', fp);
		fprintf(fp, cfg->require_outcome ? _("Outcome required at the "
		    "finish; repeat visits within %d days\n") : _("Outcome "
		    "optional; repeat visits within %d days\n"),
		    cfg->repeat_days);
	}
	/* Bookings (config-bookings.c; booking.c applies them). */
	if (!cfg->bookings.set)
		fprintf(fp, "%s\n", _("Bookings: none (the office takes no "
		    "bookings)"));
	else {
		fprintf(fp, _("Bookings: %d min slots, %d%% of capacity, "
		    "check-in from %d min before to %d min after, up to %d "
		    "days ahead\n"), cfg->bookings.slot, cfg->bookings.share,
		    cfg->bookings.early, cfg->bookings.grace,
		    cfg->bookings.horizon);
		if (cfg->bookings.phone_digits > 0)
			fprintf(fp, _("  check-in also by the phone's last %d "
			    "digits and the slot time\n"),
			    cfg->bookings.phone_digits);
		fprintf(fp, _("  head office's key: %s\n"),
		    cfg->bookings.hq_key);
	}
	fprintf(fp, _("Feedback criteria:"));
	for (i = 0; i < cfg->ncriteria; i++)
		fprintf(fp, "%s %s (%g)", i > 0 ? "," : "",
		    cfg->criteria[i].code, cfg->criteria[i].weight);
	fputc('\n', fp);
	if (cfg->idle_lock > 0)
		fprintf(fp, _("Screen lock: after %d min\n"), cfg->idle_lock);
	else
		fprintf(fp, _("Screen lock: never\n"));
	if (cfg->idle_lock_hall > 0)
		fprintf(fp, _("Hall view lock: after %d min\n"),
		    cfg->idle_lock_hall);
	else
		fprintf(fp, "%s\n", _("Hall view lock: never (it stays live)"));
	fprintf(fp, _("Inspection catalogue: %s\n"), cfg->catalogue);
	/* A shifted clock must never pass unnoticed in a real office. */
	if (cfg->clock_offset != 0)
		fprintf(fp, _("Clock: shifted by %d s (clock_offset: a demo or "
		    "training office)\n"), cfg->clock_offset);
	summary_device(&cfg->printer, _("Printer"), fp);
	summary_device(&cfg->board, _("Board"), fp);
	summary_device(&cfg->keypad, _("Keypad"), fp);
	if (cfg->sound.driver == NULL)
		fprintf(fp, _("%s: none\n"), _("Sound"));
	else {
		fprintf(fp, _("Sound: %s on %s, volume %d%%, voice %s"),
		    cfg->sound.driver, cfg->sound.device, cfg->sound.volume,
		    cfg->sound.voice);
		if (cfg->sound.quiet_start >= 0)
			fprintf(fp, _(", quiet %02d:%02d-%02d:%02d"),
			    cfg->sound.quiet_start / 60,
			    cfg->sound.quiet_start % 60,
			    cfg->sound.quiet_end / 60,
			    cfg->sound.quiet_end % 60);
		fputc('\n', fp);
	}
}
