package org.depositobridge.stock;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.depositobridge.deposito.DepositoCalls;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.Producto;
import org.depositobridge.deposito.SnapshotStore;

/**
 * Product code to id: first from the current snapshot (no call), then, for a code the snapshot does not know (a
 * product created since the last sync, or no snapshot yet), from the deposito's catalogue read once per file attempt
 * ({@code GET /productos?activos_solo=false}, every page, through {@code direct:deposito-call}). A code neither
 * knows is an unknown product.
 */
final class ProductCodes {

    private static final int PAGE = 1000;

    private final SnapshotStore store;
    private final CamelContext context;
    private final ObjectMapper json = new ObjectMapper();
    private DepositoSnapshot indexed;
    private Map<String, Long> snapshotCodes = Map.of();
    private ProducerTemplate template;

    ProductCodes(SnapshotStore store, CamelContext context) {
        this.store = store;
        this.context = context;
    }

    /** The id of the code, or null when the deposito has no such product. Throws when the catalogue cannot be read. */
    Long resolve(String codigo, StockRun run) throws Exception {
        Long id = known(codigo, run);
        if (id != null) {
            return id;
        }
        if (run.catalogue() == null) {
            run.catalogue(fetchCatalogue());
        }
        return run.catalogue().get(normalized(codigo));
    }

    /**
     * The id when it is known without a call (the snapshot, or the catalogue this attempt already read), else null.
     * The waves are built with it, so it looks in the same places, in the same order, as {@link #resolve}.
     */
    Long known(String codigo, StockRun run) {
        String code = normalized(codigo);
        Long id = fromSnapshot(code);
        if (id != null) {
            return id;
        }
        Map<String, Long> catalogue = run.catalogue();
        return catalogue == null ? null : catalogue.get(code);
    }

    private static String normalized(String codigo) {
        return codigo.trim().toUpperCase(Locale.ROOT);
    }

    private synchronized Long fromSnapshot(String code) {
        DepositoSnapshot current = store.current();
        if (current != indexed) {
            Map<String, Long> codes = new HashMap<>(current.productos().size() * 2);
            for (Producto p : current.productos()) {
                if (p.codigo() != null) {
                    codes.put(p.codigo().toUpperCase(Locale.ROOT), p.id());
                }
            }
            snapshotCodes = codes;
            indexed = current;
        }
        return snapshotCodes.get(code);
    }

    private Map<String, Long> fetchCatalogue() throws Exception {
        Map<String, Long> codes = new HashMap<>();
        long total = Long.MAX_VALUE;
        for (int offset = 0; offset < total; offset += PAGE) {
            final int from = offset;
            Exchange answer = template().send("direct:deposito-call", e -> {
                e.getMessage().setHeader(DepositoCalls.PATH, "/productos");
                e.getMessage().setHeader(DepositoCalls.QUERY, "activos_solo=false&limit=" + PAGE + "&offset=" + from);
                e.setProperty(DepositoCalls.ENDPOINT, "productos");
            });
            if (answer.getException() != null) {
                throw answer.getException();
            }
            JsonNode page = json.readTree(answer.getMessage().getBody(String.class));
            JsonNode productos = page.path("productos");
            if (!productos.isArray() || !page.path("total").canConvertToLong()) {
                throw new IllegalStateException("GET /productos answered without productos/total");
            }
            total = page.path("total").asLong();
            for (JsonNode p : productos) {
                codes.put(p.path("codigo").asText().toUpperCase(Locale.ROOT), p.path("id").asLong());
            }
            if (productos.isEmpty()) {
                break;
            }
        }
        return codes;
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
