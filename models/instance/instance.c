/* hreeplan model layer: the instance in memory (small accessors, diagnostics,
 * freeing, quarter labels, scenario replacement).  Loading and validation
 * live in loader*.c. */
#include "instance.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hp_measure_str(hp_measure m)
{
    switch (m) {
    case HP_MEASURE_SHORTAGE:
        return "shortage";
    case HP_MEASURE_CVAR:
        return "cvar";
    case HP_MEASURE_EXPOSURE:
        return "exposure";
    }
    return "unknown";
}

int hp_measure_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcmp(s, "shortage"))
        return HP_MEASURE_SHORTAGE;
    if (!strcmp(s, "cvar"))
        return HP_MEASURE_CVAR;
    if (!strcmp(s, "exposure"))
        return HP_MEASURE_EXPOSURE;
    return -1;
}

/* ---- diagnostics ---- */

void hp_diag_init(hp_diag *d)
{
    d->n = 0;
    d->cap = 50;
    d->truncated = 0;
    d->msgs = NULL;
}

void hp_diag_free(hp_diag *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->n; i++)
        free(d->msgs[i]);
    free(d->msgs);
    d->msgs = NULL;
    d->n = 0;
    d->truncated = 0;
}

hp_status hp_diag_add(hp_diag *d, const char *fmt, ...)
{
    va_list ap;
    int len;
    char *msg, **grown;

    if (!d)
        return HP_OK;
    if (d->n >= d->cap) {
        /* counts the dropped messages; nonzero means "truncated" */
        d->truncated++;
        return HP_OK;
    }
    va_start(ap, fmt);
    len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return HP_EINTERNAL;
    msg = malloc((size_t)len + 1);
    if (!msg)
        return HP_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    grown = realloc(d->msgs, ((size_t)d->n + 1) * sizeof *grown);
    if (!grown) {
        free(msg);
        return HP_ENOMEM;
    }
    d->msgs = grown;
    d->msgs[d->n++] = msg;
    return HP_OK;
}

/* ---- freeing ---- */

static void free_scenarios(hp_scenario *sc, int n)
{
    if (!sc)
        return;
    for (int s = 0; s < n; s++) {
        free(sc[s].name);
        free(sc[s].events);
        free(sc[s].spot);
    }
    free(sc);
}

void hp_instance_free(hp_instance *in)
{
    if (!in)
        return;
    free(in->name);
    free(in->file);
    if (in->products) {
        for (int p = 0; p < in->n_products; p++) {
            hp_product *pr = &in->products[p];
            free(pr->id);
            free(pr->name);
            free(pr->demand);
            free(pr->in_transit);
            free(pr->safety_stock);
            free(pr->spot_price);
            free(pr->spot_limit);
            free(pr->reserve_limit);
        }
        free(in->products);
    }
    if (in->suppliers) {
        for (int j = 0; j < in->n_suppliers; j++) {
            hp_supplier *su = &in->suppliers[j];
            free(su->id);
            free(su->name);
            free(su->region);
            if (su->offers) {
                for (int k = 0; k < su->n_offers; k++) {
                    free(su->offers[k].price);
                    free(su->offers[k].capacity);
                    free(su->offers[k].commit_min);
                }
                free(su->offers);
            }
        }
        free(in->suppliers);
    }
    if (in->regions) {
        for (int g = 0; g < in->n_regions; g++)
            free(in->regions[g]);
        free(in->regions);
    }
    if (in->restrictions) {
        for (int r = 0; r < in->n_restrictions; r++) {
            free(in->restrictions[r].name);
            free(in->restrictions[r].products);
            free(in->restrictions[r].limit);
        }
        free(in->restrictions);
    }
    free_scenarios(in->scenarios, in->n_scenarios);
    free(in->avail);
    free(in->price_factor);
    free(in->spot_factor);
    if (in->devents) {
        for (int e = 0; e < in->n_devents; e++)
            free(in->devents[e].name);
        free(in->devents);
    }
    free(in->correlation);
    free(in);
}

/* ---- accessors ---- */

double hp_avail_mean(const hp_instance *in, int j, int t)
{
    double m = 0.0;
    for (int s = 0; s < in->n_scenarios; s++)
        m += in->scenarios[s].probability * hp_avail(in, s, j, t);
    return m;
}

double hp_paid_mean(const hp_instance *in, int j, int t)
{
    double m = 0.0;
    for (int s = 0; s < in->n_scenarios; s++)
        m += in->scenarios[s].probability * hp_price_factor(in, s, j, t) * hp_avail(in, s, j, t);
    return m;
}

int hp_reserve_open(const hp_instance *in, int s, int p, int t)
{
    const hp_product *pr = &in->products[p];
    double amin = HUGE_VAL;
    if (!pr->has_reserve)
        return 0;
    for (int j = 0; j < in->n_suppliers; j++)
        if (in->suppliers[j].region_idx == pr->reserve_region)
            amin = fmin(amin, hp_avail(in, s, j, t));
    return amin < pr->reserve_below;
}

int hp_instance_second_edition(const hp_instance *in)
{
    if (in->price_factor || in->spot_factor)
        return 1;
    for (int p = 0; p < in->n_products; p++)
        if (in->products[p].has_terminal || in->products[p].has_reserve)
            return 1;
    for (int j = 0; j < in->n_suppliers; j++) {
        if (in->suppliers[j].has_coproduction)
            return 1;
        for (int k = 0; k < in->suppliers[j].n_offers; k++)
            if (in->suppliers[j].offers[k].commit_min)
                return 1;
    }
    return 0;
}

void hp_quarter_label(const hp_instance *in, int t, char *buf, size_t len)
{
    long idx = (long)in->start_year * 4L + (long)(in->start_q - 1) + (long)t;
    /* floor division, so quarters before year 0 would still be consistent */
    long year = idx >= 0 ? idx / 4 : -((-idx + 3) / 4);
    long q = idx - year * 4 + 1;
    if (!buf || len == 0)
        return;
    snprintf(buf, len, "%ldQ%ld", year, q);
}

int hp_quarter_parse(const hp_instance *in, const char *label, int *offset)
{
    int year = 0, q;
    if (!label)
        return -1;
    for (int k = 0; k < 4; k++) {
        if (label[k] < '0' || label[k] > '9')
            return -1;
        year = year * 10 + (label[k] - '0');
    }
    if (label[4] != 'Q' || label[5] < '1' || label[5] > '4' || label[6] != '\0')
        return -1;
    q = label[5] - '0';
    if (year < 1000)
        return -1;
    if (offset)
        *offset = (year - in->start_year) * 4 + (q - in->start_q);
    return 0;
}

const hp_offer *hp_offer_find(const hp_instance *in, int j, int p)
{
    if (!in || j < 0 || j >= in->n_suppliers)
        return NULL;
    for (int k = 0; k < in->suppliers[j].n_offers; k++)
        if (in->suppliers[j].offers[k].product == p)
            return &in->suppliers[j].offers[k];
    return NULL;
}

/* The avail array is taken over on every path (freed on failure), so a
 * caller never has to know whether it still owns it. */
hp_status hp_instance_set_scenarios(hp_instance *in, int n, double *avail)
{
    hp_status st = HP_OK;
    hp_scenario *sc = NULL;
    int made = 0;

    if (!in || !avail || n < 1 || n > HP_MAX_SCENARIOS) {
        st = HP_EINVAL;
        goto cleanup;
    }
    sc = calloc((size_t)n, sizeof *sc);
    if (!sc) {
        st = HP_ENOMEM;
        goto cleanup;
    }
    for (made = 0; made < n; made++) {
        char name[32];
        snprintf(name, sizeof name, "sample%d", made + 1);
        sc[made].name = strdup(name);
        if (!sc[made].name) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        sc[made].probability = 1.0 / (double)n;
    }
    free_scenarios(in->scenarios, in->n_scenarios);
    free(in->avail);
    /* sampled paths carry availabilities only: prices as in the file */
    free(in->price_factor);
    free(in->spot_factor);
    in->price_factor = in->spot_factor = NULL;
    in->scenarios = sc;
    in->n_scenarios = n;
    in->avail = avail;
    in->scenarios_given = 1;
    sc = NULL;
    avail = NULL;
cleanup:
    free_scenarios(sc, made);
    free(avail);
    return st;
}
