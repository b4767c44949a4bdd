package org.depositobridge.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An answer before it goes on the wire (where wire faults may still mangle it). */
record Reply(int status, String contentType, String body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body, new LinkedHashMap<>());
    }

    static Reply json(int status, Object tree) {
        try {
            return json(status, MAPPER.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body, new LinkedHashMap<>());
    }

    /** {@code {"detail": "..."}} */
    static Reply detail(int status, String detail) {
        return json(status, MAPPER.createObjectNode().put("detail", detail));
    }

    /** {@code {"error": code, "message": ...}} */
    static Reply error(int status, String code, String message) {
        return json(status, errorNode(code, message));
    }

    static ObjectNode errorNode(String code, String message) {
        return MAPPER.createObjectNode().put("error", code).put("message", message);
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    boolean isJson() {
        return contentType != null && contentType.startsWith(JSON);
    }
}
