package org.depositobridge.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * The simulator's own control endpoints on its port (never under the path prefix, never proxied by the bridge),
 * all requiring header {@value #HEADER}:
 * <ul>
 * <li>{@code GET /__sim/faults}: active faults with remaining uses and hits;</li>
 * <li>{@code POST /__sim/faults}: inject faults: a JSON object, a JSON array of them, or the string form
 * (text/plain, see {@link Fault#parse}); 201 with the injected faults, 422 on a bad fault, 409 when full;</li>
 * <li>{@code DELETE /__sim/faults}: clear all; {@code DELETE /__sim/faults/{id}}: remove one;</li>
 * <li>{@code GET /__sim/token?ttl_seconds=28800&role=deposito&sub=...}: mint a JWT for manual use.</li>
 * </ul>
 */
final class AdminHandler {

    static final String HEADER = "X-Sim-Admin-Token";

    private final Faults faults;
    private final JwtAuth auth;
    private final byte[] token;

    AdminHandler(Faults faults, JwtAuth auth, String adminToken) {
        this.faults = faults;
        this.auth = auth;
        this.token = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    Reply handle(HttpMethod method, String path, String presented, MultiMap params, String body) {
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return Reply.detail(401, "Admin token required (header " + HEADER + ")");
        }
        if (path.equals("/__sim/faults")) {
            if (method == HttpMethod.GET) {
                return list();
            }
            if (method == HttpMethod.POST) {
                return inject(body);
            }
            if (method == HttpMethod.DELETE) {
                int n = faults.active().size();
                faults.clear();
                return Reply.json(200, Reply.MAPPER.createObjectNode().put("cleared", n));
            }
            return Reply.detail(405, "Method Not Allowed");
        }
        if (path.startsWith("/__sim/faults/") && method == HttpMethod.DELETE) {
            try {
                long id = Long.parseLong(path.substring("/__sim/faults/".length()));
                return faults.remove(id) ? Reply.json(200, Reply.MAPPER.createObjectNode().put("removed", id))
                        : Reply.detail(404, "No active fault " + id);
            } catch (NumberFormatException e) {
                return Reply.detail(404, "Not Found");
            }
        }
        if (path.equals("/__sim/token") && method == HttpMethod.GET) {
            long ttl = parseLong(params.get("ttl_seconds"), 8 * 3600L);
            String role = params.get("role") == null ? JwtAuth.ROLE : params.get("role");
            String sub = params.get("sub") == null ? "simulator-admin" : params.get("sub");
            return Reply.json(200, Reply.MAPPER.createObjectNode()
                    .put("access_token", auth.mint(sub, role, Duration.ofSeconds(ttl))).put("token_type", "bearer"));
        }
        return Reply.detail(404, "Not Found");
    }

    private Reply list() {
        ObjectNode root = Reply.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("faults");
        for (Faults.Active a : faults.active()) {
            arr.add(describe(a));
        }
        return Reply.json(200, root);
    }

    private Reply inject(String body) {
        List<Fault> parsed = new ArrayList<>();
        try {
            String b = body == null ? "" : body.trim();
            if (b.startsWith("{") || b.startsWith("[")) {
                JsonNode n = Reply.MAPPER.readTree(b);
                if (n.isArray()) {
                    n.forEach(e -> parsed.add(Fault.fromJson(e)));
                } else {
                    parsed.add(Fault.fromJson(n));
                }
            } else {
                parsed.addAll(Fault.parseAll(b));
            }
        } catch (IOException | IllegalArgumentException e) {
            return Reply.detail(422, "Invalid fault: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            return Reply.detail(422, "Invalid fault: no fault given");
        }
        ObjectNode root = Reply.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("faults");
        try {
            for (Fault f : parsed) {
                arr.add(describe(faults.inject(f)));
            }
        } catch (IllegalStateException full) {
            return Reply.detail(409, full.getMessage());
        }
        return Reply.json(201, root);
    }

    private static ObjectNode describe(Faults.Active a) {
        ObjectNode o = a.fault().toJson();
        o.put("id", a.id());
        if (a.remaining() >= 0) {
            o.put("remaining", a.remaining());
        } else {
            o.putNull("remaining");
        }
        o.put("fired", a.fired());
        return o;
    }

    private static long parseLong(String s, long dflt) {
        try {
            return s == null ? dflt : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
