#!/usr/bin/env python3
"""Where the API request path spends its CPU, from a JFR recording's execution samples.

    jfr print --json --events jdk.ExecutionSample rec.jfr | bench/jfr-api-breakdown.py

Only samples of threads serving HTTP (Vert.x event loops and worker threads) are counted. Each such sample is put
in the first bucket (in the order below) whose marker appears anywhere in its stack, i.e. the figures are
inclusive of what a bucket calls, and every sample counts once. The HTTP edge's handlers are the exception: they
call the rest of the request (ctx.next()), so a sample counts for the edge only when no such hand-on lies between
it and the top of the stack. Also prints the top self-time methods.
"""
import collections
import json
import sys

# (bucket, substrings of "class.method" that put a sample in it); first match wins, so specific buckets come first
BUCKETS = [
    ("guard: API key hash (SHA-256)", ["ApiKeys.match", "ApiKeys.sha256"]),
    ("guard: rate-limit bucket (Bucket4j + Caffeine)", ["RateLimiter."]),
    ("guard: rest of ApiGuard", ["ApiGuard."]),
    ("dataset bean (prepared bytes, ETag, headers)", ["org.depositobridge.dataset."]),
    ("HTTP edge (request id, security headers, gate)", ["org.depositobridge.security.HttpEdge", "StartupGate"]),
    ("Camel backlog debugger (standby)", ["BacklogDebugger", "DefaultBacklogDebugger", "BacklogDebuggerAdvice",
                                          "DebuggerAdvice", "DefaultDebugger"]),
    ("Camel backlog tracer (standby)", ["BacklogTracer", "BacklogTracerAdvice"]),
    ("Camel message history", ["MessageHistory"]),
    ("Camel JMX statistics (performance counters)", ["ManagedPerformanceCounter", "InstrumentationProcessor",
                                                      "ManagedCounter", "LoadTriplet", "ManagedRoute"]),
    ("Camel route policy (Micrometer timers/counters)", ["MicrometerRoutePolicy", "io.micrometer."]),
    ("Camel MDC", ["MDCUnitOfWork", "org.slf4j.MDC", "ch.qos.logback.classic.util.LogbackMDCAdapter"]),
    ("Camel bean binding / invocation", ["org.apache.camel.component.bean."]),
    ("platform-http header/body mapping (request/response)", ["VertxPlatformHttpSupport", "HttpMessage",
                                                              "HeaderFilterStrategy", "VertxPlatformHttpConsumer.toExchange",
                                                              "populateCamelHeaders", "writeResponse", "toHttpResponse"]),
    ("Camel exchange routing (pipeline, unit of work, direct)", ["org.apache.camel."]),
    ("Vert.x/Netty HTTP + socket I/O", ["io.vertx.", "io.netty."]),
]


# the bridge's own Vert.x handlers in front of Camel's, and the calls by which they hand the request on
EDGE = ["org.depositobridge.security.HttpEdge", "StartupGate"]
PASS_ON = ["RoutingContextImpl.next", "RoutingContextWrapper.next", "RoutingContextImplBase.iterateNext"]


def frame_name(f):
    m = f.get("method", {})
    t = m.get("type", {})
    return "%s.%s" % (t.get("name", "?"), m.get("name", "?"))


def main():
    data = json.load(sys.stdin)
    events = data["recording"]["events"]
    counts = collections.Counter()
    selfs = collections.Counter()
    total = 0
    other_threads = 0
    for e in events:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or ""
        if "vert.x" not in thread and "eventloop" not in thread.lower():
            other_threads += 1
            continue
        frames = [frame_name(f) for f in (v.get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        total += 1
        selfs[frames[0]] += 1
        # the HTTP edge and the start-up gate are Vert.x handlers that pass the request on with ctx.next(): below
        # that call (nearer the top of the stack) runs the rest of the request, platform-http and Camel included,
        # so only what runs above no such call is the edge's own work
        cut = len(frames)
        for i, f in enumerate(frames):
            if any(m in f for m in PASS_ON):
                cut = i
                break
        joined = "\n".join(frames[:cut])
        if not any(m in joined for m in EDGE):
            joined = "\n".join(f for f in frames if not any(m in f for m in EDGE))
        for bucket, markers in BUCKETS:
            if any(m in joined for m in markers):
                counts[bucket] += 1
                break
        else:
            counts["other (JDK, GC barriers, ...)"] += 1
    print("samples on HTTP threads: %d (other threads: %d)" % (total, other_threads))
    print("| where | samples | share |")
    print("|---|---:|---:|")
    for bucket, n in counts.most_common():
        print("| %s | %d | %.1f %% |" % (bucket, n, 100.0 * n / max(total, 1)))
    print()
    print("top self-time methods:")
    for name, n in selfs.most_common(25):
        print("  %5.1f %%  %s" % (100.0 * n / max(total, 1), name))


if __name__ == "__main__":
    main()
