/* Internal to models/report/: what several reports of the room share
 * (report_util.c: words and figures of a plan) and the entry points of the
 * format writers, called by their dispatchers.  The files call one way:
 *   report.c (hp_report_plan) -> report_{text,csv,json}.c
 *   simulate_report.c (hp_sim_report) -> simulate_json.c
 *   every writer -> report_util.c, writer.c (writer_int.h). */
#ifndef HP_REPORT_INTERNAL_H
#define HP_REPORT_INTERNAL_H

#include <stddef.h>

#include "compare_out.h"
#include "pareto_out.h"
#include "report.h"
#include "sim_report.h"
#include "writer_int.h"

/** Quarter label of offset t ("2026Q3"); buf >= 12 bytes. */
void hpi_quarter(const hp_instance *in, int t, char *buf, size_t len);

/** Region code of supplier j, "" when out of range (borrowed from in). */
const char *hpi_supplier_region(const hp_instance *in, int j);

/** Human wording of an objective: "cost-minimal" or "risk-minimal by cvar". */
void hpi_objective_words(const hp_plan *p, char *buf, size_t len);

/** Sum of the expected unmet demand of product k over the horizon, from the
 *  plan's balance rows. */
double hpi_unmet_of(const hp_plan *p, int k);

/** The range of a dual in words, " for a quota between 4 and 9 t" (with
 *  its leading space), or "" without a range; buf >= 96 bytes. */
void hpi_range_words(char *buf, size_t len, const hp_dual *d);

/** Region index of a region code ("CN") in the instance, or -1. */
int hpi_region_find(const hp_instance *in, const char *code);

/* The run record (run_record.c). */
/** A JSON string of s, bytes outside ASCII as '?' when s is not UTF-8;
 *  null for NULL s.  New reference (NULL when out of memory). */
json_t *hpi_jstr(const char *s);
/** The record as a JSON object (new reference, NULL when out of memory). */
json_t *hpi_run_json(const hp_run_record *r);
/** Adds "run" to root when r is not NULL; HP_OK or HP_ENOMEM. */
hp_status hpi_run_put(json_t *root, const hp_run_record *r);
/** The record in one line, "run: hreeplan 0.2.0 (commit ...), command: ...",
 *  without newline; the caller frees it with free().  NULL when out of
 *  memory. */
char *hpi_run_line(const hp_run_record *r);
/** Writes a blank line and the record's line when r is not NULL. */
hp_status hpi_run_text(hpi_writer *w, const hp_run_record *r);

/* The plan report in one format (report_text.c, report_csv.c,
 * report_json.c): writes through w; returns HP_OK, HP_EIO or HP_ENOMEM.
 * meta is never NULL. */
hp_status hpi_plan_text(hpi_writer *w, const hp_plan *p, const hp_report_meta *meta);
hp_status hpi_plan_csv(hpi_writer *w, const hp_plan *p, const hp_report_meta *meta);
hp_status hpi_plan_json(hpi_writer *w, const hp_plan *p, const hp_report_meta *meta);
hp_status hpi_plan_html(hpi_writer *w, const hp_plan *p, const hp_report_meta *meta);
/** Adds the keys of the plan's JSON report, all but "run", to root
 *  (report_json.c); HP_OK or HP_ENOMEM. */
hp_status hpi_plan_json_fill(json_t *root, const hp_plan *p, const hp_report_meta *meta);
/** One row of the plan's CSV table (report_csv.c) with the keys given (NULL:
 *  empty; the arrive and scenario columns empty), value NULL for none. */
void hpi_csv_row(hpi_writer *o, const char *table, const char *supplier, const char *region,
                 const char *product, const char *ship, const char *quarter, const char *metric,
                 const double *value, const char *text);

/** One CSV field: nothing for NULL or "", quoted per RFC 4180 when it holds
 *  a comma, a quote, CR or LF (report_csv.c). */
void hpi_csv_field(hpi_writer *o, const char *s);

/** Room for a compare label: a file's base name (at most NAME_MAX = 255
 *  bytes) and its NUL. */
#define HPI_LABEL 256
/** hp_compare_short_name() into buf (len >= 1), without allocating: a
 *  report never loses a label to a failed allocation. */
void hpi_compare_label(const char *path, char *buf, size_t len);

/* The order moves of compare (compare_moves.c). */
/** One (supplier, product, ship quarter) whose t shipped differ between the
 *  reference plan and a variant; strings borrowed from the plans'
 *  instances. */
typedef struct hpi_move {
    const char *supplier, *product;
    char quarter[16]; /**< ship quarter label, "2026Q3" */
    double from, to;  /**< t shipped in the reference plan, in the variant */
    double change;    /**< to - from */
    int rank;         /**< first appearance (reference orders, then the variant's) */
} hpi_move;
/** The moves of var against ref with |change| >= tol, biggest |change|
 *  first (ties: by quarter label, then supplier id, then product id); orders are matched by
 *  supplier id, product id and quarter label and summed over arrival
 *  quarters.  *out (free()) may be NULL when *n_out is 0.  HP_OK, HP_ENOMEM,
 *  or HP_EINTERNAL for a NULL plan or an order out of its instance. */
hp_status hpi_moves_of(const hp_plan *ref, const hp_plan *var, double tol, hpi_move **out,
                       int *n_out);
/** The text section "What moved in the order book" of c (nothing for fewer
 *  than two instances); w's status. */
hp_status hpi_moves_text(hpi_writer *w, const hp_compare *c);
/** The CSV rows of the moves of instance k against instance 0 ("NAME,
 *  order_from|order_to|order_change:SUPPLIER:PRODUCT:QUARTER,VALUE"):
 *  nothing when k is 0 or either has no plan; w's status or HP_ENOMEM. */
hp_status hpi_moves_csv(hpi_writer *w, const hp_compare *c, int k);
/** Adds "order_changes": [{"supplier", "product", "quarter", "from", "to",
 *  "change"}] to o, the JSON of instance k >= 1 (nothing when k is 0 or
 *  either plan is missing); HP_OK or HP_ENOMEM. */
hp_status hpi_moves_json(json_t *o, const hp_compare *c, int k);

/* HTML pages of the other reports (html_pages.c); meta may be NULL. */
hp_status hpi_front_html(hpi_writer *w, const hp_front_run *r);
hp_status hpi_compare_html(hpi_writer *w, const hp_compare *c);
hp_status hpi_sim_html(hpi_writer *w, const hp_sim_entry *e, int n, const hp_sim_meta *meta);

/* The JSON report of n >= 1 simulated plans (simulate_json.c); meta may be
 * NULL. */
hp_status hpi_sim_json(hpi_writer *w, const hp_sim_entry *e, int n, const hp_sim_meta *meta);

#endif
