package org.depositobridge.deposito;

/**
 * The deposito the bridge talks to, as the beans that call it or label answers with its source hold it. Created
 * once by the composition root ({@code BridgeConfiguration}) from the {@link DepositoTargetChoice}; empty when the
 * choice was none ({@code simulator.enabled=false} without {@code deposito.url}).
 */
public class DepositoTargetRef {

    private final DepositoTarget target;

    /** @param target the resolved target, or null when there is none */
    public DepositoTargetRef(DepositoTarget target) {
        this.target = target;
    }

    public DepositoTarget get() {
        if (target == null) {
            throw new IllegalStateException("no deposito target: set deposito.url or let the simulator start "
                    + "(simulator.enabled=true)");
        }
        return target;
    }

    /** The base URL every deposito call goes to (routes/deposito-call.camel.yaml); fails clearly when there is none. */
    public String baseUrl() {
        return get().baseUrl();
    }

    /** The data source label; "deposito" when there is no target. */
    public String source() {
        return target == null ? DepositoTarget.SOURCE_DEPOSITO : target.source();
    }
}
