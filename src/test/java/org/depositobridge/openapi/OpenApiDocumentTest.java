package org.depositobridge.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The completion rules of OpenApiDocument on a small rendering, each shown to apply where it should and nowhere else. */
class OpenApiDocumentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RENDERED = """
            {"openapi":"3.0.0","info":{"title":"t","version":"1"},"servers":[{"url":"http://0.0.0.0/"}],
             "paths":{
              "/api/a":{"get":{"tags":["datasets"],"security":[{"apiKey":[]}],
                "parameters":[
                  {"name":"limit","in":"query","description":"Rows; clamped to 1..100","schema":{"type":"integer","default":"10"}},
                  {"name":"q","in":"query","description":"text, clamped to 1..60 characters","schema":{"type":"string"}}],
                "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"object"}}}}}}},
              "/api/export/a.csv":{"get":{"tags":["exports"],"security":[{"apiKey":[]}],
                "responses":{"200":{"description":"csv"},"501":{"description":"x","content":{"text/csv":{"schema":{"type":"string"}}}}}}},
              "/health":{"get":{"tags":["public"],"responses":{"200":{"description":"UP"},"503":{"description":"DOWN"}}}}}}
            """;

    @Test
    void should_add_ranges_errors_and_headers_only_where_the_rules_say() throws Exception {
        JsonNode doc = JSON.readTree(OpenApiDocument.complete(RENDERED.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.at("/servers").toString()).isEqualTo("[{\"url\":\"/\",\"description\":\"this bridge's business server\"}]");

        JsonNode a = doc.at("/paths/~1api~1a/get");
        JsonNode limit = a.at("/parameters/0/schema");
        assertThat(limit.get("minimum").asInt()).isEqualTo(1);
        assertThat(limit.get("maximum").asInt()).isEqualTo(100);
        assertThat(limit.get("default").isNumber()).isTrue();
        // a range in words on a text parameter is not a numeric range
        assertThat(a.at("/parameters/1/schema").has("minimum")).isFalse();
        for (String code : new String[] {"400", "401", "429", "503"}) {
            assertThat(a.at("/responses/" + code + "/content/application~1json/schema/$ref").asText()).as(code)
                    .isEqualTo("#/components/schemas/ErrorBody");
        }
        assertThat(a.at("/responses/429/headers").has("Retry-After")).isTrue();
        assertThat(a.at("/responses/200/headers").has("ETag")).isTrue();
        assertThat(a.at("/responses/200/headers").has("Content-Disposition")).isFalse();

        JsonNode csv = doc.at("/paths/~1api~1export~1a.csv/get");
        assertThat(csv.at("/responses/200/headers").has("Content-Disposition")).isTrue();
        assertThat(csv.at("/responses/200/headers").has("ETag")).isFalse();
        // an error filed under the verb's text/csv is JSON
        assertThat(csv.at("/responses/501/content").has("text/csv")).isFalse();
        assertThat(csv.at("/responses/501/content").has("application/json")).isTrue();

        // a public path gets no error answers of the guard and keeps its own 503 (the health document)
        JsonNode health = doc.at("/paths/~1health/get/responses");
        assertThat(health.has("401")).isFalse();
        assertThat(health.at("/503").has("content")).isFalse();
        assertThat(doc.at("/components/schemas/ErrorBody/required/0").asText()).isEqualTo("error");
    }
}
