/**
 * Talking to the deposito: its records as the bridge reads them, the immutable snapshot the pollers publish,
 * the service token, and the beans the {@code routes/deposito-*.camel.yaml} routes call; {@link
 * org.depositobridge.deposito.DepositoLists} keeps the raw lists of pollers added in YAML alone.
 */
package org.depositobridge.deposito;
