/* The gnuplot script and data of a simulation's histogram chart (see
 * sim_report.h); chart.c runs it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report_internal.h"

/* What a panel shows: a per-path value and its histogram. */
enum { K_COST, K_SHORT, K_SPEND };

static const double *kind_paths(const hp_sim_result *r, int kind)
{
    return kind == K_SHORT ? r->path_shortage : kind == K_SPEND ? r->path_spend : r->path_cost;
}

/* Common bins over the entries, from the kept paths when there are any,
 * else each entry's own histogram. */
static void hist_block(FILE *f, const hp_sim_entry *e, int n, int k, int kind, int nb)
{
    const hp_sim_result *r = e[k].sim;
    const double *x0 = kind_paths(r, kind);
    double scale = kind == K_SHORT ? 1.0 : 1e6;
    if (!x0) {
        const double *ed = kind == K_SHORT   ? r->short_edges
                           : kind == K_SPEND ? r->spend_edges
                                             : r->cost_edges;
        const double *pr = kind == K_SHORT   ? r->short_hist
                           : kind == K_SPEND ? r->spend_hist
                                             : r->cost_hist;
        for (int b = 0; ed && pr && b < r->n_bins; b++) {
            double wb = (ed[b + 1] - ed[b]) / n;
            fprintf(f, "%.10g %.10g %.10g\n", (ed[b] + wb * (k + 0.5)) / scale,
                    (wb > 0 ? wb : 1.0) / scale, pr[b]);
        }
        return;
    }
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int m = 0; m < n; m++) {
        const double *x = kind_paths(e[m].sim, kind);
        if (!x)
            continue;
        for (long i = 0; i < e[m].sim->n_paths; i++) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
    }
    double w = (hi - lo) / nb, *p = calloc((size_t)nb, sizeof *p), W = 0.0;
    if (!p)
        return;
    for (long i = 0; i < r->n_paths; i++) {
        int b = w > 0 ? (int)((x0[i] - lo) / w) : 0;
        b = b >= nb ? nb - 1 : b < 0 ? 0 : b;
        double wi = r->path_weight ? r->path_weight[i] : 1.0;
        p[b] += wi;
        W += wi;
    }
    /* the entries' bars side by side within each bin */
    for (int b = 0; b < nb; b++)
        fprintf(f, "%.10g %.10g %.10g\n", (lo + w * b + w / n * (k + 0.5)) / scale,
                (w > 0 ? w / n : 1.0) / scale, p[b] / W);
    free(p);
}

hp_status hp_sim_chart_script(const hp_sim_entry *e, int n, char **script, char **data,
                              size_t *data_len)
{
    char *sbuf = NULL;
    size_t slen = 0;
    FILE *d = open_memstream(data, data_len);
    FILE *s = NULL;
    *script = NULL;
    if (!d)
        return HP_ENOMEM;
    s = open_memstream(&sbuf, &slen);
    if (!s) {
        fclose(d);
        free(*data);
        *data = NULL;
        return HP_ENOMEM;
    }
    int nb = e[0].sim->n_bins;
    /* spend first when every entry has it, then cost, then shortage */
    int has_spend = 1;
    for (int k = 0; k < n; k++)
        has_spend &= e[k].sim->path_spend || (e[k].sim->spend_edges && e[k].sim->spend_hist);
    int np = has_spend ? 3 : 2;
    const int kinds[3] = {has_spend ? K_SPEND : K_COST, has_spend ? K_COST : K_SHORT, K_SHORT};
    for (int k = 0; k < n; k++)
        for (int m = 0; m < np; m++) {
            hist_block(d, e, n, k, kinds[m], nb);
            fprintf(d, "\n\n");
        }
    fprintf(s, "set multiplot layout 1,%d title \"Monte-Carlo stress test: %ld paths\"\n", np,
            e[0].sim->n_paths);
    fprintf(s, "set style fill solid 0.8 noborder\nset ylabel \"probability\"\n"
               "set key top right\nset grid ytics\n");
    for (int m = 0; m < np; m++) {
        int kd = kinds[m];
        fprintf(s, "set title \"%s\"\nset xlabel \"%s\"\nplot ",
                kd == K_SHORT   ? "Shortage per path"
                : kd == K_SPEND ? "Spend per path (cash)"
                                : "Cost per path (spend + penalty)",
                kd == K_SHORT ? "t (criticality-weighted)" : "USD m");
        for (int k = 0; k < n; k++) {
            char lab[64];
            size_t j = 0;
            for (const char *c = e[k].label; *c && j < sizeof lab - 1; c++)
                lab[j++] = *c == '"' ? '\'' : *c;
            lab[j] = 0;
            fprintf(s, "%s\"hist.dat\" index %d using 1:3:2 with boxes title \"%s\"", k ? ", " : "",
                    np * k + m, lab);
        }
        fprintf(s, "\n");
    }
    fprintf(s, "unset multiplot\n");
    int bad = ferror(s) || ferror(d);
    bad |= fclose(s) != 0;
    bad |= fclose(d) != 0;
    if (bad) {
        free(sbuf);
        free(*data);
        *data = NULL;
        return HP_ENOMEM;
    }
    *script = sbuf;
    return HP_OK;
}
