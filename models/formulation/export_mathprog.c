/* hreeplan model layer: the data section for models/hreeplan.mod.
 *
 * The writer mirrors the parameter declarations of the .mod one for one;
 * where the .mod has a default (availability 1, no storage limit, unlimited
 * spot) the entry is left out rather than written as a sentinel, because
 * MathProg's data section has no literal for infinity. */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "export.h"

/* MathProg's longest symbol (MAX_LENGTH in glpk's mpl). */
#define MPL_SYMBOL_MAX 100

hp_status hpi_export_put(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n < 0 ? HP_EIO : HP_OK;
}

/* A number that reads back as the same double (-0 written as 0). */
static hp_status put_num(FILE *f, double v)
{
    return hpi_export_put(f, " %.17g", v + 0.0);
}

/* A quoted MathProg symbol; a quote inside is doubled. */
static hp_status put_sym_raw(FILE *f, const char *s)
{
    hp_status st = HP_OK;
    if (strlen(s) > MPL_SYMBOL_MAX) {
        hp_log(0, "mathprog export: name '%.40s...' is longer than %d bytes", s, MPL_SYMBOL_MAX);
        return HP_EINVAL;
    }
    HP_CALL(hpi_export_put(f, "'"));
    for (const char *c = s; *c; c++) {
        /* Control characters cannot appear in a MathProg string literal. */
        char ch = (*c == '\n' || *c == '\r' || *c == '\t') ? ' ' : *c;
        if (ch == '\'')
            HP_CALL(hpi_export_put(f, "''"));
        else
            HP_CALL(hpi_export_put(f, "%c", ch));
    }
    HP_CALL(hpi_export_put(f, "'"));
cleanup:
    return st;
}

/* The same after a space. */
static hp_status put_sym(FILE *f, const char *s)
{
    hp_status st = HP_OK;
    HP_CALL(hpi_export_put(f, " "));
    HP_CALL(put_sym_raw(f, s));
cleanup:
    return st;
}

/* A comment line; newlines in free text would end it early. */
static hp_status put_comment(FILE *f, const char *what, const char *text)
{
    hp_status st = HP_OK;
    HP_CALL(hpi_export_put(f, "# %s", what));
    for (const char *c = text; c && *c; c++)
        HP_CALL(hpi_export_put(f, "%c", (*c == '\n' || *c == '\r') ? ' ' : *c));
    HP_CALL(hpi_export_put(f, "\n"));
cleanup:
    return st;
}

/* One series over the quarters: "  [prefix,*] 1 v1 2 v2 ...", leaving out
 * the entries equal to `skip` (a default of the .mod) and non-finite ones
 * (unlimited).  Eight pairs per line. */
static hp_status put_series(FILE *f, const char *prefix1, const char *prefix2, const double *v,
                            int T, int use_skip, double skip)
{
    hp_status st = HP_OK;
    int k = 0, any = 0;
    for (int t = 0; t < T; t++)
        if (isfinite(v[t]) && !(use_skip && v[t] == skip))
            any = 1;
    if (!any)
        return HP_OK;
    HP_CALL(hpi_export_put(f, "  ["));
    HP_CALL(put_sym_raw(f, prefix1));
    if (prefix2) {
        HP_CALL(hpi_export_put(f, ","));
        HP_CALL(put_sym_raw(f, prefix2));
    }
    HP_CALL(hpi_export_put(f, ",*]"));
    for (int t = 0; t < T; t++) {
        if (!isfinite(v[t]) || (use_skip && v[t] == skip))
            continue;
        if (k > 0 && k % 8 == 0)
            HP_CALL(hpi_export_put(f, "\n   "));
        HP_CALL(hpi_export_put(f, " %d", t + 1));
        HP_CALL(put_num(f, v[t]));
        k++;
    }
    HP_CALL(hpi_export_put(f, "\n"));
cleanup:
    return st;
}

/* Whether any product has a nonzero in-transit (which 0) or safety-stock
 * (which 1) entry. */
static int any_nonzero(const hp_instance *in, int which)
{
    for (int p = 0; p < in->n_products; p++)
        for (int t = 0; t < in->T; t++)
            if ((which ? in->products[p].safety_stock : in->products[p].in_transit)[t] != 0.0)
                return 1;
    return 0;
}

static hp_status put_products(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    int any;

    HP_CALL(hpi_export_put(f, "set P :="));
    for (int p = 0; p < in->n_products; p++)
        HP_CALL(put_sym(f, in->products[p].id));
    HP_CALL(hpi_export_put(f, ";\n\nparam d :=\n"));
    for (int p = 0; p < in->n_products; p++)
        HP_CALL(put_series(f, in->products[p].id, NULL, in->products[p].demand, in->T, 0, 0.0));
    HP_CALL(hpi_export_put(f, ";\n"));
    if (any_nonzero(in, 0)) {
        HP_CALL(hpi_export_put(f, "# in transit, t arriving\nparam R :=\n"));
        for (int p = 0; p < in->n_products; p++)
            HP_CALL(
                put_series(f, in->products[p].id, NULL, in->products[p].in_transit, in->T, 1, 0.0));
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    if (any_nonzero(in, 1)) {
        HP_CALL(hpi_export_put(f, "# safety stock, t\nparam SS :=\n"));
        for (int p = 0; p < in->n_products; p++)
            HP_CALL(put_series(f, in->products[p].id, NULL, in->products[p].safety_stock, in->T, 1,
                               0.0));
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    HP_CALL(hpi_export_put(
        f, "\n# product: shortage penalty M, initial stock I0, holding h, criticality, "
           "safety penalty w\nparam : M I0 h crit w :=\n"));
    for (int p = 0; p < in->n_products; p++) {
        const hp_product *pr = &in->products[p];
        HP_CALL(hpi_export_put(f, " "));
        HP_CALL(put_sym(f, pr->id));
        HP_CALL(put_num(f, pr->shortage_penalty));
        HP_CALL(put_num(f, pr->initial_inventory));
        HP_CALL(put_num(f, pr->holding_cost));
        HP_CALL(put_num(f, pr->criticality));
        HP_CALL(put_num(f, pr->safety_penalty));
        HP_CALL(hpi_export_put(f, "\n"));
    }
    HP_CALL(hpi_export_put(f, ";\n"));

    any = 0;
    for (int p = 0; p < in->n_products; p++)
        any |= in->products[p].has_storage_limit;
    if (any) {
        HP_CALL(hpi_export_put(f, "param Imax :="));
        for (int p = 0; p < in->n_products; p++) {
            if (!in->products[p].has_storage_limit)
                continue;
            HP_CALL(put_sym(f, in->products[p].id));
            HP_CALL(put_num(f, in->products[p].storage_limit));
        }
        HP_CALL(hpi_export_put(f, ";\n"));
    }

    any = 0;
    for (int p = 0; p < in->n_products; p++)
        any |= in->products[p].has_spot;
    if (any) {
        HP_CALL(hpi_export_put(f, "\nset SPOT :="));
        for (int p = 0; p < in->n_products; p++)
            if (in->products[p].has_spot)
                HP_CALL(put_sym(f, in->products[p].id));
        HP_CALL(hpi_export_put(f, ";\nparam sp :=\n"));
        for (int p = 0; p < in->n_products; p++)
            if (in->products[p].has_spot)
                HP_CALL(put_series(f, in->products[p].id, NULL, in->products[p].spot_price, in->T,
                                   0, 0.0));
        /* Unlimited quarters (HUGE_VAL) are left to the default Infinity. */
        HP_CALL(hpi_export_put(f, ";\nparam Ymax :=\n"));
        for (int p = 0; p < in->n_products; p++)
            if (in->products[p].has_spot)
                HP_CALL(put_series(f, in->products[p].id, NULL, in->products[p].spot_limit, in->T,
                                   0, 0.0));
        HP_CALL(hpi_export_put(f, ";\n"));
    }
cleanup:
    return st;
}

static hp_status put_suppliers(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    int n_contract = 0;

    HP_CALL(hpi_export_put(f, "\nset J :="));
    for (int j = 0; j < in->n_suppliers; j++)
        HP_CALL(put_sym(f, in->suppliers[j].id));
    HP_CALL(hpi_export_put(f, ";\n\n# source: region g, lead time L (quarters)\nparam : g L :=\n"));
    for (int j = 0; j < in->n_suppliers; j++) {
        HP_CALL(hpi_export_put(f, " "));
        HP_CALL(put_sym(f, in->suppliers[j].id));
        HP_CALL(put_sym(f, in->suppliers[j].region));
        HP_CALL(hpi_export_put(f, " %d\n", in->suppliers[j].lead_time));
    }
    HP_CALL(hpi_export_put(f, ";\n\nset OFFER :="));
    for (int j = 0; j < in->n_suppliers; j++)
        for (int k = 0; k < in->suppliers[j].n_offers; k++) {
            HP_CALL(hpi_export_put(f, "\n  ("));
            HP_CALL(put_sym_raw(f, in->suppliers[j].id));
            HP_CALL(hpi_export_put(f, ","));
            HP_CALL(put_sym_raw(f, in->products[in->suppliers[j].offers[k].product].id));
            HP_CALL(hpi_export_put(f, ")"));
        }
    HP_CALL(hpi_export_put(f, ";\n\n# price, USD/kg, by ship quarter\nparam c :=\n"));
    for (int j = 0; j < in->n_suppliers; j++)
        for (int k = 0; k < in->suppliers[j].n_offers; k++)
            HP_CALL(put_series(f, in->suppliers[j].id,
                               in->products[in->suppliers[j].offers[k].product].id,
                               in->suppliers[j].offers[k].price, in->T, 0, 0.0));
    HP_CALL(hpi_export_put(
        f, ";\n\n# capacity open to this buyer, t per quarter (ramps applied)\nparam K :=\n"));
    for (int j = 0; j < in->n_suppliers; j++)
        for (int k = 0; k < in->suppliers[j].n_offers; k++)
            HP_CALL(put_series(f, in->suppliers[j].id,
                               in->products[in->suppliers[j].offers[k].product].id,
                               in->suppliers[j].offers[k].capacity, in->T, 0, 0.0));
    HP_CALL(hpi_export_put(f, ";\n"));

    for (int j = 0; j < in->n_suppliers; j++)
        n_contract += in->suppliers[j].has_contract != 0;
    if (n_contract > 0) {
        HP_CALL(hpi_export_put(
            f, "\n# contract sources: fixed cost F (USD), minimum order m (t), lot (t)\n"
               "param : C : F m lot :=\n"));
        for (int j = 0; j < in->n_suppliers; j++) {
            const hp_supplier *su = &in->suppliers[j];
            if (!su->has_contract)
                continue;
            HP_CALL(hpi_export_put(f, " "));
            HP_CALL(put_sym(f, su->id));
            HP_CALL(put_num(f, su->fixed_cost));
            HP_CALL(put_num(f, su->min_order));
            HP_CALL(put_num(f, su->lot));
            HP_CALL(hpi_export_put(f, "\n"));
        }
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    if (in->max_contracts > 0)
        HP_CALL(hpi_export_put(f, "param Nmax := %d;\n", in->max_contracts));
cleanup:
    return st;
}

/* Restrictions are named q<k> / s<k> after their place in the file (k from
 * 1), with the file's name in a comment. */
static void restriction_id(char *id, size_t len, const hp_restriction *re, int r)
{
    snprintf(id, len, "%c%d", re->type == HP_QUOTA ? 'q' : 's', r + 1);
}

static hp_status put_restrictions(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    char id[32];
    for (int type = HP_QUOTA; type <= HP_SHARE; type++) {
        int n = 0;
        for (int r = 0; r < in->n_restrictions; r++)
            n += in->restrictions[r].type == (hp_restriction_type)type;
        if (n == 0)
            continue;
        HP_CALL(hpi_export_put(
            f, type == HP_QUOTA ? "\n# regional quotas: region qreg, products QP, limit Qmax (t)\n"
                                : "\n# share caps: region sreg, products SP, cap sigma, "
                                  "horizon 1 = over the whole horizon\n"));
        for (int r = 0; r < in->n_restrictions; r++) {
            const hp_restriction *re = &in->restrictions[r];
            if (re->type == (hp_restriction_type)type && re->name) {
                restriction_id(id, sizeof id, re, r);
                strcat(id, ": ");
                HP_CALL(put_comment(f, id, re->name));
            }
        }
        HP_CALL(hpi_export_put(f, type == HP_QUOTA ? "param : QUOTA : qreg :=\n"
                                                   : "param : SHARE : sreg sigma horizon :=\n"));
        for (int r = 0; r < in->n_restrictions; r++) {
            const hp_restriction *re = &in->restrictions[r];
            if (re->type != (hp_restriction_type)type)
                continue;
            restriction_id(id, sizeof id, re, r);
            HP_CALL(hpi_export_put(f, "  '%s'", id));
            HP_CALL(put_sym(f, in->regions[re->region_idx]));
            if (type == HP_SHARE) {
                HP_CALL(put_num(f, re->max_share));
                HP_CALL(hpi_export_put(f, " %d", re->scope == HP_SCOPE_HORIZON ? 1 : 0));
            }
            HP_CALL(hpi_export_put(f, "\n"));
        }
        HP_CALL(hpi_export_put(f, ";\n"));
        for (int r = 0; r < in->n_restrictions; r++) {
            const hp_restriction *re = &in->restrictions[r];
            if (re->type != (hp_restriction_type)type)
                continue;
            restriction_id(id, sizeof id, re, r);
            HP_CALL(
                hpi_export_put(f, type == HP_QUOTA ? "set QP['%s'] :=" : "set SP['%s'] :=", id));
            for (int k = 0; k < re->n_products; k++)
                HP_CALL(put_sym(f, in->products[re->products[k]].id));
            HP_CALL(hpi_export_put(f, ";\n"));
        }
        if (type == HP_QUOTA) {
            HP_CALL(hpi_export_put(f, "param Qmax :=\n"));
            for (int r = 0; r < in->n_restrictions; r++) {
                const hp_restriction *re = &in->restrictions[r];
                if (re->type != HP_QUOTA)
                    continue;
                restriction_id(id, sizeof id, re, r);
                HP_CALL(put_series(f, id, NULL, re->limit, in->T, 0, 0.0));
            }
            HP_CALL(hpi_export_put(f, ";\n"));
        }
    }
cleanup:
    return st;
}

/* Scenarios: probabilities, and the availabilities that differ from the
 * .mod's default 1. */
static hp_status put_scenarios(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    size_t n_avail = (size_t)in->n_scenarios * (size_t)in->n_suppliers * (size_t)in->T;
    int any = 0;
    HP_CALL(hpi_export_put(f, "\nset S :="));
    for (int s = 0; s < in->n_scenarios; s++) {
        if (s > 0 && s % 8 == 0)
            HP_CALL(hpi_export_put(f, "\n "));
        HP_CALL(put_sym(f, in->scenarios[s].name));
    }
    HP_CALL(hpi_export_put(f, ";\nparam pi :="));
    for (int s = 0; s < in->n_scenarios; s++) {
        HP_CALL(hpi_export_put(f, "\n "));
        HP_CALL(put_sym(f, in->scenarios[s].name));
        HP_CALL(put_num(f, in->scenarios[s].probability));
    }
    HP_CALL(hpi_export_put(f, ";\n"));
    for (size_t k = 0; k < n_avail; k++)
        any |= in->avail[k] != 1.0;
    if (!any)
        goto cleanup;
    HP_CALL(hpi_export_put(
        f, "\n# availability a[s,j,t] by ship quarter (1 where not listed)\nparam a :=\n"));
    for (int s = 0; s < in->n_scenarios; s++)
        for (int j = 0; j < in->n_suppliers; j++) {
            const double *row =
                &in->avail[((size_t)s * (size_t)in->n_suppliers + (size_t)j) * (size_t)in->T];
            HP_CALL(put_series(f, in->scenarios[s].name, in->suppliers[j].id, row, in->T, 1, 1.0));
        }
    HP_CALL(hpi_export_put(f, ";\n"));
cleanup:
    return st;
}

/* Terminal stock and strategic reserve, per product that has one. */
static hp_status put_terminal_reserve(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    int any_t = 0, any_r = 0;
    for (int p = 0; p < in->n_products; p++) {
        any_t |= in->products[p].has_terminal;
        any_r |= in->products[p].has_reserve;
    }
    if (any_t) {
        HP_CALL(hpi_export_put(f,
                               "\n# terminal stock: target IT (t), penalty wT (USD/t), credit cT "
                               "(USD/kg)\nparam : TERM : IT wT cT :=\n"));
        for (int p = 0; p < in->n_products; p++) {
            const hp_product *pr = &in->products[p];
            if (!pr->has_terminal)
                continue;
            HP_CALL(hpi_export_put(f, " "));
            HP_CALL(put_sym(f, pr->id));
            HP_CALL(put_num(f, pr->terminal_target));
            HP_CALL(put_num(f, pr->terminal_penalty));
            HP_CALL(put_num(f, pr->terminal_value));
            HP_CALL(hpi_export_put(f, "\n"));
        }
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    if (any_r) {
        HP_CALL(hpi_export_put(
            f, "\n# strategic reserve: stock G (t), region, theta, price rp (USD/kg)\n"
               "param : RES : G rreg theta rp :=\n"));
        for (int p = 0; p < in->n_products; p++) {
            const hp_product *pr = &in->products[p];
            if (!pr->has_reserve)
                continue;
            HP_CALL(hpi_export_put(f, " "));
            HP_CALL(put_sym(f, pr->id));
            HP_CALL(put_num(f, pr->reserve_stock));
            HP_CALL(put_sym(f, in->regions[pr->reserve_region]));
            HP_CALL(put_num(f, pr->reserve_below));
            HP_CALL(put_num(f, pr->reserve_price));
            HP_CALL(hpi_export_put(f, "\n"));
        }
        HP_CALL(hpi_export_put(f, ";\nparam Rmax :=\n"));
        for (int p = 0; p < in->n_products; p++)
            if (in->products[p].has_reserve)
                HP_CALL(put_series(f, in->products[p].id, NULL, in->products[p].reserve_limit,
                                   in->T, 0, 0.0));
        HP_CALL(hpi_export_put(f, ";\n"));
    }
cleanup:
    return st;
}

/* Commitments and co-production. */
static hp_status put_commit_coprod(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    int any_c = 0, any_b = 0;
    for (int j = 0; j < in->n_suppliers; j++) {
        any_b |= in->suppliers[j].has_coproduction;
        for (int k = 0; k < in->suppliers[j].n_offers; k++)
            any_c |= in->suppliers[j].offers[k].commit_min != NULL;
    }
    if (any_c) {
        HP_CALL(hpi_export_put(f,
                               "\n# firm offtake: hard (no fee) and take-or-pay fee tp (USD/kg)\n"
                               "param : COMMIT : hardc tp :=\n"));
        for (int j = 0; j < in->n_suppliers; j++)
            for (int k = 0; k < in->suppliers[j].n_offers; k++) {
                const hp_offer *of = &in->suppliers[j].offers[k];
                if (!of->commit_min)
                    continue;
                HP_CALL(hpi_export_put(f, " "));
                HP_CALL(put_sym(f, in->suppliers[j].id));
                HP_CALL(put_sym(f, in->products[of->product].id));
                HP_CALL(hpi_export_put(f, " %d", of->commit_hard ? 1 : 0));
                HP_CALL(put_num(f, of->commit_hard ? 0.0 : of->take_or_pay));
                HP_CALL(hpi_export_put(f, "\n"));
            }
        HP_CALL(hpi_export_put(f, ";\nparam Cmin :=\n"));
        for (int j = 0; j < in->n_suppliers; j++)
            for (int k = 0; k < in->suppliers[j].n_offers; k++) {
                const hp_offer *of = &in->suppliers[j].offers[k];
                if (of->commit_min)
                    HP_CALL(put_series(f, in->suppliers[j].id, in->products[of->product].id,
                                       of->commit_min, in->T, 1, 0.0));
            }
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    if (any_b) {
        HP_CALL(hpi_export_put(f, "\n# co-production: sources in CO, yields beta\nset CO :="));
        for (int j = 0; j < in->n_suppliers; j++)
            if (in->suppliers[j].has_coproduction)
                HP_CALL(put_sym(f, in->suppliers[j].id));
        HP_CALL(hpi_export_put(f, ";\nparam beta :=\n"));
        for (int j = 0; j < in->n_suppliers; j++)
            for (int k = 0; k < in->suppliers[j].n_offers && in->suppliers[j].has_coproduction;
                 k++) {
                HP_CALL(hpi_export_put(f, " "));
                HP_CALL(put_sym(f, in->suppliers[j].id));
                HP_CALL(put_sym(f, in->products[in->suppliers[j].offers[k].product].id));
                HP_CALL(put_num(f, in->suppliers[j].offers[k].yield));
                HP_CALL(hpi_export_put(f, "\n"));
            }
        HP_CALL(hpi_export_put(f, ";\n"));
    }
cleanup:
    return st;
}

/* Price and spot factors that differ from 1. */
static hp_status put_price_factors(FILE *f, const hp_instance *in)
{
    hp_status st = HP_OK;
    size_t T = (size_t)in->T;
    if (in->price_factor) {
        HP_CALL(
            hpi_export_put(f, "\n# price factor pf[s,j,t] (1 where not listed)\nparam pf :=\n"));
        for (int s = 0; s < in->n_scenarios; s++)
            for (int j = 0; j < in->n_suppliers; j++)
                HP_CALL(put_series(
                    f, in->scenarios[s].name, in->suppliers[j].id,
                    &in->price_factor[((size_t)s * (size_t)in->n_suppliers + (size_t)j) * T], in->T,
                    1, 1.0));
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    if (in->spot_factor) {
        HP_CALL(hpi_export_put(
            f, "\n# spot price factor spf[s,p,t] (1 where not listed)\nparam spf :=\n"));
        for (int s = 0; s < in->n_scenarios; s++)
            for (int p = 0; p < in->n_products; p++)
                if (in->products[p].has_spot)
                    HP_CALL(put_series(
                        f, in->scenarios[s].name, in->products[p].id,
                        &in->spot_factor[((size_t)s * (size_t)in->n_products + (size_t)p) * T],
                        in->T, 1, 1.0));
        HP_CALL(hpi_export_put(f, ";\n"));
    }
cleanup:
    return st;
}

hp_status hp_export_mathprog(FILE *f, const hp_instance *inst, const hp_model_opts *mo)
{
    hp_status st = HP_OK;
    char lab1[16], lab2[16];

    if (!f || !inst || !mo)
        return HP_EINTERNAL;
    hp_quarter_label(inst, 0, lab1, sizeof lab1);
    hp_quarter_label(inst, inst->T - 1, lab2, sizeof lab2);
    HP_CALL(put_comment(f, "hreeplan data for models/hreeplan.mod: ", inst->name));
    HP_CALL(put_comment(f, "instance file: ", inst->file));
    HP_CALL(hpi_export_put(f, "# quarters 1..%d are %s..%s\n", inst->T, lab1, lab2));
    HP_CALL(hpi_export_put(f, "# glpsol -m models/hreeplan.mod -d THIS_FILE\n\ndata;\n\n"));
    HP_CALL(hpi_export_put(f, "param nq := %d;\n", inst->T));
    HP_CALL(hpi_export_put(f, "param measure := '%s';\n", hp_measure_str(mo->measure)));
    HP_CALL(hpi_export_put(f, "param information := '%s';\n", hp_information_str(mo->information)));
    if (mo->adaptive_orders)
        HP_CALL(hpi_export_put(f, "param adaptive := 1;\n"));
    HP_CALL(hpi_export_put(f, "param alpha :="));
    HP_CALL(put_num(f, mo->alpha));
    HP_CALL(hpi_export_put(f, ";\n\n"));
    HP_CALL(put_products(f, inst));
    HP_CALL(put_suppliers(f, inst));
    HP_CALL(put_restrictions(f, inst));
    HP_CALL(put_scenarios(f, inst));
    if (mo->adaptive_orders) {
        /* scenario numbers, so that the model can name a node by its first
         * scenario (the tree itself is computed from the data there) */
        HP_CALL(hpi_export_put(f, "\nparam sno :="));
        for (int s = 0; s < inst->n_scenarios; s++) {
            HP_CALL(hpi_export_put(f, "\n "));
            HP_CALL(put_sym(f, inst->scenarios[s].name));
            HP_CALL(hpi_export_put(f, " %d", s + 1));
        }
        HP_CALL(hpi_export_put(f, ";\n"));
    }
    HP_CALL(put_terminal_reserve(f, inst));
    HP_CALL(put_commit_coprod(f, inst));
    HP_CALL(put_price_factors(f, inst));
    HP_CALL(hpi_export_put(f, "\nend;\n"));
    if (ferror(f))
        st = HP_EIO;
cleanup:
    return st;
}
