/* Unit tests of the instance loader (models/instance.h): the values it
 * derives (capacity from ramps, scenario availability, defaults) worked out
 * by hand from MODEL.md, quarter labels, and error collection. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../models/instance/instance.h"
#include "../../models/instance/sample.h"

#define EPS 1e-12

/* INSTANCE.md "A small example", verbatim. */
static const char *example =
    "name = \"two sources, one product\";\n"
    "start = \"2026Q1\";\n"
    "quarters = 4;\n"
    "products = ( { id = \"Dy2O3\"; demand = [10.0, 10.0, 12.0, 12.0];\n"
    "               shortage_penalty = 5.0e6; initial_inventory = 5.0; holding_cost = 3000.0; } "
    ");\n"
    "suppliers = (\n"
    "  { id = \"cn\"; region = \"CN\"; lead_time = 1;\n"
    "    offers = ( { product = \"Dy2O3\"; price = 290.0; capacity = 20.0; } ); },\n"
    "  { id = \"my\"; region = \"MY\";\n"
    "    offers = ( { product = \"Dy2O3\"; price = 800.0; nameplate = 16.0; share = 0.75;\n"
    "                 ramp = { start = \"2026Q1\"; full = \"2026Q3\"; }; } ); }\n"
    ");\n"
    "restrictions = ( { type = \"quota\"; region = \"CN\"; limit = [0.0, 4.0, 8.0, 8.0]; } );\n"
    "scenarios = (\n"
    "  { name = \"licensed\"; probability = 0.7; },\n"
    "  { name = \"stop\"; probability = 0.3; events = ( { region = \"CN\"; from = \"2026Q2\"; "
    "factor = 0.0; } ); }\n"
    ");\n";

static hp_instance *load_ok(const char *text)
{
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    hp_status st = hp_instance_load_string(text, "t.cfg", &in, &d);
    for (int k = 0; k < d.n; k++)
        print_message("unexpected: %s\n", d.msgs[k]);
    assert_int_equal(st, HP_OK);
    assert_int_equal(d.n, 0);
    assert_non_null(in);
    hp_diag_free(&d);
    return in;
}

static void test_example_structure(void **state)
{
    (void)state;
    hp_instance *in = load_ok(example);
    assert_string_equal(in->name, "two sources, one product");
    assert_string_equal(in->file, "t.cfg");
    assert_int_equal(in->start_year, 2026);
    assert_int_equal(in->start_q, 1);
    assert_int_equal(in->T, 4);
    assert_int_equal(in->n_products, 1);
    assert_int_equal(in->n_suppliers, 2);
    /* regions in order of first use among suppliers */
    assert_int_equal(in->n_regions, 2);
    assert_string_equal(in->regions[0], "CN");
    assert_string_equal(in->regions[1], "MY");
    assert_int_equal(in->suppliers[0].region_idx, 0);
    assert_int_equal(in->suppliers[1].region_idx, 1);
    assert_int_equal(in->suppliers[0].lead_time, 1);
    assert_int_equal(in->suppliers[1].lead_time, 0); /* default */
    assert_int_equal(in->suppliers[0].has_contract, 0);

    const hp_product *p = &in->products[0];
    assert_string_equal(p->id, "Dy2O3");
    assert_null(p->name);
    double d[4] = {10, 10, 12, 12};
    for (int t = 0; t < 4; t++) {
        assert_true(fabs(p->demand[t] - d[t]) < EPS);
        assert_true(p->in_transit[t] == 0.0);   /* none given: zeros */
        assert_true(p->safety_stock[t] == 0.0); /* default 0 */
    }
    assert_true(p->shortage_penalty == 5.0e6);
    assert_true(p->initial_inventory == 5.0);
    assert_true(p->holding_cost == 3000.0);
    assert_true(p->criticality == 1.0); /* default */
    assert_int_equal(p->has_storage_limit, 0);
    assert_int_equal(p->has_spot, 0);

    /* the quota: all products (none named), limit as given */
    assert_int_equal(in->n_restrictions, 1);
    assert_int_equal(in->restrictions[0].type, HP_QUOTA);
    assert_int_equal(in->restrictions[0].region_idx, 0);
    assert_int_equal(in->restrictions[0].n_products, 1);
    assert_int_equal(in->restrictions[0].products[0], 0);
    assert_true(in->restrictions[0].limit[0] == 0.0 && in->restrictions[0].limit[3] == 8.0);
    assert_int_equal(in->restrictions[0].scope, HP_SCOPE_QUARTER);

    /* risk defaults */
    assert_int_equal(in->measure, HP_MEASURE_CVAR);
    assert_true(fabs(in->alpha - 0.9) < EPS);
    assert_int_equal(in->max_contracts, 0);
    assert_int_equal(in->n_devents, 0);
    assert_null(in->correlation);
    hp_instance_free(in);
}

/* MODEL.md: K = share * nameplate * factor(t), factor = (t - s + 1) / (f - s + 1)
 * between start s and full f.  For "my": 0.75 * 16 = 12 t at full output;
 * s = 2026Q1 (t = 1), f = 2026Q3 (t = 3): factors 1/3, 2/3, 1, 1, so
 * K = 4, 8, 12, 12.  "cn" gives capacity 20 as it stands. */
static void test_example_capacity(void **state)
{
    (void)state;
    hp_instance *in = load_ok(example);
    double kmy[4] = {4.0, 8.0, 12.0, 12.0};
    const hp_offer *cn = hp_offer_find(in, 0, 0), *my = hp_offer_find(in, 1, 0);
    assert_non_null(cn);
    assert_non_null(my);
    assert_null(hp_offer_find(in, 0, 1));
    assert_null(hp_offer_find(in, 2, 0));
    for (int t = 0; t < 4; t++) {
        assert_true(fabs(cn->capacity[t] - 20.0) < EPS);
        assert_true(fabs(my->capacity[t] - kmy[t]) < 1e-9);
        assert_true(cn->price[t] == 290.0 && my->price[t] == 800.0);
    }
    hp_instance_free(in);
}

/* Scenario "stop" hits region CN from 2026Q2 to the end with factor 0:
 * a[stop, cn] = 1, 0, 0, 0 and 1 elsewhere.  abar[cn] = 0.7 * 1 + 0.3 * a:
 * 1, 0.7, 0.7, 0.7; abar[my] = 1 throughout. */
static void test_example_avail(void **state)
{
    (void)state;
    hp_instance *in = load_ok(example);
    double stop_cn[4] = {1, 0, 0, 0}, abar_cn[4] = {1, 0.7, 0.7, 0.7};
    assert_int_equal(in->n_scenarios, 2);
    assert_int_equal(in->scenarios_given, 1);
    assert_string_equal(in->scenarios[1].name, "stop");
    assert_int_equal(in->scenarios[1].n_events, 1);
    assert_int_equal(in->scenarios[1].events[0].supplier, -1);
    assert_int_equal(in->scenarios[1].events[0].region_idx, 0);
    assert_int_equal(in->scenarios[1].events[0].from, 1);
    assert_int_equal(in->scenarios[1].events[0].to, 3);
    for (int t = 0; t < 4; t++) {
        assert_true(hp_avail(in, 0, 0, t) == 1.0);
        assert_true(hp_avail(in, 0, 1, t) == 1.0);
        assert_true(hp_avail(in, 1, 0, t) == stop_cn[t]);
        assert_true(hp_avail(in, 1, 1, t) == 1.0);
        assert_true(fabs(hp_avail_mean(in, 0, t) - abar_cn[t]) < 1e-12);
        assert_true(fabs(hp_avail_mean(in, 1, t) - 1.0) < 1e-12);
    }
    hp_instance_free(in);
}

/* A ramp from 2025Q4 (s = -1 as an offset) to full at 2026Q4 (f = 3), horizon
 * 2026Q1..2026Q3: factors (t - s + 1) / (f - s + 1) = 2/5, 3/5, 4/5 of 30 t:
 * 12, 18, 24.  Events outside the horizon are clipped; two events on one
 * supplier multiply (0.5 * 0.5 = 0.25 in 2026Q3). */
static void test_ramp_and_events_clipped(void **state)
{
    (void)state;
    hp_instance *in = load_ok(
        "name = \"r\"; start = \"2026Q1\"; quarters = 3;\n"
        "products = ( { id = \"Dy\"; demand = 10.0; shortage_penalty = 5.0e6; } );\n"
        "suppliers = ( { id = \"new\"; region = \"US\"; offers = ( { product = \"Dy\"; price = "
        "900.0;\n"
        "   nameplate = 30.0; ramp = { start = \"2025Q4\"; full = \"2026Q4\"; }; } ); } );\n"
        "scenarios = ( { name = \"a\"; probability = 0.5; },\n"
        "  { name = \"b\"; probability = 0.5; events = (\n"
        "    { supplier = \"new\"; from = \"2025Q1\"; to = \"2030Q4\"; factor = 0.5; },\n"
        "    { region = \"US\"; from = \"2026Q3\"; factor = 0.5; } ); } );\n");
    double k[3] = {12.0, 18.0, 24.0}, a[3] = {0.5, 0.5, 0.25};
    for (int t = 0; t < 3; t++) {
        assert_true(fabs(in->suppliers[0].offers[0].capacity[t] - k[t]) < 1e-9);
        assert_true(fabs(hp_avail(in, 1, 0, t) - a[t]) < EPS);
        assert_true(fabs(hp_avail_mean(in, 0, t) - (0.5 + 0.5 * a[t])) < EPS);
    }
    assert_int_equal(in->scenarios[1].events[0].from, -4);
    assert_int_equal(in->scenarios[1].events[0].to, 19);
    hp_instance_free(in);
}

/* A series is one number for every quarter or exactly T numbers;
 * integers are read as numbers, lists may mix integers and floats. */
static void test_series_scalar_and_array(void **state)
{
    (void)state;
    hp_instance *in = load_ok(
        "name = \"s\"; start = \"2026Q1\"; quarters = 3;\n"
        "products = ( { id = \"Dy\"; demand = 7; shortage_penalty = 5000000; safety_stock = (1, "
        "2.5, 3);\n"
        "  spot = { price = [1000.0, 1100.0, 1200.0]; }; } );\n"
        "suppliers = ( { id = \"a\"; region = \"CN\"; offers = ( { product = \"Dy\"; price = 300;\n"
        "   capacity = [1.0, 2.0, 3.0]; } ); } );\n");
    const hp_product *p = &in->products[0];
    for (int t = 0; t < 3; t++) {
        assert_true(p->demand[t] == 7.0);
        assert_true(p->spot_price[t] == 1000.0 + 100.0 * t);
        assert_true(p->spot_limit[t] == HUGE_VAL); /* unlimited by default */
        assert_true(in->suppliers[0].offers[0].price[t] == 300.0);
        assert_true(in->suppliers[0].offers[0].capacity[t] == 1.0 + t);
    }
    assert_true(p->safety_stock[0] == 1.0 && p->safety_stock[1] == 2.5 &&
                p->safety_stock[2] == 3.0);
    assert_int_equal(p->has_spot, 1);
    hp_instance_free(in);
}

/* No scenarios: one "nominal" with probability 1 and availability 1. */
static void test_defaults_nominal(void **state)
{
    (void)state;
    hp_instance *in = load_ok(
        "name = \"n\"; start = \"2030Q4\"; quarters = 2;\n"
        "products = ( { id = \"Tb\"; demand = 1.0; shortage_penalty = 1.0e7; in_transit = [0.5];\n"
        "  storage_limit = 9.0; } );\n"
        "suppliers = ( { id = \"x\"; region = \"AU\"; contract = { };\n"
        "   offers = ( { product = \"Tb\"; price = 1000.0; nameplate = 3.0; } ); } );\n"
        "restrictions = ( { type = \"share\"; region = \"AU\"; max_share = 0.4; scope = "
        "\"horizon\"; } );\n"
        "risk = { measure = \"exposure\"; };\n");
    assert_int_equal(in->n_scenarios, 1);
    assert_int_equal(in->scenarios_given, 0);
    assert_string_equal(in->scenarios[0].name, "nominal");
    assert_true(in->scenarios[0].probability == 1.0);
    assert_true(hp_avail(in, 0, 0, 0) == 1.0 && hp_avail(in, 0, 0, 1) == 1.0);
    /* nameplate without share or ramp: the whole nameplate every quarter */
    assert_true(in->suppliers[0].offers[0].capacity[0] == 3.0);
    assert_true(in->suppliers[0].offers[0].capacity[1] == 3.0);
    /* an empty contract group: a contract with every default */
    assert_int_equal(in->suppliers[0].has_contract, 1);
    assert_true(in->suppliers[0].fixed_cost == 0.0 && in->suppliers[0].min_order == 0.0 &&
                in->suppliers[0].lot == 0.0);
    /* in_transit padded with zeros to T */
    assert_true(in->products[0].in_transit[0] == 0.5 && in->products[0].in_transit[1] == 0.0);
    assert_int_equal(in->products[0].has_storage_limit, 1);
    assert_true(in->products[0].storage_limit == 9.0);
    assert_int_equal(in->restrictions[0].type, HP_SHARE);
    assert_int_equal(in->restrictions[0].scope, HP_SCOPE_HORIZON);
    assert_true(in->restrictions[0].max_share == 0.4);
    assert_null(in->restrictions[0].limit);
    assert_int_equal(in->measure, HP_MEASURE_EXPOSURE);
    assert_true(fabs(in->alpha - 0.9) < EPS);
    hp_instance_free(in);
}

/* Correlation [[1, .5, .2], [.5, 1, 0], [.2, 0, 1]]: by hand,
 * L11 = 1, L21 = .5, L22 = sqrt(.75), L31 = .2,
 * L32 = (0 - .2 * .5) / sqrt(.75) = -.1 / .8660254 = -0.1154700538,
 * L33 = sqrt(1 - .04 - .01 / .75) = sqrt(.9466666667) = 0.9729679. */
static void test_disruptions_cholesky(void **state)
{
    (void)state;
    hp_instance *in = load_ok(
        "name = \"d\"; start = \"2026Q1\"; quarters = 4;\n"
        "products = ( { id = \"Dy\"; demand = 1.0; shortage_penalty = 1.0e6; } );\n"
        "suppliers = ( { id = \"cn\"; region = \"CN\"; offers = ( { product = \"Dy\"; price = "
        "300.0;\n"
        "   capacity = 5.0; } ); } );\n"
        "disruptions = { events = (\n"
        "  { name = \"a\"; region = \"CN\"; probability = 0.1; duration = [2, 4]; factor = 0.0; "
        "},\n"
        "  { name = \"b\"; supplier = \"cn\"; probability = 0.3; duration = [1, 1]; factor = 0.5;\n"
        "    from = \"2026Q2\"; to = \"2026Q3\"; },\n"
        "  { name = \"c\"; region = \"CN\"; probability = 0.0; duration = [1, 2]; factor = 1.0; } "
        ");\n"
        "  correlation = ( [1.0, 0.5, 0.2], [0.5, 1.0, 0.0], [0.2, 0.0, 1.0] ); };\n");
    double want[9] = {
        1, 0, 0, 0.5, sqrt(0.75), 0, 0.2, -0.1 / sqrt(0.75), sqrt(1.0 - 0.04 - 0.01 / 0.75)};
    assert_int_equal(in->n_devents, 3);
    assert_string_equal(in->devents[1].name, "b");
    assert_int_equal(in->devents[0].supplier, -1);
    assert_int_equal(in->devents[0].region_idx, 0);
    assert_int_equal(in->devents[1].supplier, 0);
    assert_int_equal(in->devents[1].from, 1);
    assert_int_equal(in->devents[1].to, 2);
    assert_int_equal(in->devents[0].from, 0); /* default: the whole horizon */
    assert_int_equal(in->devents[0].to, 3);
    assert_int_equal(in->devents[0].dmin, 2);
    assert_int_equal(in->devents[0].dmax, 4);
    /* the factor is computed with LAPACK when sampling needs it, not by
     * the loader (loading never loads OpenBLAS) */
    double chol[9];
    assert_int_equal(hp_instance_cholesky(in, chol), HP_OK);
    for (int k = 0; k < 9; k++)
        assert_true(fabs(chol[k] - want[k]) < 1e-12);
    assert_true(fabs(want[8] - 0.9729679) < 1e-6);
    assert_true(in->correlation[1] == 0.5 && in->correlation[5] == 0.0);
    hp_instance_free(in);
}

/* Quarter offsets from 2026Q3. */
static void test_quarter_labels(void **state)
{
    (void)state;
    hp_instance in;
    char buf[16];
    int off = 99;
    memset(&in, 0, sizeof in);
    in.start_year = 2026;
    in.start_q = 3;
    hp_quarter_label(&in, 0, buf, sizeof buf);
    assert_string_equal(buf, "2026Q3");
    hp_quarter_label(&in, 1, buf, sizeof buf);
    assert_string_equal(buf, "2026Q4");
    hp_quarter_label(&in, 2, buf, sizeof buf);
    assert_string_equal(buf, "2027Q1");
    hp_quarter_label(&in, -1, buf, sizeof buf);
    assert_string_equal(buf, "2026Q2");
    hp_quarter_label(&in, -3, buf, sizeof buf);
    assert_string_equal(buf, "2025Q4");
    hp_quarter_label(&in, 399, buf, sizeof buf);
    assert_string_equal(buf, "2126Q2"); /* 2026Q3 + 399 = +99 years + 3 quarters */
    assert_int_equal(hp_quarter_parse(&in, "2027Q1", &off), 0);
    assert_int_equal(off, 2);
    assert_int_equal(hp_quarter_parse(&in, "2026Q1", &off), 0);
    assert_int_equal(off, -2);
    const char *bad[] = {"2026Q0", "2026Q5", "26Q1", "2026q1", "2026Q1x", "", "2026 Q1", "Q1"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_int_equal(hp_quarter_parse(&in, bad[k], &off), -1);
    assert_int_equal(hp_measure_parse("cvar"), HP_MEASURE_CVAR);
    assert_int_equal(hp_measure_parse("shortage"), HP_MEASURE_SHORTAGE);
    assert_int_equal(hp_measure_parse("exposure"), HP_MEASURE_EXPOSURE);
    assert_int_equal(hp_measure_parse("CVaR"), -1);
    assert_string_equal(hp_measure_str(HP_MEASURE_EXPOSURE), "exposure");
}

/* Four errors on three lines: all reported, sorted by line, nothing returned. */
static void test_several_errors(void **state)
{
    (void)state;
    hp_instance *in = (hp_instance *)&in; /* must be reset to NULL */
    hp_diag d;
    hp_diag_init(&d);
    hp_status st = hp_instance_load_string(
        "name = \"e\"; start = \"2026Q1\"; quarters = 2;\n"
        "suppliers = ( { id = \"a\"; region = \"CN\"; lead_time = 5; offers = ( { product = "
        "\"Dy\";\n"
        "   price = 300.0; capacity = -1.0; } ); } );\n"
        "products = ( { id = \"Dy\"; demand = [1.0]; shortage_penalty = 1.0e6; } );\n",
        "e.cfg", &in, &d);
    assert_int_equal(st, HP_EINVAL);
    assert_null(in);
    assert_int_equal(d.n, 3);
    assert_int_equal(d.truncated, 0);
    assert_string_equal(d.msgs[0], "e.cfg:2: suppliers[0].lead_time: must be in 0..1 (less than "
                                   "quarters), got 5");
    assert_string_equal(d.msgs[1],
                        "e.cfg:3: suppliers[0].offers[0].capacity: must be >= 0, got -1");
    assert_string_equal(d.msgs[2],
                        "e.cfg:4: products[0].demand: must have 2 elements (quarters) or "
                        "be one number, got 1 element");
    hp_diag_free(&d);
}

/* The cap: two messages kept, the rest counted. */
static void test_error_cap(void **state)
{
    (void)state;
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    assert_int_equal(d.cap, 50);
    d.cap = 2;
    hp_status st = hp_instance_load_string("name = 1; start = 2; quarters = \"x\"; extra = 4;\n",
                                           "c.cfg", &in, &d);
    assert_int_equal(st, HP_EINVAL);
    assert_int_equal(d.n, 2);
    assert_true(d.truncated > 0);
    hp_diag_free(&d);
    assert_int_equal(d.n, 0);
}

static void test_parse_error_and_io(void **state)
{
    (void)state;
    hp_instance *in = NULL;
    hp_diag d;
    hp_diag_init(&d);
    assert_int_equal(
        hp_instance_load_string("name = \"x\";\nquarters = [1, 2.0];\n", "p.cfg", &in, &d),
        HP_EINVAL);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0], "p.cfg:2: mismatched element type in array; write every element "
                                   "alike (e.g. 80.0, not 80)");
    hp_diag_free(&d);
    hp_diag_init(&d);
    assert_int_equal(hp_instance_load("/nonexistent/hreeplan.cfg", &in, &d), HP_EIO);
    assert_null(in);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.msgs[0],
                        "/nonexistent/hreeplan.cfg: cannot read: No such file or directory");
    hp_diag_free(&d);
}

/* Sampled scenarios replace the given ones; avail is taken over. */
static void test_set_scenarios(void **state)
{
    (void)state;
    hp_instance *in = load_ok(example);
    size_t n = 3 * 2 * 4;
    double *a = malloc(n * sizeof *a);
    assert_non_null(a);
    for (size_t k = 0; k < n; k++)
        a[k] = (double)k / (double)n;
    assert_int_equal(hp_instance_set_scenarios(in, 3, a), HP_OK);
    assert_int_equal(in->n_scenarios, 3);
    assert_string_equal(in->scenarios[2].name, "sample3");
    assert_int_equal(in->scenarios[0].n_events, 0);
    assert_true(fabs(in->scenarios[1].probability - 1.0 / 3.0) < EPS);
    assert_true(hp_avail(in, 2, 1, 3) == a[(2 * 2 + 1) * 4 + 3]);
    /* abar[0, 0] = (a[0,0,0] + a[1,0,0] + a[2,0,0]) / 3 = (0 + 8 + 16) / 24 / 3 */
    assert_true(fabs(hp_avail_mean(in, 0, 0) - 24.0 / 24.0 / 3.0) < 1e-12);
    /* a bad count is refused; the array is freed all the same */
    double *b = malloc(8 * sizeof *b);
    assert_non_null(b);
    assert_int_equal(hp_instance_set_scenarios(in, 0, b), HP_EINVAL);
    assert_int_equal(in->n_scenarios, 3);
    hp_instance_free(in);
    hp_instance_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_structure),
        cmocka_unit_test(test_example_capacity),
        cmocka_unit_test(test_example_avail),
        cmocka_unit_test(test_ramp_and_events_clipped),
        cmocka_unit_test(test_series_scalar_and_array),
        cmocka_unit_test(test_defaults_nominal),
        cmocka_unit_test(test_disruptions_cholesky),
        cmocka_unit_test(test_quarter_labels),
        cmocka_unit_test(test_several_errors),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_parse_error_and_io),
        cmocka_unit_test(test_set_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
