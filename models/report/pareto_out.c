/* Reports of a Pareto front (see pareto_out.h).  Points are listed in
 * index order, from the cost-minimal end to the risk-minimal end.  Money is
 * USD in CSV and JSON, USD m in the text table; risk in the measure's unit
 * (criticality-weighted t). */
#include "pareto_out.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"

#define JFLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

double hp_plan_measure(const hp_plan *p, hp_measure m)
{
    switch (m) {
    case HP_MEASURE_SHORTAGE:
        return p->shortage;
    case HP_MEASURE_CVAR:
        return p->cvar;
    case HP_MEASURE_EXPOSURE:
        return p->exposure;
    }
    return p->cvar;
}

void hp_measure_label(hp_measure m, double alpha, char *buf, size_t len)
{
    switch (m) {
    case HP_MEASURE_SHORTAGE:
        snprintf(buf, len, "expected shortage, t");
        break;
    case HP_MEASURE_CVAR:
        snprintf(buf, len, "CVaR %.2f of shortage, t", alpha);
        break;
    case HP_MEASURE_EXPOSURE:
        snprintf(buf, len, "exposure, t ordered not delivered");
        break;
    }
}

/* -0.00 never prints */
static double nz(double v)
{
    return fabs(v) < 5e-13 ? 0.0 : v;
}

static const char *mark_of(const hp_pareto_point *q, char *buf, size_t len)
{
    if (!q->solved)
        snprintf(buf, len, "not solved");
    else if (!q->result.has_solution)
        snprintf(buf, len, "no plan");
    else if (q->duplicate >= 0)
        snprintf(buf, len, "duplicate of %d", q->duplicate);
    else if (q->dominated)
        snprintf(buf, len, "dominated");
    else if (q->knee)
        snprintf(buf, len, "knee");
    else
        buf[0] = '\0';
    return buf;
}

/* A character plot of cost (rows) against risk (columns). */
static void char_plot(FILE *f, const hp_front_run *r)
{
    enum { W = 60, H = 16 };
    char grid[H][W + 1];
    const hp_pareto *p = r->front;
    double c0 = HUGE_VAL, c1 = -HUGE_VAL, r0 = HUGE_VAL, r1 = -HUGE_VAL;
    int any = 0;
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        c0 = fmin(c0, q->cost);
        c1 = fmax(c1, q->cost);
        r0 = fmin(r0, q->risk);
        r1 = fmax(r1, q->risk);
        any = 1;
    }
    if (!any)
        return;
    if (p->n_front < 2) {
        fprintf(f, "\n(one plan: no trade-off to plot)\n");
        return;
    }
    memset(grid, ' ', sizeof grid);
    for (int y = 0; y < H; y++)
        grid[y][W] = '\0';
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < p->n; i++) {
            const hp_pareto_point *q = &p->pts[i];
            int x, y;
            char ch;
            if (!q->result.has_solution || q->duplicate >= 0)
                continue;
            ch = q->knee ? 'K' : q->dominated ? 'o' : '*';
            /* dominated first, then the front, then the knee on top */
            if (ch != "o*K"[pass])
                continue;
            x = r1 > r0 ? (int)lround((q->risk - r0) / (r1 - r0) * (W - 1)) : 0;
            y = c1 > c0 ? (int)lround((c1 - q->cost) / (c1 - c0) * (H - 1)) : H - 1;
            grid[y][x] = ch;
        }
    fprintf(f, "\ncost (USD m) against risk: * front, K knee, o dominated\n");
    for (int y = 0; y < H; y++) {
        if (y == 0)
            fprintf(f, "%10.2f |", nz(c1 / 1e6));
        else if (y == H - 1)
            fprintf(f, "%10.2f |", nz(c0 / 1e6));
        else
            fprintf(f, "%10s |", "");
        /* trailing blanks off */
        {
            int e = W;
            while (e > 0 && grid[y][e - 1] == ' ')
                e--;
            fprintf(f, "%.*s\n", e, grid[y]);
        }
    }
    fprintf(f, "%10s +", "");
    for (int x = 0; x < W; x++)
        fputc('-', f);
    fprintf(f, "\n%10s  %-*.3f%*.3f\n", "", W / 2, nz(r0), W - W / 2, nz(r1));
    {
        char lab[64];
        hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
        fprintf(f, "%10s  risk: %s\n", "", lab);
    }
}

static void report_text(FILE *f, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    const hp_instance *in = r->inst;
    char lab[64], mark[32];
    hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
    fprintf(f, "Pareto front of \"%s\" (%s)\n", in->name ? in->name : "", r->file);
    fprintf(f, "risk measure: %s (%s); %d points, %d on the front", hp_measure_str(r->measure), lab,
            p->n, p->n_front);
    if (p->interrupted)
        fprintf(f, ", interrupted after %d", p->n_solved);
    fputc('\n', f);
    if (p->knee >= 0)
        fprintf(f, "knee: point %d, cost %.2f USD m, risk %.3f\n", p->knee,
                nz(p->pts[p->knee].cost / 1e6), nz(p->pts[p->knee].risk));
    else
        fprintf(f, "knee: none (the front is a straight line or one plan)\n");
    if (p->n_front >= 2 && p->r_max > p->r_min)
        fprintf(f,
                "from end to end: risk %.3f -> %.3f for %.2f USD m more (%.3f USD m per unit of "
                "risk)\n",
                nz(p->r_max), nz(p->r_min), nz((p->c_max - p->c_min) / 1e6),
                nz((p->c_max - p->c_min) / 1e6 / (p->r_max - p->r_min)));
    fprintf(f, "\n%3s %9s %10s %9s %9s %9s %9s", "pt", "eps", "cost", "risk", "shortage", "cvar",
            "exposure");
    for (int g = 0; g < in->n_regions; g++)
        fprintf(f, " %5.5s%%", in->regions[g]);
    fprintf(f, "  %-10s %s\n", "status", "mark");
    fprintf(f, "%3s %9s %10s %9s %9s %9s %9s", "", "t", "USD m", "t", "t", "t", "t");
    for (int g = 0; g < in->n_regions; g++)
        fprintf(f, " %6s", "");
    fputc('\n', f);
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        const hp_plan *pl = r->plans[i];
        fprintf(f, "%3d %9.3f", i, nz(q->eps));
        if (q->result.has_solution && pl) {
            fprintf(f, " %10.2f %9.3f %9.3f %9.3f %9.3f", nz(q->cost / 1e6), nz(q->risk),
                    nz(pl->shortage), nz(pl->cvar), nz(pl->exposure));
            for (int g = 0; g < in->n_regions; g++)
                fprintf(f, " %6.1f", nz(100.0 * pl->region_share[g]));
        } else {
            fprintf(f, " %10s %9s %9s %9s %9s", "-", "-", "-", "-", "-");
            for (int g = 0; g < in->n_regions; g++)
                fprintf(f, " %6s", "-");
        }
        fprintf(f, "  %-10s %s\n", q->solved ? hp_sol_status_str(q->result.status) : "-",
                mark_of(q, mark, sizeof mark));
    }
    fprintf(f, "\ncost split, USD m\n%3s %10s %10s %10s %10s %10s %10s\n", "pt", "total",
            "purchase", "contract", "spot", "holding", "penalty");
    for (int i = 0; i < p->n; i++) {
        const hp_plan *pl = r->plans[i];
        if (!pl || p->pts[i].duplicate >= 0)
            continue;
        fprintf(f, "%3d %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f\n", i, nz(pl->cost_total / 1e6),
                nz(pl->cost_purchase / 1e6), nz(pl->cost_contract / 1e6), nz(pl->cost_spot / 1e6),
                nz(pl->cost_holding / 1e6), nz(pl->cost_penalty / 1e6));
    }
    char_plot(f, r);
    fprintf(f, "\nsolver: %s %s, %d rows, %d columns, %zu nonzeros, %ld simplex iterations",
            r->backend, r->backend_version, r->rows, r->cols, r->nnz, p->iterations);
    if (r->timing)
        fprintf(f, ", %.2f s", p->seconds);
    fputc('\n', f);
}

static void csv_num(FILE *f, int i, const char *metric, double v)
{
    fprintf(f, "%d,%s,%.10g\n", i, metric, nz(v));
}

static void report_csv(FILE *f, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    const hp_instance *in = r->inst;
    fprintf(f, "point,metric,value\n");
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        const hp_plan *pl = r->plans[i];
        char name[96];
        csv_num(f, i, "eps", q->eps);
        fprintf(f, "%d,status,%s\n", i,
                q->solved ? hp_sol_status_str(q->result.status) : "not_solved");
        fprintf(f, "%d,knee,%d\n", i, q->knee);
        fprintf(f, "%d,on_front,%d\n", i, q->on_front);
        fprintf(f, "%d,dominated,%d\n", i, q->dominated);
        fprintf(f, "%d,duplicate_of,%d\n", i, q->duplicate);
        if (!q->result.has_solution || !pl)
            continue;
        csv_num(f, i, "cost", q->cost);
        csv_num(f, i, "risk", q->risk);
        csv_num(f, i, "cost_purchase", pl->cost_purchase);
        csv_num(f, i, "cost_contract", pl->cost_contract);
        csv_num(f, i, "cost_spot", pl->cost_spot);
        csv_num(f, i, "cost_holding", pl->cost_holding);
        csv_num(f, i, "cost_penalty", pl->cost_penalty);
        csv_num(f, i, "shortage", pl->shortage);
        csv_num(f, i, "cvar", pl->cvar);
        csv_num(f, i, "exposure", pl->exposure);
        for (int g = 0; g < in->n_regions; g++) {
            snprintf(name, sizeof name, "share_%s", in->regions[g]);
            csv_num(f, i, name, pl->region_share[g]);
            snprintf(name, sizeof name, "quantity_%s", in->regions[g]);
            csv_num(f, i, name, pl->region_qty[g]);
        }
        if (r->timing)
            csv_num(f, i, "seconds", q->result.seconds);
    }
}

static json_t *jr(double v)
{
    return isfinite(v) ? json_real(nz(v)) : json_null();
}

static int put(json_t *o, const char *k, json_t *v)
{
    return v && json_object_set_new(o, k, v) == 0;
}

static json_t *point_json(const hp_front_run *r, int i)
{
    const hp_pareto_point *q = &r->front->pts[i];
    const hp_plan *pl = r->plans[i];
    const hp_instance *in = r->inst;
    json_t *o = json_object(), *c, *rk, *rg;
    int ok = o != NULL;
    ok = ok && put(o, "point", json_integer(i)) && put(o, "eps", jr(q->eps));
    if (q->result.has_solution && pl) {
        ok = ok && put(o, "cost", jr(q->cost)) && put(o, "risk", jr(q->risk));
    } else {
        ok = ok && put(o, "cost", json_null()) && put(o, "risk", json_null());
    }
    ok = ok && put(o, "knee", json_boolean(q->knee)) &&
         put(o, "status",
             json_string(q->solved ? hp_sol_status_str(q->result.status) : "not_solved")) &&
         put(o, "on_front", json_boolean(q->on_front)) &&
         put(o, "duplicate", json_boolean(q->duplicate >= 0)) &&
         put(o, "duplicate_of", q->duplicate >= 0 ? json_integer(q->duplicate) : json_null()) &&
         put(o, "dominated", json_boolean(q->dominated));
    if (!ok || !q->result.has_solution || !pl)
        return ok ? o : (json_decref(o), NULL);
    ok = ok && put(o, "gap", jr(q->result.is_mip ? q->result.gap : 0.0));
    if (r->timing)
        ok = ok && put(o, "seconds", jr(q->result.seconds));
    c = json_object();
    ok = ok && put(o, "cost_split", c) && put(c, "total", jr(pl->cost_total)) &&
         put(c, "purchase", jr(pl->cost_purchase)) && put(c, "contract", jr(pl->cost_contract)) &&
         put(c, "spot", jr(pl->cost_spot)) && put(c, "holding", jr(pl->cost_holding)) &&
         put(c, "penalty", jr(pl->cost_penalty));
    rk = ok ? json_object() : NULL;
    ok = ok && put(o, "risks", rk) && put(rk, "shortage", jr(pl->shortage)) &&
         put(rk, "cvar", jr(pl->cvar)) && put(rk, "exposure", jr(pl->exposure));
    rg = ok ? json_array() : NULL;
    ok = ok && put(o, "regions", rg);
    for (int g = 0; ok && g < in->n_regions; g++) {
        json_t *e = json_object();
        ok = e && json_array_append_new(rg, e) == 0 &&
             put(e, "region", json_string(in->regions[g])) &&
             put(e, "quantity", jr(pl->region_qty[g])) && put(e, "share", jr(pl->region_share[g]));
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static hp_status report_json(FILE *f, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    json_t *root = json_object(), *in = json_object(), *pts = json_array(), *sv = json_object();
    int ok = root && in && pts && sv;
    hp_status st = HP_ENOMEM;
    if (!ok) {
        json_decref(in);
        json_decref(pts);
        json_decref(sv);
        goto cleanup;
    }
    ok = put(root, "instance", in) &&
         put(in, "name", json_string(r->inst->name ? r->inst->name : "")) &&
         put(in, "file", json_string(r->file));
    if (ok && r->sha256)
        ok = put(in, "sha256", json_string(r->sha256));
    ok = ok && put(root, "measure", json_string(hp_measure_str(r->measure))) &&
         put(root, "alpha", jr(r->alpha)) && put(root, "points", pts);
    for (int i = 0; ok && i < p->n; i++) {
        json_t *o = point_json(r, i);
        ok = o && json_array_append_new(pts, o) == 0;
    }
    ok = ok && put(root, "n_points", json_integer(p->n)) &&
         put(root, "n_front", json_integer(p->n_front)) &&
         put(root, "knee", p->knee >= 0 ? json_integer(p->knee) : json_null()) &&
         put(root, "interrupted", json_boolean(p->interrupted)) && put(root, "solver", sv) &&
         put(sv, "backend", json_string(r->backend)) &&
         put(sv, "version", json_string(r->backend_version)) &&
         put(sv, "rows", json_integer(r->rows)) && put(sv, "cols", json_integer(r->cols)) &&
         put(sv, "nonzeros", json_integer((json_int_t)r->nnz)) &&
         put(sv, "iterations", json_integer(p->iterations));
    if (ok && r->timing)
        ok = put(sv, "seconds", jr(p->seconds));
    if (!ok)
        goto cleanup;
    st = json_dumpf(root, f, JFLAGS) == 0 && fputc('\n', f) != EOF ? HP_OK : HP_EIO;
cleanup:
    json_decref(root);
    return st;
}

hp_status hp_front_report(FILE *f, const hp_front_run *r, hp_format fmt)
{
    hp_status st = HP_OK;
    switch (fmt) {
    case HP_FMT_TEXT:
        report_text(f, r);
        break;
    case HP_FMT_CSV:
        report_csv(f, r);
        break;
    case HP_FMT_JSON:
        st = report_json(f, r);
        break;
    }
    if (st == HP_OK && (fflush(f) || ferror(f)))
        st = HP_EIO;
    return st;
}

int hp_front_chart(const char *svg_path, const hp_front_run *r, char *err, size_t errlen)
{
    const hp_pareto *p = r->front;
    hp_chart_point *cp = calloc((size_t)p->n, sizeof *cp);
    char title[256], lab[64];
    int rc, n = 0;
    if (!cp) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        cp[n].cost = q->cost;
        cp[n].risk = q->risk;
        cp[n].on_front = q->on_front;
        cp[n].dominated = q->dominated;
        cp[n].knee = q->knee;
        n++;
    }
    snprintf(title, sizeof title, "Cost-risk front: %s", r->inst->name ? r->inst->name : r->file);
    hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
    rc = hp_chart_front(svg_path, title, lab, cp, n, err, errlen);
    free(cp);
    return rc;
}
