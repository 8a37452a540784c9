/* Reports of a simulation: text and CSV here, JSON in simulate_json.c (the
 * chart script is in sim_chart.c).  Several simulated plans print side by side, one column
 * each, so that a planner reads the out-of-sample comparison in one table. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

#define COLW 16

static void row_head(hpi_writer *o, const char *label)
{
    hpi_printf(o, "  %-34s", label);
}

/* One row of values, one per entry; scale divides, dec decimals. */
static void row(hpi_writer *o, const char *label, const hp_sim_entry *e, int n, size_t off,
                double scale, int dec)
{
    char buf[64];
    row_head(o, label);
    for (int k = 0; k < n; k++) {
        double v = *(const double *)((const char *)e[k].sim + off);
        hpi_grouped(buf, sizeof buf, v / scale, dec);
        hpi_printf(o, " %*s", COLW, buf);
    }
    hpi_puts(o, "\n");
}

#define R(field) offsetof(hp_sim_result, field)

static void paths_line(hpi_writer *o, const hp_sim_result *r, const hp_sim_meta *meta)
{
    const hp_instance *in = r->inst;
    switch (r->paths) {
    case HP_PATHS_SCENARIOS:
        hpi_printf(o, "paths: the instance's %ld scenarios, weighted by probability", r->n_paths);
        break;
    case HP_PATHS_MIXED:
        hpi_printf(o,
                   "paths: %ld sampled from the disruption process (seed %lu), each with a "
                   "scenario drawn by probability",
                   r->n_paths, r->seed);
        break;
    default:
        hpi_printf(o, "paths: %ld sampled from the disruption process (seed %lu)", r->n_paths,
                   r->seed);
    }
    hpi_printf(o, "; recourse: %s, %s", hp_recourse_str(r->recourse),
               hp_recourse_label(r->recourse));
    if (r->rolling_scenarios > 0)
        hpi_printf(o, ", %d continuations per re-plan", r->rolling_scenarios);
    hpi_puts(o, "\n");
    if (meta && meta->plan_file)
        hpi_printf(o, "plan: read from %s\n", meta->plan_file);
    else if (meta && meta->fitted_on_sample)
        hpi_printf(o, "plans fitted on %d sampled scenarios (seed %lu)\n", in->n_scenarios,
                   meta->fit_seed);
    else
        hpi_printf(o, "plans fitted on the instance's %d scenario%s\n", in->n_scenarios,
                   in->n_scenarios == 1 ? "" : "s");
    if (in->n_devents == 0 && r->paths != HP_PATHS_SCENARIOS)
        hpi_puts(o, "note: the instance has no disruption process: every path has full "
                    "availability\n");
}

static void hist_text(hpi_writer *o, const char *title, const double *edges, const double *prob,
                      int nb, double scale, int dec)
{
    char lo[48], hi[48];
    double pmax = 0.0;
    for (int b = 0; b < nb; b++)
        pmax = prob[b] > pmax ? prob[b] : pmax;
    hpi_printf(o, "  %s\n", title);
    for (int b = 0; b < nb; b++) {
        int bar = pmax > 0 ? (int)lround(40.0 * prob[b] / pmax) : 0;
        hpi_grouped(lo, sizeof lo, edges[b] / scale, dec);
        hpi_grouped(hi, sizeof hi, edges[b + 1] / scale, dec);
        hpi_printf(o, "  %14s .. %-14s ", lo, hi);
        hpi_num(o, 7, 4, prob[b]);
        hpi_puts(o, bar > 0 ? " " : "");
        for (int i = 0; i < bar; i++)
            hpi_puts(o, "#");
        hpi_puts(o, "\n");
    }
}

static hp_status report_text(hpi_writer *o, const hp_sim_entry *e, int n, const hp_sim_meta *meta)
{
    const hp_sim_result *r0 = e[0].sim;
    const hp_instance *in = r0->inst;
    char q[16];
    hpi_printf(o, "Monte-Carlo stress test: %s\n", in->name);
    paths_line(o, r0, meta);
    hpi_puts(o, "\n");
    hpi_printf(o, "  %-34s", "");
    for (int k = 0; k < n; k++)
        hpi_printf(o, " %*s", COLW, e[k].label);
    hpi_puts(o, "\n");
    int any_plan = 0;
    for (int k = 0; k < n; k++)
        any_plan |= e[k].plan != NULL;
    if (any_plan) {
        hpi_puts(o, "In sample (the scenarios the plan was fitted on)\n");
        const char *lab[5] = {"expected spend (USD m)", "expected cost (USD m)",
                              "expected shortage (t)", "CVaR of shortage (t)", "exposure (t)"};
        for (int m = 0; m < 5; m++) {
            row_head(o, lab[m]);
            for (int k = 0; k < n; k++) {
                char buf[64] = "-";
                const hp_plan *p = e[k].plan;
                if (p) {
                    double v = m == 0   ? p->cost_spend / 1e6
                               : m == 1 ? p->cost_total / 1e6
                               : m == 2 ? p->shortage
                               : m == 3 ? p->cvar
                                        : p->exposure;
                    hpi_grouped(buf, sizeof buf, v, 3);
                }
                hpi_printf(o, " %*s", COLW, buf);
            }
            hpi_puts(o, "\n");
        }
    }
    hpi_puts(o, "Spend per path (USD m, cash)\n");
    row(o, "mean", e, n, R(spend.mean), 1e6, 3);
    row(o, "standard error of the mean", e, n, R(spend.se), 1e6, 3);
    row(o, "p50", e, n, R(spend.p50), 1e6, 3);
    row(o, "p90", e, n, R(spend.p90), 1e6, 3);
    row(o, "p95", e, n, R(spend.p95), 1e6, 3);
    row(o, "p99", e, n, R(spend.p99), 1e6, 3);
    row(o, "CVaR95", e, n, R(spend.cvar95), 1e6, 3);
    row(o, "max", e, n, R(spend.max), 1e6, 3);
    hpi_puts(o, "Penalty per path (USD m, notional)\n");
    row(o, "mean", e, n, R(pen.mean), 1e6, 3);
    row(o, "standard error of the mean", e, n, R(pen.se), 1e6, 3);
    row(o, "max", e, n, R(pen.max), 1e6, 3);
    hpi_puts(o, "Cost per path (USD m, spend + penalty)\n");
    row(o, "mean", e, n, R(cost.mean), 1e6, 3);
    row(o, "standard error of the mean", e, n, R(cost.se), 1e6, 3);
    row(o, "p50", e, n, R(cost.p50), 1e6, 3);
    row(o, "p90", e, n, R(cost.p90), 1e6, 3);
    row(o, "p95", e, n, R(cost.p95), 1e6, 3);
    row(o, "p99", e, n, R(cost.p99), 1e6, 3);
    row(o, "CVaR95", e, n, R(cost.cvar95), 1e6, 3);
    row(o, "max", e, n, R(cost.max), 1e6, 3);
    hpi_puts(o, "Shortage per path (t, criticality-weighted)\n");
    row(o, "mean", e, n, R(shortage.mean), 1, 3);
    row(o, "standard error of the mean", e, n, R(shortage.se), 1, 3);
    row(o, "P(shortage > 0)", e, n, R(prob_short), 1, 4);
    row(o, "p50", e, n, R(shortage.p50), 1, 3);
    row(o, "p90", e, n, R(shortage.p90), 1, 3);
    row(o, "p95", e, n, R(shortage.p95), 1, 3);
    row(o, "p99", e, n, R(shortage.p99), 1, 3);
    row(o, "CVaR95", e, n, R(shortage.cvar95), 1, 3);
    row(o, "max", e, n, R(shortage.max), 1, 3);
    hpi_puts(o, "Expected cost parts (USD m): spend, then penalty\n");
    row(o, "spend (cash)", e, n, R(exp_spend), 1e6, 3);
    row(o, "  purchase (paid on arrival)", e, n, R(purchase), 1e6, 3);
    row(o, "  contracts", e, n, R(contract), 1e6, 3);
    row(o, "  take-or-pay fees", e, n, R(take_or_pay), 1e6, 3);
    row(o, "  spot", e, n, R(spot), 1e6, 3);
    row(o, "  reserve purchases", e, n, R(reserve), 1e6, 3);
    row(o, "  holding", e, n, R(holding), 1e6, 3);
    row(o, "  terminal credit (subtracted)", e, n, R(term_credit), 1e6, 3);
    row(o, "penalty (notional)", e, n, R(exp_penalty), 1e6, 3);
    row(o, "  unmet demand penalty", e, n, R(penalty), 1e6, 3);
    row(o, "  safety-stock penalty", e, n, R(safety), 1e6, 3);
    row(o, "  terminal-stock penalty", e, n, R(term_penalty), 1e6, 3);
    hpi_puts(o, "Expected quantities (t)\n");
    row(o, "unmet demand", e, n, R(unmet_qty), 1, 3);
    row(o, "bought spot", e, n, R(spot_qty), 1, 3);
    row(o, "released from the reserve", e, n, R(reserve_qty), 1, 3);
    row(o, "short of the terminal target", e, n, R(term_short_qty), 1, 3);
    row(o, "written off (overflow)", e, n, R(overflow_qty), 1, 3);
    double dm, ds;
    if (n == 2 && hp_sim_paired(e[0].sim, e[1].sim, 0, &dm, &ds)) {
        char b1[64], b2[64];
        hpi_printf(o, "\n%s minus %s, paired on the same paths\n", e[1].label, e[0].label);
        double sm, ss;
        if (hp_sim_paired(e[0].sim, e[1].sim, 2, &sm, &ss)) {
            hpi_grouped(b1, sizeof b1, sm / 1e6, 3);
            hpi_grouped(b2, sizeof b2, ss / 1e6, 3);
            hpi_printf(o, "  %-34s %16s  (standard error %s)\n", "mean spend (USD m)", b1, b2);
        }
        hpi_grouped(b1, sizeof b1, dm / 1e6, 3);
        hpi_grouped(b2, sizeof b2, ds / 1e6, 3);
        hpi_printf(o, "  %-34s %16s  (standard error %s)\n", "mean cost (USD m)", b1, b2);
        hp_sim_paired(e[0].sim, e[1].sim, 1, &dm, &ds);
        hpi_grouped(b1, sizeof b1, dm, 3);
        hpi_grouped(b2, sizeof b2, ds, 3);
        hpi_printf(o, "  %-34s %16s  (standard error %s)\n", "mean shortage (t)", b1, b2);
    }
    hpi_puts(o, "\nProbability of a stock-out (unmet demand) by product and quarter\n");
    for (int p = 0; p < r0->P; p++)
        for (int t = 0; t < r0->T; t++) {
            char lab[96];
            hpi_quarter(in, t, q, sizeof q);
            snprintf(lab, sizeof lab, "%s %s", in->products[p].id, q);
            row_head(o, lab);
            for (int k = 0; k < n; k++) {
                hpi_puts(o, " ");
                hpi_num(o, COLW, 4, e[k].sim->stockout[(size_t)p * (size_t)r0->T + (size_t)t]);
            }
            hpi_puts(o, "\n");
        }
    for (int k = 0; k < n; k++) {
        const hp_sim_result *r = e[k].sim;
        char title[128];
        hpi_printf(o, "\nHistograms, %s\n", e[k].label);
        if (r->spend_edges && r->spend_hist) {
            snprintf(title, sizeof title, "spend per path (USD m)           probability");
            hist_text(o, title, r->spend_edges, r->spend_hist, r->n_bins, 1e6, 3);
        }
        snprintf(title, sizeof title, "cost per path (USD m)            probability");
        hist_text(o, title, r->cost_edges, r->cost_hist, r->n_bins, 1e6, 3);
        snprintf(title, sizeof title, "shortage per path (t)            probability");
        hist_text(o, title, r->short_edges, r->short_hist, r->n_bins, 1, 3);
    }
    if (meta && meta->timing) {
        hpi_puts(o, "\n");
        for (int k = 0; k < n; k++) {
            const hp_sim_result *r = e[k].sim;
            double tot = r->t_sample + r->t_arrivals + r->t_recourse;
            hpi_printf(o,
                       "%s: %.3f s (%.0f paths/s, %d thread%s); time shares: sampling %.0f%%, "
                       "arrivals %.0f%%, recourse %.0f%%\n",
                       e[k].label, r->seconds,
                       r->seconds > 0 ? (double)r->n_paths / r->seconds : 0.0, r->threads,
                       r->threads == 1 ? "" : "s", tot > 0 ? 100 * r->t_sample / tot : 0.0,
                       tot > 0 ? 100 * r->t_arrivals / tot : 0.0,
                       tot > 0 ? 100 * r->t_recourse / tot : 0.0);
        }
    }
    return meta ? hpi_run_text(o, meta->run) : HP_OK;
}

static void csv_val(hpi_writer *o, const char *plan, const char *measure, const char *stat,
                    const char *product, const char *quarter, double lower, double upper, double v)
{
    char b1[32] = "", b2[32] = "", b3[32];
    if (!isnan(lower))
        hpi_g10(b1, sizeof b1, lower);
    if (!isnan(upper))
        hpi_g10(b2, sizeof b2, upper);
    hpi_g10(b3, sizeof b3, v);
    hpi_printf(o, "%s,%s,%s,%s,%s,%s,%s,%s\n", plan, measure, stat, product, quarter, b1, b2, b3);
}

static void csv_stat(hpi_writer *o, const char *plan, const char *measure, const hp_mc_stat *s)
{
    const char *names[] = {"mean", "se", "p50", "p90", "p95", "p99", "cvar95", "min", "max"};
    double v[] = {s->mean, s->se, s->p50, s->p90, s->p95, s->p99, s->cvar95, s->min, s->max};
    for (int i = 0; i < 9; i++)
        csv_val(o, plan, measure, names[i], "", "", NAN, NAN, v[i]);
}

static hp_status report_csv(hpi_writer *o, const hp_sim_entry *e, int n)
{
    hpi_puts(o, "plan,measure,statistic,product,quarter,lower,upper,value\n");
    for (int k = 0; k < n; k++) {
        const hp_sim_result *r = e[k].sim;
        const char *pl = e[k].label;
        char q[16];
        csv_stat(o, pl, "spend", &r->spend);
        const char *pn[] = {"mean", "se", "min", "max"};
        double pvs[] = {r->pen.mean, r->pen.se, r->pen.min, r->pen.max};
        for (int i = 0; i < 4; i++)
            csv_val(o, pl, "penalty", pn[i], "", "", NAN, NAN, pvs[i]);
        csv_stat(o, pl, "cost", &r->cost);
        csv_stat(o, pl, "shortage", &r->shortage);
        csv_val(o, pl, "shortage", "prob_any", "", "", NAN, NAN, r->prob_short);
        /* spend parts, then penalty parts ("penalty" is the unmet-demand one) */
        const char *parts[] = {"purchase", "contract",        "take_or_pay",     "spot",
                               "reserve",  "holding",         "terminal_credit", "penalty",
                               "safety",   "terminal_penalty"};
        double pv[] = {r->purchase, r->contract,    r->take_or_pay, r->spot,   r->reserve,
                       r->holding,  r->term_credit, r->penalty,     r->safety, r->term_penalty};
        for (int i = 0; i < 10; i++)
            csv_val(o, pl, "cost_part", parts[i], "", "", NAN, NAN, pv[i]);
        csv_val(o, pl, "quantity", "unmet", "", "", NAN, NAN, r->unmet_qty);
        csv_val(o, pl, "quantity", "spot", "", "", NAN, NAN, r->spot_qty);
        csv_val(o, pl, "quantity", "reserve", "", "", NAN, NAN, r->reserve_qty);
        csv_val(o, pl, "quantity", "terminal_short", "", "", NAN, NAN, r->term_short_qty);
        csv_val(o, pl, "quantity", "overflow", "", "", NAN, NAN, r->overflow_qty);
        for (int p = 0; p < r->P; p++)
            for (int t = 0; t < r->T; t++) {
                size_t i = (size_t)p * (size_t)r->T + (size_t)t;
                hpi_quarter(r->inst, t, q, sizeof q);
                csv_val(o, pl, "stockout", "probability", r->inst->products[p].id, q, NAN, NAN,
                        r->stockout[i]);
                csv_val(o, pl, "unmet", "mean", r->inst->products[p].id, q, NAN, NAN, r->unmet[i]);
            }
        for (int b = 0; r->spend_edges && r->spend_hist && b < r->n_bins; b++)
            csv_val(o, pl, "spend_histogram", "probability", "", "", r->spend_edges[b],
                    r->spend_edges[b + 1], r->spend_hist[b]);
        for (int b = 0; b < r->n_bins; b++)
            csv_val(o, pl, "cost_histogram", "probability", "", "", r->cost_edges[b],
                    r->cost_edges[b + 1], r->cost_hist[b]);
        for (int b = 0; b < r->n_bins; b++)
            csv_val(o, pl, "shortage_histogram", "probability", "", "", r->short_edges[b],
                    r->short_edges[b + 1], r->short_hist[b]);
    }
    return HP_OK;
}

hp_status hp_sim_report(FILE *f, const hp_sim_entry *e, int n, hp_format fmt,
                        const hp_sim_meta *meta)
{
    hpi_writer o;
    hp_status st;
    if (!f || !e || n < 1)
        return HP_EINVAL;
    for (int k = 0; k < n; k++)
        if (!e[k].sim || e[k].sim->stopped || !e[k].label)
            return HP_EINVAL;
    hpi_writer_init(&o, f, 0.0);
    if (fmt == HP_FMT_JSON)
        st = hpi_sim_json(&o, e, n, meta);
    else if (fmt == HP_FMT_HTML)
        st = hpi_sim_html(&o, e, n, meta);
    else if (fmt == HP_FMT_CSV)
        st = report_csv(&o, e, n);
    else
        st = report_text(&o, e, n, meta);
    if (st != HP_OK)
        return st;
    return hpi_finish(&o);
}
