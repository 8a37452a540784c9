/* hreeplan reports: a re-plan (`hreeplan roll`, models/plan/roll.h) in
 * text, CSV and JSON.  Each is the plan's own report with the re-plan's
 * part added: the stock and shipments in transit it started from against
 * what the previous plan expected, the frozen orders, and every order that
 * changed against the previous plan with the reasons the re-plan can tell.
 *   text: the re-plan's part first, then the plan report;
 *   CSV:  the plan's long table followed by rows of tables roll_stock,
 *         roll_transit, roll_fixed and roll_changes (metric before / after /
 *         change, text the reasons) and roll (freeze, change_penalty,
 *         change_t, change_cost);
 *   JSON: the plan's keys and "roll": {"previous", "previous_start",
 *         "previous_end", "start", "freeze", "change_penalty", "change_t",
 *         "change_cost", "stock": [{product, planned, actual}],
 *         "in_transit": [{supplier, product, arrive, planned, actual}],
 *         "fixed": [{supplier, product, ship, quantity}],
 *         "changes": [{supplier, product, ship, before, after, reasons: [...]}]},
 *         then "run". */
#ifndef HP_ROLL_OUT_H
#define HP_ROLL_OUT_H

#include <stdio.h>

#include "../plan/roll.h"
#include "report.h"

/** Writes the report of r to f (flushed, not closed); previous is the
 *  previous plan's path as given (borrowed); meta may be NULL.  HP_EIO,
 *  HP_ENOMEM, HP_EINTERNAL (NULL argument, HTML or an unknown format). */
hp_status hp_report_roll(FILE *f, const hp_roll *r, const char *previous, hp_format fmt,
                         const hp_report_meta *meta);

#endif
