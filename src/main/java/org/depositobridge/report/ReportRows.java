package org.depositobridge.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.ExchangeProperty;
import org.depositobridge.dataset.DatasetService;

/**
 * Bean {@code reportRows}: the rows of every report of a run, all from one snapshot version (a publication between
 * two reads: read again, a few times), and the two questions the route asks of them: is there any data at all, and
 * does the stale policy skip it.
 */
public class ReportRows {

    private static final int SNAPSHOT_ATTEMPTS = 3;

    private final DropSettings settings;
    private final ReportSource source;

    public ReportRows(DropSettings settings, ReportSource source) {
        this.settings = settings;
        this.source = source;
    }

    /** Reads the set's rows into the run and plans its files (every report in every format, then the manifest). */
    public void read(@ExchangeProperty("reportRun") SetRun run) {
        List<DatasetService.Extract> extracts = new ArrayList<>();
        for (int attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
            extracts.clear();
            Set<Long> versions = new HashSet<>();
            for (ReportSet.Report report : run.reports()) {
                DatasetService.Extract x;
                try {
                    x = source.extract(report.dataset(), report.query());
                } catch (RuntimeException e) {
                    throw new DatasetFailure(report.name(), e);
                }
                extracts.add(x);
                versions.add(x.version());
            }
            if (versions.size() == 1) {
                break;
            }
        }
        run.extracts(extracts, extracts.stream().anyMatch(DatasetService.Extract::stale));
        run.plan(settings.formats());
    }

    /** Nothing was ever synced: a set of zeros would read as "the warehouse is empty". */
    public boolean noData(@ExchangeProperty("reportRun") SetRun run) {
        return run.extracts().stream().allMatch(x -> x.asOfMillis() <= 0);
    }

    /** The data is stale and {@code reports.stale-policy=skip}. */
    public boolean staleSkipped(@ExchangeProperty("reportRun") SetRun run) {
        return run.stale() && settings.stalePolicy() == DropSettings.StalePolicy.SKIP;
    }

    /** A dataset that threw while its rows were read, with the report it belongs to. */
    static final class DatasetFailure extends RuntimeException {
        private final String report;

        DatasetFailure(String report, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.report = report;
        }

        String report() {
            return report;
        }
    }
}
