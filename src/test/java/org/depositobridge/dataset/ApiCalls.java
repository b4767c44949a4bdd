package org.depositobridge.dataset;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.depositobridge.support.RunningBridge;

/** Authenticated calls to a running bridge and JSON comparison that ignores int/long node differences. */
final class ApiCalls {

    static final String KEY = "test-key-1";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiCalls() {
    }

    static HttpResponse<String> get(RunningBridge bridge, String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return bridge.get(path, all);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body());
    }

    /** The expected value as the JSON a client would read (numbers normalised through text). */
    static JsonNode expected(Object value) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(value));
    }
}
