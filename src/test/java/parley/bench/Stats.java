package parley.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of repeated measurements and their spread (lowest to highest). */
record Stats(double median, double low, double high) {
  static <T> Stats of(List<T> runs, ToDoubleFunction<T> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    if (values.length == 0) return new Stats(Double.NaN, Double.NaN, Double.NaN);
    int n = values.length;
    double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return new Stats(median, values[0], values[n - 1]);
  }

  /** "1.23 (1.10-1.40)", with the spread only when there were several runs that differ. */
  String show(String format) {
    String m = String.format(format, median);
    return low == high ? m : m + " (" + String.format(format, low) + "–" + String.format(format, high) + ")";
  }
}
