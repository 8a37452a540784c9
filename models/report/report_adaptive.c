/* The contingent orders of an adaptive plan in words (--adaptive-orders;
 * docs/model.md "Adaptive orders"), for the text report.
 *
 * Per ship quarter after the first: an order that every node of the
 * quarter places alike (same supplier, product and quantity within 1e-6
 * relative) is said once, "in every case: order ..."; the others node by
 * node, "if CN stops in 2026Q2: order 12.50 t Dy2O3 from lynas-my in
 * 2026Q3 (arrives 2026Q4)", with the node's probability.  The plan's
 * orders come sorted by ship quarter, supplier, product and node, so the
 * orders of one (quarter, supplier, product) are contiguous. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

static int nodes_of_quarter(const hp_plan *p, int t)
{
    int k = 0;
    for (int n = 0; n < p->n_node_labels; n++)
        k += p->node_quarter[n] == t;
    return k;
}

static void order_line(hpi_writer *o, const hp_plan *p, const hp_order *d, const char *cond)
{
    const hp_instance *in = p->inst;
    char q[40], ship[16], arr[16];
    hpi_fixed(q, sizeof q, d->quantity, 2);
    hpi_quarter(in, d->ship, ship, sizeof ship);
    hpi_quarter(in, d->arrive, arr, sizeof arr);
    hpi_printf(o, "  %s: order %s t %s from %s in %s (arrives %s)\n", cond, q,
               in->products[d->product].id, in->suppliers[d->supplier].id, ship, arr);
}

/* Whether orders [a, b) (one quarter, supplier, product) are the same in
 * every node of the quarter. */
static int alike(const hp_plan *p, int a, int b)
{
    const hp_order *o = p->orders;
    if (b - a != nodes_of_quarter(p, o[a].ship))
        return 0;
    for (int i = a + 1; i < b; i++)
        if (fabs(o[i].quantity - o[a].quantity) > 1e-6 * fmax(1.0, fabs(o[a].quantity)))
            return 0;
    return 1;
}

hp_status hpi_text_contingent(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    int any = 0;

    hpi_puts(o, "\nContingent orders (decided when their ship quarter begins, on what has "
                "happened by then)\n");
    for (int t = 1; t < in->T; t++) {
        /* first the orders every node places alike, then node by node */
        for (int pass = 0; pass < 2; pass++) {
            for (int n = pass ? 0 : -1; n < (pass ? p->n_node_labels : 0); n++) {
                char cond[600];
                if (pass && p->node_quarter[n] != t)
                    continue;
                for (int i = 0; i < p->n_orders;) {
                    int k = i;
                    const hp_order *d = &p->orders[i];
                    while (k < p->n_orders && p->orders[k].ship == d->ship &&
                           p->orders[k].supplier == d->supplier &&
                           p->orders[k].product == d->product)
                        k++;
                    if (d->ship == t && d->node >= 0) {
                        int same = alike(p, i, k);
                        if (!pass && same) {
                            order_line(o, p, d, "in every case");
                            any = 1;
                        }
                        for (int m = i; pass && !same && m < k; m++)
                            if (p->orders[m].node == n) {
                                char pr[32];
                                hpi_fixed(pr, sizeof pr, 100.0 * p->orders[m].probability, 1);
                                snprintf(cond, sizeof cond, "if %s (p = %s %%)",
                                         p->node_label[n] ? p->node_label[n] : "?", pr);
                                order_line(o, p, &p->orders[m], cond);
                                any = 1;
                            }
                    }
                    i = k;
                }
            }
        }
    }
    if (!any)
        hpi_puts(o, "  none: every order ships in the first quarter\n");
    return o->st;
}
