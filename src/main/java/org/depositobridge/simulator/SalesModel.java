package org.depositobridge.simulator;

/**
 * Who sells how much: each product's popularity (cumulative weights for O(log n) sampling), its re-order
 * target and whether it is discontinued. Shared by the history generator and the live activity.
 */
final class SalesModel {

    final double[] cumulative;
    final int[] target;
    final boolean[] discontinued;

    SalesModel(double[] weight, int[] target, boolean[] discontinued) {
        this.cumulative = new double[weight.length];
        double acc = 0;
        for (int i = 0; i < weight.length; i++) {
            acc += weight[i];
            cumulative[i] = acc;
        }
        this.target = target;
        this.discontinued = discontinued;
    }

    /** Index of the product a uniform draw {@code u} in [0,1) falls on, by popularity. */
    int pick(double u) {
        double total = cumulative[cumulative.length - 1];
        if (total <= 0) {
            return (int) (u * cumulative.length);
        }
        double x = u * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
