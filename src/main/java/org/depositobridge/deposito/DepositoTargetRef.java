package org.depositobridge.deposito;

import org.apache.camel.CamelContext;

/**
 * Looks up the {@code depositoTarget} bean when first needed: it is bound by whoever resolves the target at
 * start-up (the embedded simulator, or the configured {@code deposito.url}), possibly after this bean exists.
 */
public class DepositoTargetRef {

    private final CamelContext context;
    private volatile DepositoTarget target;

    public DepositoTargetRef(CamelContext context) {
        this.context = context;
    }

    public DepositoTarget get() {
        DepositoTarget t = target;
        if (t == null) {
            t = context.getRegistry().lookupByNameAndType("depositoTarget", DepositoTarget.class);
            if (t == null) {
                throw new IllegalStateException("no depositoTarget bound: set deposito.url or let the simulator start");
            }
            target = t;
        }
        return t;
    }

    /** The data source label, or "deposito" before the target is known. */
    public String source() {
        DepositoTarget t = target;
        if (t == null) {
            t = context.getRegistry().lookupByNameAndType("depositoTarget", DepositoTarget.class);
        }
        return t == null ? DepositoTarget.SOURCE_DEPOSITO : t.source();
    }
}
