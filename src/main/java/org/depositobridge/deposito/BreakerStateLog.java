package org.depositobridge.deposito;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the deposito circuit breaker's state changes, one line each ({@code event=deposito_breaker from=CLOSED
 * to=OPEN}): during an outage the log says when calls stopped and when they resumed, instead of a line (or a stack
 * trace) per refused call.
 */
final class BreakerStateLog {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerStateLog.class);

    private BreakerStateLog() {
    }

    /** Subscribes to the breaker of {@code deposito-breaker}; false when the route or its breaker is not there. */
    static boolean install(CamelContext context) {
        Processor p = context.getProcessor(DepositoHealthCheck.BREAKER_ID);
        if (!(p instanceof ResilienceProcessor r) || r.getCircuitBreaker() == null) {
            LOG.warn("event=deposito_breaker_log_missing breaker={}", DepositoHealthCheck.BREAKER_ID);
            return false;
        }
        CircuitBreaker breaker = r.getCircuitBreaker();
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.StateTransition t = e.getStateTransition();
            CircuitBreaker.Metrics m = breaker.getMetrics();
            if (t.getToState() == CircuitBreaker.State.OPEN) {
                LOG.warn("event=deposito_breaker from={} to={} failure_rate={} failed_calls={} calls={}",
                        t.getFromState(), t.getToState(), m.getFailureRate(), m.getNumberOfFailedCalls(),
                        m.getNumberOfBufferedCalls());
            } else {
                LOG.info("event=deposito_breaker from={} to={}", t.getFromState(), t.getToState());
            }
        });
        return true;
    }
}
