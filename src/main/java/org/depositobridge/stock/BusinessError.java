package org.depositobridge.stock;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The deposito's business refusal as one readable line for the result and rejected files. */
final class BusinessError {

    private BusinessError() {
    }

    /**
     * {@code 400 stock_insuficiente: Stock insuficiente: disponible 3, solicitado 5};
     * {@code 422 validation: cantidad: Value error, cantidad no puede ser 0}; the raw body when it is not JSON.
     */
    static String describe(int status, String body, ObjectMapper json) {
        JsonNode n = null;
        try {
            n = body == null ? null : json.readTree(body);
        } catch (IOException e) {
            // not JSON: the raw text below
        }
        if (n == null || !n.isObject()) {
            return status + " " + StockFileReader.abbreviate(body == null ? "" : body.strip(), 300);
        }
        if (n.hasNonNull("error")) {
            return status + " " + n.get("error").asText() + ": " + n.path("message").asText("");
        }
        JsonNode detail = n.path("detail");
        if (detail.isArray()) {
            StringBuilder sb = new StringBuilder(status + " validation:");
            for (JsonNode d : detail) {
                JsonNode loc = d.path("loc");
                String field = loc.isArray() && !loc.isEmpty() ? loc.get(loc.size() - 1).asText() : "";
                sb.append(' ').append(field).append(field.isEmpty() ? "" : ": ").append(d.path("msg").asText()).append(';');
            }
            sb.setLength(sb.length() - 1);
            return StockFileReader.abbreviate(sb.toString(), 500);
        }
        return status + " " + StockFileReader.abbreviate(detail.isMissingNode() ? n.toString() : detail.asText(), 300);
    }
}
