/* Internal to models/report/: inline SVG charts drawn by hreeplan itself
 * (svg.c) for the HTML reports.  No script, no font or style fetched: a
 * chart is an <svg> element written into the page through the room's
 * checked writer, with its own axes, ticks at round numbers, grid lines and
 * a legend.  Coordinates print with one decimal, so a chart is byte-stable.
 *
 * Use: hpi_svg_begin() (frame, grid, ticks, axis labels), then series in
 * data coordinates, then hpi_svg_end().  Every string is borrowed and is
 * escaped on output. */
#ifndef HP_SVG_INT_H
#define HP_SVG_INT_H

#include "writer_int.h"

/** A chart's frame: the data ranges and the plot area in pixels. */
typedef struct hpi_svg {
    hpi_writer *w;
    double x0, x1, y0, y1; /**< data ranges (ticks rounded outwards) */
    double px0, px1;       /**< plot area, pixels, left to right */
    double py0, py1;       /**< bottom to top (py0 > py1) */
    int width, height;
    double legend_x; /**< where the next legend entry starts, pixels */
} hpi_svg;

/** Axis labels: the axis title and how tick values print (value / scale
 *  with the decimals the tick step needs). */
typedef struct hpi_svg_axis {
    const char *title;
    double scale; /**< ticks print value / scale (1e6 for USD m) */
} hpi_svg_axis;

/** Opens the <svg> (width x height px) with a title for screen readers,
 *  rounds [x0, x1] and [y0, y1] outwards to ticks, draws the grid, ticks
 *  and axis titles.  Degenerate ranges are widened. */
void hpi_svg_begin(hpi_svg *s, hpi_writer *w, int width, int height, const char *title, double x0,
                   double x1, const hpi_svg_axis *xa, double y0, double y1, const hpi_svg_axis *ya);
/** Closes the <svg>. */
void hpi_svg_end(hpi_svg *s);

/** Pixel of a data coordinate. */
double hpi_svg_px(const hpi_svg *s, double x);
double hpi_svg_py(const hpi_svg *s, double y);

/** A line through n points (NaN points skipped); dash 0 solid, else the
 *  dash length. */
void hpi_svg_line(hpi_svg *s, const double *x, const double *y, int n, const char *colour,
                  double width, int dash);
/** The band between lo and hi over x (n points), filled translucent. */
void hpi_svg_band(hpi_svg *s, const double *x, const double *lo, const double *hi, int n,
                  const char *colour);
/** A dot of radius r; label (may be NULL) written beside it. */
void hpi_svg_dot(hpi_svg *s, double x, double y, double r, const char *colour, const char *label);
/** Bars of a histogram: n bins between edges[0..n], heights h[0..n-1]. */
void hpi_svg_bars(hpi_svg *s, const double *edges, const double *h, int n, const char *colour);
/** A rectangle in data coordinates (stacked bars). */
void hpi_svg_rect(hpi_svg *s, double xa, double ya, double xb, double yb, const char *colour);
/** A legend entry in the top margin, left to right after the previous
 *  ones: a swatch of colour (line 1: a line; 0: a solid box; 2: a box as
 *  translucent as hpi_svg_band's) and its label. */
void hpi_svg_legend(hpi_svg *s, const char *colour, int line, const char *label);
/** Text at a data coordinate; anchor "start", "middle" or "end". */
void hpi_svg_text(hpi_svg *s, double x, double y, const char *anchor, const char *text);
/** Tick labels of the x axis as words (one per integer 0..n-1), instead of
 *  numbers: hpi_svg_begin with xa->scale 0 leaves the x ticks out. */
void hpi_svg_xlabels(hpi_svg *s, const char *const *labels, int n);

/** Writes s with &, <, >, " escaped. */
void hpi_html_esc(hpi_writer *w, const char *s);

#endif
