/* hreeplan model layer: what actually happened since the previous plan
 * (`hreeplan roll --actuals ACTUALS.cfg`, docs/instance.md "Actuals").
 *
 * An actuals file is a small libconfig file read against the instance of
 * the re-plan: actual stock per product at the start of the instance,
 * shipments in transit per supplier, product and arrival quarter, and
 * disruption events that happened (or are known to be running).  Every
 * array is owned by the hp_actuals and freed by hp_actuals_free(). */
#ifndef HP_ACTUALS_H
#define HP_ACTUALS_H

#include "instance.h"

/** One shipment in transit: it arrives in quarter `arrive` (offset in the
 *  instance, 0..T-1). */
typedef struct hp_actual_transit {
    int supplier, product;
    int arrive;
    double quantity; /**< t */
    int line;
} hp_actual_transit;

typedef struct hp_actuals {
    char *file;    /**< path it was read from */
    double *stock; /**< per product: t on hand at the start, NAN when not given */
    int n_transit;
    hp_actual_transit *transit;
    int n_events;
    hp_event *events; /**< from/to are offsets of the instance (may be < 0: the past) */
    int *event_lines;
} hp_actuals;

/** Reads and validates an actuals file against in (ids, quarters, values).
 *  On HP_EINVAL diag holds every error as "FILE:LINE: path: what, got
 *  VALUE" and *out is NULL; HP_EIO when the file cannot be read (message
 *  in diag).  The caller frees *out with hp_actuals_free(). */
hp_status hp_actuals_load(const char *path, const hp_instance *in, hp_actuals **out, hp_diag *diag);

/** Same from a string; path is used in messages. */
hp_status hp_actuals_load_string(const char *text, const char *path, const hp_instance *in,
                                 hp_actuals **out, hp_diag *diag);

/** Frees a; NULL is allowed. */
void hp_actuals_free(hp_actuals *a);

/** The product of the factors of a's events that cover supplier j in
 *  quarter offset t (1 when none does, or a is NULL). */
double hp_actuals_factor(const hp_actuals *a, const hp_instance *in, int j, int t);

/** Applies the events of a to the quarters of the horizon: every
 *  scenario's availability a[s,j,t] is multiplied by the events' factors
 *  (what is known to be running binds every scenario).  The stock and
 *  transit of a are applied by the re-plan itself (models/plan/roll.h). */
void hp_actuals_apply_events(const hp_actuals *a, hp_instance *in);

#endif
