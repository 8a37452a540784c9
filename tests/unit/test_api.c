/* The public API (include/hreeplan.h), used as an embedding program would:
 * this file includes nothing but the public header, so it also proves the
 * header stands alone. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../include/hreeplan.h"

#define TWO_SOURCES "instances/teach-two-sources.cfg"

/* Collects the log lines of a call. */
typedef struct logbuf {
    char text[4096];
    int n;
} logbuf;

static void collect(void *ctx, const char *msg)
{
    logbuf *b = ctx;
    size_t used = strlen(b->text);
    snprintf(b->text + used, sizeof b->text - used, "%s\n", msg);
    b->n++;
}

/* teach-two-sources.cfg derives its cost-minimal plan by hand in its header:
 * my ships its whole ramped capacity 4, 8, 12, 12 t at 800 USD/kg (28.8 M)
 * and 3 t stay unmet at 5 M each (15.0 M): 43.8 M USD, nothing from cn, so
 * the share of region CN is 0 and of MY is 1. */
static void t_plan(void **state)
{
    hp_options o;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    (void)state;
    hp_options_default(&o);
    assert_int_equal(hp_read_instance(TWO_SOURCES, &o, &inst), HP_OUTCOME_OK);
    assert_int_equal(hp_make_plan(inst, &o, &plan), HP_OUTCOME_OK);
    assert_true(fabs(hp_plan_expected_cost(plan) - 43.8e6) < 1e-3);
    assert_true(fabs(hp_plan_region_share(plan, "CN")) < 1e-9);
    assert_true(fabs(hp_plan_region_share(plan, "MY") - 1.0) < 1e-9);
    assert_true(hp_plan_region_share(plan, "XX") < 0.0);
    hp_plan_free(plan);
    hp_instance_free(inst);
}

/* The instance has no disruption process, so every sampled path has every
 * availability factor 1 and the plan meets exactly the hand-derived cost
 * on each: mean 43.8 M, standard error 0. */
static void t_simulate(void **state)
{
    hp_options o;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    hp_simulation *sim = NULL;
    double se = -1.0;
    (void)state;
    hp_options_default(&o);
    o.samples = 200;
    assert_int_equal(hp_read_instance(TWO_SOURCES, &o, &inst), HP_OUTCOME_OK);
    assert_int_equal(hp_make_plan(inst, &o, &plan), HP_OUTCOME_OK);
    assert_int_equal(hp_simulate_plan(plan, &o, &sim), HP_OUTCOME_OK);
    assert_true(fabs(hp_simulation_mean_cost(sim, &se) - 43.8e6) < 1e-3);
    assert_true(fabs(se) < 1e-9);
    hp_simulation_free(sim);
    hp_plan_free(plan);
    hp_instance_free(inst);
}

/* Both ends of a front are plans of the pipeline: whatever its axis, the
 * last point is the least-risk plan, whose risk the risk-minimal plan
 * has too. */
static void t_front(void **state)
{
    hp_options o;
    hp_instance *inst = NULL;
    hp_plan *risk = NULL;
    hp_front *f = NULL;
    double c, r;
    (void)state;
    hp_options_default(&o);
    o.points = 4;
    assert_int_equal(hp_read_instance(TWO_SOURCES, &o, &inst), HP_OUTCOME_OK);
    assert_int_equal(hp_make_front(inst, &o, &f), HP_OUTCOME_OK);
    assert_int_equal(hp_front_size(f), 4);
    assert_int_equal(hp_front_point(f, 4, &c, &r), HP_OUTCOME_INVALID);
    assert_int_equal(hp_front_point(f, 3, &c, &r), HP_OUTCOME_OK);
    o.objective = "risk";
    assert_int_equal(hp_make_plan(inst, &o, &risk), HP_OUTCOME_OK);
    assert_true(fabs(r - hp_plan_risk(risk)) <= 1e-6 * (1.0 + fabs(r)));
    hp_plan_free(risk);
    hp_front_free(f);
    hp_instance_free(inst);
}

/* Reports reach the caller's stream; an unknown format is refused. */
static void t_write(void **state)
{
    hp_options o;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    (void)state;
    hp_options_default(&o);
    assert_non_null(f);
    assert_int_equal(hp_read_instance(TWO_SOURCES, &o, &inst), HP_OUTCOME_OK);
    assert_int_equal(hp_make_plan(inst, &o, &plan), HP_OUTCOME_OK);
    assert_int_equal(hp_write_plan(f, plan, "json", TWO_SOURCES), HP_OUTCOME_OK);
    assert_int_equal(hp_write_plan(f, plan, "yaml", TWO_SOURCES), HP_OUTCOME_INVALID);
    fclose(f);
    assert_non_null(strstr(buf, "\"total\""));
    free(buf);
    hp_plan_free(plan);
    hp_instance_free(inst);
}

/* Bad input: every message through the hook, in FILE:LINE form; bad option
 * names are refused before anything is read. */
static void t_errors(void **state)
{
    hp_options o;
    hp_instance *inst = NULL;
    logbuf b;
    char path[] = "/tmp/hp_test_api_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    (void)state;
    assert_non_null(f);
    fputs("name = \"x\";\nstart = \"2026Q1\";\nquarters = -3;\n", f);
    fclose(f);
    memset(&b, 0, sizeof b);
    hp_options_default(&o);
    o.log = collect;
    o.log_ctx = &b;
    assert_int_equal(hp_read_instance(path, &o, &inst), HP_OUTCOME_INVALID);
    assert_null(inst);
    assert_true(b.n >= 1);
    assert_non_null(strstr(b.text, ":3: "));
    o.measure = "variance";
    assert_int_equal(hp_read_instance(TWO_SOURCES, &o, &inst), HP_OUTCOME_INVALID);
    assert_null(inst);
    assert_non_null(strstr(b.text, "variance"));
    assert_string_equal(hp_outcome_str(HP_OUTCOME_INFEASIBLE), "infeasible");
    assert_string_equal(hp_version(), HP_VERSION);
    remove(path);
}

/* tests/instances/tree.cfg, solved by hand in its header: 2,010,000 USD
 * under the scenario tree (the default), 1,505,000 USD two-stage; a name no
 * information structure has is refused. */
static void t_information(void **state)
{
    hp_options o;
    hp_instance *inst = NULL;
    hp_plan *plan = NULL;
    logbuf b;
    (void)state;
    memset(&b, 0, sizeof b);
    hp_options_default(&o);
    o.log = collect;
    o.log_ctx = &b;
    assert_null(o.information);
    assert_int_equal(hp_read_instance("tests/instances/tree.cfg", &o, &inst), HP_OUTCOME_OK);
    assert_int_equal(hp_make_plan(inst, &o, &plan), HP_OUTCOME_OK);
    assert_true(fabs(hp_plan_expected_cost(plan) - 2010000.0) < 1e-3);
    hp_plan_free(plan);
    plan = NULL;
    o.information = "two-stage";
    assert_int_equal(hp_make_plan(inst, &o, &plan), HP_OUTCOME_OK);
    assert_true(fabs(hp_plan_expected_cost(plan) - 1505000.0) < 1e-3);
    hp_plan_free(plan);
    plan = NULL;
    o.information = "hindsight";
    assert_int_equal(hp_make_plan(inst, &o, &plan), HP_OUTCOME_INVALID);
    assert_null(plan);
    assert_non_null(strstr(b.text, "hindsight"));
    hp_instance_free(inst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_plan),  cmocka_unit_test(t_simulate), cmocka_unit_test(t_front),
        cmocka_unit_test(t_write), cmocka_unit_test(t_errors),   cmocka_unit_test(t_information),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
