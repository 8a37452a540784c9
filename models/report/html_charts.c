/* The charts of the HTML reports (see html_int.h): stock path per product,
 * scenarios side by side, the front with its knee, the out-of-sample
 * histograms with their humps labelled. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"

#define W_FULL  1000
#define W_HALF  520
#define H_CHART 300

static const char *const RED = "#b83b3b", *const GREY = "#9aa5ae";

/* Quarter labels 0..T-1 (each 12 bytes) for the x axis. */
static void quarter_labels(const hp_instance *in, char (*q)[12], const char **lab)
{
    for (int t = 0; t < in->T; t++) {
        hpi_quarter(in, t, q[t], 12);
        lab[t] = q[t];
    }
}

void hpi_html_stock(hpi_writer *w, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    int T = in->T;
    int S = in->n_scenarios, band = p->scen_balance && S > 1;
    double *x = calloc((size_t)(7 * T + 1), sizeof *x);
    char(*q)[12] = calloc((size_t)T + 1, sizeof *q);
    const char **lab = calloc((size_t)T + 1, sizeof *lab);
    hpi_puts(w, "<section id=\"stock\">\n<h2>Stock path per product</h2>\n");
    if (!x || !q || !lab) {
        w->st = w->st == HP_OK ? HP_ENOMEM : w->st;
        goto cleanup;
    }
    hpi_puts(w, "<p>Expected stock at the end of each quarter (averaged over the scenarios), "
                "against demand and the safety stock; red bars are the expected unmet "
                "demand.");
    if (band)
        hpi_printf(w,
                   " The shaded band is the range of the stock over the %d scenarios, from the "
                   "least to the most any of them leaves.",
                   S);
    hpi_puts(w, "</p>\n<div class=\"charts\">\n");
    quarter_labels(in, q, lab);
    for (int k = 0; k < in->n_products; k++) {
        const hp_product *pr = &in->products[k];
        double *inv = x + T, *dem = x + 2 * T, *ss = x + 3 * T, *un = x + 4 * T, hi = 0;
        double *lo_s = x + 5 * T, *hi_s = x + 6 * T;
        hpi_svg s;
        hpi_svg_axis xa = {"quarter", 0}, ya = {"t at the end of the quarter", 1};
        char title[160];
        int any_ss = 0, any_un = 0;
        for (int t = 0; t < T; t++) {
            x[t] = t;
            inv[t] = dem[t] = un[t] = 0;
            ss[t] = pr->safety_stock ? pr->safety_stock[t] : 0;
            lo_s[t] = HUGE_VAL;
            hi_s[t] = -HUGE_VAL;
            for (int sc = 0; band && sc < S; sc++) {
                double v =
                    p->scen_balance[((size_t)sc * (size_t)in->n_products + (size_t)k) * (size_t)T +
                                    (size_t)t]
                        .inventory;
                lo_s[t] = fmin(lo_s[t], v);
                hi_s[t] = fmax(hi_s[t], v);
            }
        }
        for (int i = 0; i < p->n_balance; i++) {
            const hp_balance *b = &p->balance[i];
            if (b->product != k || b->quarter < 0 || b->quarter >= T)
                continue;
            inv[b->quarter] = b->inventory;
            dem[b->quarter] = b->demand;
            un[b->quarter] = b->unmet;
        }
        for (int t = 0; t < T; t++) {
            hi = fmax(hi, fmax(inv[t], fmax(dem[t], fmax(ss[t], un[t]))));
            if (band)
                hi = fmax(hi, hi_s[t]);
            any_ss |= ss[t] > 0;
            any_un |= un[t] > 1e-9;
        }
        snprintf(title, sizeof title, "Stock path of %s", pr->id);
        hpi_puts(w, "<figure><figcaption><b>");
        hpi_html_esc(w, pr->id);
        if (pr->name) {
            hpi_puts(w, "</b> (");
            hpi_html_esc(w, pr->name);
            hpi_puts(w, ")");
        } else {
            hpi_puts(w, "</b>");
        }
        hpi_puts(w, "</figcaption>\n");
        hpi_svg_begin(&s, w, T > 8 ? W_FULL : W_HALF, H_CHART, title, -0.5, T - 0.5, &xa, 0,
                      hi * 1.1, &ya);
        hpi_svg_xlabels(&s, lab, T);
        for (int t = 0; t < T; t++)
            if (un[t] > 1e-9)
                hpi_svg_rect(&s, t - 0.3, 0, t + 0.3, un[t], RED);
        if (band)
            hpi_svg_band(&s, x, lo_s, hi_s, T, hpi_html_colour(0));
        hpi_svg_line(&s, x, dem, T, GREY, 2, 6);
        if (any_ss)
            hpi_svg_line(&s, x, ss, T, "#d9822b", 1.5, 3);
        hpi_svg_line(&s, x, inv, T, hpi_html_colour(0), 2.5, 0);
        for (int t = 0; t < T; t++)
            hpi_svg_dot(&s, t, inv[t], 3, hpi_html_colour(0), NULL);
        hpi_svg_legend(&s, hpi_html_colour(0), 1, "expected stock");
        if (band)
            hpi_svg_legend(&s, hpi_html_colour(0), 2, "stock range");
        hpi_svg_legend(&s, GREY, 1, "demand");
        if (any_ss)
            hpi_svg_legend(&s, "#d9822b", 1, "safety stock");
        if (any_un)
            hpi_svg_legend(&s, RED, 0, "unmet");
        hpi_svg_end(&s);
        hpi_puts(w, "</figure>\n");
    }
    hpi_puts(w, "</div>\n");
cleanup:
    hpi_puts(w, "</section>\n");
    free(x);
    free(q);
    free(lab);
}

static void bar_cell(hpi_writer *w, double v, double max, const char *text, const char *colour)
{
    double pct = max > 0 && v > 0 ? 100.0 * v / max : 0;
    hpi_printf(w,
               "<td class=\"n\">%s</td><td style=\"width:160px\"><div style=\"width:%.1f%%;"
               "height:10px;background:%s\"></div></td>",
               text, pct, colour);
}

void hpi_html_scenarios(hpi_writer *w, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    double cmax = 0, smax = 0;
    char a[64];
    if (!p->scen_cost || !p->scen_shortage || in->n_scenarios < 1)
        return;
    for (int s = 0; s < in->n_scenarios; s++) {
        cmax = fmax(cmax, p->scen_cost[s]);
        smax = fmax(smax, p->scen_shortage[s]);
    }
    hpi_printf(w,
               "<section id=\"scenarios\">\n<h2>The plan in each scenario</h2>\n"
               "<p>The same orders met by each of the instance's %d disruption scenarios: "
               "the cost of that future (purchases, spot buys, holding, penalties) and the "
               "shortage it leaves (criticality-weighted t).</p>\n",
               in->n_scenarios);
    if (in->n_scenarios > 40) {
        hpi_puts(w, "<p class=\"note\">Many scenarios: see the out-of-sample distribution and "
                    "the JSON report for each one.</p>\n</section>\n");
        return;
    }
    hpi_puts(w, "<table>\n<tr><th>scenario</th><th class=\"n\">probability</th>"
                "<th class=\"n\">cost, USD m</th><th></th><th class=\"n\">shortage, t</th>"
                "<th></th></tr>\n");
    for (int s = 0; s < in->n_scenarios; s++) {
        hpi_puts(w, "<tr><td>");
        hpi_html_esc(w, in->scenarios[s].name ? in->scenarios[s].name : "?");
        hpi_fixed(a, sizeof a, in->scenarios[s].probability, 3);
        hpi_printf(w, "</td><td class=\"n\">%s</td>", a);
        hpi_grouped(a, sizeof a, p->scen_cost[s] / 1e6, 2);
        bar_cell(w, p->scen_cost[s], cmax, a, hpi_html_colour(0));
        hpi_fixed(a, sizeof a, p->scen_shortage[s], 2);
        bar_cell(w, p->scen_shortage[s], smax, a, RED);
        hpi_puts(w, "</tr>\n");
    }
    hpi_puts(w, "</table>\n</section>\n");
}

void hpi_html_front(hpi_writer *w, const hp_front_run *r)
{
    const hp_pareto *f = r->front;
    double cmin = INFINITY, cmax = -INFINITY, rmin = INFINITY, rmax = -INFINITY;
    double *x = calloc((size_t)f->n + 1, sizeof *x), *y = calloc((size_t)f->n + 1, sizeof *y);
    char lab[96], a[64], b[64];
    int n = 0, first = -1;
    hpi_svg s;
    const char *ax = r->axis_cost ? "cost" : "spend";
    double ex = NAN, ey = NAN; /* the expected-cost plan */
    hpi_svg_axis xa = {lab, 1},
                 ya = {r->axis_cost ? "expected total cost, USD m" : "expected spend, USD m", 1e6};
    hpi_puts(w, "<section id=\"front\">\n<h2>Spend or cost against risk: the front</h2>\n");
    if (!x || !y) {
        w->st = w->st == HP_OK ? HP_ENOMEM : w->st;
        goto cleanup;
    }
    hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
    for (int i = 0; i < f->n; i++) {
        const hp_pareto_point *q = &f->pts[i];
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        if (first < 0)
            first = i;
        cmin = fmin(cmin, q->cost);
        cmax = fmax(cmax, q->cost);
        rmin = fmin(rmin, q->risk);
        rmax = fmax(rmax, q->risk);
        if (q->on_front) {
            x[n] = q->risk;
            y[n++] = q->cost;
        }
    }
    if (first < 0) {
        hpi_puts(w, "<p>No point of the front was solved.</p>\n");
        goto cleanup;
    }
    /* on a spend front the expected-cost plan is solved apart (cost_plan);
     * on a cost front it is the cheapest end */
    if (r->cost_plan) {
        ex = hp_plan_measure(r->cost_plan, r->measure);
        ey = r->axis_cost ? r->cost_plan->cost_total : r->cost_plan->cost_spend;
        rmin = fmin(rmin, ex);
        rmax = fmax(rmax, ex);
        cmin = fmin(cmin, ey);
        cmax = fmax(cmax, ey);
    } else {
        ex = f->pts[first].risk;
        ey = f->pts[first].cost;
    }
    hpi_printf(w,
               "<p>Each point is a plan: the least expected %s at a given risk. Left is "
               "safer, lower is cheaper. The <b>knee</b> is where buying less risk starts to "
               "cost much more; the <b>expected-cost plan</b> (least spend plus penalty) is marked "
               "in red.</p>\n",
               ax);
    hpi_svg_begin(&s, w, W_FULL, 360, "Cost-risk front", rmin, rmax, &xa, cmin,
                  cmax + 0.08 * (cmax - cmin), &ya);
    hpi_svg_line(&s, x, y, n, hpi_html_colour(0), 2, 0);
    for (int i = 0; i < f->n; i++) {
        const hp_pareto_point *q = &f->pts[i];
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        hpi_svg_dot(&s, q->risk, q->cost, 4, q->on_front ? hpi_html_colour(0) : GREY, NULL);
    }
    for (int i = 0; i < f->n; i++)
        if (f->pts[i].knee && f->pts[i].result.has_solution)
            hpi_svg_dot(&s, f->pts[i].risk, f->pts[i].cost, 7, "#d9822b", "knee");
    hpi_svg_dot(&s, ex, ey, 7, RED, "expected-cost plan");
    hpi_svg_legend(&s, hpi_html_colour(0), 1, "front");
    hpi_svg_legend(&s, "#d9822b", 0, "knee");
    hpi_svg_legend(&s, RED, 0, "expected-cost plan");
    hpi_svg_end(&s);
    hpi_printf(w,
               "<table>\n<tr><th>point</th><th class=\"n\">risk (%s)</th><th class=\"n\">"
               "expected spend, USD m</th><th class=\"n\">expected cost, USD m</th>"
               "<th>mark</th></tr>\n",
               lab);
    for (int i = 0; i < f->n; i++) {
        const hp_pareto_point *q = &f->pts[i];
        const hp_plan *pl = r->plans ? r->plans[i] : NULL;
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        hpi_fixed(a, sizeof a, q->risk, 3);
        hpi_printf(w, "<tr><td>%d</td><td class=\"n\">%s</td>", i, a);
        for (int c = 0; c < 2; c++) {
            double v = c == 0 ? (pl             ? pl->cost_spend
                                 : r->axis_cost ? NAN
                                                : q->cost)
                              : (pl             ? pl->cost_total
                                 : r->axis_cost ? q->cost
                                                : NAN);
            if (isfinite(v))
                hpi_grouped(b, sizeof b, v / 1e6, 2);
            hpi_printf(w, "<td class=\"n\">%s</td>", isfinite(v) ? b : "");
        }
        hpi_printf(w, "<td>%s%s%s</td></tr>\n",
                   !r->cost_plan && i == first ? "expected-cost plan " : "", q->knee ? "knee" : "",
                   q->dominated ? "dominated" : "");
    }
    if (r->cost_plan) {
        hpi_fixed(a, sizeof a, ex, 3);
        hpi_printf(w, "<tr><td></td><td class=\"n\">%s</td>", a);
        hpi_grouped(b, sizeof b, r->cost_plan->cost_spend / 1e6, 2);
        hpi_printf(w, "<td class=\"n\">%s</td>", b);
        hpi_grouped(b, sizeof b, r->cost_plan->cost_total / 1e6, 2);
        hpi_printf(w, "<td class=\"n\">%s</td><td>expected-cost plan</td></tr>\n", b);
    }
    hpi_puts(w, "</table>\n");
cleanup:
    hpi_puts(w, "</section>\n");
    free(x);
    free(y);
}

/* A hump of a histogram: a bin taller than every other within two bins
 * on either side, holding at least a fifth of the tallest bin, and at
 * least four bins from the hump labelled before it. */
static int hump(const double *h, int nb, int k, double top, int last)
{
    if (!(h[k] >= 0.2 * top) || !(h[k] > 0) || (last >= 0 && k - last < 4))
        return 0;
    for (int d = -2; d <= 2; d++)
        if (d && k + d >= 0 && k + d < nb && (d < 0 ? h[k + d] > h[k] : h[k + d] >= h[k]))
            return 0;
    return 1;
}

/* One histogram with its humps labelled (hump()). */
static void histogram(hpi_writer *w, const char *title, const char *axis, double scale,
                      const double *edges, const double *h, int nb, const char *unit, int dec)
{
    double top = 0;
    hpi_svg s;
    hpi_svg_axis xa = {axis, scale}, ya = {"probability", 1};
    char a[64], note[128];
    for (int k = 0; k < nb; k++)
        top = fmax(top, h[k]);
    hpi_svg_begin(&s, w, W_HALF, H_CHART, title, edges[0], edges[nb], &xa, 0, top * 1.3, &ya);
    hpi_svg_bars(&s, edges, h, nb, hpi_html_colour(0));
    for (int k = 0, last = -1; k < nb; k++) {
        if (hump(h, nb, k, top, last)) {
            last = k;
            hpi_fixed(a, sizeof a, 0.5 * (edges[k] + edges[k + 1]) / scale, dec);
            snprintf(note, sizeof note, "%s %s (%.0f%%)", a, unit, 100 * h[k]);
            hpi_svg_text(&s, 0.5 * (edges[k] + edges[k + 1]), h[k] + 0.04 * top, "middle", note);
        }
    }
    hpi_svg_end(&s);
}

void hpi_html_sim(hpi_writer *w, const hp_sim_entry *e, int n)
{
    char a[64], b[64], c[64];
    hpi_puts(w, "<section id=\"simulation\">\n<h2>Out of sample: the plan on new disruption "
                "paths</h2>\n");
    for (int k = 0; k < n; k++) {
        const hp_sim_result *r = e[k].sim;
        char t1[128], t2[128];
        char sp[64], pe[64];
        hpi_grouped(sp, sizeof sp, r->spend.mean / 1e6, 2);
        hpi_grouped(pe, sizeof pe, r->pen.mean / 1e6, 2);
        hpi_grouped(a, sizeof a, r->cost.mean / 1e6, 2);
        hpi_fixed(b, sizeof b, r->shortage.mean, 2);
        hpi_fixed(c, sizeof c, 100.0 * r->prob_short, 1);
        hpi_printf(w, "<h3>");
        hpi_html_esc(w, e[k].label);
        hpi_printf(w,
                   " plan on %ld %s paths</h3>\n<p>Mean spend USD %s m and penalty USD %s m "
                   "(notional), a mean cost of USD %s m; mean shortage %s t; "
                   "%s %% of the paths run short.",
                   r->n_paths, r->paths == HP_PATHS_SCENARIOS ? "scenario" : "sampled", sp, pe, a,
                   b, c);
        hpi_grouped(a, sizeof a, r->cost.p95 / 1e6, 2);
        hpi_fixed(b, sizeof b, r->shortage.p95, 2);
        hpi_printf(w,
                   " In 95 %% of the paths the cost stays below USD %s m and the shortage "
                   "below %s t.</p>\n<div class=\"charts\">\n",
                   a, b);
        if (r->n_bins > 0 && r->spend_edges && r->spend_hist) {
            char t0[128];
            snprintf(t0, sizeof t0, "Spend per path, %s plan", e[k].label);
            histogram(w, t0, "spend per path, USD m", 1e6, r->spend_edges, r->spend_hist, r->n_bins,
                      "m", 1);
        }
        snprintf(t1, sizeof t1, "Cost per path, %s plan", e[k].label);
        snprintf(t2, sizeof t2, "Shortage per path, %s plan", e[k].label);
        if (r->n_bins > 0 && r->cost_edges && r->cost_hist) {
            histogram(w, t1, "cost per path, USD m", 1e6, r->cost_edges, r->cost_hist, r->n_bins,
                      "m", 1);
            histogram(w, t2, "shortage per path, t", 1, r->short_edges, r->short_hist, r->n_bins,
                      "t", 1);
        }
        hpi_puts(w, "</div>\n");
    }
    hpi_puts(w, "<p class=\"note\">Bars: share of paths in each bin; labels mark the humps "
                "(the usual outcomes).</p>\n</section>\n");
}
