package org.depositobridge.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.depositobridge.deposito.Producto;

/**
 * The providers of a snapshot. The deposito has no provider table: a provider is identified by its
 * {@code proveedor_cuit} when the product has one, else by its {@code proveedor_nombre}; products with neither
 * belong to no provider. A provider's name is the one on its lowest-id product.
 */
final class Providers {

    final List<String> cuit = new ArrayList<>();
    final List<String> nombre = new ArrayList<>();
    /** Lower-case "nombre|cuit|cuit digits" for the free-text filters. */
    final List<String> searchText = new ArrayList<>();
    /** Provider index of each product index, -1 for none. */
    final int[] providerOf;

    Providers(List<Producto> productos) {
        providerOf = new int[productos.size()];
        Map<String, Integer> byKey = new HashMap<>();
        List<Producto> byId = new ArrayList<>(productos);
        byId.sort((a, b) -> Long.compare(a.id(), b.id()));
        Map<Long, Integer> positionOf = new HashMap<>(productos.size() * 2);
        for (int i = 0; i < productos.size(); i++) {
            positionOf.put(productos.get(i).id(), i);
        }
        for (Producto p : byId) {
            String key = keyOf(p);
            int at = positionOf.get(p.id());
            if (key == null) {
                providerOf[at] = -1;
                continue;
            }
            Integer idx = byKey.get(key);
            if (idx == null) {
                idx = cuit.size();
                byKey.put(key, idx);
                String c = blankToNull(p.proveedorCuit());
                String n = blankToNull(p.proveedorNombre());
                cuit.add(c);
                nombre.add(n);
                String text = (n == null ? "" : n) + "|" + (c == null ? "" : c) + "|" + (c == null ? "" : c.replaceAll("[^0-9]", ""));
                searchText.add(text.toLowerCase(Locale.ROOT));
            }
            providerOf[at] = idx;
        }
    }

    int size() {
        return cuit.size();
    }

    /** Which providers a sanitised filter selects: substring of name or CUIT, case-insensitive. */
    boolean[] matching(String filter) {
        boolean[] m = new boolean[size()];
        String f = filter.toLowerCase(Locale.ROOT);
        for (int i = 0; i < m.length; i++) {
            m[i] = searchText.get(i).contains(f);
        }
        return m;
    }

    private static String keyOf(Producto p) {
        String c = blankToNull(p.proveedorCuit());
        if (c != null) {
            return "c:" + c;
        }
        String n = blankToNull(p.proveedorNombre());
        return n == null ? null : "n:" + n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
