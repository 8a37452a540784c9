/* The run record and the HTML plan page, on the hand-built plan of
 * report_fixture.h, whose every figure is known:
 *   total 123.456789 USD m, penalty 3 USD m, so spend 120.456789 USD m;
 *   unmet Dy2O3 0.5 t, Tb4O7 1.0 t; CVaR 10 t; shares CN 60 %, MY 40 %;
 *   both orders ship in 2026Q1 (the first quarter): 60 t Dy2O3 from the CN
 *   supplier (id with a quote: escaped) at 400 USD/kg, USD 21 m expected,
 *   and 40 t Tb4O7 from lynas-my;
 *   12 nonzero duals, the largest the balance of Tb4O7 in 2026Q2 (-2000:
 *   one more t saves USD 2,000), so 10 in words and "2 smaller ones". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../include/hreeplan.h"
#include "report_fixture.h"

/* The report as a string (the caller frees). */
static char *render(const hp_plan *p, hp_format fmt, const hp_report_meta *meta)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(hp_report_plan(f, p, fmt, meta), HP_OK);
    fclose(f);
    return buf;
}

static const char *const argv_typed[] = {"/opt/bin/hreeplan", "plan", "x.cfg", "--seed", "7"};
static const char *const one_sha[] = {"abc123"};

static hp_run_record record(void)
{
    hp_run_record r;
    memset(&r, 0, sizeof r);
    r.argc = 5;
    r.argv = argv_typed;
    r.backend = "glpk";
    r.backend_version = "5.0";
    r.seed = 7;
    r.threads = 2;
    r.ranks = 1;
    r.n_sha = 1;
    r.sha256 = one_sha;
    return r;
}

static void test_run_record_json(void **state)
{
    hp_plan p;
    hp_run_record r = record();
    hp_report_meta meta = meta_stable;
    json_error_t err;
    json_t *j, *run;
    const char *key = NULL, *last = NULL;
    json_t *v;
    char *s;
    (void)state;
    build_plan(&p);
    meta.run = &r;
    s = render(&p, HP_FMT_JSON, &meta);
    j = json_loads(s, 0, &err);
    assert_non_null(j);
    json_object_foreach(j, key, v) last = key;
    assert_string_equal(last, "run"); /* added at the end: no key moves */
    run = json_object_get(j, "run");
    assert_string_equal(json_string_value(json_object_get(run, "hreeplan")), HP_VERSION);
    assert_string_equal(json_string_value(json_object_get(run, "commit")), hp_run_commit());
    assert_int_equal(json_array_size(json_object_get(run, "argv")), 5);
    /* the program by its base name */
    assert_string_equal(json_string_value(json_array_get(json_object_get(run, "argv"), 0)),
                        "hreeplan");
    assert_string_equal(json_string_value(json_array_get(json_object_get(run, "argv"), 4)), "7");
    assert_string_equal(json_string_value(json_object_get(run, "backend")), "glpk");
    assert_int_equal(json_integer_value(json_object_get(run, "seed")), 7);
    assert_int_equal(json_integer_value(json_object_get(run, "threads")), 2);
    assert_int_equal(json_integer_value(json_object_get(run, "ranks")), 1);
    assert_string_equal(json_string_value(json_object_get(run, "instance_sha256")), "abc123");
    json_decref(j);
    free(s);
    /* without a record, no key */
    s = render(&p, HP_FMT_JSON, &meta_stable);
    j = json_loads(s, 0, &err);
    assert_null(json_object_get(j, "run"));
    json_decref(j);
    free(s);
}

static void test_run_record_text_line(void **state)
{
    hp_plan p;
    hp_run_record r = record();
    hp_report_meta meta = meta_stable;
    char *s, *last, want[256];
    (void)state;
    build_plan(&p);
    meta.run = &r;
    s = render(&p, HP_FMT_TEXT, &meta);
    s[strlen(s) - 1] = '\0'; /* the final newline */
    last = strrchr(s, '\n') + 1;
    snprintf(want, sizeof want,
             "run: hreeplan %s (commit %s), command: hreeplan plan x.cfg --seed 7, backend glpk "
             "5.0, seed 7, threads 2, ranks 1, instance sha256 abc123",
             HP_VERSION, hp_run_commit());
    assert_string_equal(last, want);
    free(s);
}

static void must_hold(const char *page, const char *what)
{
    if (!strstr(page, what))
        fail_msg("the page lacks \"%s\"", what);
}

static void test_html_plan_page(void **state)
{
    hp_plan p;
    hp_run_record r = record();
    hp_report_meta meta = meta_stable;
    char *s, *again;
    (void)state;
    build_plan(&p);
    meta.run = &r;
    s = render(&p, HP_FMT_HTML, &meta);
    assert_memory_equal(s, "<!DOCTYPE html>\n", 16);
    must_hold(s, "USD 120.46 m</div><div class=\"k\">expected spend");
    must_hold(s, "USD 3.00 m</div><div class=\"k\">expected penalty");
    must_hold(s, "USD 123.46 m</div><div class=\"k\">expected total cost");
    must_hold(s, "0.50 t</div><div class=\"k\">expected unmet Dy2O3");
    must_hold(s, "1.00 t</div><div class=\"k\">expected unmet Tb4O7");
    must_hold(s, "10.00 t</div><div class=\"k\">CVaR 0.90 of shortage");
    must_hold(s, "CN 60.0 % (60.00 t), MY 40.0 % (40.00 t).");
    must_hold(s, "<li>Order <b>60.00 t</b> of <b>Dy2O3</b> from <b>baotou,&quot;cn&quot;</b> "
                 "(CN) at USD 400.00/kg, arriving in 2026Q2; expected cost USD 21.00 m.</li>");
    must_hold(s, "<li>Order <b>40.00 t</b> of <b>Tb4O7</b> from <b>lynas-my</b>");
    must_hold(s, "<li>One more tonne of Tb4O7 arriving in 2026Q2 saves <b>USD 2,000</b>");
    must_hold(s, "2 smaller ones");
    must_hold(s, "<footer>run: hreeplan ");
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "baotou,\"cn\"")); /* never unescaped */
    /* byte-identical when written again */
    again = render(&p, HP_FMT_HTML, &meta);
    assert_string_equal(s, again);
    free(again);
    free(s);
}

static void test_html_mip_without_duals(void **state)
{
    hp_plan p;
    char *s;
    (void)state;
    build_mip_plan(&p);
    s = render(&p, HP_FMT_HTML, &meta_stable);
    must_hold(s, "No shadow prices: the plan has integer decisions");
    must_hold(s, "Sign the supply contract with baotou,&quot;cn&quot;.");
    must_hold(s, "<footer>written by hreeplan</footer>");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_record_json),
        cmocka_unit_test(test_run_record_text_line),
        cmocka_unit_test(test_html_plan_page),
        cmocka_unit_test(test_html_mip_without_duals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
