/* The side-by-side report of `compare` (see compare_out.h).  All three
 * formats come from one table of metrics: a row per metric, a value per
 * instance (NaN where it does not apply: a product or region the instance
 * lacks, or an instance without a plan). */
#include "compare_out.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

typedef enum unit { U_USD, U_T, U_SHARE, U_S } unit;

typedef struct row {
    char key[96];   /**< CSV metric name */
    char label[96]; /**< text label */
    unit u;
    double *v; /**< n values */
} row;

typedef struct table {
    int n, nrows, cap;
    row *rows;
} table;

char *hp_compare_short_name(const char *path)
{
    const char *b = strrchr(path, '/');
    size_t len;
    char *s;
    b = b ? b + 1 : path;
    len = strlen(b);
    if (len > 4 && !strcmp(b + len - 4, ".cfg"))
        len -= 4;
    s = malloc(len + 1);
    if (s) {
        memcpy(s, b, len);
        s[len] = '\0';
    }
    return s;
}

void hpi_compare_label(const char *path, char *buf, size_t len)
{
    const char *b = strrchr(path, '/');
    size_t n;
    b = b ? b + 1 : path;
    n = strlen(b);
    if (n > 4 && !strcmp(b + n - 4, ".cfg"))
        n -= 4;
    snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), b);
}

static row *add_row(table *t, const char *key, const char *label, unit u)
{
    row *r;
    if (t->nrows == t->cap) {
        int nc = t->cap ? 2 * t->cap : 32;
        row *nr = realloc(t->rows, (size_t)nc * sizeof *nr);
        if (!nr)
            return NULL;
        t->rows = nr;
        t->cap = nc;
    }
    r = &t->rows[t->nrows];
    r->v = malloc((size_t)t->n * sizeof *r->v);
    if (!r->v)
        return NULL;
    for (int k = 0; k < t->n; k++)
        r->v[k] = NAN;
    snprintf(r->key, sizeof r->key, "%s", key);
    snprintf(r->label, sizeof r->label, "%s", label);
    r->u = u;
    t->nrows++;
    return r;
}

static void free_table(table *t)
{
    for (int i = 0; i < t->nrows; i++)
        free(t->rows[i].v);
    free(t->rows);
}

static int find_product(const hp_instance *in, const char *id)
{
    for (int p = 0; p < in->n_products; p++)
        if (!strcmp(in->products[p].id, id))
            return p;
    return -1;
}

/* Expected unmet t of product p over the horizon, expected stock at its end. */
static void product_figures(const hp_plan *pl, int p, double *unmet, double *end_stock)
{
    int T = pl->inst->T;
    *unmet = 0.0;
    *end_stock = 0.0;
    for (int i = 0; i < pl->n_balance; i++) {
        const hp_balance *b = &pl->balance[i];
        if (b->product != p)
            continue;
        *unmet += b->unmet;
        if (b->quarter == T - 1)
            *end_stock = b->inventory;
    }
}

/* The union of product ids (or region codes) over the instances, in order
 * of first appearance. */
static int seen_before(const hp_compare *c, int k, int is_region, const char *id)
{
    for (int j = 0; j < k; j++)
        if ((is_region ? hpi_region_find(c->inst[j], id) : find_product(c->inst[j], id)) >= 0)
            return 1;
    return 0;
}

static int build(const hp_compare *c, table *t)
{
    /* spend first, its parts ("other": reserve purchases and take-or-pay
     * fees less the terminal credit), the notional penalty, the sum */
    static const struct {
        const char *key, *label;
    } costs[] = {{"cost_spend", "expected spend, USD m"}, {"cost_purchase", "  purchase"},
                 {"cost_contract", "  contract"},         {"cost_spot", "  spot"},
                 {"cost_holding", "  holding"},           {"cost_other", "  reserve/take-or-pay"},
                 {"cost_penalty", "penalty, USD m"},      {"cost_total", "expected cost, USD m"}};
    char key[96], label[96];
    row *r;
    t->n = c->n;
    for (size_t i = 0; i < sizeof costs / sizeof costs[0]; i++) {
        if (!(r = add_row(t, costs[i].key, costs[i].label, U_USD)))
            return -1;
        for (int k = 0; k < c->n; k++) {
            const hp_plan *pl = c->plans[k];
            if (!pl)
                continue;
            const double v[] = {pl->cost_spend,
                                pl->cost_purchase,
                                pl->cost_contract,
                                pl->cost_spot,
                                pl->cost_holding,
                                pl->cost_reserve + pl->cost_take_or_pay - pl->cost_terminal_credit,
                                pl->cost_penalty,
                                pl->cost_total};
            r->v[k] = v[i];
        }
    }
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < c->n; k++)
            for (int p = 0; p < c->inst[k]->n_products; p++) {
                const char *id = c->inst[k]->products[p].id;
                if (seen_before(c, k, 0, id))
                    continue;
                snprintf(key, sizeof key, "%s_%s", pass ? "end_stock" : "unmet", id);
                snprintf(label, sizeof label, "%s %s, t", pass ? "stock at end" : "unmet", id);
                if (!(r = add_row(t, key, label, U_T)))
                    return -1;
                for (int j = 0; j < c->n; j++) {
                    int q = find_product(c->inst[j], id);
                    double un, es;
                    if (q < 0 || !c->plans[j])
                        continue;
                    product_figures(c->plans[j], q, &un, &es);
                    r->v[j] = pass ? es : un;
                }
            }
    {
        static const char *const rk[] = {"shortage", "cvar", "exposure"};
        static const char *const rl[] = {"shortage (weighted), t", "CVaR of shortage, t",
                                         "exposure, t"};
        for (int i = 0; i < 3; i++) {
            if (!(r = add_row(t, rk[i], rl[i], U_T)))
                return -1;
            for (int k = 0; k < c->n; k++)
                if (c->plans[k])
                    r->v[k] = i == 0   ? c->plans[k]->shortage
                              : i == 1 ? c->plans[k]->cvar
                                       : c->plans[k]->exposure;
        }
    }
    for (int k = 0; k < c->n; k++)
        for (int g = 0; g < c->inst[k]->n_regions; g++) {
            const char *code = c->inst[k]->regions[g];
            if (seen_before(c, k, 1, code))
                continue;
            snprintf(key, sizeof key, "share_%s", code);
            snprintf(label, sizeof label, "share %s, %%", code);
            if (!(r = add_row(t, key, label, U_SHARE)))
                return -1;
            for (int j = 0; j < c->n; j++) {
                int q = hpi_region_find(c->inst[j], code);
                if (c->plans[j])
                    r->v[j] = q >= 0 ? c->plans[j]->region_share[q] : 0.0;
            }
        }
    if (c->timing) {
        if (!(r = add_row(t, "seconds", "solver time, s", U_S)))
            return -1;
        for (int k = 0; k < c->n; k++)
            if (c->plans[k])
                r->v[k] = c->plans[k]->result.seconds;
    }
    return 0;
}

static const char *status_of(const hp_compare *c, int k)
{
    if (c->plans[k])
        return hp_sol_status_str(c->plans[k]->result.status);
    return c->infeasible[k] ? "infeasible" : "no_plan";
}

static hp_status text(hpi_writer *w, const hp_compare *c, const table *t)
{
    hp_status st;
    enum { W = 12 };
    int lw = 24;
    const hp_plan *any = NULL;
    for (int k = 0; k < c->n && !any; k++)
        any = c->plans[k];
    hpi_printf(w, "Comparison of %d instance%s", c->n, c->n == 1 ? "" : "s");
    if (any) {
        hpi_printf(w, " (%s plans, risk measure %s, CVaR at ",
                   any->objective == HP_OBJ_COST ? "cost-minimal" : "risk-minimal",
                   hp_measure_str(any->measure));
        hpi_num(w, 0, 2, any->alpha);
        hpi_puts(w, ")");
    }
    hpi_puts(w, "\n\n");
    for (int k = 0; k < c->n; k++)
        hpi_printf(w, "[%d] %s: %s\n", k + 1, c->files[k],
                   c->inst[k]->name ? c->inst[k]->name : "");
    hpi_printf(w, "\n%-*s", lw, "");
    for (int k = 0; k < c->n; k++) {
        char h[16];
        snprintf(h, sizeof h, "[%d]", k + 1);
        hpi_printf(w, " %*s", W, h);
    }
    hpi_printf(w, "\n%-*s", lw, "");
    for (int k = 0; k < c->n; k++) {
        char s[HPI_LABEL];
        hpi_compare_label(c->files[k], s, sizeof s);
        hpi_printf(w, " %*.*s", W, W, s);
    }
    hpi_puts(w, "\n");
    for (int i = 0; i < t->nrows; i++) {
        const row *r = &t->rows[i];
        hpi_printf(w, "%-*.*s", lw, lw, r->label);
        for (int k = 0; k < c->n; k++) {
            double v = r->v[k];
            hpi_puts(w, " ");
            if (isnan(v))
                hpi_printf(w, "%*s", W, "-");
            else if (r->u == U_USD)
                hpi_num(w, W, 2, v / 1e6);
            else if (r->u == U_SHARE)
                hpi_num(w, W, 1, 100.0 * v);
            else
                hpi_num(w, W, 3, v);
        }
        hpi_puts(w, "\n");
    }
    hpi_printf(w, "%-*s", lw, "status");
    for (int k = 0; k < c->n; k++)
        hpi_printf(w, " %*s", W, status_of(c, k));
    hpi_puts(w, "\n");
    /* least-exposure plans that buy their low exposure with shortage */
    for (int k = 0; k < c->n; k++) {
        const hp_plan *pl = c->plans[k];
        if (pl && pl->has_ref && pl->shortage > pl->ref_shortage + 1e-6 * (1.0 + pl->ref_shortage))
            hpi_printf(w,
                       "warning: [%d] is less exposed than its expected-cost plan (%.2f t against "
                       "%.2f t) but leaves more shortage (%.2f t against %.2f t)\n",
                       k + 1, pl->exposure, pl->ref_exposure, pl->shortage, pl->ref_shortage);
    }
    if ((st = hpi_moves_text(w, c)) != HP_OK)
        return st;
    if ((st = hpi_run_text(w, c->run)) != HP_OK)
        return st;
    return w->st;
}

static hp_status csv(hpi_writer *w, const hp_compare *c, const table *t)
{
    hp_status st = HP_OK;
    hpi_puts(w, "instance,metric,value\n");
    for (int k = 0; k < c->n; k++) {
        char s[HPI_LABEL];
        hpi_compare_label(c->files[k], s, sizeof s);
        hpi_printf(w, "%s,status,%s\n", s, status_of(c, k));
        for (int i = 0; i < t->nrows; i++)
            if (!isnan(t->rows[i].v[k])) {
                hpi_printf(w, "%s,%s,", s, t->rows[i].key);
                hpi_num_g(w, t->rows[i].v[k]);
                hpi_puts(w, "\n");
            }
        if ((st = hpi_moves_csv(w, c, k)) != HP_OK)
            return st;
    }
    return st;
}

static json_t *jr(double v)
{
    return hpi_jreal(v, HPI_NOISE);
}

/* One instance: the plan JSON's names for what both have (cost, risk,
 * regions), plus unmet and end_stock per product. */
static json_t *inst_json(const hp_compare *c, int k)
{
    const hp_plan *pl = c->plans[k];
    const hp_instance *in = c->inst[k];
    json_t *o = json_object(), *x;
    char s[HPI_LABEL];
    hpi_compare_label(c->files[k], s, sizeof s);
    int ok = o && hpi_jput(o, "instance", json_string(s)) &&
             hpi_jput(o, "file", json_string(c->files[k])) &&
             hpi_jput(o, "name", json_string(in->name ? in->name : "")) &&
             hpi_jput(o, "status", json_string(status_of(c, k)));
    if (ok && pl) {
        ok =
            hpi_jput(o, "objective", json_string(pl->objective == HP_OBJ_COST ? "cost" : "risk")) &&
            hpi_jput(o, "measure", json_string(hp_measure_str(pl->measure))) &&
            hpi_jput(o, "alpha", jr(pl->alpha));
        x = ok ? json_object() : NULL;
        ok = ok && hpi_jput(o, "cost", x) && hpi_jput(x, "spend", jr(pl->cost_spend)) &&
             hpi_jput(x, "total", jr(pl->cost_total)) &&
             hpi_jput(x, "purchase", jr(pl->cost_purchase)) &&
             hpi_jput(x, "contract", jr(pl->cost_contract)) &&
             hpi_jput(x, "spot", jr(pl->cost_spot)) &&
             hpi_jput(x, "holding", jr(pl->cost_holding)) &&
             hpi_jput(x, "reserve", jr(pl->cost_reserve)) &&
             hpi_jput(x, "take_or_pay", jr(pl->cost_take_or_pay)) &&
             hpi_jput(x, "terminal_credit", jr(pl->cost_terminal_credit)) &&
             hpi_jput(x, "penalty", jr(pl->cost_penalty)) &&
             hpi_jput(x, "terminal_penalty", jr(pl->penalty_terminal));
        x = ok ? json_object() : NULL;
        ok = ok && hpi_jput(o, "risk", x) && hpi_jput(x, "shortage", jr(pl->shortage)) &&
             hpi_jput(x, "cvar", jr(pl->cvar)) && hpi_jput(x, "exposure", jr(pl->exposure));
        for (int pass = 0; ok && pass < 2; pass++) {
            x = json_object();
            ok = hpi_jput(o, pass ? "end_stock" : "unmet", x);
            for (int p = 0; ok && p < in->n_products; p++) {
                double un, es;
                product_figures(pl, p, &un, &es);
                ok = hpi_jput(x, in->products[p].id, jr(pass ? es : un));
            }
        }
        x = ok ? json_array() : NULL;
        ok = ok && hpi_jput(o, "regions", x);
        for (int g = 0; ok && g < in->n_regions; g++) {
            json_t *e = json_object();
            ok = e && json_array_append_new(x, e) == 0 &&
                 hpi_jput(e, "region", json_string(in->regions[g])) &&
                 hpi_jput(e, "quantity", jr(pl->region_qty[g])) &&
                 hpi_jput(e, "share", jr(pl->region_share[g]));
        }
        if (ok && c->timing) {
            x = json_object();
            ok = hpi_jput(o, "solver", x) && hpi_jput(x, "seconds", jr(pl->result.seconds)) &&
                 hpi_jput(x, "gap",
                          jr(pl->result.is_mip || pl->result.status == HP_SOL_GAP_LIMIT
                                 ? pl->result.gap
                                 : 0.0));
        }
    }
    if (ok)
        ok = hpi_moves_json(o, c, k) == HP_OK;
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static hp_status json(hpi_writer *w, const hp_compare *c)
{
    json_t *root = json_object(), *a = json_array();
    hp_status st = HP_ENOMEM;
    int ok = root && a;
    if (!ok)
        json_decref(a);
    else /* takes a over, also when it fails */
        ok = hpi_jput(root, "instances", a);
    for (int k = 0; ok && k < c->n; k++) {
        json_t *o = inst_json(c, k);
        ok = o && json_array_append_new(a, o) == 0;
    }
    if (ok && c->n > 1) {
        char ref[HPI_LABEL];
        hpi_compare_label(c->files[0], ref, sizeof ref);
        ok = hpi_jput(root, "order_changes_against", json_string(ref)) &&
             hpi_jput(root, "order_change_tolerance", jr(HP_COMPARE_MOVE_TOL));
    }
    if (ok && c->run)
        ok = hpi_run_put(root, c->run) == HP_OK;
    if (ok) {
        hpi_json(w, root);
        st = w->st;
    }
    json_decref(root);
    return st;
}

hp_status hp_compare_report(FILE *f, const hp_compare *c, hp_format fmt)
{
    table t = {0};
    hpi_writer w;
    hp_status st = HP_OK;
    if (!f || !c)
        return HP_EINTERNAL;
    if (build(c, &t)) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    hpi_writer_init(&w, f, HPI_NOISE);
    switch (fmt) {
    case HP_FMT_TEXT:
        st = text(&w, c, &t);
        break;
    case HP_FMT_CSV:
        st = csv(&w, c, &t);
        break;
    case HP_FMT_JSON:
        st = json(&w, c);
        break;
    case HP_FMT_HTML:
        st = hpi_compare_html(&w, c);
        break;
    default:
        st = HP_EINTERNAL;
        goto cleanup;
    }
    if (st == HP_OK)
        st = hpi_finish(&w);
cleanup:
    free_table(&t);
    return st;
}
