/* Internal to models/report/: the HTML reports.  One self-contained page
 * (no script, nothing fetched: inline CSS, inline SVG from svg.c) built
 * from sections:
 *   html.c         page frame and style, the plan's headline, its decision
 *                  (orders now in words and the order book), shadow prices
 *                  in words, the run record; the plan page (--format html)
 *   html_charts.c  stock path per product, scenarios side by side, the
 *                  front with its knee, the out-of-sample histograms
 *   html_analyst.c the near-optimal alternative and the value of information
 *   html_pages.c   pages of pareto, compare and simulate, and the planner's
 *                  report (hp_html_report, html.h)
 * Every section writes through the room's checked writer; figures use the
 * room's number formatter, so reruns are byte-identical. */
#ifndef HP_HTML_INT_H
#define HP_HTML_INT_H

#include "report_internal.h"
#include "svg_int.h"

/** Opens the page: doctype, style, the title as <h1> and a subtitle line. */
void hpi_html_open(hpi_writer *w, const char *title, const char *subtitle);
/** The run record (its one line) and the end of the page. */
hp_status hpi_html_close(hpi_writer *w, const hp_run_record *run);

/** Expected spend of a plan, USD: total cost less the shortage and
 *  safety-stock penalties (total = spend + penalty). */
double hpi_plan_spend(const hp_plan *p);

/** Sections of a plan. */
void hpi_html_headline(hpi_writer *w, const hp_plan *p);
hp_status hpi_html_decision(hpi_writer *w, const hp_plan *p);
/** The orders shipping in the first quarter, in words, and the contracts
 *  to sign (part of the decision). */
void hpi_html_orders_now(hpi_writer *w, const hp_plan *p);
hp_status hpi_html_duals(hpi_writer *w, const hp_plan *p);
void hpi_html_stock(hpi_writer *w, const hp_plan *p);
void hpi_html_scenarios(hpi_writer *w, const hp_plan *p);
/** The front with the knee; chosen (may be NULL) marks the plan the page
 *  is about (the expected-cost plan). */
void hpi_html_front(hpi_writer *w, const hp_front_run *r);
/** The out-of-sample distribution of n simulated plans. */
void hpi_html_sim(hpi_writer *w, const hp_sim_entry *e, int n);

/** The near-optimal alternative (--near-optimal): the share before and
 *  after, spend and cost, and what moved in the order book; nothing when
 *  the plan has none.  HP_OK or HP_ENOMEM. */
hp_status hpi_html_near(hpi_writer *w, const hp_plan *p);
/** WS, RP, EEV, EVPI and VSS in words and a table (--value-of-information);
 *  nothing when the plan has none. */
void hpi_html_voi(hpi_writer *w, const hp_plan *p);

/** A series colour (cycles). */
const char *hpi_html_colour(int k);

#endif
