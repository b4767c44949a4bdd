package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 6,000 seeded random requests over raw sockets against every route: garbage, huge and negative numbers,
 * unicode, traversal, SQL and CSV injection, repeated and missing parameters, odd methods, oversized headers.
 * Only 200, 304, 400, 401, 404, 405, 429 may come back, never a stack trace; a 200 export is CSV.
 */
class ApiFuzzTest {

    static final long SEED = 20260318L;
    static final int REQUESTS = 6000;
    static final Set<Integer> ALLOWED = Set.of(200, 304, 400, 401, 404, 405, 429);
    static final List<String> PATHS = List.of("/health", "/api/summary", "/api/providers", "/api/stock-timeline",
            "/api/top-products", "/api/trends", "/api/stock-by-provider", "/api/weekly-sales", "/api/critical-stock",
            "/api/stats", "/api/export/summary.csv", "/api/export/providers.csv", "/api/export/top-products.csv",
            "/api/export/stock-timeline.csv", "/api/export/critical-stock.csv");
    static final List<String> ODD_PATHS = List.of("/api", "/api/", "/api/../health", "/api/%2e%2e/%2e%2e/etc/passwd",
            "/api/summary/../../config/application.properties", "/api/summary/", "/api//summary", "/API/SUMMARY",
            "/api/summary;jsessionid=1", "/api/%00", "/../../etc/passwd", "/api/top-products%3Flimit=1", "/%c0%ae%c0%ae/");
    static final List<String> PARAMS = List.of("limit", "days", "months", "weeks", "start_date", "end_date", "tipo",
            "sort", "order", "q", "proveedor", "categoria", "page", "");
    static final List<String> NASTY = List.of("' OR '1'='1", "1; DROP TABLE productos;--", "=HYPERLINK(\"http://x\")",
            "+cmd|'/C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r\n=1", "../../../../etc/passwd", "..\\..\\windows",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "%00", "\u0000", "Ñandú ñoño", "日本語", "🧀🍷",
            "\u202Eevil", "null", "undefined", "NaN", "Infinity", "-Infinity", "1e309", "0x7fffffff", "2026-02-29",
            "2024-02-29", "9999-12-31", "0000-00-00", "2026-03-18T00:00:00Z", "-1", "-2147483649", "2147483648",
            "99999999999999999999999999999999", "+0", "00000000000000000000000000000001", " 7 ", "asc", "desc", "ASC",
            "salida", "entrada", "ajuste", "transferencia", "valor", "cantidad", "movimientos", "nombre", "valor_stock",
            "stock_total", "total_productos", "movimientos_mes", "", "a".repeat(300));

    static RunningBridge bridge;
    final Random random = new Random(SEED);

    @BeforeAll
    static void start() throws Exception {
        bridge = SnapshotFixture.startBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
    }

    /** Thousands of hostile requests: no 5xx, no stack trace, every JSON body parses. */
    @Test
    void should_never_fail_on_hostile_requests() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String path = random.nextInt(10) == 0 ? pick(ODD_PATHS) : pick(PATHS);
            String target = path + query();
            String method = random.nextInt(12) == 0 ? pick(List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) : "GET";
            Map<String, String> headers = headers();
            RawHttp.Response r;
            try {
                r = RawHttp.send(bridge.apiPort(), method, target, headers);
            } catch (Exception e) {
                failures.add(method + " " + target + " -> " + e);
                continue;
            }
            statuses.merge(r.status(), 1, Integer::sum);
            boolean csv = path.startsWith("/api/export/") && r.status() == 200;
            if (!ALLOWED.contains(r.status())) {
                failures.add(method + " " + target + " -> " + r.status() + " " + r.body());
            }
            String body = r.body();
            if (body.contains("Exception") || body.contains("\tat ") || body.contains("at org.") || body.contains("at java.")) {
                failures.add(method + " " + target + " -> stack trace: " + body);
            }
            if (csv) {
                // a CSV export answers CSV (checked against its JSON twin in CsvExportHttpTest); errors stay JSON
                String type = r.header("content-type");
                if (type == null || !type.startsWith("text/csv")) {
                    failures.add(method + " " + target + " -> 200 export without text/csv: " + type);
                }
            } else if (!body.isEmpty() && r.header("content-encoding") == null) {
                try {
                    mapper.readTree(body);
                } catch (Exception e) {
                    failures.add(method + " " + target + " -> " + r.status() + " not JSON: " + body);
                }
            }
            if (r.header("x-request-id") == null || r.header("x-content-type-options") == null) {
                failures.add(method + " " + target + " -> missing edge headers " + r.headers());
            }
        }
        assertThat(failures).as("statuses " + statuses).isEmpty();
        assertThat(statuses.keySet()).as("the fuzz reached real answers and refusals").contains(200, 400, 401, 404);
    }

    private String query() {
        int n = random.nextInt(6);
        StringBuilder q = new StringBuilder();
        for (int k = 0; k < n; k++) {
            q.append(k == 0 ? "?" : "&");
            String name = random.nextInt(15) == 0 ? value() : pick(PARAMS);
            q.append(enc(name));
            if (random.nextInt(10) != 0) {
                q.append('=').append(random.nextInt(8) == 0 ? rawValue() : enc(value()));
            }
        }
        return q.length() > 3000 ? q.substring(0, 3000) : q.toString();
    }

    private String value() {
        return switch (random.nextInt(6)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Integer.toString(random.nextInt(400) - 200);
            case 2 -> randomUnicode(1 + random.nextInt(80));
            default -> pick(NASTY);
        };
    }

    /** Unencoded ASCII that is legal in a request line but means trouble to a decoder. */
    private String rawValue() {
        return pick(List.of("%", "%zz", "%e9", "%C3", "%%%", "a%2", "%FF%FE", "%ED%A0%80", "..%2F..%2F", "+", "=%3D=", "%0d%0aSet-Cookie:x=1"));
    }

    private String randomUnicode(int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x2000);
                case 2 -> 0x1F300 + random.nextInt(0x300);
                default -> random.nextInt(0x20);
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        switch (random.nextInt(10)) {
            case 0 -> { }
            case 1 -> h.put("X-API-Key", ascii(1 + random.nextInt(200)));
            case 2 -> h.put("Authorization", "Bearer " + ascii(random.nextInt(300)));
            case 3 -> h.put("Authorization", pick(List.of("Bearer", "Basic abc", "Bearer eyJhbGciOiJub25lIn0.e30.", "bearer  x.y.z")));
            default -> h.put("X-API-Key", ApiCalls.KEY);
        }
        if (random.nextInt(4) == 0) {
            h.put("X-Request-ID", random.nextBoolean() ? ascii(random.nextInt(3000)) : "req-" + random.nextInt(1000));
        }
        if (random.nextInt(5) == 0) {
            h.put("If-None-Match", random.nextBoolean() ? "*" : "\"" + ascii(random.nextInt(100)) + "\", W/\"x\"");
        }
        if (random.nextInt(5) == 0) {
            h.put("Accept-Encoding", pick(List.of("gzip", "gzip;q=0", "*", "br, gzip;q=0.5", ascii(50))));
        }
        if (random.nextInt(20) == 0) {
            // oversized, but under the 8 KiB header block Vert.x decodes at all (beyond it: 431 before any handler)
            h.put("X-Junk", ascii(1000 + random.nextInt(2500)));
        }
        return h;
    }

    /** Printable ASCII, as header values must be on the wire. */
    private String ascii(int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append((char) (0x21 + random.nextInt(0x5e)));
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
