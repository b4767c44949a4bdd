package org.depositobridge.logging;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Hides the values of credential headers ({@code X-API-Key}, {@code Authorization}, cookies) wherever Camel renders a
 * message: the XML and JSON of the tracer, the debugger and the message history ({@code <header key="X-API-Key"
 * ...>value</header>}, {@code {"key":"X-API-Key",...,"value":"..."}}), and the {@code {X-API-Key=value, ...}} header
 * maps of Camel's log formatter. The names are fixed: they are what the bridge's API accepts as credentials. Used by
 * the console's Jolokia filter and by {@link LogMask} for Camel's log steps.
 */
public final class SecretMasking {

    public static final String MASK = "xxxxxx";
    public static final Set<String> HEADERS = Set.of("x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final String NAMES = "(?:X-API-Key|Authorization|Proxy-Authorization|Cookie|Set-Cookie)";
    private static final Pattern XML_HEADER = Pattern.compile(
            "(<header\\s+key=\"" + NAMES + "\"[^>]*>)(.*?)(</header>)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern JSON_HEADER = Pattern.compile(
            "(\"key\"\\s*:\\s*\"" + NAMES + "\"[^{}]*?\"value\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", Pattern.CASE_INSENSITIVE);
    /** {@code Authorization=Bearer x, } in a header map; a value ends at the map's separator. */
    private static final Pattern MAP_ENTRY = Pattern.compile("(?<![\\w-])(" + NAMES + ")=([^,}\\]\\n]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_NAME = Pattern.compile(NAMES, Pattern.CASE_INSENSITIVE);

    private SecretMasking() {
    }

    /** The text with every credential header value replaced by {@link #MASK}. */
    public static String mask(String text) {
        if (text == null || !ANY_NAME.matcher(text).find()) {
            return text;
        }
        String out = XML_HEADER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        out = JSON_HEADER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        return MAP_ENTRY.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
    }

    /** Masks inside a Jolokia answer in place: strings holding rendered messages, and fields named like a header. */
    public static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (HEADERS.contains(field.getKey().toLowerCase(Locale.ROOT)) && field.getValue().isValueNode()) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    field.setValue(mask(field.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i)));
            }
            return array;
        }
        if (node != null && node.isTextual()) {
            String masked = mask(node.asText());
            return masked.equals(node.asText()) ? node : TextNode.valueOf(masked);
        }
        return node;
    }

    /** Whether a Jolokia answer may hold a header worth masking (cheap test before parsing it). */
    public static boolean mayHoldSecrets(byte[] utf8) {
        return ANY_NAME.matcher(new String(utf8, StandardCharsets.ISO_8859_1)).find();
    }
}
