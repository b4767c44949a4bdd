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
 * Products sync (bean {@code productosSync}): every page of {@code GET /productos?activos_solo=false} until
 * the first page's {@code total} is reached. A total that changes between pages, a duplicate id or a page
 * that breaks the contract fails the cycle; the previous products stay published.
 */
public class ProductosSync implements DepositoSync {

    static final class Cycle {
        int offset;
        long total = -1;
        int pages;
        final List<Producto> productos = new ArrayList<>();
        final Set<Long> ids = new HashSet<>();
    }

    private final SnapshotStore store;
    private final ObjectMapper json;
    private final int pageSize;
    private final ZoneId zone;
    private final Clock clock;

    public ProductosSync(SnapshotStore store, ObjectMapper json, int pageSize, ZoneId zone, Clock clock) {
        this.store = store;
        this.json = json;
        this.pageSize = Math.max(1, Math.min(1000, pageSize));
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void start(Exchange exchange) {
        exchange.setProperty(CYCLE, new Cycle());
    }

    @Override
    public boolean hasMore(Exchange exchange) {
        Cycle c = cycle(exchange);
        return c.total < 0 || c.offset < c.total;
    }

    @Override
    public void nextRequest(Exchange exchange) {
        Cycle c = cycle(exchange);
        exchange.setProperty(DepositoCalls.ENDPOINT, "productos");
        exchange.getMessage().setHeader(DepositoCalls.PATH, "/productos");
        exchange.getMessage().setHeader(DepositoCalls.QUERY, "activos_solo=false&limit=" + pageSize + "&offset=" + c.offset);
    }

    @Override
    public void acceptPage(Exchange exchange) {
        Cycle c = cycle(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String request = "GET /productos?" + exchange.getMessage().getHeader(DepositoCalls.QUERY, String.class);
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject() || !root.path("productos").isArray()) {
                throw new IllegalArgumentException("expected an object with a productos array");
            }
            long total = JsonFields.requireLong(root, "total");
            if (c.total >= 0 && total != c.total) {
                throw new IllegalArgumentException("total changed mid-sync: " + c.total + " then " + total);
            }
            c.total = total;
            JsonNode items = root.get("productos");
            if (items.isEmpty() && c.offset < total) {
                throw new IllegalArgumentException("empty page at offset " + c.offset + " while total is " + total);
            }
            if (++c.pages > total / pageSize + 2) {
                throw new IllegalArgumentException("more pages than total " + total + " allows");
            }
            for (JsonNode item : items) {
                Producto p = parse(item);
                if (!c.ids.add(p.id())) {
                    throw new IllegalArgumentException("product id " + p.id() + " seen twice (pages shifted mid-sync)");
                }
                c.productos.add(p);
            }
            c.offset += items.size();
        } catch (IOException | IllegalArgumentException e) {
            throw new DepositoContractException("productos", request, body, e.getMessage(), e);
        }
    }

    @Override
    public void publish(Exchange exchange) {
        Cycle c = cycle(exchange);
        List<Producto> sorted = new ArrayList<>(c.productos);
        sorted.sort(Comparator.comparingLong(Producto::id));
        long now = clock.millis();
        store.publish(s -> s.withProductos(s.version() + 1, sorted, now));
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
