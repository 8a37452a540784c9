/* Inline SVG charts for the HTML reports (see svg_int.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "svg_int.h"

#define ML 78 /* left margin: tick labels and the y title */
#define MR 18
#define MT 30 /* top: the legend */
#define MB 48 /* bottom: tick labels and the x title */

void hpi_html_esc(hpi_writer *w, const char *s)
{
    char buf[256];
    size_t k = 0;
    for (; s && *s; s++) {
        const char *rep = *s == '&'   ? "&amp;"
                          : *s == '<' ? "&lt;"
                          : *s == '>' ? "&gt;"
                          : *s == '"' ? "&quot;"
                                      : NULL;
        size_t need = rep ? strlen(rep) : 1;
        if (k + need >= sizeof buf) {
            buf[k] = '\0';
            hpi_puts(w, buf);
            k = 0;
        }
        if (rep) {
            memcpy(buf + k, rep, need);
            k += need;
        } else {
            buf[k++] = *s;
        }
    }
    buf[k] = '\0';
    hpi_puts(w, buf);
}

/* A round tick step for a range: 1, 2 or 5 times a power of ten giving
 * about five ticks. */
static double tick_step(double lo, double hi)
{
    double raw = (hi - lo) / 5.0, mag, f;
    if (!(raw > 0) || !isfinite(raw))
        return 1.0;
    mag = pow(10.0, floor(log10(raw)));
    f = raw / mag;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * mag;
}

static void widen(double *lo, double *hi)
{
    if (!isfinite(*lo) || !isfinite(*hi)) {
        *lo = 0.0;
        *hi = 1.0;
    }
    if (*hi - *lo < 1e-9 * (fabs(*lo) + fabs(*hi)) || *hi <= *lo) {
        double d = fabs(*lo) > 0 ? 0.1 * fabs(*lo) : 1.0;
        *lo -= d;
        *hi += d;
    }
}

/* Decimals a tick label needs at this step (of the scaled value). */
static int decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10.0, d) - floor(step * pow(10.0, d) + 0.5)) > 1e-6)
        d++;
    return d;
}

double hpi_svg_px(const hpi_svg *s, double x)
{
    return s->px0 + (x - s->x0) / (s->x1 - s->x0) * (s->px1 - s->px0);
}

double hpi_svg_py(const hpi_svg *s, double y)
{
    return s->py0 + (y - s->y0) / (s->y1 - s->y0) * (s->py1 - s->py0);
}

static void label(double v, double scale, int dec, char *buf, size_t len)
{
    hpi_grouped(buf, len, v / scale, dec);
}

void hpi_svg_begin(hpi_svg *s, hpi_writer *w, int width, int height, const char *title, double x0,
                   double x1, const hpi_svg_axis *xa, double y0, double y1, const hpi_svg_axis *ya)
{
    double xs, ys;
    char buf[64];
    memset(s, 0, sizeof *s);
    s->w = w;
    s->width = width;
    s->height = height;
    widen(&x0, &x1);
    widen(&y0, &y1);
    xs = tick_step(x0, x1);
    ys = tick_step(y0, y1);
    if (xa->scale > 0) {
        x0 = floor(x0 / xs + 1e-9) * xs;
        x1 = ceil(x1 / xs - 1e-9) * xs;
    }
    y0 = floor(y0 / ys + 1e-9) * ys;
    y1 = ceil(y1 / ys - 1e-9) * ys;
    s->x0 = x0;
    s->x1 = x1;
    s->y0 = y0;
    s->y1 = y1;
    s->px0 = ML;
    s->px1 = width - MR;
    s->py0 = height - MB;
    s->py1 = MT;
    s->legend_x = 10;
    hpi_printf(w,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" role=\"img\" class=\"chart\"><title>",
               width, height, width, height);
    hpi_html_esc(w, title);
    hpi_puts(w, "</title>\n");
    hpi_printf(w,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fff\" "
               "stroke=\"#999\"/>\n",
               s->px0, s->py1, s->px1 - s->px0, s->py0 - s->py1);
    /* horizontal grid and y ticks */
    for (int k = 0; k < 200; k++) {
        double v = y0 + k * ys, py;
        if (v > y1 + 1e-9 * ys)
            break;
        py = hpi_svg_py(s, v);
        hpi_printf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>",
                   s->px0, py, s->px1, py);
        label(fabs(v) < 1e-9 * ys ? 0.0 : v, ya->scale > 0 ? ya->scale : 1.0,
              decimals(ys / (ya->scale > 0 ? ya->scale : 1.0)), buf, sizeof buf);
        hpi_printf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>\n",
                   s->px0 - 6, py + 4, buf);
    }
    if (xa->scale > 0)
        for (int k = 0; k < 200; k++) {
            double v = x0 + k * xs, px;
            if (v > x1 + 1e-9 * xs)
                break;
            px = hpi_svg_px(s, v);
            hpi_printf(w,
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>",
                       px, s->py0, px, s->py1);
            label(fabs(v) < 1e-9 * xs ? 0.0 : v, xa->scale, decimals(xs / xa->scale), buf,
                  sizeof buf);
            hpi_printf(w,
                       "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                       "class=\"tick\">%s</text>\n",
                       px, s->py0 + 16, buf);
        }
    hpi_printf(w, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">",
               (s->px0 + s->px1) / 2, height - 8);
    hpi_html_esc(w, xa->title);
    hpi_printf(w,
               "</text>\n<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" class=\"axis\" "
               "transform=\"rotate(-90 14 %.1f)\">",
               (s->py0 + s->py1) / 2, (s->py0 + s->py1) / 2);
    hpi_html_esc(w, ya->title);
    hpi_puts(w, "</text>\n");
}

void hpi_svg_end(hpi_svg *s)
{
    hpi_puts(s->w, "</svg>\n");
}

void hpi_svg_xlabels(hpi_svg *s, const char *const *labels, int n)
{
    /* at most about 12 labels: every k-th */
    int every = n > 12 ? (n + 11) / 12 : 1;
    for (int k = 0; k < n; k += every) {
        hpi_printf(s->w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"tick\">",
                   hpi_svg_px(s, k), s->py0 + 16);
        hpi_html_esc(s->w, labels[k]);
        hpi_puts(s->w, "</text>\n");
    }
}

void hpi_svg_line(hpi_svg *s, const double *x, const double *y, int n, const char *colour,
                  double width, int dash)
{
    int open = 0;
    for (int k = 0; k < n; k++) {
        if (!isfinite(x[k]) || !isfinite(y[k])) {
            if (open)
                hpi_puts(s->w, "\"/>\n");
            open = 0;
            continue;
        }
        if (!open) {
            hpi_printf(s->w, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"", colour,
                       width);
            if (dash)
                hpi_printf(s->w, " stroke-dasharray=\"%d %d\"", dash, dash);
            hpi_puts(s->w, " points=\"");
        }
        hpi_printf(s->w, "%s%.1f,%.1f", open ? " " : "", hpi_svg_px(s, x[k]), hpi_svg_py(s, y[k]));
        open = 1;
    }
    if (open)
        hpi_puts(s->w, "\"/>\n");
}

void hpi_svg_band(hpi_svg *s, const double *x, const double *lo, const double *hi, int n,
                  const char *colour)
{
    if (n < 1)
        return;
    hpi_printf(s->w, "<polygon fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\" points=\"",
               colour);
    for (int k = 0; k < n; k++)
        hpi_printf(s->w, "%s%.1f,%.1f", k ? " " : "", hpi_svg_px(s, x[k]), hpi_svg_py(s, hi[k]));
    for (int k = n - 1; k >= 0; k--)
        hpi_printf(s->w, " %.1f,%.1f", hpi_svg_px(s, x[k]), hpi_svg_py(s, lo[k]));
    hpi_puts(s->w, "\"/>\n");
}

void hpi_svg_dot(hpi_svg *s, double x, double y, double r, const char *colour, const char *label)
{
    double px = hpi_svg_px(s, x), py = hpi_svg_py(s, y);
    hpi_printf(s->w, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", px, py, r,
               colour);
    if (label) {
        /* beside the dot, inside the plot area */
        int right = px < (s->px0 + s->px1) / 2;
        hpi_printf(s->w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"note\">",
                   right ? px + r + 5 : px - r - 5, py - r - 3, right ? "start" : "end");
        hpi_html_esc(s->w, label);
        hpi_puts(s->w, "</text>\n");
    }
}

void hpi_svg_rect(hpi_svg *s, double xa, double ya, double xb, double yb, const char *colour)
{
    double p0 = hpi_svg_px(s, xa), p1 = hpi_svg_px(s, xb);
    double q0 = hpi_svg_py(s, ya), q1 = hpi_svg_py(s, yb);
    if (p1 < p0) {
        double t = p0;
        p0 = p1;
        p1 = t;
    }
    if (q1 < q0) {
        double t = q0;
        q0 = q1;
        q1 = t;
    }
    hpi_printf(s->w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n",
               p0, q0, p1 - p0, q1 - q0, colour);
}

void hpi_svg_bars(hpi_svg *s, const double *edges, const double *h, int n, const char *colour)
{
    for (int k = 0; k < n; k++)
        if (h[k] > 0)
            hpi_svg_rect(s, edges[k], 0.0, edges[k + 1], h[k], colour);
}

void hpi_svg_legend(hpi_svg *s, const char *colour, int line, const char *label)
{
    double x = s->legend_x, y = MT - 10;
    if (line == 1)
        hpi_printf(s->w,
                   "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-width=\"2.5\"/>",
                   x, y - 4, x + 18, y - 4, colour);
    else
        hpi_printf(s->w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"10\" fill=\"%s\"%s/>",
                   x, y - 9, colour, line == 2 ? " fill-opacity=\"0.18\"" : "");
    hpi_printf(s->w, "<text x=\"%.1f\" y=\"%.1f\" class=\"legend\">", x + 24, y);
    hpi_html_esc(s->w, label);
    hpi_puts(s->w, "</text>\n");
    s->legend_x += 24 + 6.4 * (double)strlen(label) + 14;
}

void hpi_svg_text(hpi_svg *s, double x, double y, const char *anchor, const char *text)
{
    hpi_printf(s->w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"note\">",
               hpi_svg_px(s, x), hpi_svg_py(s, y), anchor);
    hpi_html_esc(s->w, text);
    hpi_puts(s->w, "</text>\n");
}
