/* Reports (models/report/): a plan built by hand, written in text, CSV
 * and JSON, and read back; a front, a comparison and a simulation of it
 * through the same checked writer.  Every expected value below is written out from
 * the hand-built plan, never taken from the code under test. */
/* cmocka.h needs these four first */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../models/report/compare_out.h"
#include "../../models/report/pareto_out.h"
#include "../../models/report/report.h"
#include "../../models/report/sim_report.h"
#include "report_fixture.h"

/* Renders into a malloc'd string. */
static char *render(const hp_plan *p, hp_format fmt, const hp_report_meta *meta)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(hp_report_plan(f, p, fmt, meta), HP_OK);
    assert_int_equal(fclose(f), 0);
    assert_non_null(buf);
    return buf;
}

/* ---- format names ---- */
static void test_format_parse(void **state)
{
    (void)state;
    assert_int_equal(hp_format_parse("text"), HP_FMT_TEXT);
    assert_int_equal(hp_format_parse("csv"), HP_FMT_CSV);
    assert_int_equal(hp_format_parse("json"), HP_FMT_JSON);
    assert_int_equal(hp_format_parse("JSON"), -1);
    assert_int_equal(hp_format_parse("html"), HP_FMT_HTML);
    assert_int_equal(hp_format_parse("HTML"), -1);
    assert_int_equal(hp_format_parse("xml"), -1);
    assert_int_equal(hp_format_parse(""), -1);
    assert_int_equal(hp_format_parse(NULL), -1);
}

static void assert_has(const char *s, const char *needle)
{
    if (!strstr(s, needle))
        fail_msg("output lacks \"%s\" in:\n%s", needle, strlen(s) > 900 ? s + strlen(s) - 900 : s);
}

/* ---- JSON ---- */
static json_t *parse_json(const char *s)
{
    json_error_t err;
    json_t *j = json_loads(s, 0, &err);
    if (!j)
        fail_msg("JSON does not parse: %s (line %d)", err.text, err.line);
    return j;
}

/* The value at a path like "orders/0/quantity" (NULL when absent). */
static json_t *jat(json_t *j, const char *path)
{
    char buf[128], *tok, *save = NULL;
    snprintf(buf, sizeof buf, "%s", path);
    for (tok = strtok_r(buf, "/", &save); tok && j; tok = strtok_r(NULL, "/", &save))
        j = json_is_array(j) ? json_array_get(j, strtoul(tok, NULL, 10)) : json_object_get(j, tok);
    return j;
}

static void jnum(json_t *j, const char *path, double want)
{
    json_t *v = jat(j, path);
    if (!json_is_number(v))
        fail_msg("%s missing or not a number", path);
    if (fabs(json_number_value(v) - want) > 1e-12 * (1.0 + fabs(want)))
        fail_msg("%s = %.17g, want %.17g", path, json_number_value(v), want);
    if (signbit(json_number_value(v)) && want == 0.0)
        fail_msg("%s is -0", path);
}

static void jstr(json_t *j, const char *path, const char *want)
{
    json_t *v = jat(j, path);
    if (!json_is_string(v))
        fail_msg("%s missing or not a string", path);
    assert_string_equal(json_string_value(v), want);
}

/* The object's keys, in order, joined by spaces, must be `want`. */
static void jkeys(json_t *j, const char *path, const char *want)
{
    char buf[512] = "";
    const char *k;
    json_t *v, *o = path ? jat(j, path) : j;
    assert_true(json_is_object(o));
    json_object_foreach(o, k, v)
    {
        (void)v;
        if (buf[0])
            strncat(buf, " ", sizeof buf - strlen(buf) - 1);
        strncat(buf, k, sizeof buf - strlen(buf) - 1);
    }
    assert_string_equal(buf, want);
}

static void test_json_keys_and_values(void **state)
{
    hp_plan p;
    json_t *j;
    char *s;
    (void)state;
    build_plan(&p);
    s = render(&p, HP_FMT_JSON, &meta_stable);
    j = parse_json(s);
    /* CLI.md order; scenarios (added) before solver; no contracts in an LP
     * without contract choices. */
    jkeys(j, NULL,
          "instance objective measure alpha status gap cost risk information nodes regions orders "
          "balance "
          "duals scenarios solver");
    jkeys(j, "instance", "name file sha256");
    jstr(j, "instance/name", "unit-test");
    jstr(j, "instance/file", "tests/unit/report.cfg");
    jstr(j, "instance/sha256", "abc123");
    jstr(j, "objective", "cost");
    jstr(j, "measure", "cvar");
    jnum(j, "alpha", 0.9);
    jstr(j, "status", "optimal");
    jnum(j, "gap", 0.0);
    jkeys(j, "cost",
          "spend total purchase contract spot holding reserve take_or_pay terminal_credit penalty "
          "terminal_penalty");
    jnum(j, "cost/total", 123456789.0);
    jnum(j, "cost/purchase", 100e6);
    jnum(j, "cost/contract", 0.0);
    jnum(j, "cost/spot", 20e6);
    jnum(j, "cost/holding", 456789.0);
    jnum(j, "cost/penalty", 3e6);
    jkeys(j, "risk", "shortage cvar exposure");
    jnum(j, "risk/shortage", 2.5);
    jnum(j, "risk/cvar", 10.0);
    jnum(j, "risk/exposure", 3.25);

    assert_int_equal(json_array_size(jat(j, "regions")), 2);
    jkeys(j, "regions/0", "region quantity share");
    jstr(j, "regions/0/region", "CN");
    jnum(j, "regions/0/quantity", 60.0);
    jnum(j, "regions/0/share", 0.6);
    jstr(j, "regions/1/region", "MY");

    assert_int_equal(json_array_size(jat(j, "orders")), 2);
    jkeys(j, "orders/0",
          "supplier product ship arrive quantity price expected_cost "
          "expected_quantity");
    jstr(j, "orders/0/supplier", SUP_CN);
    jstr(j, "orders/0/product", "Dy2O3");
    jstr(j, "orders/0/ship", "2026Q1");
    jstr(j, "orders/0/arrive", "2026Q2");
    jnum(j, "orders/0/quantity", 60.0);
    jnum(j, "orders/0/price", 400.0);
    jnum(j, "orders/0/expected_cost", 21e6);
    jnum(j, "orders/0/expected_quantity", 52.5);
    jstr(j, "orders/1/supplier", "lynas-my");

    assert_int_equal(json_array_size(jat(j, "balance")), 4);
    jkeys(j, "balance/1",
          "product quarter demand arrivals spot unmet inventory in_transit "
          "below_safety");
    jstr(j, "balance/1/product", "Dy2O3");
    jstr(j, "balance/1/quarter", "2026Q2");
    jnum(j, "balance/1/demand", 20.0);
    jnum(j, "balance/1/arrivals", 52.5);
    jnum(j, "balance/1/spot", 2.0);
    jnum(j, "balance/1/unmet", 0.0);
    jnum(j, "balance/1/inventory", 34.5);
    jnum(j, "balance/0/in_transit", 5.0);
    jnum(j, "balance/0/spot", 0.0); /* was -0.0 */

    assert_int_equal(json_array_size(jat(j, "duals")), 13);
    jkeys(j, "duals/0", "constraint supplier region product quarter value");
    jstr(j, "duals/0/constraint", "capacity");
    jstr(j, "duals/0/supplier", "lynas-my");
    jstr(j, "duals/0/region", "MY");
    jstr(j, "duals/0/product", "Dy2O3");
    jstr(j, "duals/0/quarter", "2026Q2");
    jnum(j, "duals/0/value", -1234.4);
    /* Keys that do not apply are omitted. */
    jkeys(j, "duals/1", "constraint region quarter value");
    jstr(j, "duals/1/constraint", "quota");
    jkeys(j, "duals/2", "constraint region product value");
    jkeys(j, "duals/3", "constraint product quarter value");
    jstr(j, "duals/3/constraint", "balance");
    jnum(j, "duals/4/value", 0.0); /* was -0.0 */

    assert_int_equal(json_array_size(jat(j, "scenarios")), 2);
    jstr(j, "scenarios/1/scenario", "cn-ban");
    jnum(j, "scenarios/1/shortage", 7.0);

    jkeys(j, "solver", "backend version rows cols nonzeros"); /* no seconds */
    jstr(j, "solver/backend", "glpk");
    jstr(j, "solver/version", "5.0");
    jnum(j, "solver/rows", 40);
    jnum(j, "solver/cols", 50);
    jnum(j, "solver/nonzeros", 123);
    assert_non_null(strstr(s, "\"alpha\": 0.9,")); /* 15 digits, not 0.90000000000000002 */
    json_decref(j);
    free(s);
}

static void test_json_mip_and_timing(void **state)
{
    hp_plan p;
    json_t *j;
    char *s;
    (void)state;
    build_mip_plan(&p);
    p.objective = HP_OBJ_RISK;
    p.measure = HP_MEASURE_EXPOSURE;
    s = render(&p, HP_FMT_JSON, &meta_timed);
    j = parse_json(s);
    /* MIP: no duals; contract choices listed. */
    jkeys(j, NULL,
          "instance objective measure alpha status gap cost risk information nodes regions orders "
          "balance "
          "contracts scenarios solver");
    jstr(j, "objective", "risk");
    jstr(j, "measure", "exposure");
    jstr(j, "status", "gap_limit");
    jnum(j, "gap", 0.0123);
    assert_int_equal(json_array_size(jat(j, "contracts")), 2);
    jstr(j, "contracts/0/supplier", SUP_CN);
    assert_true(json_is_true(jat(j, "contracts/0/signed")));
    assert_true(json_is_false(jat(j, "contracts/1/signed")));
    jkeys(j, "solver", "backend version seconds rows cols nonzeros");
    jnum(j, "solver/seconds", 1.25);
    json_decref(j);
    free(s);

    /* Without meta: the instance's own file, no sha256. */
    s = render(&p, HP_FMT_JSON, NULL);
    j = parse_json(s);
    jkeys(j, "instance", "name file");
    jstr(j, "instance/file", "tests/unit/report.cfg");
    json_decref(j);
    free(s);
}

/* An id that is not UTF-8 (a Latin-1 file) still gives valid JSON. */
static void test_json_latin1_id(void **state)
{
    hp_plan p;
    json_t *j;
    char *s;
    (void)state;
    build_plan(&p);
    suppliers[1].id = "ly\xe9nas";
    s = render(&p, HP_FMT_JSON, &meta_stable);
    suppliers[1].id = "lynas-my";
    j = parse_json(s);
    jstr(j, "orders/1/supplier", "ly?nas");
    json_decref(j);
    free(s);
}

/* ---- CSV ---- */
#define NF 11
/* Splits one RFC 4180 record at *s into fields; returns the count and
 * advances *s past the line end. */
static int csv_record(const char **s, char fields[][128])
{
    const char *c = *s;
    int n = 0;
    for (;;) {
        size_t k = 0;
        if (*c == '"') {
            for (c++; !(*c == '"' && c[1] != '"'); c++) {
                assert_true(*c != '\0');
                fields[n][k++] = *c;
                c += *c == '"';
            }
            c++;
        } else {
            while (*c && *c != ',' && *c != '\n')
                fields[n][k++] = *c++;
        }
        fields[n++][k] = '\0';
        if (*c != ',')
            break;
        c++;
    }
    assert_int_equal(*c, '\n');
    *s = c + 1;
    return n;
}

/* Checks the header and every record, and counts the rows of `table`
 * (-1 for all).  Every value must read whole as a number and never be -0. */
static int csv_rows(const char *s, const char *table)
{
    char f[NF + 2][128], *end;
    int n = 0;
    assert_int_equal(csv_record(&s, f), NF);
    assert_string_equal(f[0], "table");
    assert_string_equal(f[9], "value");
    assert_string_equal(f[10], "text");
    while (*s) {
        assert_int_equal(csv_record(&s, f), NF);
        if (f[9][0]) {
            (void)strtod(f[9], &end);
            assert_int_equal(*end, '\0');
            assert_string_not_equal(f[9], "-0");
        }
        n += !table || strcmp(f[0], table) == 0;
    }
    return n;
}

static void test_csv_tidy(void **state)
{
    hp_plan p;
    char *s;
    (void)state;
    build_plan(&p);
    s = render(&p, HP_FMT_CSV, &meta_stable);
    assert_int_equal(csv_rows(s, "info"), 9); /* instance file sha256 objective measure status
                                                 information backend version */
    assert_int_equal(csv_rows(s, "summary"),
                     20); /* alpha gap, spend, 10 costs, 3 risks, nodes, rows cols nonzeros */
    assert_int_equal(csv_rows(s, "regions"), 4);  /* 2 regions x quantity, share */
    assert_int_equal(csv_rows(s, "orders"), 8);   /* 2 orders x 4 metrics */
    assert_int_equal(csv_rows(s, "balance"), 28); /* 4 rows x 7 metrics */
    assert_int_equal(csv_rows(s, "contracts"), 0);
    assert_int_equal(csv_rows(s, "scenarios"), 6); /* 2 scenarios x 3 */
    assert_int_equal(csv_rows(s, "duals"), 13);
    assert_int_equal(csv_rows(s, NULL), 9 + 20 + 4 + 8 + 28 + 6 + 13);
    assert_has(s, "table,supplier,region,product,ship,arrive,quarter,scenario,metric,value,text\n"
                  "info,,,,,,,,instance,,unit-test\n"
                  "info,,,,,,,,file,,tests/unit/report.cfg\n"
                  "info,,,,,,,,sha256,,abc123\n"
                  "info,,,,,,,,objective,,cost\n"
                  "info,,,,,,,,measure,,cvar\n"
                  "info,,,,,,,,status,,optimal\n"
                  "info,,,,,,,,information,,tree\n"
                  "info,,,,,,,,backend,,glpk\n"
                  "info,,,,,,,,version,,5.0\n"
                  "summary,,,,,,,,alpha,0.9,\n"
                  "summary,,,,,,,,gap,0,\n"
                  "summary,,,,,,,,cost_spend,120456789,\n"
                  "summary,,,,,,,,cost_total,123456789,\n"
                  "summary,,,,,,,,cost_purchase,100000000,\n");
    assert_has(s, "summary,,,,,,,,shortage,2.5,\n"
                  "summary,,,,,,,,cvar,10,\n"
                  "summary,,,,,,,,exposure,3.25,\n"
                  "summary,,,,,,,,nodes,0,\n"
                  "summary,,,,,,,,rows,40,\n"
                  "summary,,,,,,,,cols,50,\n"
                  "summary,,,,,,,,nonzeros,123,\n"
                  "regions,,CN,,,,,,quantity,60,\n"
                  "regions,,CN,,,,,,share,0.6,\n");
    assert_has(s, "\norders,\"baotou,\"\"cn\"\"\",CN,Dy2O3,2026Q1,2026Q2,,,quantity,60,\n"
                  "orders,\"baotou,\"\"cn\"\"\",CN,Dy2O3,2026Q1,2026Q2,,,expected_quantity,52.5,\n"
                  "orders,\"baotou,\"\"cn\"\"\",CN,Dy2O3,2026Q1,2026Q2,,,price,400,\n"
                  "orders,\"baotou,\"\"cn\"\"\",CN,Dy2O3,2026Q1,2026Q2,,,expected_cost,21000000,\n"
                  "orders,lynas-my,MY,Tb4O7,2026Q1,2026Q1,,,quantity,40,\n");
    assert_has(s, "\nbalance,,,Dy2O3,,,2026Q1,,demand,10,\n"
                  "balance,,,Dy2O3,,,2026Q1,,in_transit,5,\n"
                  "balance,,,Dy2O3,,,2026Q1,,arrivals,0,\n"
                  "balance,,,Dy2O3,,,2026Q1,,spot,0,\n" /* was -0.0 */
                  "balance,,,Dy2O3,,,2026Q1,,unmet,0.5,\n");
    assert_has(s, "\nbalance,,,Tb4O7,,,2026Q2,,below_safety,0,\n"
                  "scenarios,,,,,,,nominal,probability,0.75,\n");
    assert_has(s, "\nscenarios,,,,,,,cn-ban,cost,163827156,\n"
                  "duals,lynas-my,MY,Dy2O3,,,2026Q2,,capacity,-1234.4,\n"
                  "duals,,CN,,,,2026Q1,,quota,-50,\n"
                  "duals,,CN,Dy2O3,,,,,share,-7.5,\n"
                  "duals,,,Tb4O7,,,2026Q2,,balance,-2000,\n"
                  "duals,\"baotou,\"\"cn\"\"\",CN,Dy2O3,,,2026Q1,,capacity,0,\n");
    assert_true(s[strlen(s) - 1] == '\n');
    assert_non_null(strstr(s, "capacity,-8,\n"));
    free(s);
}

static void test_csv_timing_and_mip(void **state)
{
    hp_plan p;
    char *s;
    (void)state;
    build_mip_plan(&p);
    s = render(&p, HP_FMT_CSV, &meta_timed);
    assert_int_equal(csv_rows(s, "summary"), 21); /* + seconds */
    assert_int_equal(csv_rows(s, "contracts"), 2);
    assert_int_equal(csv_rows(s, "duals"), 0);
    assert_has(s, "\nsummary,,,,,,,,seconds,1.25,\n");
    assert_has(s, "\nsummary,,,,,,,,gap,0.0123,\n");
    assert_has(s, "\ninfo,,,,,,,,status,,gap_limit\n");
    assert_has(s, "\ncontracts,\"baotou,\"\"cn\"\"\",CN,,,,,,signed,1,\n"
                  "contracts,lynas-my,MY,,,,,,signed,0,\n");
    free(s);
}

/* ---- text ---- */

static void test_text_headline(void **state)
{
    hp_plan p;
    char *s;
    (void)state;
    build_plan(&p);
    s = render(&p, HP_FMT_TEXT, &meta_stable);
    assert_has(s, "Plan for unit-test (tests/unit/report.cfg)\n");
    assert_has(s, "  objective       cost-minimal\n");
    assert_has(s, "  status          optimal\n");
    assert_has(s, "  expected spend  USD 120.46 m\n"
                  "  penalty         USD 3.00 m (notional: shortage and safety stock)\n"
                  "  expected cost   USD 123.46 m (spend + penalty)\n");
    assert_has(s, "  unmet demand    1.50 t expected (Dy2O3 0.50 t, Tb4O7 1.00 t)\n");
    assert_has(s, "  shortage        2.50 t expected, criticality-weighted\n");
    assert_has(s, "  CVaR(0.90)      10.00 t of scenario shortage\n");
    assert_has(s, "  exposure        3.25 t ordered but not expected to arrive\n");
    assert_has(s, "  China share     60.0 %\n");
    assert_has(s, "  region shares   CN 60.0 % (60.00 t), MY 40.0 % (40.00 t)\n");
    assert_null(strstr(s, "gap"));        /* LP: no gap */
    assert_null(strstr(s, " in 1.25 s")); /* no timing asked */
    free(s);
}

/* Every line of the table under `title` (header, rows) has the same length:
 * the last column is right-aligned, so this checks the alignment. */
static void assert_aligned(const char *s, const char *title, int lines)
{
    const char *c = strstr(s, title);
    size_t len = 0;
    int i;
    assert_non_null(c);
    c = strchr(c, '\n') + 1;
    for (i = 0; i < lines; i++) {
        const char *e = strchr(c, '\n');
        assert_non_null(e);
        if (i == 0)
            len = (size_t)(e - c);
        else
            assert_int_equal((size_t)(e - c), len);
        c = e + 1;
    }
    assert_true(*c == '\n' || *c == '\0'); /* blank line after the table */
}

static void test_text_tables(void **state)
{
    hp_plan p;
    char *s;
    (void)state;
    build_plan(&p);
    s = render(&p, HP_FMT_TEXT, &meta_timed);
    assert_has(s, "  ship    arrive  supplier     product  quantity t  expected t  price USD/kg  "
                  "expected cost USD m\n");
    assert_has(s, "  2026Q1  2026Q2  baotou,\"cn\"  Dy2O3         60.00       52.50        400.00  "
                  "              21.00\n");
    assert_has(s, "  total                                     100.00       92.50"
                  "                              81.00\n");
    assert_aligned(s, "Order book", 4);
    assert_has(s, "Stock path: Dy2O3 (expected over scenarios)\n"
                  "  quarter  demand t  in transit t  arrivals t  spot t  unmet t  ending "
                  "inventory t\n"
                  "  2026Q1      10.00          5.00        0.00    0.00     0.50                "
                  "0.00\n");
    assert_aligned(s, "Stock path: Tb4O7", 3);
    assert_has(s, "  cost part   USD m  % of total\n"
                  "  purchase   100.00        81.0\n");
    assert_has(s, "  holding      0.46         0.4\n");
    assert_has(s, "  spend      120.46        97.6\n"
                  "  penalty      3.00         2.4\n"
                  "  total      123.46       100.0\n");
    assert_aligned(s, "Cost split", 8);
    assert_null(strstr(s, "Contracts"));
    /* Top 10 of 12 nonzero shadow prices, largest first, in words. */
    assert_has(s, "Shadow prices (expected cost, largest first)\n"
                  "  one more t of Tb4O7 arriving in 2026Q2 is worth USD 2,000 (balance)\n"
                  "  one more t of lynas-my capacity for Dy2O3 in 2026Q2 is worth USD 1,234 "
                  "(capacity)\n"
                  "  one more t of CN export quota in 2026Q1 is worth USD 50.00 (quota)\n"
                  "  one more t of baotou,\"cn\" capacity for Tb4O7 in 2026Q2 is worth USD 8.00 "
                  "(capacity)\n"
                  "  one more t from CN under its share cap for Dy2O3 over the horizon is worth "
                  "USD 7.50 (share)\n");
    assert_has(s, "for Tb4O7 in 2026Q1 is worth USD 3.00 (capacity)\n"
                  "  2 more in --format csv/json\n");
    assert_null(strstr(s, "USD 2.00 (capacity)"));
    assert_has(s, "Solved by glpk 5.0 in 1.25 s (40 rows, 50 columns, 123 nonzeros)\n");
    free(s);
}

static void test_text_mip_and_risk(void **state)
{
    hp_plan p;
    char *s;
    (void)state;
    build_mip_plan(&p);
    p.objective = HP_OBJ_RISK;
    p.cost_total = 1234567.891; /* USD 1.23 m */
    s = render(&p, HP_FMT_TEXT, &meta_stable);
    assert_has(s, "  objective       risk-minimal by cvar (alpha 0.90)\n");
    assert_has(s, "  status          gap_limit, gap 1.23 %\n");
    assert_has(s, "  expected cost   USD 1.23 m (spend + penalty)\n");
    assert_has(s, "Contracts\n"
                  "  supplier     region  signed  fixed cost USD m\n"
                  "  baotou,\"cn\"  CN      yes                 2.50\n"
                  "  lynas-my     MY      no                  0.00\n");
    assert_null(strstr(s, "Shadow prices"));
    free(s);
    p.measure = HP_MEASURE_SHORTAGE;
    p.cost_total = 9876543210.0;
    regions[0] = "AU"; /* no CN: no China line */
    s = render(&p, HP_FMT_TEXT, &meta_stable);
    regions[0] = "CN";
    assert_has(s, "  objective       risk-minimal by shortage\n");
    assert_has(s, "  expected cost   USD 9,876.54 m (spend + penalty)\n");
    assert_null(strstr(s, "China share"));
    assert_has(s, "  region shares   AU 60.0 %");
    free(s);
}

/* ---- failures and determinism ---- */
static void test_dev_full_is_eio(void **state)
{
    hp_plan p;
    hp_format fmts[3] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON};
    int i;
    (void)state;
    build_plan(&p);
    for (i = 0; i < 3; i++) {
        FILE *f = fopen("/dev/full", "w");
        if (!f)
            skip();
        assert_int_equal(hp_report_plan(f, &p, fmts[i], &meta_stable), HP_EIO);
        fclose(f);
    }
    /* Unbuffered: the very first write fails, not only the flush. */
    for (i = 0; i < 3; i++) {
        FILE *f = fopen("/dev/full", "w");
        assert_non_null(f);
        setvbuf(f, NULL, _IONBF, 0);
        assert_int_equal(hp_report_plan(f, &p, fmts[i], &meta_stable), HP_EIO);
        fclose(f);
    }
}

static void test_bad_arguments(void **state)
{
    hp_plan p;
    (void)state;
    build_plan(&p);
    assert_int_equal(hp_report_plan(NULL, &p, HP_FMT_TEXT, NULL), HP_EINTERNAL);
    assert_int_equal(hp_report_plan(stdout, NULL, HP_FMT_TEXT, NULL), HP_EINTERNAL);
    assert_int_equal(hp_report_plan(stdout, &p, (hp_format)7, NULL), HP_EINTERNAL);
}

static void test_deterministic(void **state)
{
    hp_plan p, q;
    hp_format fmts[3] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON};
    int i;
    (void)state;
    build_plan(&p);
    q = p;
    for (i = 0; i < 3; i++) {
        char *a = render(&p, fmts[i], &meta_stable);
        char *b = render(&q, fmts[i], &meta_stable);
        assert_string_equal(a, b);
        free(a);
        free(b);
    }
}

static void test_no_negative_zero(void **state)
{
    hp_plan p;
    hp_format fmts[3] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON};
    int i;
    (void)state;
    build_plan(&p);
    /* More -0.0 everywhere a zero can appear. */
    p.cost_contract = -0.0;
    p.exposure = -0.0;
    p.cvar = -1e-9; /* rounds to zero at 2 decimals in text */
    for (i = 0; i < 3; i++) {
        char *s = render(&p, fmts[i], &meta_stable);
        assert_null(strstr(s, "-0.0"));
        assert_null(strstr(s, ",-0,"));
        assert_null(strstr(s, " -0 "));
        assert_null(strstr(s, ": -0\n"));
        assert_null(strstr(s, ": -0,"));
        free(s);
    }
}

/* ---- fronts and comparisons share the plan report's writer ---- */
/* A two-point front of the fixture plan.  The risk-minimal end's risk is
 * solver noise below zero (under the noise floor of fronts: prints as 0
 * everywhere); the plan's CVaR is a tiny negative number above the floor
 * (kept in CSV and JSON, but never "-0.000" in text). */
static void build_front(hp_plan *p, hp_pareto *front, hp_pareto_point pts[2], hp_plan *plans[2],
                        hp_front_run *r)
{
    build_plan(p);
    memset(pts, 0, 2 * sizeof *pts);
    memset(front, 0, sizeof *front);
    memset(r, 0, sizeof *r);
    for (int i = 0; i < 2; i++) {
        pts[i].index = i;
        pts[i].solved = 1;
        pts[i].result.has_solution = 1;
        pts[i].result.status = HP_SOL_OPTIMAL;
        pts[i].duplicate = -1;
        pts[i].on_front = 1;
        plans[i] = p;
    }
    pts[0].eps = 4.0;
    pts[0].cost = 120e6;
    pts[0].risk = 4.0;
    pts[1].cost = 150e6;
    pts[1].risk = -1e-14;
    p->cvar = -1e-9;
    front->n = front->n_solved = front->n_front = 2;
    front->pts = pts;
    front->knee = -1;
    front->c_min = 120e6;
    front->c_max = 150e6;
    front->r_min = -1e-14;
    front->r_max = 4.0;
    r->inst = &inst;
    r->file = "unit.cfg";
    r->measure = HP_MEASURE_SHORTAGE;
    r->alpha = 0.9;
    r->front = front;
    r->plans = plans;
    r->backend = "glpk";
    r->backend_version = "5.0";
}

static void test_front_and_compare_formats(void **state)
{
    hp_plan p;
    hp_pareto front;
    hp_pareto_point pts[2];
    hp_plan *plans[2];
    hp_front_run r;
    hp_format fmts[3] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON};
    (void)state;
    build_front(&p, &front, pts, plans, &r);
    for (int i = 0; i < 3; i++) {
        const char *files[2] = {"dir/a.cfg", "b.cfg"};
        const hp_instance *insts[2] = {&inst, &inst};
        const hp_plan *cplans[2] = {&p, NULL};
        const int infeasible[2] = {0, 1};
        hp_compare c = {2, files, insts, cplans, infeasible, 0, NULL};
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_non_null(f);
        assert_int_equal(hp_front_report(f, &r, fmts[i]), HP_OK);
        assert_int_equal(hp_compare_report(f, &c, fmts[i]), HP_OK);
        assert_int_equal(fclose(f), 0);
        assert_null(strstr(buf, "-0.0"));
        if (fmts[i] == HP_FMT_TEXT) {
            assert_has(buf, "from end to end: risk 4.000 -> 0.000 for 30.00 USD m more");
            /* spend axis (the default): spend 150.00 is the point's, cost its plan's */
            assert_has(buf, "  1     0.000     150.00     123.46     0.000");
            assert_has(buf, "[2] b.cfg: unit-test\n");
        } else if (fmts[i] == HP_FMT_CSV) {
            assert_has(buf, "1,risk,0\n");
            assert_has(buf, "b,status,infeasible\n");
        } else {
            assert_has(buf, "\"status\": \"infeasible\"");
        }
        free(buf);
    }
}

static void test_front_and_compare_dev_full_is_eio(void **state)
{
    hp_plan p;
    hp_pareto front;
    hp_pareto_point pts[2];
    hp_plan *plans[2];
    hp_front_run r;
    hp_format fmts[3] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON};
    (void)state;
    build_front(&p, &front, pts, plans, &r);
    for (int unbuffered = 0; unbuffered < 2; unbuffered++)
        for (int i = 0; i < 3; i++) {
            const char *files[1] = {"a.cfg"};
            const hp_instance *insts[1] = {&inst};
            const hp_plan *cplans[1] = {&p};
            const int infeasible[1] = {0};
            hp_compare c = {1, files, insts, cplans, infeasible, 0, NULL};
            FILE *f = fopen("/dev/full", "w");
            if (!f)
                skip();
            if (unbuffered)
                setvbuf(f, NULL, _IONBF, 0);
            assert_int_equal(hp_front_report(f, &r, fmts[i]), HP_EIO);
            fclose(f);
            f = fopen("/dev/full", "w");
            assert_non_null(f);
            if (unbuffered)
                setvbuf(f, NULL, _IONBF, 0);
            assert_int_equal(hp_compare_report(f, &c, fmts[i]), HP_EIO);
            fclose(f);
        }
}

/* A simulation report of the fixture plan on a hand-made summary: a write
 * error is HP_EIO in every format, buffered or not. */
static void test_sim_report_dev_full_is_eio(void **state)
{
    hp_plan p;
    hp_sim_result r;
    double pt[4] = {0.0, 0.25, 0.0, 0.5}, edges[2] = {100e6, 120e6}, hist[1] = {1.0};
    hp_format fmts[3] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON};
    hp_sim_meta meta = {"unit.cfg", NULL, 0, 1, 0, NULL, NULL};
    hp_sim_entry e;
    (void)state;
    build_plan(&p);
    memset(&r, 0, sizeof r);
    r.inst = &inst;
    r.n_paths = 10;
    r.seed = 1;
    r.P = inst.n_products;
    r.T = inst.T;
    r.stockout = r.unmet = r.arrivals = r.released = pt;
    r.n_bins = 1;
    r.cost_edges = r.short_edges = edges;
    r.cost_hist = r.short_hist = hist;
    e.label = "cost-minimal";
    e.plan = &p;
    e.sim = &r;
    for (int i = 0; i < 3; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_non_null(f);
        assert_int_equal(hp_sim_report(f, &e, 1, fmts[i], &meta), HP_OK);
        assert_int_equal(fclose(f), 0);
        assert_true(len > 0);
        free(buf);
    }
    for (int unbuffered = 0; unbuffered < 2; unbuffered++)
        for (int i = 0; i < 3; i++) {
            FILE *f = fopen("/dev/full", "w");
            if (!f)
                skip();
            if (unbuffered)
                setvbuf(f, NULL, _IONBF, 0);
            assert_int_equal(hp_sim_report(f, &e, 1, fmts[i], &meta), HP_EIO);
            fclose(f);
        }
}

/* compare's order moves: the hand-built plan against a copy whose orders
 * moved by +0.5 t (the CN supplier, whose id needs CSV quoting), -10 t
 * (lynas-my Tb4O7) and 0.004 t (a new lynas-my Dy2O3 order in 2026Q2: under
 * the 0.005 t tolerance), so the moves are, biggest first: lynas-my Tb4O7
 * 2026Q1 40 -> 30, then the CN supplier's Dy2O3 2026Q1 60 -> 60.5. */
static void test_compare_moves(void **state)
{
    hp_plan p, q;
    hp_order moved[3];
    hp_format fmts[4] = {HP_FMT_TEXT, HP_FMT_CSV, HP_FMT_JSON, HP_FMT_HTML};
    (void)state;
    build_instance();
    build_plan(&p);
    build_plan(&q);
    moved[0] = orders[0];
    moved[0].quantity = 60.5;
    moved[1] = orders[1];
    moved[1].quantity = 30.0;
    moved[2] = (hp_order){1, 0, 1, 1, 0.004, 0.004, 100.0, 400.0};
    q.orders = moved;
    q.n_orders = 3;
    for (int i = 0; i < 4; i++) {
        const char *files[2] = {"ref.cfg", "dir/var.cfg"};
        const hp_instance *insts[2] = {&inst, &inst};
        const hp_plan *cplans[2] = {&p, &q};
        const int infeasible[2] = {0, 0};
        hp_compare c = {2, files, insts, cplans, infeasible, 0, NULL};
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        assert_non_null(f);
        assert_int_equal(hp_compare_report(f, &c, fmts[i]), HP_OK);
        assert_int_equal(fclose(f), 0);
        if (fmts[i] == HP_FMT_TEXT) {
            assert_has(buf, "What moved in the order book against [1] ref\n");
            assert_has(buf, "[2] var: 2 moves, 0.50 t more ordered, 10.00 t less\n");
            assert_has(buf,
                       "  lynas-my         Tb4O7    2026Q1       40.00      30.00     -10.00\n"
                       "  " SUP_CN "      Dy2O3    2026Q1       60.00      60.50      +0.50\n");
            assert_null(strstr(buf, "2026Q2"));
        } else if (fmts[i] == HP_FMT_CSV) {
            assert_has(buf, "var,order_change:lynas-my:Tb4O7:2026Q1,-10\n");
            assert_has(buf, "var,\"order_to:baotou,\"\"cn\"\":Dy2O3:2026Q1\",60.5\n");
            assert_null(strstr(buf, "2026Q2"));
            assert_null(strstr(buf, "ref,order_"));
        } else if (fmts[i] == HP_FMT_JSON) {
            json_t *j = parse_json(buf), *a = jat(j, "instances");
            json_t *m = json_object_get(json_array_get(a, 1), "order_changes");
            assert_null(json_object_get(json_array_get(a, 0), "order_changes"));
            assert_int_equal(json_array_size(m), 2);
            jstr(json_array_get(m, 0), "supplier", "lynas-my");
            jstr(json_array_get(m, 0), "product", "Tb4O7");
            jstr(json_array_get(m, 0), "quarter", "2026Q1");
            jnum(json_array_get(m, 0), "from", 40.0);
            jnum(json_array_get(m, 0), "to", 30.0);
            jnum(json_array_get(m, 0), "change", -10.0);
            jstr(json_array_get(m, 1), "supplier", SUP_CN);
            jnum(json_array_get(m, 1), "change", 0.5);
            jstr(j, "order_changes_against", "ref");
            jnum(j, "order_change_tolerance", 0.005);
            json_decref(j);
        } else {
            assert_has(buf, "<section id=\"moves\">");
            assert_has(buf, "<td>lynas-my</td><td>Tb4O7</td><td>2026Q1</td><td class=\"n\">40.00"
                            "</td><td class=\"n\">30.00</td><td class=\"n\">-10.00</td>");
            assert_has(buf, "<td class=\"n\">+0.50</td>");
        }
        free(buf);
    }
}

#ifndef HP_REPORT_TEST_NO_MAIN
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_json_keys_and_values),
        cmocka_unit_test(test_json_mip_and_timing),
        cmocka_unit_test(test_json_latin1_id),
        cmocka_unit_test(test_csv_tidy),
        cmocka_unit_test(test_csv_timing_and_mip),
        cmocka_unit_test(test_text_headline),
        cmocka_unit_test(test_text_tables),
        cmocka_unit_test(test_text_mip_and_risk),
        cmocka_unit_test(test_dev_full_is_eio),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_no_negative_zero),
        cmocka_unit_test(test_front_and_compare_formats),
        cmocka_unit_test(test_front_and_compare_dev_full_is_eio),
        cmocka_unit_test(test_sim_report_dev_full_is_eio),
        cmocka_unit_test(test_compare_moves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
