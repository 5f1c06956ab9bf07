package parley.bench;

import java.util.List;
import java.util.Locale;

/** An SVG line chart of relay latency (p50 and p99, log scale) against offered rate, one colour per server. */
final class Chart {
  record Series(String name, String colour, List<double[]> p50, List<double[]> p99) {
  }

  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private Chart() {
  }

  static String svg(String title, List<Series> series) {
    double maxRate = series.stream().flatMap(s -> s.p99().stream()).mapToDouble(p -> p[0]).max().orElse(1);
    double xMax = Math.ceil(maxRate / 10_000) * 10_000;
    double yMin = 0.01;
    double yMax = 1_000;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, title));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (double ms = yMin; ms <= yMax; ms *= 10) {
      double y = TOP + plotH * (1 - Math.log10(ms / yMin) / Math.log10(yMax / yMin));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, LEFT + plotW, y, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n", LEFT - 6, y + 4,
          ms < 1 ? String.valueOf(ms) : String.valueOf((long) ms)));
    }
    double step = xMax <= 50_000 ? 5_000 : xMax <= 100_000 ? 10_000 : 20_000;
    for (double rate = 0; rate <= xMax; rate += step) {
      double x = LEFT + plotW * rate / xMax;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, x, TOP, TOP + plotH));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%dk</text>%n", x, TOP + plotH + 18, (long) rate / 1000));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered rate, messages/s (100 pairs)</text>%n",
        LEFT + plotW / 2, HEIGHT - 10));
    int legend = TOP + 10;
    for (Series s : series) {
      for (int dashed = 0; dashed < 2; dashed++) {
        List<double[]> points = dashed == 0 ? s.p99() : s.p50();
        StringBuilder path = new StringBuilder();
        for (double[] p : points) {
          double x = LEFT + plotW * p[0] / xMax;
          double y = TOP + plotH * (1 - Math.log10(Math.max(p[1], yMin) / yMin) / Math.log10(yMax / yMin));
          path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
          svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, s.colour()));
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
            path, s.colour(), dashed == 1 ? " stroke-dasharray=\"5 4\"" : ""));
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">%s %s</text>%n",
            WIDTH - RIGHT + 15, WIDTH - RIGHT + 45, legend, legend, s.colour(), dashed == 1 ? " stroke-dasharray=\"5 4\"" : "",
            WIDTH - RIGHT + 52, legend + 4, s.name(), dashed == 0 ? "p99" : "p50"));
        legend += 20;
      }
    }
    return svg.append("</svg>\n").toString();
  }
}
