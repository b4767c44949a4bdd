package org.depositobridge.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-client token buckets: {@code limit} requests per {@code window}, refilled greedily. Client state lives in
 * a Caffeine cache bounded by {@code maxClients} (least recently used clients are evicted) and expiring after
 * an idle window, so a flood of distinct clients cannot grow memory. An evicted client simply starts again
 * with a full bucket.
 */
public final class RateLimiter {

    private final long limit;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(long limit, Duration window, long maxClients) {
        if (limit < 1 || window.isZero() || window.isNegative() || maxClients < 1) {
            throw new IllegalArgumentException("rate limit, window and max clients must be positive");
        }
        this.limit = limit;
        this.window = window;
        this.buckets = Caffeine.newBuilder().maximumSize(maxClients).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** Takes one request from the client's bucket; 0 when admitted, else the seconds to wait (at least 1). */
    public long tryAcquire(String clientId) {
        return tryAcquire(clientId, limit);
    }

    /**
     * As {@link #tryAcquire(String)} with a bucket of {@code ownLimit} requests per window: an endpoint with its own
     * limit passes a key of its own (endpoint and client), held in the same bounded cache as every other client.
     */
    public long tryAcquire(String key, long ownLimit) {
        Bucket bucket = buckets.get(ownLimit == limit ? key : ownLimit + "/" + key, id -> newBucket(ownLimit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket newBucket(long limit) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, window).build()).build();
    }

    /** Clients currently held (after pending evictions are applied). */
    public long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
