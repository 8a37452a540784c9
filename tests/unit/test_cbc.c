/* The backend tests of test_glpk.c run against the CBC/CLP backend when
 * hreeplan is built with CBC (WITH_CBC=1); otherwise this test cannot run
 * and exits 77, which the test runner counts as skipped. */
#ifdef HP_WITH_CBC
#define HP_TEST_BACKEND hp_backend_cbc()
#include "test_glpk.c"
#else
#include <stdio.h>

int main(void)
{
    printf("test_cbc: skipped (hreeplan built without CBC)\n");
    return 77;
}
#endif
