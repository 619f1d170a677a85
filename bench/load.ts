/**
 * HTTP load with autocannon: 50 connections for 20 s each on
 *   the gallery page (server-rendered HTML of the newest page) → load_gallery_p95_ms, load_rps
 *   the multi-job long poll the studio follows jobs with (20 finished ids, answered at once) → load_longpoll_*
 * load_errors counts non-2xx answers, timeouts and connection errors of both (must be 0). p95 comes from an HDR
 * histogram of every request's latency.
 */
import autocannon from "autocannon";
import hdr from "hdr-histogram-js";

const CONNECTIONS = 50;
const DURATION_S = 20;

async function hammer(url: string, cookie: string) {
  const latencies = hdr.build({
    bitBucketSize: 64,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000,
    numberOfSignificantValueDigits: 3,
  });
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { cookie },
    histograms: { latencies },
  } as autocannon.Options);
  return {
    p95: Math.round(latencies.getValueAtPercentile(95)),
    p50: Math.round(latencies.getValueAtPercentile(50)),
    rps: Math.round(result.requests.average),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export async function loadBenchmarks(options: { base: string; cookie: string; ids: string[]; report: (name: string, value: string | number) => void }) {
  const { base, cookie, ids, report } = options;
  const gallery = await hammer(`${base}/gallery`, cookie);
  report("load_gallery_p95_ms", gallery.p95);
  report("load_gallery_p50_ms", gallery.p50);
  report("load_rps", gallery.rps); // the gallery page's requests a second
  // Let the server finish what the first run left queued, so the second route is measured on its own.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const poll = await hammer(`${base}/api/generations?ids=${ids.join(",")}&wait=25000`, cookie);
  report("load_longpoll_p95_ms", poll.p95);
  report("load_longpoll_rps", poll.rps);
  report("load_errors", gallery.errors + poll.errors);
  report("load_conditions", `${CONNECTIONS} connections × ${DURATION_S} s per route, loopback, the studio and the load generator on the same 2 cores`);
}
