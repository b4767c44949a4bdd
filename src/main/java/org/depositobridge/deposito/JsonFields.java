package org.depositobridge.deposito;

import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed, strict reads of deposito JSON fields; a missing or mistyped field is an {@link IllegalArgumentException}. */
final class JsonFields {

    private JsonFields() {
    }

    static long requireLong(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be an integer, got " + describe(v));
        }
        return v.asLong();
    }

    static int requireInt(JsonNode node, String field) {
        long v = requireLong(node, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " out of range: " + v);
        }
        return (int) v;
    }

    static Integer optionalInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : requireInt(node, field);
    }

    static double requireNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, got " + describe(v));
        }
        return v.asDouble();
    }

    static Double optionalNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : requireNumber(node, field);
    }

    static String requireText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + describe(v));
        }
        return v.asText();
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : requireText(node, field);
    }

    static boolean requireBoolean(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be a boolean, got " + describe(v));
        }
        return v.asBoolean();
    }

    static long requireTime(JsonNode node, String field, ZoneId zone) {
        String text = requireText(node, field);
        try {
            return DepositoTime.parse(text, zone);
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 date-time: " + abbreviate(text));
        }
    }

    static Long optionalTime(JsonNode node, String field, ZoneId zone) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : requireTime(node, field, zone);
    }

    private static String describe(JsonNode v) {
        if (v == null) {
            return "nothing (missing)";
        }
        return v.getNodeType().name().toLowerCase() + " " + abbreviate(v.toString());
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
