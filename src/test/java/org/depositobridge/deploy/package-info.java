/**
 * Checks of the deployment files under {@code deploy/kubernetes}: no cluster runs here, so every manifest is parsed
 * with the fabric8 Kubernetes model (unknown fields fail), cross-checked against the others and against the bridge's
 * own configuration, and the ConfigMap's properties start a real bridge.
 */
package org.depositobridge.deploy;
