package org.depositobridge.deposito;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * Products sync (bean {@code productosSync}, route {@code deposito-sync-productos}): reads the pages of
 * {@code GET /productos?activos_solo=false} the route fetches until the first page's {@code total} is reached. A total that changes between pages, a duplicate id or a page
 * that breaks the contract fails the cycle; the previous products stay published.
 */
public class ProductosSync extends PagedSync {

    static final class Cycle {
        volatile long total = -1;
        volatile int pages = -1;
        final List<Producto> productos = new ArrayList<>();
        final Set<Long> ids = new HashSet<>();
        final PageSequencer<List<Producto>> sequencer = new PageSequencer<>(this::apply);

        /** Runs in page order under the sequencer's lock. */
        private void apply(List<Producto> page) {
            for (Producto p : page) {
                if (!ids.add(p.id())) {
                    throw new IllegalArgumentException("product id " + p.id() + " seen twice (pages shifted mid-sync)");
                }
                productos.add(p);
            }
        }
    }

    private final SnapshotStore store;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Clock clock;

    public ProductosSync(SnapshotStore store, ObjectMapper json, int pageSize, ZoneId zone, Clock clock) {
        super("deposito.productos.page-size", pageSize);
        this.store = store;
        this.json = json;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void start(Exchange exchange) {
        exchange.setProperty(CYCLE, new Cycle());
    }

    @Override
    int lastPage(Exchange exchange) {
        return cycle(exchange).pages;
    }

    @Override
    public void acceptPage(Exchange exchange) {
        Cycle c = cycle(exchange);
        int page = exchange.getProperty(PAGE, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String request = "GET /productos?" + exchange.getMessage().getHeader(DepositoCalls.QUERY, String.class);
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject() || !root.path("productos").isArray()) {
                throw new IllegalArgumentException("expected an object with a productos array");
            }
            long total = JsonFields.requireLong(root, "total");
            if (page == 1) {
                if (total < 0 || total / pageSize > 1_000_000) {
                    throw new IllegalArgumentException("implausible total " + total);
                }
                c.total = total;
                c.pages = (int) ((total + pageSize - 1) / pageSize);
            } else if (total != c.total) {
                throw new IllegalArgumentException("total changed mid-sync: " + c.total + " then " + total);
            }
            JsonNode items = root.get("productos");
            long expected = Math.max(0, Math.min(pageSize, total - (long) (page - 1) * pageSize));
            if (items.size() != expected) {
                throw new IllegalArgumentException("page " + page + " has " + items.size() + " products, expected "
                        + expected + " of total " + total);
            }
            List<Producto> parsed = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                parsed.add(parse(item));
            }
            c.sequencer.offer(page, parsed);
            // the page is parsed: drop its bytes now, the splitter keeps finished page exchanges until the end
            exchange.getMessage().setBody(null);
        } catch (IOException | IllegalArgumentException e) {
            throw new DepositoContractException("productos", request, body, e.getMessage(), e);
        }
    }

    @Override
    public void publish(Exchange exchange) {
        Cycle c = cycle(exchange);
        if (c.sequencer.applied() != c.pages && c.pages > 0) {
            throw new IllegalStateException("products cycle incomplete: " + c.sequencer.applied() + " of " + c.pages + " pages");
        }
        List<Producto> sorted = new ArrayList<>(c.productos);
        sorted.sort(Comparator.comparingLong(Producto::id));
        long now = clock.millis();
        // the same products as held (the usual cycle): the held list stays, and with it the datasets' roll-ups, which
        // are rebuilt only for a new list (~1 s of CPU at 100,000 products and 2,000,000 movements); "as of" moves on
        store.publish(s -> s.withProductos(s.version() + 1, sorted.equals(s.productos()) ? s.productos() : sorted, now));
        exchange.getMessage().setBody(sorted.size());
    }

    Producto parse(JsonNode n) {
        int stockActual = JsonFields.requireInt(n, "stock_actual");
        int stockMinimo = JsonFields.requireInt(n, "stock_minimo");
        if (stockActual < 0 || stockMinimo < 0) {
            throw new IllegalArgumentException("negative stock in product " + n.path("id"));
        }
        return new Producto(
                JsonFields.requireLong(n, "id"),
                JsonFields.requireText(n, "codigo"),
                JsonFields.requireText(n, "nombre"),
                JsonFields.optionalText(n, "descripcion"),
                n.hasNonNull("categoria") ? JsonFields.requireText(n, "categoria") : "General",
                stockActual,
                stockMinimo,
                JsonFields.optionalInt(n, "stock_maximo"),
                JsonFields.requireNumber(n, "precio_compra"),
                JsonFields.optionalNumber(n, "precio_venta"),
                JsonFields.optionalText(n, "proveedor_cuit"),
                JsonFields.optionalText(n, "proveedor_nombre"),
                JsonFields.requireBoolean(n, "activo"),
                JsonFields.requireTime(n, "created_at", zone),
                JsonFields.optionalTime(n, "updated_at", zone));
    }

    private static Cycle cycle(Exchange exchange) {
        return exchange.getProperty(CYCLE, Cycle.class);
    }
}
