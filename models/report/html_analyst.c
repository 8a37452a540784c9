/* The analyst's sections of the HTML plan pages (see html_int.h): the
 * near-optimal alternative with what moved in its order book, and the value
 * of information, each when the run asked for it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"

static void usd_m(char *buf, size_t len, double usd)
{
    char a[48];
    hpi_grouped(a, sizeof a, usd / 1e6, 2);
    snprintf(buf, len, "USD %s m", a);
}

static void usd(char *buf, size_t len, double v)
{
    char a[48];
    hpi_grouped(a, sizeof a, v, 0);
    snprintf(buf, len, "USD %s", a);
}

/* A row "before -> after" of the near-optimal table. */
static void near_row(hpi_writer *w, const char *what, const char *before, const char *after)
{
    hpi_puts(w, "<tr><td>");
    hpi_html_esc(w, what);
    hpi_printf(w, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", before, after);
}

hp_status hpi_html_near(hpi_writer *w, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    const char *reg;
    char a[96], b[96];
    hpi_move *mv = NULL;
    int m = 0;
    hp_status st = HP_OK;
    if (!p->has_near || p->near_region < 0 || p->near_region >= in->n_regions)
        return HP_OK;
    reg = in->regions[p->near_region];
    hpi_puts(w, "<section id=\"near\">\n<h2>A near-optimal alternative: less from ");
    hpi_html_esc(w, reg);
    hpi_fixed(a, sizeof a, 100.0 * p->near_slack, 1);
    hpi_printf(w,
               "</h2>\n<p>Among the plans whose expected spend is within %s %% of the "
               "reference plan's, this one ships the least share from ",
               a);
    hpi_html_esc(w, reg);
    hpi_fixed(a, sizeof a, 100.0 * p->share_before, 1);
    hpi_fixed(b, sizeof b, 100.0 * p->share_after, 1);
    hpi_printf(w, ": <b>%s %%</b> instead of %s %%. It is the plan this page describes.</p>\n", b,
               a);
    hpi_puts(w, "<table>\n<tr><th></th><th class=\"n\">reference plan</th>"
                "<th class=\"n\">this plan</th></tr>\n");
    {
        char what[64];
        snprintf(what, sizeof what, "share of %s", reg);
        hpi_fixed(a, sizeof a, 100.0 * p->share_before, 1);
        hpi_fixed(b, sizeof b, 100.0 * p->share_after, 1);
        snprintf(a + strlen(a), sizeof a - strlen(a), " %%");
        snprintf(b + strlen(b), sizeof b - strlen(b), " %%");
        near_row(w, what, a, b);
    }
    if (p->near_before) {
        usd_m(a, sizeof a, p->near_before->cost_spend);
        usd_m(b, sizeof b, p->cost_spend);
        near_row(w, "expected spend", a, b);
        usd_m(a, sizeof a, p->near_before->cost_total);
        usd_m(b, sizeof b, p->cost_total);
        near_row(w, "expected cost (spend + penalty)", a, b);
        hpi_fixed(a, sizeof a, p->near_before->cvar, 2);
        hpi_fixed(b, sizeof b, p->cvar, 2);
        snprintf(a + strlen(a), sizeof a - strlen(a), " t");
        snprintf(b + strlen(b), sizeof b - strlen(b), " t");
        near_row(w, "CVaR of shortage", a, b);
    }
    hpi_puts(w, "</table>\n");
    if (!p->near_before)
        goto cleanup;
    if ((st = hpi_moves_of(p->near_before, p, HP_COMPARE_MOVE_TOL, &mv, &m)) != HP_OK)
        goto cleanup;
    hpi_fixed(a, sizeof a, HP_COMPARE_MOVE_TOL, 3);
    if (m == 0) {
        hpi_puts(w, "<p>No order moved: the reference plan already has the least share.</p>\n");
        goto cleanup;
    }
    hpi_printf(w,
               "<h3>What moved in the order book</h3>\n<p class=\"note\">Tonnes shipped per "
               "supplier, product and ship quarter, biggest moves first; moves under %s t left "
               "out.</p>\n<table>\n<tr><th>supplier</th><th>region</th><th>product</th>"
               "<th>ships</th><th class=\"n\">reference, t</th><th class=\"n\">this plan, t</th>"
               "<th class=\"n\">change, t</th></tr>\n",
               a);
    for (int i = 0; i < m; i++) {
        int j = -1;
        for (int k = 0; k < in->n_suppliers && j < 0; k++)
            if (!strcmp(in->suppliers[k].id, mv[i].supplier))
                j = k;
        hpi_puts(w, "<tr><td>");
        hpi_html_esc(w, mv[i].supplier);
        hpi_puts(w, "</td><td>");
        hpi_html_esc(w, hpi_supplier_region(in, j));
        hpi_puts(w, "</td><td>");
        hpi_html_esc(w, mv[i].product);
        hpi_printf(w, "</td><td>%s</td>", mv[i].quarter);
        hpi_fixed(a, sizeof a, mv[i].from, 2);
        hpi_fixed(b, sizeof b, mv[i].to, 2);
        hpi_printf(w, "<td class=\"n\">%s</td><td class=\"n\">%s</td>", a, b);
        hpi_fixed(a, sizeof a, mv[i].change, 2);
        hpi_printf(w, "<td class=\"n\">%s%s</td></tr>\n", mv[i].change > 0 ? "+" : "", a);
    }
    hpi_puts(w, "</table>\n");
cleanup:
    free(mv);
    hpi_puts(w, "</section>\n");
    return st;
}

void hpi_html_voi(hpi_writer *w, const hp_plan *p)
{
    static const char *const name[5] = {"WS", "RP", "EEV", "EVPI = RP - WS", "VSS = EEV - RP"};
    static const char *const what[5] = {
        "wait and see: each scenario planned knowing it will come",
        "recourse problem: the best plan for all the scenarios together",
        "expected value: the plan for the mean scenario, then met by each scenario",
        "what knowing the scenario in advance would be worth",
        "what planning for the scenarios saves over planning for the mean"};
    const double v[5] = {p->ws, p->rp, p->eev, p->evpi, p->vss};
    /* in whole USD, as the text report: EVPI and VSS are often far below
     * USD 0.01 m */
    char a[64], b[64];
    if (!p->has_stochastic_value)
        return;
    hpi_puts(w, "<section id=\"voi\">\n<h2>What information is worth</h2>\n<p>");
    if (isfinite(p->evpi)) {
        usd(a, sizeof a, p->evpi);
        hpi_printf(w,
                   "Knowing in advance which scenario comes would be worth up to <b>%s</b> "
                   "of expected cost (EVPI). ",
                   a);
    }
    if (isfinite(p->vss)) {
        usd(b, sizeof b, p->vss);
        hpi_printf(w, "Planning for all the scenarios instead of their mean saves <b>%s</b> (VSS).",
                   b);
    } else {
        hpi_puts(w, "The plan for the mean scenario leaves some scenario without any feasible "
                    "recourse: planning for the scenarios is worth more than any figure (VSS "
                    "infinite).");
    }
    hpi_puts(w, "</p>\n<table>\n<tr><th></th><th class=\"n\">expected cost</th>"
                "<th>what it is</th></tr>\n");
    for (int k = 0; k < 5; k++) {
        if (isfinite(v[k]))
            usd(a, sizeof a, v[k]);
        else
            snprintf(a, sizeof a, "infinite");
        hpi_printf(w, "<tr%s><td>%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
                   k == 3 ? " class=\"sep\"" : "", name[k], a, what[k]);
    }
    hpi_puts(w, "</table>\n<p class=\"note\">Expected cost is spend plus the notional penalty "
                "of unmet demand; WS &le; RP &le; EEV always holds.</p>\n</section>\n");
}
