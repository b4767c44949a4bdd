/**
 * The edge of the dashboard API: who may call it ({@link org.depositobridge.security.ApiAuthenticator}: API keys
 * compared in constant time, or HS256 bearer JWTs), how often ({@link org.depositobridge.security.RateLimiter}:
 * Bucket4j buckets per client in a bounded Caffeine cache), and what every response carries
 * ({@link org.depositobridge.security.HttpEdge}: request ids, security headers, JSON 404/405/500). Keys and
 * tokens never reach a log line or a metric.
 */
package org.depositobridge.security;
