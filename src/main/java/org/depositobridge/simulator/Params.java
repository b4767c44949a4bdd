package org.depositobridge.simulator;

import io.vertx.core.MultiMap;

/** Query parameters of one request (first value wins, as in FastAPI for scalar parameters). */
final class Params {

    private final MultiMap map;

    Params(MultiMap map) {
        this.map = map;
    }

    String get(String name) {
        return map.get(name);
    }
}
