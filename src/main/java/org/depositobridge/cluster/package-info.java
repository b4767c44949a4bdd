/**
 * Several replicas, one writer: Camel's leader election (a {@link org.apache.camel.impl.cluster.ClusteredRoutePolicy}
 * over a file-lock or Kubernetes Lease cluster service) for the routes that write, the scheduled report drops and the
 * stock-update inbox. Everything else (polling, datasets, API) runs on every replica. docs/scaling.md.
 */
package org.depositobridge.cluster;
