/* hreeplan: the nodes of an adaptive plan in words (plan.h,
 * hp_plan_node_labels(); docs/model.md "Adaptive orders").
 *
 * A node of quarter t is described by what its scenarios have seen by the
 * start of t, from the scenario events of its first scenario (all of the
 * node's scenarios share those data through t): each event that has begun
 * by t and changes something (factor or price factor not 1), in the order
 * the scenario lists them, as "TARGET stops in Q" (factor 0) or "TARGET at
 * N% in Q", then the price-only events, those with one factor and the same
 * quarters together ("MY, FR prices x1.25 in Q"), with "Q-Q2" when the event ended
 * before t (its end is not yet known when it runs on), and each spot price
 * event likewise ("Dy2O3 spot x2 in Q").  A node whose first scenario has
 * seen nothing is "no disruption by Q", unless its availability data
 * left 1 (sampled paths carry no events): then the data speak, per
 * supplier or whole region ("china stops in Q").  Where two nodes of one quarter
 * would read the same (data that no event names, sampled paths), both are
 * named by their scenarios ("scenario calm, mild" or "scenario calm and 4
 * more"). */
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_MAX 512

static void cat(char *buf, const char *s)
{
    size_t n = strlen(buf);
    if (n + strlen(s) + 1 < LABEL_MAX)
        memcpy(buf + n, s, strlen(s) + 1);
}

/* "in Q" while running at t, "in Q-Q2" when it ended before t. */
static void when(const hp_instance *in, int from, int to, int t, char *out, size_t len)
{
    char a[32], b[32];
    if (from < 0) {
        if (to < t) {
            hp_quarter_label(in, to, b, sizeof b);
            snprintf(out, len, "until %s", b);
        } else
            snprintf(out, len, "from the start");
        return;
    }
    hp_quarter_label(in, from, a, sizeof a);
    if (to < t) {
        hp_quarter_label(in, to, b, sizeof b);
        if (to == from)
            snprintf(out, len, "in %s only", a);
        else
            snprintf(out, len, "in %s-%s", a, b);
    } else
        snprintf(out, len, "in %s", a);
}

static const char *target(const hp_instance *in, const hp_event *ev)
{
    return ev->supplier >= 0 ? in->suppliers[ev->supplier].id : in->regions[ev->region_idx];
}

/* Whether event ev of scenario sc is pure price (availability 1) and
 * begun by t. */
static int price_only(const hp_event *ev, int t)
{
    return ev->from <= t && ev->factor == 1.0 && ev->price_factor != 1.0;
}

static void describe(const hp_instance *in, int s, int t, char *buf)
{
    const hp_scenario *sc = &in->scenarios[s];
    char part[160], w[80], w2[80], q[32];
    int any = 0;

    buf[0] = '\0';
    /* availability events (with their price factor) */
    for (int e = 0; e < sc->n_events; e++) {
        const hp_event *ev = &sc->events[e];
        const char *who = target(in, ev);
        if (ev->from > t || ev->factor == 1.0)
            continue;
        when(in, ev->from, ev->to, t, w, sizeof w);
        if (ev->factor == 0.0)
            snprintf(part, sizeof part, "%s stops %s", who, w);
        else if (ev->price_factor != 1.0)
            snprintf(part, sizeof part, "%s at %.4g%%, prices x%.4g %s", who, 100.0 * ev->factor,
                     ev->price_factor, w);
        else
            snprintf(part, sizeof part, "%s at %.4g%% %s", who, 100.0 * ev->factor, w);
        if (any++)
            cat(buf, " and ");
        cat(buf, part);
    }
    /* price events, those with the same factor and quarters together:
     * "MY, FR, US prices x1.25 in 2026Q2" */
    for (int e = 0; e < sc->n_events; e++) {
        const hp_event *ev = &sc->events[e];
        int first = 1;
        if (!price_only(ev, t))
            continue;
        when(in, ev->from, ev->to, t, w, sizeof w);
        for (int k = 0; k < e && first; k++) {
            const hp_event *o = &sc->events[k];
            when(in, o->from, o->to, t, w2, sizeof w2);
            first = !(price_only(o, t) && o->price_factor == ev->price_factor && !strcmp(w, w2));
        }
        if (!first)
            continue;
        if (any++)
            cat(buf, " and ");
        cat(buf, target(in, ev));
        for (int k = e + 1; k < sc->n_events; k++) {
            const hp_event *o = &sc->events[k];
            when(in, o->from, o->to, t, w2, sizeof w2);
            if (price_only(o, t) && o->price_factor == ev->price_factor && !strcmp(w, w2)) {
                cat(buf, ", ");
                cat(buf, target(in, o));
            }
        }
        snprintf(part, sizeof part, " prices x%.4g %s", ev->price_factor, w);
        cat(buf, part);
    }
    for (int e = 0; e < sc->n_spot; e++) {
        const hp_spot_event *ev = &sc->spot[e];
        if (ev->from > t || ev->factor == 1.0)
            continue;
        when(in, ev->from, ev->to, t, w, sizeof w);
        snprintf(part, sizeof part, "%s spot x%.4g %s", in->products[ev->product].id, ev->factor,
                 w);
        if (any++)
            cat(buf, " and ");
        cat(buf, part);
    }
    if (!any) {
        hp_quarter_label(in, t, q, sizeof q);
        snprintf(buf, LABEL_MAX, "no disruption by %s", q);
    }
}

/* Whether suppliers j and k have the same availability through t in s. */
static int same_series(const hp_instance *in, int s, int j, int k, int t)
{
    for (int q = 0; q <= t; q++)
        if (hp_avail(in, s, j, q) != hp_avail(in, s, k, q))
            return 0;
    return 1;
}

/* From the availability data alone (sampled paths carry no events): for
 * each supplier whose availability left 1 by t, its first such run, "china
 * stops in 2026Q3" or "lynas at 50% in 2026Q2-2026Q3"; a region whose
 * suppliers all share the series is named once by its code.  Empty when
 * nothing left 1. */
static void describe_data(const hp_instance *in, int s, int t, char *buf)
{
    char part[160], w[80];
    int any = 0;
    buf[0] = '\0';
    for (int j = 0; j < in->n_suppliers; j++) {
        int r = in->suppliers[j].region_idx, whole = 1, done = 0, t0 = -1, t1;
        double f;
        const char *who = in->suppliers[j].id;
        for (int q = 0; q <= t && t0 < 0; q++)
            if (hp_avail(in, s, j, q) != 1.0)
                t0 = q;
        if (t0 < 0)
            continue;
        /* the region's first supplier speaks for it when all agree */
        for (int k = 0; k < in->n_suppliers; k++)
            if (in->suppliers[k].region_idx == r && !same_series(in, s, j, k, t))
                whole = 0;
        for (int k = 0; whole && k < j; k++)
            done |= in->suppliers[k].region_idx == r;
        if (done)
            continue;
        if (whole)
            who = in->regions[r];
        f = hp_avail(in, s, j, t0);
        for (t1 = t0; t1 + 1 <= t && hp_avail(in, s, j, t1 + 1) == f; t1++)
            ;
        when(in, t0, t1 < t ? t1 : in->T, t, w, sizeof w);
        if (f == 0.0)
            snprintf(part, sizeof part, "%s stops %s", who, w);
        else
            snprintf(part, sizeof part, "%s at %.4g%% %s", who, 100.0 * f, w);
        if (any++)
            cat(buf, " and ");
        cat(buf, part);
    }
}

/* "scenario a, b" (at most 3 names, then "and K more"). */
static void by_names(const hp_tree *tr, const hp_instance *in, int n, char *buf)
{
    int t = tr->quarter[n], shown = 0, more = 0;
    snprintf(buf, LABEL_MAX, "scenario ");
    for (int s = 0; s < tr->S; s++) {
        if (tr->node[(size_t)t * (size_t)tr->S + (size_t)s] != n)
            continue;
        if (shown < 3) {
            if (shown)
                cat(buf, ", ");
            cat(buf, in->scenarios[s].name);
            shown++;
        } else
            more++;
    }
    if (more) {
        char m[48];
        snprintf(m, sizeof m, " and %d more", more);
        cat(buf, m);
    }
}

hp_status hp_plan_node_labels(const hp_model *m, hp_plan *pl)
{
    hp_status st = HP_OK;
    const hp_tree *tr = m->tree;
    const hp_instance *in = m->inst;
    int N = tr->n_nodes;

    pl->adaptive = 1;
    pl->n_node_labels = N;
    pl->node_label = calloc((size_t)(N ? N : 1), sizeof *pl->node_label);
    pl->node_quarter = calloc((size_t)(N ? N : 1), sizeof *pl->node_quarter);
    if (!pl->node_label || !pl->node_quarter)
        return HP_ENOMEM;
    for (int n = 0; n < N; n++) {
        pl->node_quarter[n] = tr->quarter[n];
        if (tr->quarter[n] < 1)
            continue;
        pl->node_label[n] = malloc(LABEL_MAX);
        if (!pl->node_label[n]) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        describe(in, tr->first[n], tr->quarter[n], pl->node_label[n]);
        if (!strncmp(pl->node_label[n], "no disruption", 13)) {
            char alt[LABEL_MAX];
            describe_data(in, tr->first[n], tr->quarter[n], alt);
            if (alt[0])
                memcpy(pl->node_label[n], alt, LABEL_MAX);
        }
    }
    /* two nodes of one quarter that read the same: named by scenarios */
    for (int n = 0; n < N; n++) {
        int dup = 0;
        if (!pl->node_label[n])
            continue;
        for (int k = 0; k < N && !dup; k++)
            dup = k != n && tr->quarter[k] == tr->quarter[n] && pl->node_label[k] &&
                  !strncmp(pl->node_label[k], pl->node_label[n], LABEL_MAX);
        if (dup)
            pl->node_quarter[n] = -1 - pl->node_quarter[n]; /* mark, restored below */
    }
    for (int n = 0; n < N; n++)
        if (pl->node_quarter[n] < 0) {
            pl->node_quarter[n] = -1 - pl->node_quarter[n];
            by_names(tr, in, n, pl->node_label[n]);
        }
cleanup:
    return st;
}
