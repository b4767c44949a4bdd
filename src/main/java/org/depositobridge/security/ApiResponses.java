package org.depositobridge.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Writes the API's JSON answers onto an exchange. Every answer first drops all message headers: platform-http
 * would otherwise copy the request's headers and query parameters (keys, tokens, attacker-chosen text) into
 * the response.
 */
public final class ApiResponses {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String REQUEST_ID = "X-Request-ID";
    /**
     * Exchange property with the X-Data-Source of a 503 {@code no_data_yet}: the refusal's answer starts from no
     * headers, so what the serving step knew travels as a property to the route's {@code onException}.
     */
    public static final String DATA_SOURCE_PROPERTY = "apiDataSource";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiResponses() {
    }

    /** Starts a fresh response: no inherited headers, just the status and the content type. */
    public static Message reset(Exchange exchange, int status) {
        Message m = exchange.getMessage();
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, JSON);
        return m;
    }

    /**
     * Sets Cache-Control on the HTTP response itself: Camel's HTTP header filter drops a Cache-Control message
     * header on the way out.
     */
    public static void cacheControl(Exchange exchange, String value) {
        if (exchange.getIn() instanceof HttpMessage http && http.getResponse() != null) {
            http.getResponse().headers().set("Cache-Control", value);
        }
    }

    /** 500 with the request id only: what failed is in the log, never in the answer. */
    public static void internalError(Exchange exchange, String requestId) {
        Message m = reset(exchange, 500);
        cacheControl(exchange, "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal_error");
        body.put("request_id", requestId);
        m.setBody(json(body));
        exchange.setRouteStop(true);
    }

    public static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** True when Accept-Encoding lists gzip (or *) without q=0: the one rule for every answer kept in gzip form. */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",", 16)) {
            String[] p = part.trim().toLowerCase(Locale.ROOT).split(";", 2);
            String coding = p[0].trim();
            if (coding.equals("gzip") || coding.equals("*")) {
                return p.length == 1 || !p[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    /**
     * True when an If-None-Match header names one of {@code etags} (weak or strong, at most 32 candidates read) or
     * is {@code *}: the one revalidation rule of every endpoint that answers 304.
     */
    public static boolean ifNoneMatch(String header, String... etags) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",", 32)) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*")) {
                return true;
            }
            for (String etag : etags) {
                if (c.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
