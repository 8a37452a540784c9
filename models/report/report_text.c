/* The text report of a plan: what a procurement planner reads first.
 *
 * Layout: a headline block (instance, objective, status, expected cost in
 * USD m, expected unmet demand per product, CVaR, exposure, China share and
 * every region's share), then the order book, the stock path of each
 * product, the cost split, the contracts (when the instance has contract
 * choices) and, for LP plans, the ten largest shadow prices in words.
 * Tables have units in their headers, numbers right-aligned with fixed
 * decimals (t and USD/kg: 2, USD m: 2, %: 1), no trailing blanks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define CELL      96
#define MAXCOL    9
#define TOP_DUALS 10
/* Shadow prices smaller than this (USD per t) are treated as zero. */
#define DUAL_EPS 1e-6

/* A table of fixed-size cells, printed with each column as wide as its
 * widest cell. */
typedef struct tab {
    int ncol;
    const char *head[MAXCOL];
    char align[MAXCOL]; /* 'l' or 'r' */
    int nrow, cap;
    char (*cells)[CELL];
} tab;

static hp_status tab_add(tab *t, char row[][CELL])
{
    if (t->nrow == t->cap) {
        int cap = t->cap ? 2 * t->cap : 16;
        void *c = realloc(t->cells, (size_t)cap * (size_t)t->ncol * CELL);
        if (!c)
            return HP_ENOMEM;
        t->cells = c;
        t->cap = cap;
    }
    memcpy(t->cells[t->nrow * t->ncol], row, (size_t)t->ncol * CELL);
    t->nrow++;
    return HP_OK;
}

static void tab_line(hpi_writer *o, const tab *t, const int *w, const char *const *cell)
{
    char line[MAXCOL * (CELL + 2) + 4];
    size_t k = 0, n;
    int c;
    for (c = 0; c < t->ncol; c++) {
        int pad = w[c] - (int)strlen(cell[c]);
        n = (size_t)snprintf(line + k, sizeof line - k, "  %*s%s%*s", t->align[c] == 'r' ? pad : 0,
                             "", cell[c], t->align[c] == 'r' ? 0 : pad, "");
        k += n < sizeof line - k ? n : sizeof line - k - 1;
    }
    while (k > 0 && line[k - 1] == ' ')
        k--;
    line[k] = '\0';
    hpi_printf(o, "%s\n", line);
}

static void tab_print(hpi_writer *o, const tab *t)
{
    int w[MAXCOL], c, r;
    const char *cell[MAXCOL];
    for (c = 0; c < t->ncol; c++) {
        w[c] = (int)strlen(t->head[c]);
        for (r = 0; r < t->nrow; r++) {
            int n = (int)strlen(t->cells[r * t->ncol + c]);
            if (n > w[c])
                w[c] = n;
        }
    }
    tab_line(o, t, w, t->head);
    for (r = 0; r < t->nrow; r++) {
        for (c = 0; c < t->ncol; c++)
            cell[c] = t->cells[r * t->ncol + c];
        tab_line(o, t, w, cell);
    }
}

static void tab_init(tab *t, int ncol, const char *const *head, const char *align)
{
    int c;
    memset(t, 0, sizeof *t);
    t->ncol = ncol;
    for (c = 0; c < ncol; c++) {
        t->head[c] = head[c];
        t->align[c] = align[c];
    }
}

static void put_fixed(char *cell, double v, int dec)
{
    hpi_fixed(cell, CELL, v, dec);
}

static void put_str(char *cell, const char *s)
{
    snprintf(cell, CELL, "%s", s ? s : "");
}

static void write_headline(hpi_writer *o, const hp_plan *p, const hp_report_meta *meta)
{
    const hp_instance *in = p->inst;
    const char *file = meta->file ? meta->file : in->file;
    char a[64], b[64];
    double unmet = 0.0;
    int k, r, cn;

    hpi_printf(o, "Plan for %s", in->name ? in->name : "(unnamed)");
    if (file)
        hpi_printf(o, " (%s)", file);
    hpi_puts(o, "\n");
    hpi_objective_words(p, a, sizeof a);
    hpi_printf(o, "  %-16s%s\n", "objective", a);
    hpi_printf(o, "  %-16s%s", "status", hp_sol_status_str(p->result.status));
    if (p->result.is_mip || p->result.status == HP_SOL_GAP_LIMIT) {
        hpi_fixed(a, sizeof a, 100.0 * p->result.gap, 2);
        hpi_printf(o, ", gap %s %%", a);
    }
    hpi_puts(o, "\n");
    if (p->information == HP_INFO_TWO_STAGE)
        hpi_printf(o,
                   "  %-16stwo-stage: each scenario's recourse knows its future (tree: %d nodes)\n",
                   "information", p->nodes);
    else
        hpi_printf(o, "  %-16sscenario tree, %d nodes: recourse decided on what is known\n",
                   "information", p->nodes);
    if (p->bundles > 0)
        hpi_printf(o,
                   "  %-16sL-shaped over the tree: %d node%s decided in the master, %d scenario "
                   "bundle%s\n",
                   "method", p->master_nodes, p->master_nodes == 1 ? "" : "s", p->bundles,
                   p->bundles == 1 ? "" : "s");
    else if (p->method && !strcmp(p->method, "lshaped"))
        hpi_printf(o, "  %-16sL-shaped (one recourse LP per scenario)\n", "method");
    /* spend first (MODEL.md "Spend and penalty"): the cash, then the
     * notional penalty, then their sum */
    hpi_grouped(a, sizeof a, p->cost_spend / 1e6, 2);
    hpi_printf(o, "  %-16sUSD %s m\n", "expected spend", a);
    hpi_grouped(a, sizeof a, p->cost_penalty / 1e6, 2);
    hpi_printf(o, "  %-16sUSD %s m (notional: shortage%s safety stock%s)\n", "penalty", a,
               p->penalty_terminal != 0.0 ? "," : " and",
               p->penalty_terminal != 0.0 ? " and terminal target" : "");
    hpi_grouped(a, sizeof a, p->cost_total / 1e6, 2);
    hpi_printf(o, "  %-16sUSD %s m (spend + penalty)\n", "expected cost", a);
    if (p->has_foresight) {
        hpi_grouped(a, sizeof a, (p->cost_total - p->two_stage_cost) / 1e6, 2);
        hpi_grouped(b, sizeof b, p->two_stage_cost / 1e6, 2);
        hpi_printf(o, "  %-16sUSD %s m (value of foresight; two-stage USD %s m)\n", "foresight", a,
                   b);
    }

    for (k = 0; k < in->n_products; k++)
        unmet += hpi_unmet_of(p, k);
    hpi_fixed(a, sizeof a, unmet, 2);
    hpi_printf(o, "  %-16s%s t expected", "unmet demand", a);
    for (k = 0; k < in->n_products; k++) {
        hpi_fixed(a, sizeof a, hpi_unmet_of(p, k), 2);
        hpi_printf(o, "%s%s %s t", k ? ", " : " (", in->products[k].id, a);
    }
    hpi_puts(o, in->n_products > 0 ? ")\n" : "\n");
    /* Shortage weighs unmet demand by criticality; show it when that differs. */
    if (fabs(p->shortage - unmet) > 1e-9 * (1.0 + fabs(unmet))) {
        hpi_fixed(a, sizeof a, p->shortage, 2);
        hpi_printf(o, "  %-16s%s t expected, criticality-weighted\n", "shortage", a);
    }
    snprintf(b, sizeof b, "CVaR(%.2f)", p->alpha);
    hpi_fixed(a, sizeof a, p->cvar, 2);
    hpi_printf(o, "  %-16s%s t of scenario shortage\n", b, a);
    hpi_fixed(a, sizeof a, p->exposure, 2);
    hpi_printf(o, "  %-16s%s t ordered but not expected to arrive\n", "exposure", a);
    if (p->has_ref) {
        /* exposure falls by ordering less from risky sources: say what
         * that does to shortage, next to the expected-cost plan */
        char c[64], d[64], e[64];
        hpi_fixed(a, sizeof a, p->ref_exposure, 2);
        hpi_fixed(b, sizeof b, p->ref_unmet, 2);
        hpi_fixed(c, sizeof c, p->ref_shortage, 2);
        hpi_printf(o, "  %-16sexposure %s t, unmet %s t, shortage %s t\n", "cost plan", a, b, c);
        if (p->shortage > p->ref_shortage + 1e-6 * (1.0 + p->ref_shortage)) {
            hpi_fixed(a, sizeof a, p->exposure, 2);
            hpi_fixed(b, sizeof b, p->ref_exposure, 2);
            hpi_fixed(c, sizeof c, unmet, 2);
            hpi_fixed(d, sizeof d, p->ref_unmet, 2);
            hpi_fixed(e, sizeof e, p->shortage - p->ref_shortage, 2);
            hpi_printf(o,
                       "  warning: this plan is less exposed than the expected-cost plan (%s t "
                       "against %s t) but leaves more demand unmet (%s t against %s t; %s t "
                       "more weighted shortage)\n",
                       a, b, c, d, e);
        }
    }

    cn = hpi_region_find(in, "CN");
    if (cn >= 0 && p->region_share) {
        hpi_fixed(a, sizeof a, 100.0 * p->region_share[cn], 1);
        hpi_printf(o, "  %-16s%s %%\n", "China share", a);
    }
    if (in->n_regions > 0 && p->region_share && p->region_qty) {
        hpi_printf(o, "  %-16s", "region shares");
        for (r = 0; r < in->n_regions; r++) {
            hpi_fixed(a, sizeof a, 100.0 * p->region_share[r], 1);
            hpi_fixed(b, sizeof b, p->region_qty[r], 2);
            hpi_printf(o, "%s%s %s %% (%s t)", r ? ", " : "", in->regions[r], a, b);
        }
        hpi_puts(o, "\n");
    }
}

static hp_status write_orders(hpi_writer *o, const hp_plan *p, const char *title)
{
    static const char *const head[] = {
        "ship",       "arrive",     "supplier",     "product",
        "quantity t", "expected t", "price USD/kg", "expected cost USD m"};
    const hp_instance *in = p->inst;
    char row[8][CELL];
    double q = 0.0, e = 0.0, c = 0.0;
    hp_status st = HP_OK;
    tab t;
    int i;
    tab_init(&t, 8, head, "llllrrrr");
    hpi_printf(o, "\n%s\n", title);
    if (p->n_orders == 0) {
        hpi_puts(o, "  no orders\n");
        goto cleanup;
    }
    for (i = 0; i < p->n_orders; i++) {
        const hp_order *d = &p->orders[i];
        if (d->supplier < 0 || d->supplier >= in->n_suppliers || d->product < 0 ||
            d->product >= in->n_products) {
            st = HP_EINTERNAL;
            goto cleanup;
        }
        hpi_quarter(in, d->ship, row[0], CELL);
        hpi_quarter(in, d->arrive, row[1], CELL);
        put_str(row[2], in->suppliers[d->supplier].id);
        put_str(row[3], in->products[d->product].id);
        put_fixed(row[4], d->quantity, 2);
        put_fixed(row[5], d->expected_qty, 2);
        put_fixed(row[6], d->price, 2);
        put_fixed(row[7], d->expected_cost / 1e6, 2);
        q += d->quantity;
        e += d->expected_qty;
        c += d->expected_cost;
        HP_CALL(tab_add(&t, row));
    }
    put_str(row[0], "total");
    row[1][0] = row[2][0] = row[3][0] = row[6][0] = '\0';
    put_fixed(row[4], q, 2);
    put_fixed(row[5], e, 2);
    put_fixed(row[7], c / 1e6, 2);
    HP_CALL(tab_add(&t, row));
    tab_print(o, &t);
cleanup:
    free(t.cells);
    return st;
}

static hp_status write_stock(hpi_writer *o, const hp_plan *p)
{
    static const char *const head[] = {"quarter", "demand t", "in transit t",      "arrivals t",
                                       "spot t",  "unmet t",  "ending inventory t"};
    const hp_instance *in = p->inst;
    char row[7][CELL];
    hp_status st = HP_OK;
    tab t;
    int i, k;
    tab_init(&t, 7, head, "lrrrrrr");
    for (k = 0; k < in->n_products; k++) {
        t.nrow = 0;
        hpi_printf(o, "\nStock path: %s (expected over scenarios)\n", in->products[k].id);
        for (i = 0; i < p->n_balance; i++) {
            const hp_balance *b = &p->balance[i];
            if (b->product != k)
                continue;
            hpi_quarter(in, b->quarter, row[0], CELL);
            put_fixed(row[1], b->demand, 2);
            put_fixed(row[2], b->in_transit, 2);
            put_fixed(row[3], b->arrivals, 2);
            put_fixed(row[4], b->spot, 2);
            put_fixed(row[5], b->unmet, 2);
            put_fixed(row[6], b->inventory, 2);
            HP_CALL(tab_add(&t, row));
        }
        tab_print(o, &t);
    }
cleanup:
    free(t.cells);
    return st;
}

/* Which second-edition parts the instance declares: their rows are shown
 * (even at 0, so that a planner sees that the reserve was not drawn). */
static void second_parts(const hp_instance *in, int *res, int *top, int *term)
{
    *res = *top = *term = 0;
    for (int p = 0; p < in->n_products; p++) {
        *res |= in->products[p].has_reserve;
        *term |= in->products[p].has_terminal;
    }
    for (int j = 0; j < in->n_suppliers; j++)
        for (int k = 0; k < in->suppliers[j].n_offers; k++)
            *top |= in->suppliers[j].offers[k].commit_min != NULL &&
                    !in->suppliers[j].offers[k].commit_hard;
}

static hp_status write_costs(hpi_writer *o, const hp_plan *p)
{
    static const char *const head[] = {"cost part", "USD m", "% of total"};
    int has_res, has_top, has_term;
    second_parts(p->inst, &has_res, &has_top, &has_term);
    /* spend first, its parts, then the penalty and its terminal part */
    const struct {
        const char *name;
        double v;
        int show;
    } r[] = {
        {"purchase", p->cost_purchase, 1},
        {"contract", p->cost_contract, 1},
        {"spot", p->cost_spot, 1},
        {"holding", p->cost_holding, 1},
        {"reserve purchases", p->cost_reserve, has_res},
        {"take-or-pay fees", p->cost_take_or_pay, has_top},
        {"terminal credit", -p->cost_terminal_credit, has_term && p->cost_terminal_credit != 0.0},
        {"spend", p->cost_spend, 1},
        {"penalty", p->cost_penalty, 1},
        {"  of it terminal", p->penalty_terminal, has_term},
        {"total", p->cost_total, 1},
    };
    char row[3][CELL];
    hp_status st = HP_OK;
    tab t;
    tab_init(&t, 3, head, "lrr");
    hpi_puts(o, "\nCost split\n");
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
        if (!r[i].show)
            continue;
        put_str(row[0], r[i].name);
        hpi_grouped(row[1], CELL, r[i].v / 1e6, 2);
        put_fixed(row[2], p->cost_total != 0.0 ? 100.0 * r[i].v / p->cost_total : 0.0, 1);
        HP_CALL(tab_add(&t, row));
    }
    tab_print(o, &t);
cleanup:
    free(t.cells);
    return st;
}

static hp_status write_contracts(hpi_writer *o, const hp_plan *p)
{
    static const char *const head[] = {"supplier", "region", "signed", "fixed cost USD m"};
    const hp_instance *in = p->inst;
    char row[4][CELL];
    hp_status st = HP_OK;
    tab t;
    int j, any = 0;
    tab_init(&t, 4, head, "lllr");
    for (j = 0; p->contract && j < in->n_suppliers; j++)
        any |= p->contract[j] >= 0;
    if (!any)
        goto cleanup;
    hpi_puts(o, "\nContracts\n");
    for (j = 0; j < in->n_suppliers; j++) {
        if (p->contract[j] < 0)
            continue;
        put_str(row[0], in->suppliers[j].id);
        put_str(row[1], hpi_supplier_region(in, j));
        put_str(row[2], p->contract[j] > 0 ? "yes" : "no");
        put_fixed(row[3], in->suppliers[j].fixed_cost / 1e6, 2);
        HP_CALL(tab_add(&t, row));
    }
    tab_print(o, &t);
cleanup:
    free(t.cells);
    return st;
}

typedef struct ranked {
    double mag;
    int idx;
} ranked;

/* Largest |value| first; equal magnitudes keep the plan's order. */
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->mag != y->mag)
        return x->mag > y->mag ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* "one more t of lynas-my capacity for Dy2O3 in 2026Q3 is worth USD 1,234
 * (capacity)".  value = d(objective)/d(rhs): negative means the extra t
 * saves money ("is worth"), positive that it costs money ("costs").  The
 * right-hand side of a balance row is R - d (models/model.c), so its dual is
 * the worth of one more t arriving (in transit) in that quarter. */
static void dual_words(hpi_writer *o, const hp_plan *p, const hp_dual *d)
{
    const hp_instance *in = p->inst;
    const char *sup =
        d->supplier >= 0 && d->supplier < in->n_suppliers ? in->suppliers[d->supplier].id : NULL;
    const char *reg = d->region >= 0 && d->region < in->n_regions ? in->regions[d->region] : NULL;
    const char *prod =
        d->product >= 0 && d->product < in->n_products ? in->products[d->product].id : NULL;
    char q[16], usd[64], rg[160];
    double mag = fabs(d->value);

    switch (d->kind) {
    case HP_DUAL_CAPACITY:
        hpi_printf(o, "  one more t of %s capacity", sup ? sup : "?");
        break;
    case HP_DUAL_QUOTA:
        hpi_printf(o, "  one more t of %s export quota", reg ? reg : "?");
        break;
    case HP_DUAL_SHARE:
        hpi_printf(o, "  one more t from %s under its share cap", reg ? reg : "?");
        break;
    case HP_DUAL_BALANCE:
        hpi_puts(o, "  one more t of");
        break;
    }
    if (d->kind == HP_DUAL_BALANCE)
        hpi_printf(o, " %s arriving", prod ? prod : "stock");
    else if (prod)
        hpi_printf(o, " for %s", prod);
    if (d->quarter >= 0) {
        hpi_quarter(in, d->quarter, q, sizeof q);
        hpi_printf(o, " in %s", q);
    } else if (d->kind == HP_DUAL_SHARE || d->kind == HP_DUAL_QUOTA) {
        hpi_puts(o, " over the horizon");
    }
    if (d->scenario >= 0 && d->scenario < in->n_scenarios)
        hpi_printf(o, " in scenario %s", in->scenarios[d->scenario].name);
    hpi_grouped(usd, sizeof usd, mag, mag >= 100.0 ? 0 : 2);
    hpi_range_words(rg, sizeof rg, d);
    hpi_printf(o, " %s USD %s%s (%s)\n", d->value < 0 ? "is worth" : "costs", usd, rg,
               hp_dual_kind_str(d->kind));
}

static hp_status write_duals(hpi_writer *o, const hp_plan *p)
{
    ranked *r = NULL;
    hp_status st = HP_OK;
    int i, n = 0;
    if ((p->result.is_mip && !p->duals_fixed) || p->n_duals <= 0)
        goto cleanup;
    r = malloc((size_t)p->n_duals * sizeof *r);
    if (!r) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (i = 0; i < p->n_duals; i++) {
        double m = fabs(p->duals[i].value);
        if (m > DUAL_EPS && isfinite(m)) {
            r[n].mag = m;
            r[n].idx = i;
            n++;
        }
    }
    if (p->duals_fixed)
        hpi_puts(o, "\nShadow prices (expected cost, largest first; of the LP with the integer "
                    "decisions\n  (contracts, shipping quarters, lots) fixed at this plan's)\n");
    else
        hpi_puts(o, "\nShadow prices (expected cost, largest first)\n");
    if (n == 0) {
        hpi_puts(o, "  none: no capacity, quota, share or balance limit binds\n");
        goto cleanup;
    }
    qsort(r, (size_t)n, sizeof *r, cmp_ranked);
    for (i = 0; i < n && i < TOP_DUALS; i++)
        dual_words(o, p, &p->duals[r[i].idx]);
    if (n > TOP_DUALS)
        hpi_printf(o, "  %d more in --format csv/json\n", n - TOP_DUALS);
cleanup:
    free(r);
    return st;
}

/* --value-of-information and --near-optimal, in words */
static hp_status write_analyst(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    hp_status st = HP_OK;
    char a[64], b[64];
    if (p->has_stochastic_value) {
        static const char *const what[5] = {
            "wait-and-see (WS): each scenario planned knowing it",
            "expected-value plan (EEV): planned for the mean scenario",
            "recourse problem (RP): planned for all scenarios",
            "EVPI = RP - WS: what knowing the scenario is worth",
            "VSS = EEV - RP: what planning for the scenarios saves"};
        const double v[5] = {p->ws, p->eev, p->rp, p->evpi, p->vss};
        hpi_puts(o, "\nValue of information (expected cost = spend + penalty)\n");
        for (int k = 0; k < 5; k++) {
            if (isfinite(v[k])) {
                hpi_grouped(a, sizeof a, v[k], 0);
                hpi_printf(o, "  USD %15s  %s\n", a, what[k]);
            } else {
                hpi_printf(o,
                           "  %19s  %s (the mean-scenario plan leaves a scenario "
                           "without any plan)\n",
                           "infinite", what[k]);
            }
        }
    }
    if (p->has_near && p->near_region >= 0 && p->near_region < in->n_regions) {
        hpi_fixed(a, sizeof a, 100.0 * p->share_before, 1);
        hpi_fixed(b, sizeof b, 100.0 * p->share_after, 1);
        hpi_printf(o,
                   "\nNear-optimal: the least %s share within %g %% of the reference plan's "
                   "expected spend\n  %s share %s %% -> %s %% (this plan)\n",
                   in->regions[p->near_region], 100.0 * p->near_slack, in->regions[p->near_region],
                   a, b);
        if (p->near_before) {
            hpi_grouped(a, sizeof a, p->near_before->cost_spend / 1e6, 2);
            hpi_grouped(b, sizeof b, p->cost_spend / 1e6, 2);
            hpi_printf(o, "  expected spend USD %s m -> USD %s m\n", a, b);
            hpi_grouped(a, sizeof a, p->near_before->cost_total / 1e6, 2);
            hpi_grouped(b, sizeof b, p->cost_total / 1e6, 2);
            hpi_printf(o, "  expected cost  USD %s m -> USD %s m (spend + penalty)\n", a, b);
            HP_CALL(write_orders(o, p->near_before,
                                 "Order book before (the reference plan, by ship quarter and "
                                 "source)"));
        }
    }
cleanup:
    return st;
}

hp_status hpi_plan_text(hpi_writer *o, const hp_plan *p, const hp_report_meta *meta)
{
    hp_status st = HP_OK;
    write_headline(o, p, meta);
    HP_CALL(write_analyst(o, p));
    if (p->adaptive) {
        /* the decision now: the shared orders, which come first */
        hp_plan now = *p;
        char q[16], title[96];
        now.n_orders = 0;
        while (now.n_orders < p->n_orders && p->orders[now.n_orders].node < 0)
            now.n_orders++;
        hpi_quarter(p->inst, 0, q, sizeof q);
        snprintf(title, sizeof title, "The decision now (orders shipped in %s, in every scenario)",
                 q);
        HP_CALL(write_orders(o, &now, title));
        HP_CALL(hpi_text_contingent(o, p));
    } else
        HP_CALL(write_orders(o, p,
                             p->has_near
                                 ? "Order book after (this plan, by ship quarter and source)"
                                 : "Order book (by ship quarter and source)"));
    HP_CALL(write_stock(o, p));
    HP_CALL(write_costs(o, p));
    HP_CALL(write_contracts(o, p));
    HP_CALL(write_duals(o, p));
    if (meta->timing)
        hpi_printf(o, "\nSolved by %s %s in %.2f s (%d rows, %d columns, %zu nonzeros)\n",
                   p->backend ? p->backend : "?", p->backend_version ? p->backend_version : "",
                   p->result.seconds, p->rows, p->cols, p->nnz);
    else
        hpi_printf(o, "\nSolved by %s %s (%d rows, %d columns, %zu nonzeros)\n",
                   p->backend ? p->backend : "?", p->backend_version ? p->backend_version : "",
                   p->rows, p->cols, p->nnz);
    HP_CALL(hpi_run_text(o, meta->run));
    st = o->st;
cleanup:
    return st;
}
