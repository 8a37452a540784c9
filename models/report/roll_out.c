/* The report of a re-plan (roll_out.h). */
#include "roll_out.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "report_internal.h"

static const char *sid(const hp_instance *in, int j)
{
    return in->suppliers[j].id;
}

static const char *pid(const hp_instance *in, int p)
{
    return in->products[p].id;
}

static void text_part(hpi_writer *w, const hp_roll *r, const char *previous)
{
    const hp_instance *in = r->inst;
    char a[16], b[16], c[16], why[96];
    hpi_quarter(in, 0, a, sizeof a);
    hpi_quarter(in, r->prev_start, b, sizeof b);
    hpi_quarter(in, r->prev_end, c, sizeof c);
    hpi_printf(w, "Re-plan from %s of the plan for %s..%s (%s)\n", a, b, c, previous);
    if (r->freeze > 0) {
        hpi_quarter(in, r->freeze - 1, b, sizeof b);
        if (r->freeze == 1)
            hpi_printf(w, "Frozen: orders shipping in %s (--freeze 1); ", a);
        else
            hpi_printf(w, "Frozen: orders shipping %s..%s (--freeze %d); ", a, b, r->freeze);
    } else {
        hpi_printf(w, "Nothing frozen (--freeze 0); ");
    }
    hpi_printf(w, "change penalty %.2f USD/kg\n", r->change_penalty);

    hpi_printf(w, "\nStock at the start of %s      planned      actual\n", a);
    for (int p = 0; p < in->n_products; p++) {
        hpi_printf(w, "  %-24s", pid(in, p));
        if (isnan(r->stock_planned[p]))
            hpi_printf(w, "%12s", "-");
        else
            hpi_num(w, 12, 2, r->stock_planned[p]);
        hpi_num(w, 12, 2, r->stock_actual[p]);
        hpi_puts(w, "\n");
    }
    if (r->n_transit > 0) {
        hpi_printf(w, "\nIn transit (t)  %-16s %-8s %-7s   planned      actual\n", "supplier",
                   "product", "arrive");
        for (int i = 0; i < r->n_transit; i++) {
            const hp_roll_transit *t = &r->transit[i];
            hpi_quarter(in, t->arrive, b, sizeof b);
            hpi_printf(w, "                %-16s %-8s %-7s", sid(in, t->supplier),
                       pid(in, t->product), b);
            hpi_num(w, 10, 2, t->planned);
            hpi_num(w, 12, 2, t->actual);
            hpi_puts(w, "\n");
        }
    }
    if (r->n_fixed > 0) {
        hpi_printf(w, "\nFrozen orders, kept as planned (t)\n");
        for (int i = 0; i < r->n_fixed; i++) {
            const hp_roll_change *f = &r->fixed[i];
            hpi_quarter(in, f->ship, b, sizeof b);
            hpi_printf(w, "  %-16s %-8s %-7s", sid(in, f->supplier), pid(in, f->product), b);
            hpi_num(w, 10, 2, f->before);
            hpi_puts(w, "\n");
        }
    }
    if (r->n_changes == 0) {
        hpi_printf(w, "\nNo order changed: the remaining orders are the previous plan's.\n");
    } else {
        hpi_printf(w, "\nChanges against the previous plan (t)\n");
        hpi_printf(w, "  %-16s %-8s %-7s %10s %10s %10s  %s\n", "supplier", "product", "ship",
                   "before", "after", "change", "why");
        for (int i = 0; i < r->n_changes; i++) {
            const hp_roll_change *ch = &r->changes[i];
            hpi_quarter(in, ch->ship, b, sizeof b);
            hp_roll_reasons_str(ch->reasons, why, sizeof why);
            hpi_printf(w, "  %-16s %-8s %-7s", sid(in, ch->supplier), pid(in, ch->product), b);
            hpi_num(w, 11, 2, ch->before);
            hpi_num(w, 11, 2, ch->after);
            hpi_num(w, 11, 2, ch->after - ch->before);
            hpi_printf(w, "  %s\n", why);
        }
    }
    hpi_printf(w, "Changed %.2f t in all; change penalty ", r->change_t);
    {
        char g[48];
        hpi_grouped(g, sizeof g, r->change_cost, 0);
        hpi_printf(w, "%s USD (not part of the plan's cost)\n\n", g);
    }
}

static void csv_part(hpi_writer *w, const hp_roll *r)
{
    const hp_instance *in = r->inst;
    char q[16], why[96];
    double v;
    v = r->freeze;
    hpi_csv_row(w, "roll", NULL, NULL, NULL, NULL, NULL, "freeze", &v, NULL);
    hpi_csv_row(w, "roll", NULL, NULL, NULL, NULL, NULL, "change_penalty", &r->change_penalty,
                NULL);
    hpi_csv_row(w, "roll", NULL, NULL, NULL, NULL, NULL, "change_t", &r->change_t, NULL);
    hpi_csv_row(w, "roll", NULL, NULL, NULL, NULL, NULL, "change_cost", &r->change_cost, NULL);
    hpi_quarter(in, 0, q, sizeof q);
    for (int p = 0; p < in->n_products; p++) {
        if (!isnan(r->stock_planned[p]))
            hpi_csv_row(w, "roll_stock", NULL, NULL, pid(in, p), NULL, q, "planned",
                        &r->stock_planned[p], NULL);
        hpi_csv_row(w, "roll_stock", NULL, NULL, pid(in, p), NULL, q, "actual", &r->stock_actual[p],
                    NULL);
    }
    for (int i = 0; i < r->n_transit; i++) {
        const hp_roll_transit *t = &r->transit[i];
        hpi_quarter(in, t->arrive, q, sizeof q);
        hpi_csv_row(w, "roll_transit", sid(in, t->supplier), hpi_supplier_region(in, t->supplier),
                    pid(in, t->product), NULL, q, "planned", &t->planned, NULL);
        hpi_csv_row(w, "roll_transit", sid(in, t->supplier), hpi_supplier_region(in, t->supplier),
                    pid(in, t->product), NULL, q, "actual", &t->actual, NULL);
    }
    for (int i = 0; i < r->n_fixed; i++) {
        const hp_roll_change *f = &r->fixed[i];
        hpi_quarter(in, f->ship, q, sizeof q);
        hpi_csv_row(w, "roll_fixed", sid(in, f->supplier), hpi_supplier_region(in, f->supplier),
                    pid(in, f->product), q, NULL, "quantity", &f->before, NULL);
    }
    for (int i = 0; i < r->n_changes; i++) {
        const hp_roll_change *ch = &r->changes[i];
        double d = ch->after - ch->before;
        const char *reg = hpi_supplier_region(in, ch->supplier);
        hpi_quarter(in, ch->ship, q, sizeof q);
        hp_roll_reasons_str(ch->reasons, why, sizeof why);
        hpi_csv_row(w, "roll_changes", sid(in, ch->supplier), reg, pid(in, ch->product), q, NULL,
                    "before", &ch->before, why);
        hpi_csv_row(w, "roll_changes", sid(in, ch->supplier), reg, pid(in, ch->product), q, NULL,
                    "after", &ch->after, why);
        hpi_csv_row(w, "roll_changes", sid(in, ch->supplier), reg, pid(in, ch->product), q, NULL,
                    "change", &d, why);
    }
}

static json_t *jq(const hp_instance *in, int t)
{
    char q[16];
    hpi_quarter(in, t, q, sizeof q);
    return json_string(q);
}

static json_t *reasons_json(unsigned reasons)
{
    static const char *const words[] = {"demand",  "price",   "capacity",
                                        "actuals", "horizon", "other"};
    json_t *a = json_array();
    for (int b = 0; a && b < 6; b++)
        if ((reasons & (1u << b)) && json_array_append_new(a, json_string(words[b])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static hp_status json_part(json_t *root, const hp_roll *r, const char *previous)
{
    const hp_instance *in = r->inst;
    json_t *o = json_object(), *a, *e;
    if (!hpi_jput(root, "roll", o) || !hpi_jput(o, "previous", hpi_jstr(previous)) ||
        !hpi_jput(o, "previous_start", jq(in, r->prev_start)) ||
        !hpi_jput(o, "previous_end", jq(in, r->prev_end)) || !hpi_jput(o, "start", jq(in, 0)) ||
        !hpi_jput(o, "freeze", json_integer(r->freeze)) ||
        !hpi_jput(o, "change_penalty", hpi_jreal(r->change_penalty, 0.0)) ||
        !hpi_jput(o, "change_t", hpi_jreal(r->change_t, 0.0)) ||
        !hpi_jput(o, "change_cost", hpi_jreal(r->change_cost, 0.0)))
        return HP_ENOMEM;
    if (!hpi_jput(o, "stock", a = json_array()))
        return HP_ENOMEM;
    for (int p = 0; p < in->n_products; p++)
        if (json_array_append_new(a, e = json_object()) != 0 ||
            !hpi_jput(e, "product", json_string(pid(in, p))) ||
            !hpi_jput(e, "planned", hpi_jreal(r->stock_planned[p], 0.0)) ||
            !hpi_jput(e, "actual", hpi_jreal(r->stock_actual[p], 0.0)))
            return HP_ENOMEM;
    if (!hpi_jput(o, "in_transit", a = json_array()))
        return HP_ENOMEM;
    for (int i = 0; i < r->n_transit; i++) {
        const hp_roll_transit *t = &r->transit[i];
        if (json_array_append_new(a, e = json_object()) != 0 ||
            !hpi_jput(e, "supplier", json_string(sid(in, t->supplier))) ||
            !hpi_jput(e, "product", json_string(pid(in, t->product))) ||
            !hpi_jput(e, "arrive", jq(in, t->arrive)) ||
            !hpi_jput(e, "planned", hpi_jreal(t->planned, 0.0)) ||
            !hpi_jput(e, "actual", hpi_jreal(t->actual, 0.0)))
            return HP_ENOMEM;
    }
    if (!hpi_jput(o, "fixed", a = json_array()))
        return HP_ENOMEM;
    for (int i = 0; i < r->n_fixed; i++) {
        const hp_roll_change *f = &r->fixed[i];
        if (json_array_append_new(a, e = json_object()) != 0 ||
            !hpi_jput(e, "supplier", json_string(sid(in, f->supplier))) ||
            !hpi_jput(e, "product", json_string(pid(in, f->product))) ||
            !hpi_jput(e, "ship", jq(in, f->ship)) ||
            !hpi_jput(e, "quantity", hpi_jreal(f->before, 0.0)))
            return HP_ENOMEM;
    }
    if (!hpi_jput(o, "changes", a = json_array()))
        return HP_ENOMEM;
    for (int i = 0; i < r->n_changes; i++) {
        const hp_roll_change *ch = &r->changes[i];
        if (json_array_append_new(a, e = json_object()) != 0 ||
            !hpi_jput(e, "supplier", json_string(sid(in, ch->supplier))) ||
            !hpi_jput(e, "product", json_string(pid(in, ch->product))) ||
            !hpi_jput(e, "ship", jq(in, ch->ship)) ||
            !hpi_jput(e, "before", hpi_jreal(ch->before, 0.0)) ||
            !hpi_jput(e, "after", hpi_jreal(ch->after, 0.0)) ||
            !hpi_jput(e, "reasons", reasons_json(ch->reasons)))
            return HP_ENOMEM;
    }
    return HP_OK;
}

hp_status hp_report_roll(FILE *f, const hp_roll *r, const char *previous, hp_format fmt,
                         const hp_report_meta *meta)
{
    hpi_writer w;
    hp_report_meta none = {NULL, NULL, 0, NULL};
    json_t *root = NULL;
    hp_status st = HP_OK;
    if (!f || !r || !r->plan || !previous ||
        (fmt != HP_FMT_TEXT && fmt != HP_FMT_CSV && fmt != HP_FMT_JSON)) {
        st = HP_EINTERNAL;
        goto cleanup;
    }
    if (!meta)
        meta = &none;
    hpi_writer_init(&w, f, 0.0);
    if (fmt == HP_FMT_TEXT) {
        text_part(&w, r, previous);
        st = hpi_plan_text(&w, r->plan, meta);
    } else if (fmt == HP_FMT_CSV) {
        st = hpi_plan_csv(&w, r->plan, meta);
        csv_part(&w, r);
    } else {
        if (!(root = json_object())) {
            st = HP_ENOMEM;
            goto cleanup;
        }
        HP_CALL(hpi_plan_json_fill(root, r->plan, meta));
        HP_CALL(json_part(root, r, previous));
        HP_CALL(hpi_run_put(root, meta->run));
        hpi_json(&w, root);
    }
    if (st == HP_OK)
        st = hpi_finish(&w);
    else
        (void)hpi_finish(&w);
cleanup:
    json_decref(root);
    return st;
}
