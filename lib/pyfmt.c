/* pyfmt.c - Python's repr() of a float: shortest round-trip digits, printed
 * fixed when the decimal exponent is in (-4, 16], else in e-notation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* Shortest decimal digits of |x| (no sign, no point) and the position of the
 * decimal point: |x| = 0.d1d2... * 10^decpt. */
static int shortest_digits(double x, char *digits, int *decpt)
{
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, x);
        if (strtod(tmp, NULL) == x || prec == 17) {
            /* tmp is "d.ddde[+-]XX" */
            int n = 0;
            for (char *p = tmp; *p && *p != 'e'; p++)
                if (*p >= '0' && *p <= '9') digits[n++] = *p;
            while (n > 1 && digits[n - 1] == '0') n--;
            digits[n] = '\0';
            *decpt = atoi(strchr(tmp, 'e') + 1) + 1;
            return n;
        }
    }
    return 0;
}

size_t tqe_format_repr(char *buf, size_t cap, double x)
{
    if (isnan(x)) return (size_t)snprintf(buf, cap, "nan");
    if (isinf(x)) return (size_t)snprintf(buf, cap, x < 0 ? "-inf" : "inf");
    if (x == 0.0) return (size_t)snprintf(buf, cap, signbit(x) ? "-0.0" : "0.0");
    char d[24], out[64];
    int decpt;
    int n = shortest_digits(fabs(x), d, &decpt);
    char *o = out;
    if (x < 0) *o++ = '-';
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -decpt; i++) *o++ = '0';
            memcpy(o, d, (size_t)n);
            o += n;
        } else {
            for (int i = 0; i < decpt; i++) *o++ = i < n ? d[i] : '0';
            *o++ = '.';
            if (n > decpt) {
                memcpy(o, d + decpt, (size_t)(n - decpt));
                o += n - decpt;
            } else {
                *o++ = '0';
            }
        }
        *o = '\0';
    } else {
        *o++ = d[0];
        if (n > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)(n - 1));
            o += n - 1;
        }
        int e = decpt - 1;
        snprintf(o, sizeof(out) - (size_t)(o - out), "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    return (size_t)snprintf(buf, cap, "%s", out);
}
