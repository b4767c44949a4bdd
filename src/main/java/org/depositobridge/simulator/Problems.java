package org.depositobridge.simulator;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validation errors in FastAPI/Pydantic v2 shape: 422 {@code {"detail":[{"type","loc","msg","input"}]}},
 * so a client written against the real deposito reads them the same way.
 */
final class Problems {

    private final ArrayNode list = Reply.MAPPER.createArrayNode();

    Problems add(String type, String where, String field, String msg, JsonNode input) {
        ObjectNode o = list.addObject();
        o.put("type", type);
        ArrayNode loc = o.putArray("loc");
        loc.add(where);
        if (field != null) {
            loc.add(field);
        }
        o.put("msg", msg);
        if (input == null) {
            o.putNull("input");
        } else {
            o.set("input", input);
        }
        return this;
    }

    Problems add(String type, String where, String field, String msg, String input) {
        return add(type, where, field, msg, input == null ? null : Reply.MAPPER.getNodeFactory().textNode(input));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    Reply reply() {
        ObjectNode root = Reply.MAPPER.createObjectNode();
        root.set("detail", list);
        return Reply.json(422, root);
    }

    /** Parses an integer query/path parameter, recording a problem when it is not one. */
    Integer integer(String where, String field, String raw, Integer dflt, long min, long max) {
        if (raw == null) {
            return dflt;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            add("int_parsing", where, field, "Input should be a valid integer, unable to parse string as an integer", raw);
            return null;
        }
        if (v < min) {
            add("greater_than_equal", where, field,
                    "Input should be greater than or equal to " + min, raw);
            return null;
        }
        if (v > max) {
            add("less_than_equal", where, field, "Input should be less than or equal to " + max, raw);
            return null;
        }
        return (int) v;
    }

    /** Pydantic's lax booleans: true/false, 1/0, yes/no, on/off, t/f, y/n. */
    Boolean bool(String where, String field, String raw, boolean dflt) {
        if (raw == null) {
            return dflt;
        }
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y":
                return true;
            case "false", "0", "no", "off", "f", "n":
                return false;
            default:
                add("bool_parsing", where, field, "Input should be a valid boolean, unable to interpret input", raw);
                return null;
        }
    }
}
