package org.depositobridge.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reports of the scheduled set, as the drop routes list them ({@code routes/reports-set.camel.yaml}): entries
 * separated by commas or line breaks, each {@code <report>} (a dataset under its own name, default parameters) or
 * {@code <report>:<dataset>?<query>} (a dataset with other parameters under a name of its own, e.g.
 * {@code top-products-week:top-products?start_date=2026-03-11}), in file order.
 */
final class ReportSet {

    /** At most this many reports in a set: each name is a tag value of the metric {@code report.files}. */
    static final int MAX_REPORTS = 16;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    /** One report of the set: its file name prefix, the dataset it reads and the query (null: the defaults). */
    record Report(String name, String dataset, String query) {
    }

    private ReportSet() {
    }

    /** The entries of {@code list}; IllegalArgumentException naming the entry that is wrong. */
    static List<Report> parse(String list) {
        List<Report> reports = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String raw : list.split("[,\\r\\n]+")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon).trim();
            String target = colon < 0 ? entry : entry.substring(colon + 1).trim();
            int q = target.indexOf('?');
            String dataset = q < 0 ? target : target.substring(0, q);
            String query = q < 0 || q == target.length() - 1 ? null : target.substring(q + 1);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("report set: '" + entry + "' needs a name of lower-case letters, "
                        + "digits and '-'");
            }
            ReportTables.table(dataset);
            if (!names.add(name)) {
                throw new IllegalArgumentException("report set: " + name + " is listed twice");
            }
            reports.add(new Report(name, dataset, query));
        }
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("report set: names no report");
        }
        if (reports.size() > MAX_REPORTS) {
            throw new IllegalArgumentException("report set: at most " + MAX_REPORTS + " reports, got " + reports.size());
        }
        return List.copyOf(reports);
    }

    /** Whether {@code name} is a report name a set may use (lower-case letters, digits, single '-'). */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The fixed reports, each its own dataset with the defaults. */
    static List<Report> of(List<String> datasets) {
        return datasets.stream().map(d -> new Report(d, d, null)).toList();
    }
}
