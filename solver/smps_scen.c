/* hreeplan solver layer: the scenarios an SMPS stochastic file describes,
 * enumerated or sampled, and the data of one scenario (smps_int.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smps_int.h"

/* ---- scenarios ------------------------------------------------------ */

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

hp_status hpi_smps_scenarios(const hp_smps *p, long sample, unsigned long seed, hpi_smps_scen *s,
                             char *err, size_t errlen)
{
    double count = hp_smps_scenario_count(p);
    int nf = p->n_fac;
    memset(s, 0, sizeof *s);
    if (sample <= 0 && count > HP_SMPS_MAX_SCENARIOS) {
        snprintf(err, errlen,
                 "%s: %.6g scenarios (the product of %d independent parts), more than %d to "
                 "enumerate: solve on a sample with --sample-scenarios N --seed S",
                 p->stoch_file, count, nf, HP_SMPS_MAX_SCENARIOS);
        return HP_EINVAL;
    }
    s->n = sample > 0 ? sample : (long)count;
    s->nf = nf;
    s->out = malloc((size_t)s->n * (size_t)(nf ? nf : 1) * sizeof *s->out);
    s->prob = malloc((size_t)s->n * sizeof *s->prob);
    if (!s->out || !s->prob) {
        hpi_smps_scen_free(s);
        snprintf(err, errlen, "%s: out of memory for %ld scenarios", p->stoch_file, s->n);
        return HP_ENOMEM;
    }
    if (sample > 0) {
        uint64_t state = (uint64_t)seed * 0x2545f4914f6cdd1du + 1u;
        for (long k = 0; k < s->n; k++) {
            for (int f = 0; f < nf; f++) {
                const hpi_smps_factor *q = &p->fac[f];
                double u = (double)(splitmix(&state) >> 11) * 0x1.0p-53, acc = 0.0;
                int o = q->n_out - 1;
                for (int a = 0; a < q->n_out; a++) {
                    acc += q->prob[a];
                    if (u < acc) {
                        o = a;
                        break;
                    }
                }
                s->out[(size_t)k * (size_t)nf + (size_t)f] = o;
            }
            s->prob[k] = 1.0 / (double)s->n;
        }
        return HP_OK;
    }
    for (long k = 0; k < s->n; k++) {
        long rest = k;
        double pr = 1.0;
        for (int f = nf - 1; f >= 0; f--) { /* the first part varies slowest */
            int o = (int)(rest % p->fac[f].n_out);
            rest /= p->fac[f].n_out;
            s->out[(size_t)k * (size_t)nf + (size_t)f] = o;
            pr *= p->fac[f].prob[o];
        }
        s->prob[k] = pr;
    }
    return HP_OK;
}

void hpi_smps_scen_free(hpi_smps_scen *s)
{
    free(s->out);
    free(s->prob);
    memset(s, 0, sizeof *s);
}

hp_status hpi_smps_view_init(const hp_smps *p, hpi_smps_view *v)
{
    size_t m = (size_t)p->rows.n + 1, n = (size_t)p->cols.n + 1;
    v->rhs = malloc(m * sizeof *v->rhs);
    v->tval = malloc((p->nnz + 1) * sizeof *v->tval);
    v->cost = malloc(n * sizeof *v->cost);
    v->lb = malloc(n * sizeof *v->lb);
    v->ub = malloc(n * sizeof *v->ub);
    if (!v->rhs || !v->tval || !v->cost || !v->lb || !v->ub) {
        hpi_smps_view_free(v);
        return HP_ENOMEM;
    }
    memcpy(v->rhs, p->rhs, (size_t)p->rows.n * sizeof *v->rhs);
    memcpy(v->tval, p->t_val, p->nnz * sizeof *v->tval);
    memcpy(v->cost, p->cost, (size_t)p->cols.n * sizeof *v->cost);
    memcpy(v->lb, p->lb, (size_t)p->cols.n * sizeof *v->lb);
    memcpy(v->ub, p->ub, (size_t)p->cols.n * sizeof *v->ub);
    return HP_OK;
}

static void view_set(const hp_smps *p, const hpi_smps_elem *e, hpi_smps_view *v, double x,
                     int reset)
{
    int i = e->idx;
    switch (e->kind) {
    case HPI_SE_RHS:
        v->rhs[i] = reset ? p->rhs[i] : x;
        break;
    case HPI_SE_COEF:
        v->tval[i] = reset ? p->t_val[i] : x;
        break;
    case HPI_SE_COST:
        v->cost[i] = reset ? p->cost[i] : x;
        break;
    case HPI_SE_LO:
        v->lb[i] = reset ? p->lb[i] : x;
        break;
    default:
        v->ub[i] = reset ? p->ub[i] : x;
        break;
    }
}

static void view_walk(const hp_smps *p, const hpi_smps_scen *s, long k, hpi_smps_view *v, int reset)
{
    for (int f = 0; f < s->nf; f++) {
        const hpi_smps_factor *q = &p->fac[f];
        int o = s->out[(size_t)k * (size_t)s->nf + (size_t)f];
        for (size_t a = q->beg[o]; a < q->beg[o + 1]; a++)
            view_set(p, &p->elem[q->mods[a].elem], v, q->mods[a].val, reset);
    }
}

void hpi_smps_view_apply(const hp_smps *p, const hpi_smps_scen *s, long k, hpi_smps_view *v)
{
    view_walk(p, s, k, v, 0);
}

void hpi_smps_view_reset(const hp_smps *p, const hpi_smps_scen *s, long k, hpi_smps_view *v)
{
    view_walk(p, s, k, v, 1);
}

void hpi_smps_view_free(hpi_smps_view *v)
{
    free(v->rhs);
    free(v->tval);
    free(v->cost);
    free(v->lb);
    free(v->ub);
    memset(v, 0, sizeof *v);
}
