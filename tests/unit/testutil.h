/* testutil.h - cmocka includes in the order cmocka 1.1 needs, plus helpers. */
#ifndef TQE_TESTUTIL_H
#define TQE_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "tqe.h"

/* cmocka's assert_float_equal is for float: scores are doubles. */
#define assert_near(a, b, eps)                                                                     \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (eps)))                                                             \
            fail_msg("%s = %.17g, expected %.17g (+-%g)", #a, a_, b_, (double)(eps));              \
    } while (0)

#define assert_str(a, b) assert_string_equal((a), (b))

/* A fresh context per test, freed in teardown. */
static inline int ctx_setup(void **state)
{
    tqe_ctx *ctx;
    if (tqe_ctx_new(&ctx)) return -1;
    *state = ctx;
    return 0;
}
static inline int ctx_teardown(void **state)
{
    tqe_ctx_free(*state);
    return 0;
}

#endif
