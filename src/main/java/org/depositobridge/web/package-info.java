/**
 * The dashboard page the bridge serves at {@code /} on the API port (docs/dashboard.md): its files, packed in the jar
 * under {@code web/} (and the chart library from its webjar), answered with a strict Content-Security-Policy, ETag and
 * gzip by {@link org.depositobridge.web.DashboardPage}. The page signs in through {@code /api/session}
 * ({@link org.depositobridge.security.SessionCookie}) and reads the same {@code /api} datasets as any other client.
 */
package org.depositobridge.web;
