/* Test fixture for test_report.c: a small instance and plan built by hand
 * (no loader, no solver), so every number a report prints is known. */
#ifndef HP_TEST_REPORT_FIXTURE_H
#define HP_TEST_REPORT_FIXTURE_H

#include <string.h>

#include "../../models/report/report.h"

/* ---- the hand-built instance and plan ----
 * Two quarters from 2026Q1, two products, two regions (CN first), two
 * suppliers; the CN supplier's id holds a comma and a quote so that CSV
 * quoting is exercised.  Scenarios: nominal 0.75, cn-ban 0.25. */
static double zeros2[2] = {0.0, 0.0};
static char *regions[2] = {"CN", "MY"};
static hp_product products[2];
static hp_supplier suppliers[2];
static hp_scenario scenarios[2];
static hp_instance inst;

static hp_order orders[2];
static hp_balance balance[4];
static hp_dual duals[13];
static double region_qty[2] = {60.0, 40.0};
static double region_share[2] = {0.6, 0.4};
static int contract_none[2] = {-1, -1};
static int contract_mip[2] = {1, 0};
static double scen_shortage[2] = {1.0, 7.0};
static double scen_cost[2] = {110e6, 163.827156e6};

#define SUP_CN "baotou,\"cn\""

static void build_instance(void)
{
    memset(&inst, 0, sizeof inst);
    memset(products, 0, sizeof products);
    memset(suppliers, 0, sizeof suppliers);
    products[0].id = "Dy2O3";
    products[0].criticality = 1.0;
    products[0].demand = zeros2;
    products[1].id = "Tb4O7";
    products[1].criticality = 2.0;
    products[1].demand = zeros2;
    suppliers[0].id = SUP_CN;
    suppliers[0].region = "CN";
    suppliers[0].region_idx = 0;
    suppliers[0].lead_time = 1;
    suppliers[0].fixed_cost = 2.5e6;
    suppliers[1].id = "lynas-my";
    suppliers[1].region = "MY";
    suppliers[1].region_idx = 1;
    scenarios[0].name = "nominal";
    scenarios[0].probability = 0.75;
    scenarios[1].name = "cn-ban";
    scenarios[1].probability = 0.25;
    inst.name = "unit-test";
    inst.file = "tests/unit/report.cfg";
    inst.start_year = 2026;
    inst.start_q = 1;
    inst.T = 2;
    inst.n_products = 2;
    inst.products = products;
    inst.n_suppliers = 2;
    inst.suppliers = suppliers;
    inst.n_regions = 2;
    inst.regions = regions;
    inst.n_scenarios = 2;
    inst.scenarios = scenarios;
    inst.measure = HP_MEASURE_CVAR;
    inst.alpha = 0.9;
}

static hp_dual mk_dual(hp_dual_kind k, int j, int r, int p, int t, double v)
{
    hp_dual d;
    d.kind = k;
    d.supplier = j;
    d.region = r;
    d.product = p;
    d.quarter = t;
    d.scenario = -1;
    d.value = v;
    return d;
}

/* An LP plan.  Costs: 100 + 0 + 20 + 0.456789 + 3 = 123.456789 USD m.
 * Unmet: Dy2O3 0.5 t (2026Q1), Tb4O7 1.0 t (2026Q2) = 1.5 t; weighted by
 * criticality 1 and 2: 2.5 t.  Duals: 12 nonzero, one -0.0. */
static void build_plan(hp_plan *p)
{
    int i;
    build_instance();
    memset(p, 0, sizeof *p);
    p->inst = &inst;
    p->objective = HP_OBJ_COST;
    p->measure = HP_MEASURE_CVAR;
    p->alpha = 0.9;
    p->result.status = HP_SOL_OPTIMAL;
    p->result.has_solution = 1;
    p->result.is_mip = 0;
    p->result.objective = 123456789.0;
    p->result.seconds = 1.25;
    p->cost_total = 123456789.0;
    p->cost_purchase = 100e6;
    p->cost_contract = 0.0;
    p->cost_spot = 20e6;
    p->cost_holding = 456789.0;
    p->cost_penalty = 3e6;
    p->cost_spend = 120456789.0; /* purchase + contract + spot + holding */
    p->shortage = 2.5;
    p->cvar = 10.0;
    p->exposure = 3.25;
    p->scen_shortage = scen_shortage;
    p->scen_cost = scen_cost;
    p->region_qty = region_qty;
    p->region_share = region_share;
    p->contract = contract_none;

    /* CN: 60 t shipped 2026Q1, arrives 2026Q2, abar 0.875: 52.5 t expected,
     * 1000 * 400 * 52.5 = USD 21,000,000.  MY: 40 t at 1500 USD/kg, all
     * arrive: USD 60,000,000. */
    orders[0] = (hp_order){0, 0, 0, 1, 60.0, 52.5, 400.0, 21e6, -1, 1.0};
    orders[1] = (hp_order){1, 1, 0, 0, 40.0, 40.0, 1500.0, 60e6, -1, 1.0};
    p->n_orders = 2;
    p->orders = orders;

    /* product, quarter, demand, in_transit, arrivals, spot, unmet, inventory,
     * below_safety; the -0.0 must print as 0. */
    balance[0] = (hp_balance){0, 0, 10.0, 5.0, 0.0, -0.0, 0.5, 0.0, 0.0, 0.0};
    balance[1] = (hp_balance){0, 1, 20.0, 0.0, 52.5, 2.0, 0.0, 34.5, 0.0, 0.0};
    balance[2] = (hp_balance){1, 0, 30.0, 0.0, 40.0, 0.0, 0.0, 10.0, 0.0, 0.0};
    balance[3] = (hp_balance){1, 1, 11.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0};
    p->n_balance = 4;
    p->balance = balance;

    duals[0] = mk_dual(HP_DUAL_CAPACITY, 1, 1, 0, 1, -1234.4);
    duals[1] = mk_dual(HP_DUAL_QUOTA, -1, 0, -1, 0, -50.0);
    duals[2] = mk_dual(HP_DUAL_SHARE, -1, 0, 0, -1, -7.5);
    duals[3] = mk_dual(HP_DUAL_BALANCE, -1, -1, 1, 1, -2000.0);
    duals[4] = mk_dual(HP_DUAL_CAPACITY, 0, 0, 0, 0, -0.0);
    for (i = 0; i < 8; i++) /* -1 .. -8 */
        duals[5 + i] = mk_dual(HP_DUAL_CAPACITY, 0, 0, 1, i % 2, -(double)(i + 1));
    p->n_duals = 13;
    p->duals = duals;
    p->rows = 40;
    p->cols = 50;
    p->nnz = 123;
    p->backend = "glpk";
    p->backend_version = "5.0";
}

/* The same plan as a MIP stopped on the gap, with contract choices. */
static void build_mip_plan(hp_plan *p)
{
    build_plan(p);
    p->result.is_mip = 1;
    p->result.status = HP_SOL_GAP_LIMIT;
    p->result.gap = 0.0123;
    p->contract = contract_mip;
    p->cost_contract = 2.5e6;
    p->n_duals = 0;
    p->duals = NULL;
}

static const hp_report_meta meta_stable = {"tests/unit/report.cfg", "abc123", 0, NULL};
static const hp_report_meta meta_timed = {"tests/unit/report.cfg", "abc123", 1, NULL};

#endif
