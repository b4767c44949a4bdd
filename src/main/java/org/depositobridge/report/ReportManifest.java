package org.depositobridge.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.ExchangeProperty;
import org.depositobridge.dataset.DatasetService;

/**
 * Bean {@code reportManifest}: the content of {@code manifest-<stamp>.json} (docs/reports.md, "Manifest") as a map, in
 * field order; the route marshals it to JSON.
 */
public class ReportManifest {

    private final ZoneId zone;
    private final CsvWriter writer;

    public ReportManifest(ZoneId zone, CsvWriter writer) {
        this.zone = zone;
        this.writer = writer;
    }

    public Map<String, Object> of(@ExchangeProperty("reportRun") SetRun run) {
        List<DatasetService.Extract> extracts = run.extracts();
        long asOf = extracts.stream().mapToLong(DatasetService.Extract::asOfMillis).min().orElse(0);
        List<Map<String, Object>> files = new ArrayList<>();
        for (SetFile f : run.getFiles()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", f.getName());
            e.put("report", f.getReport());
            e.put("format", f.getFormat().extension());
            e.put("rows", f.rows());
            e.put("bytes", f.bytes());
            e.put("sha256", f.sha256());
            files.add(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("stamp", run.getStamp());
        m.put("timezone", zone.getId());
        m.put("generated_at", run.started().toString());
        m.put("data_as_of", asOf > 0 ? Instant.ofEpochMilli(asOf).toString() : null);
        m.put("stale", run.stale());
        m.put("source", extracts.get(0).source());
        m.put("snapshot_version", extracts.get(0).version());
        m.put("dialect", writer.dialect().key());
        m.put("bom", writer.bom());
        m.put("files", files);
        return m;
    }
}
