/**
 * The public {@code /health} answer of the business API: a small, unauthenticated summary built from Camel's
 * health-check registry. It reveals no internals beyond status and timestamps.
 */
package org.depositobridge.health;
