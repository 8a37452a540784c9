/* The CSV report of a plan: ONE tidy long table, so that
 *
 *     df = pd.read_csv("plan.csv")
 *     orders = df[df.table == "orders"].pivot_table(...)
 *
 * works without cleaning.  Several tables in one stream would need sections
 * that no CSV reader understands; a long table needs none.  Columns (header
 * written once):
 *
 *     table,supplier,region,product,ship,arrive,quarter,scenario,metric,value,text
 *
 * Every number is one row (metric names the number, value holds it); keys
 * that do not apply are empty.  `value` is always numeric (or empty), so
 * pandas reads it as float64; the few words of a plan (instance name,
 * objective, status, backend) sit in `text` on rows of table `info` with an
 * empty value.  Tables, in this order:
 *
 *   info      metric: instance, file, sha256, objective, measure, status,
 *             information (tree or two-stage), backend, version (text)
 *   summary   metric: alpha, gap, cost_spend, cost_total, cost_purchase, cost_contract,
 *             cost_spot, cost_holding, cost_reserve, cost_take_or_pay,
 *             cost_terminal_credit, cost_penalty, penalty_terminal (USD), shortage, cvar,
 *             exposure (t), nodes (of the scenario tree), foresight_two_stage_cost,
 *             foresight_value (USD, with --foresight), rows, cols, nonzeros,
 *             seconds (only when the caller asks for timing)
 *   regions   region; metric: quantity (t), share (0..1)
 *   orders    supplier, region, product, ship, arrive; metric: quantity,
 *             expected_quantity (t), price (USD/kg), expected_cost (USD)
 *   balance   product, quarter; metric: demand, in_transit, arrivals, spot,
 *             unmet, inventory, below_safety (t, expected over scenarios)
 *   contracts supplier, region; metric: signed (0/1); only when the instance
 *             has contract choices
 *   scenarios scenario; metric: probability, shortage (t), cost (USD)
 *   scenario_balance  scenario, product, quarter; metric: arrivals, spot,
 *             unmet, inventory, below_safety, reserve (t, that scenario's)
 *   duals     supplier, region, product, quarter, scenario as they apply;
 *             metric: the constraint (capacity, quota, share, balance);
 *             value in USD per t of right-hand side; LP plans, and MIP
 *             plans from the LP with the integer decisions fixed (then an
 *             info row duals_of = fixed_mip)
 *   dual_range with --ranges, after each dual, the same keys; metric
 *             CONSTRAINT_lo and CONSTRAINT_hi: the right-hand side over which
 *             the dual holds (the table is long, so the range is two rows,
 *             not a column); an unlimited end has an empty value
 *   stochastic_value  with --value-of-information; metric: ws, eev, rp,
 *             evpi, vss (USD of expected cost; empty when infinite)
 *   near_optimal  with --near-optimal; region; metric: slack, share_before,
 *             share_after
 *
 * Numbers print as "%.10g" (ten significant digits: cents on a USD 100 m
 * total, deterministic, and short), -0 as 0.  Strings are quoted per RFC 4180
 * when they hold a comma, a quote, CR or LF.  Lines end in "\n". */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report_internal.h"

/* The keys of one row; NULL or "" prints as an empty field. */
typedef struct row_keys {
    const char *supplier, *region, *product, *ship, *arrive, *quarter, *scenario;
} row_keys;

void hpi_csv_field(hpi_writer *o, const char *s)
{
    const char *c;
    if (!s || !*s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        hpi_puts(o, s);
        return;
    }
    hpi_puts(o, "\"");
    for (c = s; *c; c++) {
        if (*c == '"')
            hpi_puts(o, "\"\"");
        else
            hpi_printf(o, "%c", *c);
    }
    hpi_puts(o, "\"");
}

static void row(hpi_writer *o, const char *table, const row_keys *k, const char *metric,
                const double *value, const char *text)
{
    static const row_keys none = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    char num[40];
    if (!k)
        k = &none;
    hpi_csv_field(o, table);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->supplier);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->region);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->product);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->ship);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->arrive);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->quarter);
    hpi_puts(o, ",");
    hpi_csv_field(o, k->scenario);
    hpi_puts(o, ",");
    hpi_csv_field(o, metric);
    hpi_puts(o, ",");
    if (value) {
        hpi_g10(num, sizeof num, *value);
        hpi_puts(o, num);
    }
    hpi_puts(o, ",");
    hpi_csv_field(o, text);
    hpi_puts(o, "\n");
}

void hpi_csv_row(hpi_writer *o, const char *table, const char *supplier, const char *region,
                 const char *product, const char *ship, const char *quarter, const char *metric,
                 const double *value, const char *text)
{
    row_keys k = {supplier, region, product, ship, NULL, quarter, NULL};
    row(o, table, &k, metric, value, text);
}

static void num(hpi_writer *o, const char *table, const row_keys *k, const char *metric, double v)
{
    row(o, table, k, metric, &v, NULL);
}

static void info(hpi_writer *o, const char *metric, const char *text)
{
    row(o, "info", NULL, metric, NULL, text ? text : "");
}

static void write_head(hpi_writer *o, const hp_plan *p, const hp_report_meta *meta)
{
    const hp_instance *in = p->inst;
    const char *file = meta->file ? meta->file : in->file;
    info(o, "instance", in->name);
    if (file)
        info(o, "file", file);
    if (meta->sha256)
        info(o, "sha256", meta->sha256);
    info(o, "objective", p->objective == HP_OBJ_COST ? "cost" : "risk");
    info(o, "measure", hp_measure_str(p->measure));
    info(o, "status", hp_sol_status_str(p->result.status));
    info(o, "information", hp_information_str(p->information));
    info(o, "backend", p->backend);
    info(o, "version", p->backend_version);

    num(o, "summary", NULL, "alpha", p->alpha);
    num(o, "summary", NULL, "gap",
        p->result.is_mip || p->result.status == HP_SOL_GAP_LIMIT ? p->result.gap : 0.0);
    num(o, "summary", NULL, "cost_spend", p->cost_spend);
    num(o, "summary", NULL, "cost_total", p->cost_total);
    num(o, "summary", NULL, "cost_purchase", p->cost_purchase);
    num(o, "summary", NULL, "cost_contract", p->cost_contract);
    num(o, "summary", NULL, "cost_spot", p->cost_spot);
    num(o, "summary", NULL, "cost_holding", p->cost_holding);
    num(o, "summary", NULL, "cost_reserve", p->cost_reserve);
    num(o, "summary", NULL, "cost_take_or_pay", p->cost_take_or_pay);
    num(o, "summary", NULL, "cost_terminal_credit", p->cost_terminal_credit);
    num(o, "summary", NULL, "cost_penalty", p->cost_penalty);
    num(o, "summary", NULL, "penalty_terminal", p->penalty_terminal);
    num(o, "summary", NULL, "shortage", p->shortage);
    num(o, "summary", NULL, "cvar", p->cvar);
    num(o, "summary", NULL, "exposure", p->exposure);
    num(o, "summary", NULL, "nodes", p->nodes);
    if (p->has_foresight) {
        num(o, "summary", NULL, "foresight_two_stage_cost", p->two_stage_cost);
        num(o, "summary", NULL, "foresight_value", p->cost_total - p->two_stage_cost);
    }
    if (p->has_ref) {
        num(o, "summary", NULL, "cost_plan_exposure", p->ref_exposure);
        num(o, "summary", NULL, "cost_plan_shortage", p->ref_shortage);
        num(o, "summary", NULL, "cost_plan_unmet", p->ref_unmet);
    }
    num(o, "summary", NULL, "rows", p->rows);
    num(o, "summary", NULL, "cols", p->cols);
    num(o, "summary", NULL, "nonzeros", (double)p->nnz);
    if (meta->timing)
        num(o, "summary", NULL, "seconds", p->result.seconds);
}

static void write_regions(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    row_keys k = {0};
    int r;
    for (r = 0; r < in->n_regions; r++) {
        k.region = in->regions[r];
        num(o, "regions", &k, "quantity", p->region_qty ? p->region_qty[r] : 0.0);
        num(o, "regions", &k, "share", p->region_share ? p->region_share[r] : 0.0);
    }
}

static hp_status write_orders(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    char ship[16], arrive[16];
    row_keys k = {0};
    int i;
    k.ship = ship;
    k.arrive = arrive;
    for (i = 0; i < p->n_orders; i++) {
        const hp_order *d = &p->orders[i];
        if (d->supplier < 0 || d->supplier >= in->n_suppliers || d->product < 0 ||
            d->product >= in->n_products)
            return HP_EINTERNAL;
        k.supplier = in->suppliers[d->supplier].id;
        k.region = hpi_supplier_region(in, d->supplier);
        k.product = in->products[d->product].id;
        hpi_quarter(in, d->ship, ship, sizeof ship);
        hpi_quarter(in, d->arrive, arrive, sizeof arrive);
        num(o, "orders", &k, "quantity", d->quantity);
        num(o, "orders", &k, "expected_quantity", d->expected_qty);
        num(o, "orders", &k, "price", d->price);
        num(o, "orders", &k, "expected_cost", d->expected_cost);
    }
    return HP_OK;
}

static hp_status write_balance(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    char q[16];
    row_keys k = {0};
    int i;
    k.quarter = q;
    for (i = 0; i < p->n_balance; i++) {
        const hp_balance *b = &p->balance[i];
        if (b->product < 0 || b->product >= in->n_products)
            return HP_EINTERNAL;
        k.product = in->products[b->product].id;
        hpi_quarter(in, b->quarter, q, sizeof q);
        num(o, "balance", &k, "demand", b->demand);
        num(o, "balance", &k, "in_transit", b->in_transit);
        num(o, "balance", &k, "arrivals", b->arrivals);
        num(o, "balance", &k, "spot", b->spot);
        num(o, "balance", &k, "unmet", b->unmet);
        num(o, "balance", &k, "inventory", b->inventory);
        num(o, "balance", &k, "below_safety", b->below_safety);
    }
    return HP_OK;
}

static void write_extras(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    row_keys k = {0};
    int j, s;
    for (j = 0; p->contract && j < in->n_suppliers; j++) {
        if (p->contract[j] < 0)
            continue;
        k.supplier = in->suppliers[j].id;
        k.region = hpi_supplier_region(in, j);
        num(o, "contracts", &k, "signed", p->contract[j] > 0 ? 1.0 : 0.0);
    }
    k.supplier = k.region = NULL;
    if (!p->scen_shortage && !p->scen_cost)
        return;
    for (s = 0; s < in->n_scenarios; s++) {
        k.scenario = in->scenarios[s].name;
        num(o, "scenarios", &k, "probability", in->scenarios[s].probability);
        if (p->scen_shortage)
            num(o, "scenarios", &k, "shortage", p->scen_shortage[s]);
        if (p->scen_cost)
            num(o, "scenarios", &k, "cost", p->scen_cost[s]);
    }
    for (s = 0; p->scen_balance && s < in->n_scenarios; s++) {
        size_t PT = (size_t)in->n_products * (size_t)in->T;
        char q[16];
        k.scenario = in->scenarios[s].name;
        k.quarter = q;
        for (size_t i = 0; i < PT; i++) {
            const hp_balance *b = &p->scen_balance[(size_t)s * PT + i];
            k.product = in->products[b->product].id;
            hpi_quarter(in, b->quarter, q, sizeof q);
            num(o, "scenario_balance", &k, "arrivals", b->arrivals);
            num(o, "scenario_balance", &k, "spot", b->spot);
            num(o, "scenario_balance", &k, "unmet", b->unmet);
            num(o, "scenario_balance", &k, "inventory", b->inventory);
            num(o, "scenario_balance", &k, "below_safety", b->below_safety);
            num(o, "scenario_balance", &k, "reserve", b->reserve);
        }
    }
}

static void write_duals(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    char q[16];
    int i;
    if (p->result.is_mip && !p->duals_fixed)
        return;
    if (p->duals_fixed)
        info(o, "duals_of", "fixed_mip");
    for (i = 0; i < p->n_duals; i++) {
        const hp_dual *d = &p->duals[i];
        row_keys k = {0};
        if (d->supplier >= 0 && d->supplier < in->n_suppliers)
            k.supplier = in->suppliers[d->supplier].id;
        if (d->region >= 0 && d->region < in->n_regions)
            k.region = in->regions[d->region];
        if (d->product >= 0 && d->product < in->n_products)
            k.product = in->products[d->product].id;
        if (d->quarter >= 0) {
            hpi_quarter(in, d->quarter, q, sizeof q);
            k.quarter = q;
        }
        if (d->scenario >= 0 && d->scenario < in->n_scenarios)
            k.scenario = in->scenarios[d->scenario].name;
        num(o, "duals", &k, hp_dual_kind_str(d->kind), d->value);
        if (d->has_range) {
            char m[32];
            snprintf(m, sizeof m, "%s_lo", hp_dual_kind_str(d->kind));
            row(o, "dual_range", &k, m, isfinite(d->range_lo) ? &d->range_lo : NULL, NULL);
            snprintf(m, sizeof m, "%s_hi", hp_dual_kind_str(d->kind));
            row(o, "dual_range", &k, m, isfinite(d->range_hi) ? &d->range_hi : NULL, NULL);
        }
    }
}

static void write_analyst(hpi_writer *o, const hp_plan *p)
{
    const hp_instance *in = p->inst;
    if (p->has_stochastic_value) {
        const double v[5] = {p->ws, p->eev, p->rp, p->evpi, p->vss};
        static const char *const name[5] = {"ws", "eev", "rp", "evpi", "vss"};
        for (int k = 0; k < 5; k++)
            row(o, "stochastic_value", NULL, name[k], isfinite(v[k]) ? &v[k] : NULL, NULL);
    }
    if (p->has_near) {
        row_keys k = {0};
        if (p->near_region >= 0 && p->near_region < in->n_regions)
            k.region = in->regions[p->near_region];
        num(o, "near_optimal", &k, "slack", p->near_slack);
        num(o, "near_optimal", &k, "share_before", p->share_before);
        num(o, "near_optimal", &k, "share_after", p->share_after);
    }
}

hp_status hpi_plan_csv(hpi_writer *o, const hp_plan *p, const hp_report_meta *meta)
{
    hp_status st = HP_OK;
    hpi_puts(o, "table,supplier,region,product,ship,arrive,quarter,scenario,metric,value,text\n");
    write_head(o, p, meta);
    write_regions(o, p);
    HP_CALL(write_orders(o, p));
    HP_CALL(write_balance(o, p));
    write_extras(o, p);
    write_duals(o, p);
    write_analyst(o, p);
    st = o->st;
cleanup:
    return st;
}
