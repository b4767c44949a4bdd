package org.depositobridge.deposito;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code depositoLists}: named raw deposito lists a YAML poller keeps (docs/routes.md "Recipes" (d)), so one more
 * deposito list becomes a dataset endpoint and a CSV export without Java. A poller calls {@link #accept} with the
 * deposito's answer (a JSON array of objects, or an object holding one under a field) and then {@link #publish};
 * readers get the last published list whole, never a half-accepted one.
 *
 * <p>Bounded: at most {@code deposito.lists.max-rows} rows per list (a longer answer is refused, not cut: a cut list
 * would read as complete) and {@code deposito.lists.max-lists} names (a new name past it is a fault of the routes).
 * Each row keeps its scalar fields (text, number, true/false, null) in the answer's order.
 */
public class DepositoLists {

    private static final Logger LOG = LoggerFactory.getLogger(DepositoLists.class);
    /** Exchange property holding the accepted, not yet published rows of the cycle. */
    static final String STAGED = "depositoListStaged";

    /** One published list: its rows, the union of their field names in first-seen order, and its JSON form. */
    public record Published(String name, List<Map<String, Object>> rows, List<String> columns, long asOfMillis,
            String source, byte[] json, String etag) {
    }

    private final int maxRows;
    private final int maxLists;
    private final ObjectMapper json;
    private final Supplier<String> source;
    private final long staleAfterMillis;
    private final Clock clock;
    private final Map<String, Published> published = new ConcurrentHashMap<>();

    /**
     * @param source           the data source the lists come from ("deposito" or "simulator"), read at publish
     * @param staleAfterMillis a list older than this is served flagged stale (deposito.stale-after-seconds)
     */
    public DepositoLists(int maxRows, int maxLists, ObjectMapper json, Supplier<String> source, long staleAfterMillis,
            Clock clock) {
        if (maxRows < 1 || maxLists < 1) {
            throw new IllegalArgumentException("deposito.lists.max-rows and deposito.lists.max-lists must be at least 1");
        }
        this.maxRows = maxRows;
        this.maxLists = maxLists;
        this.json = json;
        this.source = source;
        this.staleAfterMillis = staleAfterMillis;
        this.clock = clock;
    }

    /** {@link #accept(Exchange, String, String)} for an answer that is the JSON array itself. */
    public void accept(Exchange exchange, String name) {
        accept(exchange, name, null);
    }

    /**
     * Parses the deposito's answer (the message body) into rows and holds them on the exchange until
     * {@link #publish}. Anything but a list of objects of scalar fields, or more rows than max-rows, is a
     * {@link DepositoContractException} (the poller's doCatch sends the payload to the dead letters).
     *
     * @param field the field of the answer object that holds the list; null or blank: the answer is the list
     */
    public void accept(Exchange exchange, String name, String field) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String request = "GET " + exchange.getMessage().getHeader("depositoPath", "?", String.class);
        try {
            exchange.setProperty(STAGED, parse(body, field));
        } catch (IOException | IllegalArgumentException e) {
            // Jackson's own message adds the source excerpt on a second line; the log event stays one line
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new DepositoContractException(name, request, body, "list " + name + ": " + why, e);
        }
    }

    List<Map<String, Object>> parse(byte[] body, String field) throws IOException {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("empty answer, expected a JSON list of objects");
        }
        JsonNode root = json.readTree(body);
        JsonNode list = root;
        if (field != null && !field.isBlank()) {
            if (root == null || !root.isObject() || !root.has(field)) {
                throw new IllegalArgumentException("expected a JSON object with a list in field '" + field + "'");
            }
            list = root.get(field);
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("expected a JSON list of objects"
                    + (field != null && !field.isBlank() ? " in field '" + field + "'" : "") + ", got "
                    + (list == null ? "nothing" : list.getNodeType().name().toLowerCase()));
        }
        if (list.size() > maxRows) {
            throw new IllegalArgumentException(list.size() + " rows, more than deposito.lists.max-rows=" + maxRows);
        }
        List<Map<String, Object>> rows = new ArrayList<>(list.size());
        int index = 0;
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("row " + index + " is not an object");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                row.put(f.getKey(), scalar(f.getValue(), index, f.getKey()));
            }
            rows.add(Collections.unmodifiableMap(row));
            index++;
        }
        return rows;
    }

    private static Object scalar(JsonNode v, int row, String field) {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            // a double, as the answer was read: written back the same (1.5 stays 1.5)
            return v.doubleValue();
        }
        throw new IllegalArgumentException("row " + row + " field '" + field + "' is " + v.getNodeType().name().toLowerCase()
                + ", only text, numbers, true/false and null are kept");
    }

    /**
     * Makes the rows accepted in this cycle the list {@code name} served from now on (one reference swap: a reader
     * sees the old list or the new one). The message body becomes the number of rows.
     *
     * @throws IllegalStateException nothing was accepted, or {@code name} would be one list more than max-lists
     */
    public void publish(Exchange exchange, String name) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = exchange.getProperty(STAGED, List.class);
        if (rows == null) {
            throw new IllegalStateException("list " + name + ": publish without an accepted answer in this cycle");
        }
        publish(name, rows);
        exchange.removeProperty(STAGED);
        exchange.getMessage().setBody(rows.size());
    }

    synchronized void publish(String name, List<Map<String, Object>> rows) {
        if (!published.containsKey(name) && published.size() >= maxLists) {
            throw new IllegalStateException("list " + name + " refused: already " + published.size()
                    + " lists, the most deposito.lists.max-lists=" + maxLists + " allows " + published.keySet());
        }
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            columns.addAll(row.keySet());
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(rows);
        } catch (IOException e) {
            throw new IllegalStateException("list " + name + " cannot be written as JSON", e);
        }
        long now = clock.millis();
        published.put(name, new Published(name, List.copyOf(rows), List.copyOf(columns), now, source.get(), bytes,
                etag(bytes)));
        LOG.info("event=deposito_list_published list={} rows={} bytes={}", name, rows.size(), bytes.length);
    }

    /** The list last published under {@code name}, if any. */
    public Optional<Published> current(String name) {
        return Optional.ofNullable(published.get(name));
    }

    /** True when the list was published longer ago than deposito.stale-after-seconds. */
    public boolean stale(Published list) {
        return clock.millis() - list.asOfMillis() > staleAfterMillis;
    }

    /** Names of the lists held (at most max-lists). */
    public Set<String> names() {
        return Set.copyOf(published.keySet());
    }

    /** 64 bits of SHA-256 and the length, the shape of the datasets' ETags (dataset.PreparedResponse). */
    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 8) + "-" + Integer.toHexString(bytes.length) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
