package org.depositobridge.stock;

import org.depositobridge.simulator.DepositoSimulator;

/** Stock files built from the simulator's own catalogue. */
public final class StockExactlyOnceTestData {

    private StockExactlyOnceTestData() {
    }

    /** n entrada lines by product code over products 1..100; the tag makes different tests' files differ. */
    public static String entradas(DepositoSimulator sim, int n, String tag) {
        StringBuilder sb = new StringBuilder("codigo,tipo_movimiento,cantidad,motivo,referencia\n");
        for (int i = 0; i < n; i++) {
            sb.append(sim.store().product(1 + i % 100).codigo()).append(",entrada,").append(1 + i % 5)
                    .append(",").append(tag).append(",REF-").append(i).append('\n');
        }
        return sb.toString();
    }
}
