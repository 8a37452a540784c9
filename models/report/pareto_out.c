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
#include "report_internal.h"

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

/* "spend" or "cost": what the points' cost is. */
static const char *axis_word(const hp_front_run *r)
{
    return r->axis_cost ? "cost" : "spend";
}

/* A character plot of cost or spend (rows) against risk (columns). */
static void char_plot(hpi_writer *w, const hp_front_run *r)
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
        hpi_puts(w, "\n(one plan: no trade-off to plot)\n");
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
    hpi_printf(w, "\n%s (USD m) against risk: * front, K knee, o dominated\n", axis_word(r));
    for (int y = 0; y < H; y++) {
        if (y == 0)
            hpi_num(w, 10, 2, c1 / 1e6);
        else if (y == H - 1)
            hpi_num(w, 10, 2, c0 / 1e6);
        else
            hpi_printf(w, "%10s", "");
        hpi_puts(w, " |");
        /* trailing blanks off */
        {
            int e = W;
            while (e > 0 && grid[y][e - 1] == ' ')
                e--;
            hpi_printf(w, "%.*s\n", e, grid[y]);
        }
    }
    hpi_printf(w, "%10s +", "");
    for (int x = 0; x < W; x++)
        hpi_puts(w, "-");
    hpi_printf(w, "\n%10s  ", "");
    hpi_num(w, -(W / 2), 3, r0);
    hpi_num(w, W - W / 2, 3, r1);
    hpi_puts(w, "\n");
    {
        char lab[64];
        hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
        hpi_printf(w, "%10s  risk: %s\n", "", lab);
    }
}

/* How much the front spans, absolute and relative to its dearest point, so
 * that a narrow front is not read as a real compromise. */
static void span_line(hpi_writer *w, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    double d = p->c_max - p->c_min, top = fmax(fabs(p->c_max), fabs(p->c_min));
    if (p->n_front < 1)
        return;
    hpi_printf(w, "front spans ");
    hpi_num(w, 0, 2, d / 1e6);
    hpi_printf(w, " USD m of %s (", axis_word(r));
    hpi_num(w, 0, 2, top > 0.0 ? 100.0 * d / top : 0.0);
    hpi_printf(w, " %% of %s, ", axis_word(r));
    hpi_num(w, 0, 2, p->c_min / 1e6);
    hpi_puts(w, " to ");
    hpi_num(w, 0, 2, p->c_max / 1e6);
    hpi_puts(w, " USD m)\n");
}

/* Where the expected-cost plan lies on a spend front (it may be inside). */
static void cost_plan_line(hpi_writer *w, const hp_front_run *r)
{
    const hp_plan *c = r->cost_plan;
    if (!c)
        return;
    hpi_puts(w, "expected-cost plan: spend ");
    hpi_num(w, 0, 2, c->cost_spend / 1e6);
    hpi_puts(w, " USD m, risk ");
    hpi_num(w, 0, 3, hp_plan_measure(c, r->measure));
    hpi_puts(w, ", expected shortage ");
    hpi_num(w, 0, 3, c->shortage);
    hpi_puts(w, " t (expected cost ");
    hpi_num(w, 0, 2, c->cost_total / 1e6);
    hpi_puts(w, " USD m)\n");
}

/* Exposure counts tonnes ordered from unreliable sources: a plan that
 * orders less is less exposed and may leave more demand unmet.  Says so
 * for every front point less exposed than the front's first point (or the
 * expected-cost plan) that leaves more expected shortage. */
static void exposure_warning(hpi_writer *w, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    const hp_plan *ref = r->cost_plan ? r->cost_plan : r->plans[0];
    const char *who = r->cost_plan ? "the expected-cost plan" : "point 0";
    if (r->measure != HP_MEASURE_EXPOSURE || !ref)
        return;
    for (int i = 0; i < p->n; i++) {
        const hp_plan *pl = r->plans[i];
        if (!pl || !p->pts[i].on_front || pl->exposure >= ref->exposure - 1e-9 ||
            pl->shortage <= ref->shortage + 1e-9 * fmax(1.0, ref->shortage))
            continue;
        hpi_printf(w, "warning: point %d is less exposed than %s (", i, who);
        hpi_num(w, 0, 2, pl->exposure);
        hpi_puts(w, " t against ");
        hpi_num(w, 0, 2, ref->exposure);
        hpi_puts(w, " t) but leaves more expected shortage (");
        hpi_num(w, 0, 2, pl->shortage);
        hpi_puts(w, " t against ");
        hpi_num(w, 0, 2, ref->shortage);
        hpi_puts(w, " t)\n");
    }
}

static void report_text(hpi_writer *w, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    const hp_instance *in = r->inst;
    char lab[64], mark[32];
    hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
    hpi_printf(w, "Pareto front of \"%s\" (%s)\n", in->name ? in->name : "", r->file);
    hpi_printf(w, "risk measure: %s (%s); %d points, %d on the front", hp_measure_str(r->measure),
               lab, p->n, p->n_front);
    if (p->interrupted)
        hpi_printf(w, ", interrupted after %d", p->n_solved);
    hpi_puts(w, "\n");
    hpi_printf(w, "axis: %s\n",
               r->axis_cost ? "expected cost (spend + penalty), USD m"
                            : "expected spend (cash: purchases, contracts, spot, holding, reserve, "
                              "take-or-pay, less terminal credit), USD m");
    if (p->knee >= 0) {
        hpi_printf(w, "knee: point %d, %s ", p->knee, axis_word(r));
        hpi_num(w, 0, 2, p->pts[p->knee].cost / 1e6);
        hpi_puts(w, " USD m, risk ");
        hpi_num(w, 0, 3, p->pts[p->knee].risk);
        hpi_puts(w, "\n");
    } else
        hpi_puts(w, "knee: none (the front is a straight line or one plan)\n");
    if (p->n_front >= 2 && p->r_max > p->r_min) {
        hpi_puts(w, "from end to end: risk ");
        hpi_num(w, 0, 3, p->r_max);
        hpi_puts(w, " -> ");
        hpi_num(w, 0, 3, p->r_min);
        hpi_puts(w, " for ");
        hpi_num(w, 0, 2, (p->c_max - p->c_min) / 1e6);
        hpi_printf(w, " USD m more %s (", axis_word(r));
        hpi_num(w, 0, 3, (p->c_max - p->c_min) / 1e6 / (p->r_max - p->r_min));
        hpi_puts(w, " USD m per unit of risk)\n");
    }
    span_line(w, r);
    cost_plan_line(w, r);
    exposure_warning(w, r);
    hpi_printf(w, "\n%3s %9s %10s %10s %9s %9s %9s %9s", "pt", "eps", "spend", "cost", "risk",
               "cvar", "shortage", "exposure");
    for (int g = 0; g < in->n_regions; g++)
        hpi_printf(w, " %5.5s%%", in->regions[g]);
    hpi_printf(w, "  %-10s %s\n", "status", "mark");
    hpi_printf(w, "%3s %9s %10s %10s %9s %9s %9s %9s", "", "t", "USD m", "USD m", "t", "t", "t",
               "t");
    for (int g = 0; g < in->n_regions; g++)
        hpi_printf(w, " %6s", "");
    hpi_puts(w, "\n");
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        const hp_plan *pl = r->plans[i];
        hpi_printf(w, "%3d ", i);
        hpi_num(w, 9, 3, q->eps);
        if (q->result.has_solution && pl) {
            const double v[] = {q->risk, pl->cvar, pl->shortage, pl->exposure};
            hpi_puts(w, " ");
            /* the axis column is the point's own value, the other its plan's */
            hpi_num(w, 10, 2, (r->axis_cost ? pl->cost_spend : q->cost) / 1e6);
            hpi_puts(w, " ");
            hpi_num(w, 10, 2, (r->axis_cost ? q->cost : pl->cost_total) / 1e6);
            for (int m = 0; m < 4; m++) {
                hpi_puts(w, " ");
                hpi_num(w, 9, 3, v[m]);
            }
            for (int g = 0; g < in->n_regions; g++) {
                hpi_puts(w, " ");
                hpi_num(w, 6, 1, 100.0 * pl->region_share[g]);
            }
        } else {
            hpi_printf(w, " %10s %10s %9s %9s %9s %9s", "-", "-", "-", "-", "-", "-");
            for (int g = 0; g < in->n_regions; g++)
                hpi_printf(w, " %6s", "-");
        }
        hpi_printf(w, "  %-10s %s\n", q->solved ? hp_sol_status_str(q->result.status) : "-",
                   mark_of(q, mark, sizeof mark));
    }
    /* spend, its parts (reserve purchases, take-or-pay fees less the
     * terminal credit in "other"), then the notional penalty */
    hpi_printf(w, "\ncost split, USD m\n%3s %10s %10s %10s %10s %10s %10s %10s %10s\n", "pt",
               "spend", "total", "purchase", "contract", "spot", "holding", "other", "penalty");
    for (int i = 0; i < p->n; i++) {
        const hp_plan *pl = r->plans[i];
        if (!pl || p->pts[i].duplicate >= 0)
            continue;
        const double v[] = {pl->cost_spend,
                            pl->cost_total,
                            pl->cost_purchase,
                            pl->cost_contract,
                            pl->cost_spot,
                            pl->cost_holding,
                            pl->cost_reserve + pl->cost_take_or_pay - pl->cost_terminal_credit,
                            pl->cost_penalty};
        hpi_printf(w, "%3d", i);
        for (int m = 0; m < 8; m++) {
            hpi_puts(w, " ");
            hpi_num(w, 10, 2, v[m] / 1e6);
        }
        hpi_puts(w, "\n");
    }
    char_plot(w, r);
    hpi_printf(w, "\nsolver: %s %s, %d rows, %d columns, %zu nonzeros, %ld simplex iterations",
               r->backend, r->backend_version, r->rows, r->cols, r->nnz, p->iterations);
    if (r->timing)
        hpi_printf(w, ", %.2f s", p->seconds);
    hpi_puts(w, "\n");
    (void)hpi_run_text(w, r->run); /* out of memory: the line is left out */
}

static void csv_num(hpi_writer *w, int i, const char *metric, double v)
{
    hpi_printf(w, "%d,%s,", i, metric);
    hpi_num_g(w, v);
    hpi_puts(w, "\n");
}

static void report_csv(hpi_writer *w, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    const hp_instance *in = r->inst;
    hpi_puts(w, "point,metric,value\n");
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        const hp_plan *pl = r->plans[i];
        char name[96];
        csv_num(w, i, "eps", q->eps);
        hpi_printf(w, "%d,status,%s\n", i,
                   q->solved ? hp_sol_status_str(q->result.status) : "not_solved");
        hpi_printf(w, "%d,knee,%d\n", i, q->knee);
        hpi_printf(w, "%d,on_front,%d\n", i, q->on_front);
        hpi_printf(w, "%d,dominated,%d\n", i, q->dominated);
        hpi_printf(w, "%d,duplicate_of,%d\n", i, q->duplicate);
        if (!q->result.has_solution || !pl)
            continue;
        csv_num(w, i, "spend", pl->cost_spend);
        csv_num(w, i, "cost", pl->cost_total);
        csv_num(w, i, "risk", q->risk);
        csv_num(w, i, "cost_purchase", pl->cost_purchase);
        csv_num(w, i, "cost_contract", pl->cost_contract);
        csv_num(w, i, "cost_spot", pl->cost_spot);
        csv_num(w, i, "cost_holding", pl->cost_holding);
        csv_num(w, i, "cost_reserve", pl->cost_reserve);
        csv_num(w, i, "cost_take_or_pay", pl->cost_take_or_pay);
        csv_num(w, i, "cost_terminal_credit", pl->cost_terminal_credit);
        csv_num(w, i, "cost_penalty", pl->cost_penalty);
        csv_num(w, i, "penalty_terminal", pl->penalty_terminal);
        csv_num(w, i, "shortage", pl->shortage);
        csv_num(w, i, "cvar", pl->cvar);
        csv_num(w, i, "exposure", pl->exposure);
        for (int g = 0; g < in->n_regions; g++) {
            snprintf(name, sizeof name, "share_%s", in->regions[g]);
            csv_num(w, i, name, pl->region_share[g]);
            snprintf(name, sizeof name, "quantity_%s", in->regions[g]);
            csv_num(w, i, name, pl->region_qty[g]);
        }
        if (r->timing)
            csv_num(w, i, "seconds", q->result.seconds);
    }
}

static json_t *jr(double v)
{
    return hpi_jreal(v, HPI_NOISE);
}

static json_t *point_json(const hp_front_run *r, int i)
{
    const hp_pareto_point *q = &r->front->pts[i];
    const hp_plan *pl = r->plans[i];
    const hp_instance *in = r->inst;
    json_t *o = json_object(), *c, *rk, *rg;
    int ok = o != NULL;
    ok = ok && hpi_jput(o, "point", json_integer(i)) && hpi_jput(o, "eps", jr(q->eps));
    if (q->result.has_solution && pl) {
        ok = ok && hpi_jput(o, "spend", jr(pl->cost_spend)) &&
             hpi_jput(o, "cost", jr(pl->cost_total)) && hpi_jput(o, "risk", jr(q->risk));
    } else {
        ok = ok && hpi_jput(o, "spend", json_null()) && hpi_jput(o, "cost", json_null()) &&
             hpi_jput(o, "risk", json_null());
    }
    ok =
        ok && hpi_jput(o, "knee", json_boolean(q->knee)) &&
        hpi_jput(o, "status",
                 json_string(q->solved ? hp_sol_status_str(q->result.status) : "not_solved")) &&
        hpi_jput(o, "on_front", json_boolean(q->on_front)) &&
        hpi_jput(o, "duplicate", json_boolean(q->duplicate >= 0)) &&
        hpi_jput(o, "duplicate_of", q->duplicate >= 0 ? json_integer(q->duplicate) : json_null()) &&
        hpi_jput(o, "dominated", json_boolean(q->dominated));
    if (!ok || !q->result.has_solution || !pl)
        return ok ? o : (json_decref(o), NULL);
    ok = ok && hpi_jput(o, "gap",
                        jr(q->result.is_mip || q->result.status == HP_SOL_GAP_LIMIT ? q->result.gap
                                                                                    : 0.0));
    if (r->timing)
        ok = ok && hpi_jput(o, "seconds", jr(q->result.seconds));
    c = json_object();
    ok = ok && hpi_jput(o, "cost_split", c) && hpi_jput(c, "spend", jr(pl->cost_spend)) &&
         hpi_jput(c, "total", jr(pl->cost_total)) &&
         hpi_jput(c, "purchase", jr(pl->cost_purchase)) &&
         hpi_jput(c, "contract", jr(pl->cost_contract)) && hpi_jput(c, "spot", jr(pl->cost_spot)) &&
         hpi_jput(c, "holding", jr(pl->cost_holding)) &&
         hpi_jput(c, "reserve", jr(pl->cost_reserve)) &&
         hpi_jput(c, "take_or_pay", jr(pl->cost_take_or_pay)) &&
         hpi_jput(c, "terminal_credit", jr(pl->cost_terminal_credit)) &&
         hpi_jput(c, "penalty", jr(pl->cost_penalty)) &&
         hpi_jput(c, "terminal_penalty", jr(pl->penalty_terminal));
    rk = ok ? json_object() : NULL;
    ok = ok && hpi_jput(o, "risks", rk) && hpi_jput(rk, "shortage", jr(pl->shortage)) &&
         hpi_jput(rk, "cvar", jr(pl->cvar)) && hpi_jput(rk, "exposure", jr(pl->exposure));
    rg = ok ? json_array() : NULL;
    ok = ok && hpi_jput(o, "regions", rg);
    for (int g = 0; ok && g < in->n_regions; g++) {
        json_t *e = json_object();
        ok = e && json_array_append_new(rg, e) == 0 &&
             hpi_jput(e, "region", json_string(in->regions[g])) &&
             hpi_jput(e, "quantity", jr(pl->region_qty[g])) &&
             hpi_jput(e, "share", jr(pl->region_share[g]));
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static hp_status report_json(hpi_writer *w, const hp_front_run *r)
{
    const hp_pareto *p = r->front;
    json_t *root = json_object(), *in = json_object(), *pts = json_array(), *sv = json_object();
    int ok = root && in && pts && sv;
    hp_status st = HP_ENOMEM;
    if (!ok) {
        json_decref(in);
        goto cleanup;
    }
    ok = hpi_jput(root, "instance", in) &&
         hpi_jput(in, "name", json_string(r->inst->name ? r->inst->name : "")) &&
         hpi_jput(in, "file", json_string(r->file));
    if (ok && r->sha256)
        ok = hpi_jput(in, "sha256", json_string(r->sha256));
    ok = ok && hpi_jput(root, "measure", json_string(hp_measure_str(r->measure))) &&
         hpi_jput(root, "alpha", jr(r->alpha)) &&
         hpi_jput(root, "axis", json_string(axis_word(r))) && hpi_jput(root, "points", pts);
    if (ok && r->cost_plan) {
        json_t *e = json_object();
        ok = hpi_jput(root, "expected_cost_plan", e) &&
             hpi_jput(e, "spend", jr(r->cost_plan->cost_spend)) &&
             hpi_jput(e, "risk", jr(hp_plan_measure(r->cost_plan, r->measure))) &&
             hpi_jput(e, "cost", jr(r->cost_plan->cost_total)) &&
             hpi_jput(e, "shortage", jr(r->cost_plan->shortage));
    }
    for (int i = 0; ok && i < p->n; i++) {
        json_t *o = point_json(r, i);
        ok = o && json_array_append_new(pts, o) == 0;
    }
    ok = ok && hpi_jput(root, "n_points", json_integer(p->n)) &&
         hpi_jput(root, "n_front", json_integer(p->n_front)) &&
         hpi_jput(root, "knee", p->knee >= 0 ? json_integer(p->knee) : json_null()) &&
         hpi_jput(root, "interrupted", json_boolean(p->interrupted)) &&
         hpi_jput(root, "solver", sv) && hpi_jput(sv, "backend", json_string(r->backend)) &&
         hpi_jput(sv, "version", json_string(r->backend_version)) &&
         hpi_jput(sv, "rows", json_integer(r->rows)) &&
         hpi_jput(sv, "cols", json_integer(r->cols)) &&
         hpi_jput(sv, "nonzeros", json_integer((json_int_t)r->nnz)) &&
         hpi_jput(sv, "iterations", json_integer(p->iterations));
    if (ok && r->timing)
        ok = hpi_jput(sv, "seconds", jr(p->seconds));
    if (ok && r->run)
        ok = hpi_run_put(root, r->run) == HP_OK;
    if (!ok)
        goto cleanup;
    hpi_json(w, root);
    st = w->st;
cleanup:
    /* pts and sv belong to root only once put there */
    if (json_object_get(root, "points") != pts)
        json_decref(pts);
    if (json_object_get(root, "solver") != sv)
        json_decref(sv);
    json_decref(root);
    return st;
}

hp_status hp_front_report(FILE *f, const hp_front_run *r, hp_format fmt)
{
    hpi_writer w;
    hp_status st = HP_OK;
    if (!f || !r || !r->front || !r->inst)
        return HP_EINTERNAL;
    hpi_writer_init(&w, f, HPI_NOISE);
    switch (fmt) {
    case HP_FMT_TEXT:
        report_text(&w, r);
        break;
    case HP_FMT_CSV:
        report_csv(&w, r);
        break;
    case HP_FMT_JSON:
        st = report_json(&w, r);
        break;
    case HP_FMT_HTML:
        st = hpi_front_html(&w, r);
        break;
    default:
        return HP_EINTERNAL;
    }
    if (st == HP_OK)
        st = hpi_finish(&w);
    return st;
}

int hp_front_chart(const char *svg_path, const hp_front_run *r, char *err, size_t errlen)
{
    const hp_pareto *p = r->front;
    hp_chart_point *cp = calloc((size_t)p->n, sizeof *cp);
    char title[256], lab[64], sub[192];
    hp_chart_front_opts o = {0};
    int rc, n = 0;
    if (!cp) {
        snprintf(err, errlen, "out of memory");
        return 1;
    }
    for (int i = 0; i < p->n; i++) {
        const hp_pareto_point *q = &p->pts[i];
        if (!q->result.has_solution || q->duplicate >= 0)
            continue;
        /* the point's value on the front's axis: spend or expected cost */
        cp[n].cost = r->plans && r->plans[i] && !r->axis_cost ? r->plans[i]->cost_spend : q->cost;
        cp[n].risk = q->risk;
        cp[n].on_front = q->on_front;
        cp[n].dominated = q->dominated;
        cp[n].knee = q->knee;
        n++;
    }
    snprintf(title, sizeof title, "%s-risk front: %s", r->axis_cost ? "Cost" : "Spend",
             r->inst->name ? r->inst->name : r->file);
    hp_measure_label(r->measure, r->alpha, lab, sizeof lab);
    /* the span in absolute and relative terms, as in the text report */
    double d = p->c_max - p->c_min, top = fmax(fabs(p->c_max), fabs(p->c_min));
    /* an axis that would nearly reach 0 anyway starts at 0 */
    int zero = r->zero_axis || (p->c_min >= 0.0 && p->c_min <= 0.1 * d);
    snprintf(sub, sizeof sub, "front spans %.2f USD m, %.2f %% of %s (%.2f to %.2f USD m)%s",
             d / 1e6, top > 0.0 ? 100.0 * d / top : 0.0, axis_word(r), p->c_min / 1e6,
             p->c_max / 1e6, zero ? "" : "; the value axis does not start at 0");
    o.title = title;
    o.subtitle = p->n_front > 0 ? sub : NULL;
    o.risk_label = lab;
    o.value_label =
        r->axis_cost ? "expected cost (spend + penalty), USD m" : "expected spend, USD m";
    o.zero_based = zero;
    if (r->cost_plan && !r->axis_cost) {
        o.has_mark = 1;
        o.mark.cost = r->cost_plan->cost_spend;
        o.mark.risk = hp_plan_measure(r->cost_plan, r->measure);
        o.mark_label = "expected-cost plan";
    }
    rc = hp_chart_front(svg_path, &o, cp, n, err, errlen);
    free(cp);
    return rc;
}

void hp_front_run_from(hp_front_run *r, const hp_instance *inst, const char *file,
                       const hp_front_result *res)
{
    memset(r, 0, sizeof *r);
    r->inst = inst;
    r->file = file;
    r->measure = res->measure;
    r->alpha = res->alpha;
    r->front = res->front;
    r->plans = res->plans;
    r->backend = res->backend;
    r->backend_version = res->backend_version;
    r->rows = res->rows;
    r->cols = res->cols;
    r->nnz = res->nnz;
    r->axis_cost = res->axis == HP_AXIS_COST;
    r->cost_plan = res->cost_plan;
}
