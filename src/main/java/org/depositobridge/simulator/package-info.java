/**
 * The embedded deposito simulator: a real HTTP server on loopback that speaks the deposito contract
 * (docs/deposito-api.md) over realistic, seeded Argentine-minimarket data, with JWT auth, live activity and
 * fault injection. It is the bridge's target when {@code deposito.url} is unset and the fixture every
 * integration test and benchmark talks to. Entry points: {@link org.depositobridge.simulator.DepositoSimulator}
 * (Java), {@link org.depositobridge.simulator.SimulatorMain} (standalone) and
 * {@link org.depositobridge.simulator.SimulatorConfiguration} (embedded in the bridge).
 */
package org.depositobridge.simulator;
