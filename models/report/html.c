/* The HTML page frame and the plan's sections in words and tables (see
 * html_int.h), and the plan page of `plan --format html`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_int.h"

#define TOP_DUALS 10
#define DUAL_EPS  1e-6 /* USD per t: smaller shadow prices count as zero */

static const char *const style =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "color:#1d2630;max-width:1100px;margin:24px auto;padding:0 24px;line-height:1.45}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 8px;padding-bottom:4px;"
    "border-bottom:2px solid #1f5f8b}h3{font-size:15px;margin:18px 0 6px}\n"
    ".sub{color:#5a6570;margin:0 0 18px}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}\n"
    ".kpi{border:1px solid #c9d3dc;border-radius:6px;padding:10px 14px;min-width:150px;"
    "background:#f6f9fb}\n"
    ".kpi .v{font-size:22px;font-weight:600;white-space:nowrap}.kpi .k{font-size:13px;"
    "color:#4a5560}\n"
    "table{border-collapse:collapse;margin:8px 0 14px;font-size:13.5px}\n"
    "th,td{padding:3px 10px;border-bottom:1px solid #e1e6ea;text-align:left}\n"
    "th{background:#eef3f7;font-weight:600}th.n{white-space:nowrap}td.n,th.n{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "tr.now td{background:#fff6dc}tr.sep td{border-top:2px solid #c9d3dc}\n"
    ".share{display:flex;height:22px;border:1px solid #b9c4cd;max-width:640px;margin:6px 0}\n"
    ".share div{color:#fff;font-size:12px;line-height:22px;padding-left:4px;overflow:hidden;"
    "white-space:nowrap}\n"
    "ul.words li{margin:3px 0}\n"
    ".chart{display:block;margin:6px 0 4px;max-width:100%;height:auto}\n"
    ".chart .tick{font-size:11px;fill:#4a5560}.chart .axis{font-size:12.5px;fill:#1d2630}\n"
    ".chart .note{font-size:12px;fill:#1d2630}.chart .legend{font-size:12px;fill:#1d2630}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0}\n"
    "figcaption{font-size:14px;margin:4px 0 0 4px}\n"
    ".note{color:#5a6570;font-size:13px}\n"
    "footer{margin-top:36px;padding-top:8px;border-top:1px solid #c9d3dc;color:#5a6570;"
    "font-size:12px;word-break:break-all}\n"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
    "section,table,svg{break-inside:avoid}.kpi{background:none}}\n";

const char *hpi_html_colour(int k)
{
    static const char *const c[] = {"#1f5f8b", "#d9822b", "#3a8f4c", "#b83b3b",
                                    "#7a58a6", "#8c6d3f", "#c25a9a", "#5f6b75"};
    return c[(k < 0 ? -k : k) % 8];
}

void hpi_html_open(hpi_writer *w, const char *title, const char *subtitle)
{
    hpi_puts(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>");
    hpi_html_esc(w, title);
    hpi_printf(w, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
    hpi_html_esc(w, title);
    hpi_puts(w, "</h1>\n<p class=\"sub\">");
    hpi_html_esc(w, subtitle);
    hpi_puts(w, "</p>\n");
}

hp_status hpi_html_close(hpi_writer *w, const hp_run_record *run)
{
    hpi_puts(w, "<footer>");
    if (run) {
        char *line = hpi_run_line(run);
        if (!line)
            return HP_ENOMEM;
        hpi_html_esc(w, line);
        free(line);
    } else {
        hpi_puts(w, "written by hreeplan");
    }
    hpi_puts(w, "</footer>\n</body>\n</html>\n");
    return HP_OK;
}

double hpi_plan_spend(const hp_plan *p)
{
    return p->cost_spend;
}

static void kpi(hpi_writer *w, const char *value, const char *what)
{
    hpi_puts(w, "<div class=\"kpi\"><div class=\"v\">");
    hpi_html_esc(w, value);
    hpi_puts(w, "</div><div class=\"k\">");
    hpi_html_esc(w, what);
    hpi_puts(w, "</div></div>\n");
}

static void usd_m(char *buf, size_t len, double usd)
{
    char a[48];
    hpi_grouped(a, sizeof a, usd / 1e6, 2);
    snprintf(buf, len, "USD %s m", a);
}

void hpi_html_headline(hpi_writer *w, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    char v[96], k[160], a[64];
    hpi_puts(w, "<section id=\"headline\">\n<h2>Headline</h2>\n<div class=\"kpis\">\n");
    usd_m(v, sizeof v, hpi_plan_spend(p));
    kpi(w, v, "expected spend (purchases, contracts, spot, holding)");
    usd_m(v, sizeof v, p->cost_penalty);
    kpi(w, v, "expected penalty (unmet demand, safety stock)");
    usd_m(v, sizeof v, p->cost_total);
    kpi(w, v, "expected total cost");
    for (int i = 0; i < in->n_products; i++) {
        hpi_fixed(a, sizeof a, hpi_unmet_of(p, i), 2);
        snprintf(v, sizeof v, "%s t", a);
        snprintf(k, sizeof k, "expected unmet %s over the horizon", in->products[i].id);
        kpi(w, v, k);
    }
    hpi_fixed(a, sizeof a, p->cvar, 2);
    snprintf(v, sizeof v, "%s t", a);
    snprintf(k, sizeof k, "CVaR %.2f of shortage: mean of the worst %.0f%% of scenarios", p->alpha,
             100.0 * (1.0 - p->alpha));
    kpi(w, v, k);
    hpi_puts(w, "</div>\n<p>Shares of all tonnes shipped, by region of origin:</p>\n"
                "<div class=\"share\">");
    for (int r = 0; r < in->n_regions; r++) {
        double s = p->region_share[r];
        if (!(s > 0.0005))
            continue;
        hpi_fixed(a, sizeof a, 100.0 * s, 1);
        hpi_printf(w, "<div style=\"width:%.2f%%;background:%s\"", 100.0 * s, hpi_html_colour(r));
        /* a segment too narrow for its label keeps it as a tooltip; the
         * sentence below gives every share */
        if (s < 0.06) {
            hpi_puts(w, " title=\"");
            hpi_html_esc(w, in->regions[r]);
            hpi_printf(w, " %s%%\"></div>", a);
            continue;
        }
        hpi_puts(w, ">");
        hpi_html_esc(w, in->regions[r]);
        hpi_printf(w, " %s%%</div>", a);
    }
    hpi_puts(w, "</div>\n<p>");
    for (int r = 0; r < in->n_regions; r++) {
        hpi_fixed(a, sizeof a, 100.0 * p->region_share[r], 1);
        hpi_puts(w, r ? ", " : "");
        hpi_html_esc(w, in->regions[r]);
        hpi_printf(w, " %s %%", a);
        hpi_fixed(a, sizeof a, p->region_qty[r], 2);
        hpi_printf(w, " (%s t)", a);
    }
    hpi_puts(w, ".</p>\n</section>\n");
}

static void order_words(hpi_writer *w, const hp_plan *p, const hp_order *o)
{
    const hp_instance *in = p->inst;
    char q[16], a[64], b[64], c[64];
    hpi_quarter(in, o->arrive, q, sizeof q);
    hpi_fixed(a, sizeof a, o->quantity, 2);
    hpi_fixed(b, sizeof b, o->price, 2);
    usd_m(c, sizeof c, o->expected_cost);
    hpi_printf(w, "<li>Order <b>%s t</b> of <b>", a);
    hpi_html_esc(w, in->products[o->product].id);
    hpi_puts(w, "</b> from <b>");
    hpi_html_esc(w, in->suppliers[o->supplier].id);
    hpi_puts(w, "</b> (");
    hpi_html_esc(w, hpi_supplier_region(in, o->supplier));
    hpi_printf(w, ") at USD %s/kg, arriving in %s; expected cost %s.</li>\n", b, q, c);
}

void hpi_html_orders_now(hpi_writer *w, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    char q[16];
    int now = 0, signed_any = 0;
    hpi_quarter(in, 0, q, sizeof q);
    for (int i = 0; i < p->n_orders; i++)
        now += p->orders[i].ship == 0;
    if (now == 0)
        hpi_printf(w,
                   "<p>Nothing ships in %s: the plan's first orders come later (see the "
                   "order book below).</p>\n",
                   q);
    else
        hpi_puts(w, "<ul class=\"words\">\n");
    for (int i = 0; i < p->n_orders; i++)
        if (p->orders[i].ship == 0)
            order_words(w, p, &p->orders[i]);
    if (now)
        hpi_puts(w, "</ul>\n");
    for (int j = 0; p->contract && j < in->n_suppliers; j++)
        if (p->contract[j] == 1) {
            hpi_puts(w, signed_any ? ", " : "<p>Sign the supply contract with ");
            hpi_html_esc(w, in->suppliers[j].id);
            signed_any = 1;
        }
    if (signed_any)
        hpi_puts(w, ".</p>\n");
}

hp_status hpi_html_decision(hpi_writer *w, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    char q[16], a[64];
    hpi_quarter(in, 0, q, sizeof q);
    hpi_printf(w, "<section id=\"decision\">\n<h2>The decision: what to order now (%s)</h2>\n", q);
    hpi_html_orders_now(w, p);
    hpi_printf(w, "<h3>Order book (all quarters; rows shipping in %s highlighted)</h3>\n", q);
    if (p->n_orders == 0) {
        hpi_puts(w, "<p>No orders: demand is covered by stock, shipments in transit and spot "
                    "purchases.</p>\n</section>\n");
        return HP_OK;
    }
    hpi_puts(w, "<table>\n<tr><th>ships</th><th>supplier</th><th>region</th><th>product</th>"
                "<th class=\"n\">quantity, t</th><th>arrives</th><th class=\"n\">expected "
                "arrival, t</th><th class=\"n\">price, USD/kg</th><th class=\"n\">expected "
                "cost, USD m</th></tr>\n");
    for (int i = 0; i < p->n_orders; i++) {
        const hp_order *o = &p->orders[i];
        hpi_quarter(in, o->ship, q, sizeof q);
        hpi_printf(w, "<tr%s><td>%s</td><td>", o->ship == 0 ? " class=\"now\"" : "", q);
        hpi_html_esc(w, in->suppliers[o->supplier].id);
        hpi_puts(w, "</td><td>");
        hpi_html_esc(w, hpi_supplier_region(in, o->supplier));
        hpi_puts(w, "</td><td>");
        hpi_html_esc(w, in->products[o->product].id);
        hpi_fixed(a, sizeof a, o->quantity, 2);
        hpi_printf(w, "</td><td class=\"n\">%s</td>", a);
        hpi_quarter(in, o->arrive, q, sizeof q);
        hpi_fixed(a, sizeof a, o->expected_qty, 2);
        hpi_printf(w, "<td>%s</td><td class=\"n\">%s</td>", q, a);
        hpi_fixed(a, sizeof a, o->price, 2);
        hpi_printf(w, "<td class=\"n\">%s</td>", a);
        hpi_grouped(a, sizeof a, o->expected_cost / 1e6, 3);
        hpi_printf(w, "<td class=\"n\">%s</td></tr>\n", a);
    }
    hpi_puts(w, "</table>\n</section>\n");
    return HP_OK;
}

typedef struct ranked {
    double mag;
    int idx;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->mag != y->mag)
        return x->mag > y->mag ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* "One more t of lynas-my capacity for Dy2O3 in 2026Q3 is worth USD 1,234."
 * value = d(objective)/d(rhs): negative saves money ("is worth"). */
static void dual_words(hpi_writer *w, const hp_plan *p, const hp_dual *d)
{
    const hp_instance *in = p->inst;
    const char *sup =
        d->supplier >= 0 && d->supplier < in->n_suppliers ? in->suppliers[d->supplier].id : "?";
    const char *reg = d->region >= 0 && d->region < in->n_regions ? in->regions[d->region] : "?";
    const char *prod =
        d->product >= 0 && d->product < in->n_products ? in->products[d->product].id : NULL;
    char q[16], usd[64];
    double mag = fabs(d->value);
    static const char *const what[] = {"capacity of ", "export quota of ", "share cap of ", ""};
    hpi_puts(w, "<li>One more tonne ");
    if (d->kind == HP_DUAL_BALANCE) {
        hpi_puts(w, "of ");
        hpi_html_esc(w, prod ? prod : "stock");
        hpi_puts(w, " arriving");
    } else {
        hpi_printf(w, "of %s", what[d->kind]);
        hpi_html_esc(w, d->kind == HP_DUAL_CAPACITY ? sup : reg);
        if (prod) {
            hpi_puts(w, " for ");
            hpi_html_esc(w, prod);
        }
    }
    if (d->quarter >= 0) {
        hpi_quarter(in, d->quarter, q, sizeof q);
        hpi_printf(w, " in %s", q);
    } else if (d->kind != HP_DUAL_BALANCE) {
        hpi_puts(w, " over the horizon");
    }
    if (d->scenario >= 0 && d->scenario < in->n_scenarios) {
        hpi_puts(w, " in scenario ");
        hpi_html_esc(w, in->scenarios[d->scenario].name);
    }
    hpi_grouped(usd, sizeof usd, mag, mag >= 100.0 ? 0 : 2);
    hpi_printf(w, " %s <b>USD %s</b> of expected cost", d->value < 0 ? "saves" : "adds", usd);
    if (d->has_range) {
        char rg[160];
        hpi_range_words(rg, sizeof rg, d);
        hpi_puts(w, ", a price that holds");
        hpi_html_esc(w, rg);
    }
    hpi_puts(w, ".</li>\n");
}

hp_status hpi_html_duals(hpi_writer *w, const hp_plan *p)
{
    ranked *r;
    int n = 0;
    hpi_puts(w, "<section id=\"duals\">\n<h2>What the limits cost: shadow prices</h2>\n");
    if (p->result.is_mip && !p->duals_fixed) {
        hpi_puts(w, "<p class=\"note\">No shadow prices: the plan has integer decisions "
                    "(contracts, minimum orders or lot sizes) and no LP with them fixed was "
                    "solved to optimality.</p>\n"
                    "</section>\n");
        return HP_OK;
    }
    if (p->result.is_mip)
        hpi_puts(w, "<p class=\"note\">The plan has integer decisions (contracts, minimum "
                    "orders or lot sizes): these prices are those of the LP with them fixed at the "
                    "plan's.</p>\n");
    r = malloc((size_t)(p->n_duals > 0 ? p->n_duals : 1) * sizeof *r);
    if (!r)
        return HP_ENOMEM;
    for (int i = 0; i < p->n_duals; i++) {
        double m = fabs(p->duals[i].value);
        if (m > DUAL_EPS && isfinite(m)) {
            r[n].mag = m;
            r[n].idx = i;
            n++;
        }
    }
    if (n == 0) {
        hpi_puts(w, "<p>None: no capacity, quota, share or stock balance limits the plan.</p>\n");
    } else {
        qsort(r, (size_t)n, sizeof *r, cmp_ranked);
        hpi_puts(w, "<p>Where one more tonne would change the expected cost most (largest "
                    "first):</p>\n<ul class=\"words\">\n");
        for (int i = 0; i < n && i < TOP_DUALS; i++)
            dual_words(w, p, &p->duals[r[i].idx]);
        hpi_puts(w, "</ul>\n");
        if (n > TOP_DUALS)
            hpi_printf(w, "<p class=\"note\">%d smaller ones in the JSON report.</p>\n",
                       n - TOP_DUALS);
    }
    free(r);
    hpi_puts(w, "</section>\n");
    return HP_OK;
}

hp_status hpi_plan_html(hpi_writer *w, const hp_plan *p, const hp_report_meta *meta)
{
    const hp_instance *in = p->inst;
    char sub[512], obj[96];
    const char *file = meta->file ? meta->file : in->file;
    hp_status st;
    hpi_objective_words(p, obj, sizeof obj);
    snprintf(sub, sizeof sub, "%s plan from %s; status %s", obj, file ? file : "(no file)",
             hp_sol_status_str(p->result.status));
    hpi_html_open(w, in->name ? in->name : "hreeplan plan", sub);
    hpi_html_headline(w, p);
    if ((st = hpi_html_decision(w, p)) != HP_OK || (st = hpi_html_near(w, p)) != HP_OK)
        return st;
    hpi_html_stock(w, p);
    hpi_html_scenarios(w, p);
    hpi_html_voi(w, p);
    if ((st = hpi_html_duals(w, p)) != HP_OK)
        return st;
    if ((st = hpi_html_close(w, meta->run)) != HP_OK)
        return st;
    return w->st;
}
