/* What moved in the order book of a variant against the reference plan of
 * `compare` (see report_internal.h, hpi_moves_of), and its text section. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* One (supplier, product, ship quarter) of either plan, matched by id and
 * quarter label so that instances with other supplier lists or another
 * start line up. */
typedef struct cell {
    const char *supplier, *product;
    char quarter[16];
    int order; /**< first appearance: reference orders, then the variant's */
    double from, to;
} cell;

static int find_cell(const cell *c, int n, const char *sup, const char *prod, const char *q)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(c[i].supplier, sup) && !strcmp(c[i].product, prod) && !strcmp(c[i].quarter, q))
            return i;
    return -1;
}

/* Adds the orders of p to the cells (to when is_variant, else from);
 * returns 0, or -1 on a bad index. */
static int add_plan(cell *c, int *n, const hp_plan *p, int is_variant)
{
    const hp_instance *in = p->inst;
    for (int i = 0; i < p->n_orders; i++) {
        const hp_order *o = &p->orders[i];
        char q[16];
        int k;
        if (o->supplier < 0 || o->supplier >= in->n_suppliers || o->product < 0 ||
            o->product >= in->n_products)
            return -1;
        hpi_quarter(in, o->ship, q, sizeof q);
        k = find_cell(c, *n, in->suppliers[o->supplier].id, in->products[o->product].id, q);
        if (k < 0) {
            k = (*n)++;
            c[k].supplier = in->suppliers[o->supplier].id;
            c[k].product = in->products[o->product].id;
            snprintf(c[k].quarter, sizeof c[k].quarter, "%s", q);
            c[k].order = k;
            c[k].from = c[k].to = 0.0;
        }
        if (is_variant)
            c[k].to += o->quantity;
        else
            c[k].from += o->quantity;
    }
    return 0;
}

/* Biggest move first; ties by quarter label, then supplier and product id
 * (so that the order does not depend on which plan is the reference). */
static int cmp_move(const void *a, const void *b)
{
    const hpi_move *x = a, *y = b;
    double mx = fabs(x->change), my = fabs(y->change);
    int c;
    if (mx != my)
        return mx > my ? -1 : 1;
    if ((c = strcmp(x->quarter, y->quarter)) != 0)
        return c;
    if ((c = strcmp(x->supplier, y->supplier)) != 0)
        return c;
    if ((c = strcmp(x->product, y->product)) != 0)
        return c;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

hp_status hpi_moves_of(const hp_plan *ref, const hp_plan *var, double tol, hpi_move **out,
                       int *n_out)
{
    int cap, n = 0, m = 0;
    cell *c = NULL;
    hpi_move *mv = NULL;
    hp_status st = HP_OK;
    *out = NULL;
    *n_out = 0;
    if (!ref || !var || !ref->inst || !var->inst)
        return HP_EINTERNAL;
    cap = ref->n_orders + var->n_orders;
    c = malloc((size_t)(cap > 0 ? cap : 1) * sizeof *c);
    mv = malloc((size_t)(cap > 0 ? cap : 1) * sizeof *mv);
    if (!c || !mv) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    if (add_plan(c, &n, ref, 0) || add_plan(c, &n, var, 1)) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    for (int i = 0; i < n; i++) {
        double d = c[i].to - c[i].from;
        if (!(fabs(d) >= tol))
            continue;
        mv[m].supplier = c[i].supplier;
        mv[m].product = c[i].product;
        memcpy(mv[m].quarter, c[i].quarter, sizeof mv[m].quarter);
        mv[m].from = c[i].from;
        mv[m].to = c[i].to;
        mv[m].change = d;
        mv[m].rank = c[i].order;
        m++;
    }
    if (m > 1)
        qsort(mv, (size_t)m, sizeof *mv, cmp_move);
    *out = mv;
    *n_out = m;
    mv = NULL;
cleanup:
    free(c);
    free(mv);
    return st;
}

/* The short name of instance k, or its path when out of memory. */
static void put_name(hpi_writer *w, const hp_compare *c, int k)
{
    char s[HPI_LABEL];
    hpi_compare_label(c->files[k], s, sizeof s);
    hpi_puts(w, s);
}

hp_status hpi_moves_text(hpi_writer *w, const hp_compare *c)
{
    hp_status st = HP_OK;
    if (c->n < 2)
        return HP_OK;
    hpi_puts(w, "\nWhat moved in the order book against [1] ");
    put_name(w, c, 0);
    hpi_printf(w,
               "\n(t shipped per supplier, product and ship quarter, biggest moves first;\n"
               "moves under %g t are left out)\n",
               HP_COMPARE_MOVE_TOL);
    for (int k = 1; k < c->n; k++) {
        hpi_move *mv = NULL;
        int m = 0;
        hpi_printf(w, "\n[%d] ", k + 1);
        put_name(w, c, k);
        if (!c->plans[0]) {
            hpi_puts(w, ": nothing to compare, the reference has no plan\n");
            continue;
        }
        if (!c->plans[k]) {
            hpi_puts(w, ": nothing to compare, no plan\n");
            continue;
        }
        if ((st = hpi_moves_of(c->plans[0], c->plans[k], HP_COMPARE_MOVE_TOL, &mv, &m)) != HP_OK)
            return st;
        if (m == 0) {
            hpi_puts(w, ": no order moved\n");
            free(mv);
            continue;
        }
        {
            double up = 0.0, down = 0.0;
            for (int i = 0; i < m; i++) {
                if (mv[i].change > 0)
                    up += mv[i].change;
                else
                    down -= mv[i].change;
            }
            hpi_printf(w, ": %d move%s, ", m, m == 1 ? "" : "s");
            hpi_num(w, 0, 2, up);
            hpi_puts(w, " t more ordered, ");
            hpi_num(w, 0, 2, down);
            hpi_puts(w, " t less\n");
        }
        hpi_printf(w, "  %-16s %-8s %-7s %10s %10s %10s\n", "supplier", "product", "quarter",
                   "from t", "to t", "change t");
        for (int i = 0; i < m; i++) {
            hpi_printf(w, "  %-16s %-8s %-7s ", mv[i].supplier, mv[i].product, mv[i].quarter);
            hpi_num(w, 10, 2, mv[i].from);
            hpi_puts(w, " ");
            hpi_num(w, 10, 2, mv[i].to);
            hpi_puts(w, " ");
            if (mv[i].change > 0)
                hpi_printf(w, "%+10.2f", mv[i].change);
            else
                hpi_num(w, 10, 2, mv[i].change);
            hpi_puts(w, "\n");
        }
        free(mv);
    }
    return w->st;
}

/* The moves of instance k >= 1 against instance 0, both with a plan; 1 with
 * *mv, *m set, 0 when there is nothing to compare (*st HP_OK) or on
 * failure (*st set). */
static int moves_k(const hp_compare *c, int k, hpi_move **mv, int *m, hp_status *st)
{
    *mv = NULL;
    *m = 0;
    *st = HP_OK;
    if (k < 1 || k >= c->n || !c->plans[0] || !c->plans[k])
        return 0;
    *st = hpi_moves_of(c->plans[0], c->plans[k], HP_COMPARE_MOVE_TOL, mv, m);
    return *st == HP_OK;
}

hp_status hpi_moves_csv(hpi_writer *w, const hp_compare *c, int k)
{
    hpi_move *mv;
    int m;
    hp_status st;
    char s[HPI_LABEL];
    static const char *const what[] = {"order_from", "order_to", "order_change"};
    if (!moves_k(c, k, &mv, &m, &st))
        return st;
    hpi_compare_label(c->files[k], s, sizeof s);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < 3; j++) {
            /* ids are at most HP_ID_MAX - 1 bytes (the loader's limit) */
            char metric[2 * HP_ID_MAX + 48];
            const double v = j == 0 ? mv[i].from : j == 1 ? mv[i].to : mv[i].change;
            snprintf(metric, sizeof metric, "%s:%s:%s:%s", what[j], mv[i].supplier, mv[i].product,
                     mv[i].quarter);
            hpi_csv_field(w, s);
            hpi_puts(w, ",");
            hpi_csv_field(w, metric);
            hpi_puts(w, ",");
            hpi_num_g(w, v);
            hpi_puts(w, "\n");
        }
    free(mv);
    return w->st;
}

hp_status hpi_moves_json(json_t *o, const hp_compare *c, int k)
{
    hpi_move *mv;
    int m, ok;
    hp_status st;
    json_t *a;
    if (!moves_k(c, k, &mv, &m, &st))
        return st;
    a = json_array();
    ok = hpi_jput(o, "order_changes", a);
    for (int i = 0; ok && i < m; i++) {
        json_t *e = json_object();
        ok = e && json_array_append_new(a, e) == 0 &&
             hpi_jput(e, "supplier", json_string(mv[i].supplier)) &&
             hpi_jput(e, "product", json_string(mv[i].product)) &&
             hpi_jput(e, "quarter", json_string(mv[i].quarter)) &&
             hpi_jput(e, "from", hpi_jreal(mv[i].from, HPI_NOISE)) &&
             hpi_jput(e, "to", hpi_jreal(mv[i].to, HPI_NOISE)) &&
             hpi_jput(e, "change", hpi_jreal(mv[i].change, HPI_NOISE));
    }
    free(mv);
    return ok ? HP_OK : HP_ENOMEM;
}
