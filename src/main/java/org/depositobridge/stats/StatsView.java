package org.depositobridge.stats;

import java.util.Map;

/**
 * What {@code /api/stats} serves: the deposito-call statistics as a JSON-ready map. The dataset package depends on
 * this view only; {@link StatsRecorder} is the implementation the composition root hands it.
 */
@FunctionalInterface
public interface StatsView {

    Map<String, Object> snapshot();
}
