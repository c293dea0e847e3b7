-- wrk script for perf/load/run.sh.
--
-- wrk itself only speaks origin-form ("GET /1k"), so to load a forward proxy the request target is set here to
-- the absolute form ("GET http://127.0.0.1:18080/1k"), which is what a browser sends to a plain-HTTP proxy
-- (RFC 9112 §3.2.2). wrk connects to the URL on its command line (the proxy) and sends this target.
--
-- Usage: wrk ... http://PROXY:PORT -- http://ORIGIN:PORT/path   (through a proxy)
--        wrk ... http://ORIGIN:PORT -- /path                    (direct)
-- On completion it prints one JSON line (prefixed "WRK_JSON ") with the counts and latency percentiles.

function init(args)
   local target = args[1] or "/"
   wrk.path = target
   local authority = target:match("^https?://([^/]+)")
   if authority then
      -- The Host header names the origin, not the proxy wrk is connected to.
      wrk.headers["Host"] = authority
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"bytes":%d,' ..
      '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,' ..
      '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"non_2xx_3xx":%d}\n',
      summary.requests, seconds, summary.requests / seconds, summary.bytes,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, latency.mean / 1000,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
