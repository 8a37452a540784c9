/* The HTML pages: the planner's report (html.h) and the --format html
 * pages of pareto, compare and simulate (see html_int.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "html_int.h"

hp_status hp_html_report(FILE *f, const hp_html_input *in)
{
    hpi_writer w;
    const hp_plan *p = in ? in->plan : NULL;
    char sub[600], obj[96];
    hp_status st;
    if (!f || !p || !p->inst)
        return HP_EINTERNAL;
    hpi_writer_init(&w, f, 0.0);
    hpi_objective_words(p, obj, sizeof obj);
    if (p->has_near && p->near_region >= 0 && p->near_region < p->inst->n_regions)
        snprintf(obj, sizeof obj, "least-%s-share (within %g %% of the reference spend)",
                 p->inst->regions[p->near_region], 100.0 * p->near_slack);
    snprintf(sub, sizeof sub,
             "Procurement plan for %d quarters from %s: the %s plan, how it trades cost "
             "against risk, and how it fares on disruptions it was not planned on.",
             p->inst->T,
             in->file        ? in->file
             : p->inst->file ? p->inst->file
                             : "(no file)",
             obj);
    hpi_html_open(&w, p->inst->name ? p->inst->name : "hreeplan report", sub);
    hpi_html_headline(&w, p);
    if ((st = hpi_html_decision(&w, p)) != HP_OK || (st = hpi_html_near(&w, p)) != HP_OK)
        return st;
    if (in->front)
        hpi_html_front(&w, in->front);
    hpi_html_stock(&w, p);
    hpi_html_scenarios(&w, p);
    hpi_html_voi(&w, p);
    if (in->sim && in->n_sim > 0)
        hpi_html_sim(&w, in->sim, in->n_sim);
    if ((st = hpi_html_duals(&w, p)) != HP_OK)
        return st;
    if ((st = hpi_html_close(&w, in->run)) != HP_OK)
        return st;
    return hpi_finish(&w);
}

hp_status hpi_front_html(hpi_writer *w, const hp_front_run *r)
{
    char sub[512];
    snprintf(sub, sizeof sub, "Cost-risk front of %d points from %s", r->front->n,
             r->file ? r->file : "(no file)");
    hpi_html_open(w, r->inst->name ? r->inst->name : "hreeplan front", sub);
    hpi_html_front(w, r);
    return hpi_html_close(w, r->run);
}

hp_status hpi_sim_html(hpi_writer *w, const hp_sim_entry *e, int n, const hp_sim_meta *meta)
{
    const hp_instance *in = e[0].sim->inst;
    char sub[512];
    snprintf(sub, sizeof sub, "Monte-Carlo stress test of %d plan%s on %s", n, n == 1 ? "" : "s",
             meta && meta->file ? meta->file
             : in->file         ? in->file
                                : "(no file)");
    hpi_html_open(w, in->name ? in->name : "hreeplan simulation", sub);
    hpi_html_sim(w, e, n);
    return hpi_html_close(w, meta ? meta->run : NULL);
}

static void cell_m(hpi_writer *w, double usd)
{
    char a[64];
    hpi_grouped(a, sizeof a, usd / 1e6, 2);
    hpi_printf(w, "<td class=\"n\">%s</td>", a);
}

#define TOP_MOVES 20

/* What moved in each variant's order book against the first instance's. */
static hp_status moves_html(hpi_writer *w, const hp_compare *c)
{
    char ref[HPI_LABEL];
    hpi_compare_label(c->files[0], ref, sizeof ref);
    char a[64];
    hp_status st = HP_OK;
    hpi_puts(w, "<section id=\"moves\">\n<h2>What moved in the order book against ");
    hpi_html_esc(w, ref);
    hpi_fixed(a, sizeof a, HP_COMPARE_MOVE_TOL, 3);
    hpi_printf(w,
               "</h2>\n<p class=\"note\">Tonnes shipped per supplier, product and ship "
               "quarter, each variant against the first plan, biggest moves first; moves under "
               "%s t are left out.</p>\n",
               a);
    for (int k = 1; k < c->n; k++) {
        hpi_move *mv = NULL;
        int m = 0;
        char name[HPI_LABEL];
        hpi_compare_label(c->files[k], name, sizeof name);
        hpi_puts(w, "<h3>");
        hpi_html_esc(w, name);
        hpi_puts(w, "</h3>\n");
        if (!c->plans[0] || !c->plans[k]) {
            hpi_printf(w, "<p>Nothing to compare: %s has no plan.</p>\n",
                       c->plans[0] ? "this instance" : "the first instance");
            continue;
        }
        if ((st = hpi_moves_of(c->plans[0], c->plans[k], HP_COMPARE_MOVE_TOL, &mv, &m)) != HP_OK)
            return st;
        if (m == 0) {
            hpi_puts(w, "<p>No order moved.</p>\n");
        } else {
            double up = 0.0, down = 0.0;
            char b[64];
            for (int i = 0; i < m; i++) {
                if (mv[i].change > 0)
                    up += mv[i].change;
                else
                    down -= mv[i].change;
            }
            hpi_fixed(a, sizeof a, up, 2);
            hpi_fixed(b, sizeof b, down, 2);
            hpi_printf(w, "<p>%d move%s: %s t more ordered, %s t less.</p>\n", m, m == 1 ? "" : "s",
                       a, b);
        }
        if (m > 0)
            hpi_puts(w, "<table>\n<tr><th>supplier</th><th>product</th><th>ships</th>"
                        "<th class=\"n\">before, t</th><th class=\"n\">after, t</th>"
                        "<th class=\"n\">change, t</th></tr>\n");
        for (int i = 0; i < m && i < TOP_MOVES; i++) {
            hpi_puts(w, "<tr><td>");
            hpi_html_esc(w, mv[i].supplier);
            hpi_puts(w, "</td><td>");
            hpi_html_esc(w, mv[i].product);
            hpi_printf(w, "</td><td>%s</td>", mv[i].quarter);
            hpi_fixed(a, sizeof a, mv[i].from, 2);
            hpi_printf(w, "<td class=\"n\">%s</td>", a);
            hpi_fixed(a, sizeof a, mv[i].to, 2);
            hpi_printf(w, "<td class=\"n\">%s</td>", a);
            hpi_fixed(a, sizeof a, mv[i].change, 2);
            hpi_printf(w, "<td class=\"n\">%s%s</td></tr>\n", mv[i].change > 0 ? "+" : "", a);
        }
        if (m > 0)
            hpi_puts(w, "</table>\n");
        if (m > TOP_MOVES)
            hpi_printf(w, "<p class=\"note\">%d smaller moves in the JSON report.</p>\n",
                       m - TOP_MOVES);
        free(mv);
    }
    hpi_puts(w, "</section>\n");
    return st;
}

hp_status hpi_compare_html(hpi_writer *w, const hp_compare *c)
{
    hp_status st;
    char a[64];
    hpi_html_open(w, "Plans side by side", "One plan per instance, solved the same way.");
    hpi_puts(w, "<section id=\"compare\">\n<h2>Headline of each plan</h2>\n<table>\n<tr>"
                "<th>instance</th><th>status</th><th class=\"n\">spend, USD m</th>"
                "<th class=\"n\">penalty, USD m</th><th class=\"n\">total, USD m</th>"
                "<th class=\"n\">unmet, t</th><th class=\"n\">CVaR of shortage, t</th>"
                "<th>shares by region</th></tr>\n");
    for (int k = 0; k < c->n; k++) {
        const hp_plan *p = c->plans[k];
        char name[HPI_LABEL];
        hpi_compare_label(c->files[k], name, sizeof name);
        double unmet = 0;
        hpi_puts(w, "<tr><td>");
        hpi_html_esc(w, name);
        if (!p) {
            hpi_printf(w, "</td><td>%s</td><td colspan=\"6\"></td></tr>\n",
                       c->infeasible && c->infeasible[k] ? "infeasible" : "no plan");
            continue;
        }
        hpi_printf(w, "</td><td>%s</td>", hp_sol_status_str(p->result.status));
        cell_m(w, hpi_plan_spend(p));
        cell_m(w, p->cost_penalty);
        cell_m(w, p->cost_total);
        for (int i = 0; i < p->inst->n_products; i++)
            unmet += hpi_unmet_of(p, i);
        hpi_grouped(a, sizeof a, unmet, 2);
        hpi_printf(w, "<td class=\"n\">%s</td>", a);
        hpi_grouped(a, sizeof a, p->cvar, 2);
        hpi_printf(w, "<td class=\"n\">%s</td><td>", a);
        for (int r = 0; r < p->inst->n_regions; r++) {
            hpi_fixed(a, sizeof a, 100.0 * p->region_share[r], 1);
            hpi_puts(w, r ? ", " : "");
            hpi_puts(w, "<span style=\"white-space:nowrap\">");
            hpi_html_esc(w, p->inst->regions[r]);
            hpi_printf(w, " %s %%</span>", a);
        }
        hpi_puts(w, "</td></tr>\n");
    }
    hpi_puts(w, "</table>\n</section>\n<section id=\"decisions\">\n<h2>What each plan orders "
                "now</h2>\n");
    for (int k = 0; k < c->n; k++) {
        const hp_plan *p = c->plans[k];
        char name[HPI_LABEL];
        hpi_compare_label(c->files[k], name, sizeof name);
        if (!p) {
            continue;
        }
        hpi_puts(w, "<h3>");
        hpi_html_esc(w, name);
        hpi_puts(w, "</h3>\n");
        hpi_html_orders_now(w, p);
    }
    hpi_puts(w, "</section>\n");
    if (c->n > 1 && (st = moves_html(w, c)) != HP_OK)
        return st;
    return hpi_html_close(w, c->run);
}
