package org.depositobridge.security;

import java.nio.ByteBuffer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.spi.Registry;

/**
 * Camel's Vert.x platform-http engine, with one change to how answers are written: a {@code byte[]} body (every
 * JSON answer of the API) leaves the route as a {@link ByteBuffer}.
 *
 * <p>Why: Camel 4.18's platform-http writes a {@code byte[]} by converting it to an {@code InputStream} and pumping
 * that through its {@code AsyncInputStream}, which reads every chunk and the end of the stream on a Vert.x worker
 * thread ({@code executeBlocking}): two or three more thread hand-overs per request on top of the one that runs
 * the route. A {@code ByteBuffer} is copied into the response at once, with its Content-Length. The conversion
 * happens after the route has ended, so the tracer, the debugger and every step still see the {@code byte[]}
 * (a {@code ByteBuffer} would be consumed by the first step that reads it). docs/benchmarks.md, issue 19, has the
 * measurements.
 */
public final class BridgeHttpEngine extends VertxPlatformHttpEngine {

    /**
     * Binds the engine under the name platform-http looks up first, so the component uses it instead of making
     * its own. Must run before the platform-http component starts (i.e. at configure time).
     */
    public static void install(Registry registry) {
        registry.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new BridgeHttpEngine());
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return super.createConsumer(endpoint, new BytesAnswered(processor));
    }

    /**
     * Runs the route, then hands a byte[] answer on as a ByteBuffer over the same array (no copy), and drops the
     * message headers that could not leave anyway.
     *
     * <p>Why the headers: the message still holds every request header and Camel's own ({@code CamelHttpUri},
     * {@code CamelHttpQuery}, ...), and platform-http's answer converts each one to text and runs it through the
     * endpoint's header filter before the edge ({@link HttpEdge}) drops all but a short list of response headers
     * (that copy was 10 % of the HTTP threads' CPU samples under load; 8 % with wrk's two request headers after this,
     * a browser sends 10-15). The route, the tracer and the debugger have seen the message whole by then. What runs
     * later, once the answer is written (the exchange's completion: event notifiers, on-completions), sees the trimmed
     * message: today only the API's meter reads it ({@code stats.ApiRequestNotifier}), and only the status code. What
     * is kept is what the edge lets out, plus that status code ({@code CamelHttpResponseCode}).
     */
    static final class BytesAnswered implements Processor {

        private final Processor route;

        BytesAnswered(Processor route) {
            this.route = route;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            route.process(exchange);
            Message m = exchange.getMessage();
            if (m.getBody() instanceof byte[] bytes) {
                m.setBody(ByteBuffer.wrap(bytes));
            }
            if (m.hasHeaders()) {
                m.getHeaders().keySet().removeIf(BytesAnswered::staysInside);
            }
        }

        /** Headers the answer never carries: the edge would drop them; the status code is read, not sent as one. */
        static boolean staysInside(String name) {
            return !HttpEdge.allowedOut(name) && !Exchange.HTTP_RESPONSE_CODE.equalsIgnoreCase(name);
        }

        @Override
        public String toString() {
            return route.toString();
        }
    }
}
