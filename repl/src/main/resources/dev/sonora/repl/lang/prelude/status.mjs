// Sonora prelude, status() (docs/api.md, "Files, status, console"): the server's load and counts.
import { round } from './builtins.mjs';
import { B } from './bridge.mjs';
import { api } from './api.mjs';

api('status', function status() {
  const s = B.status(); // dev.sonora.server.Status, with seconds of server time
  const r1 = (x) => round(x * 10) / 10;
  return {
    cpu: r1(s.cpu), peakCpu: r1(s.peakCpu), peak: round(s.peak * 1000) / 1000, nodes: s.nodes,
    synths: s.synths, late: s.late, xruns: s.xruns, rtAllocBytes: s.rtAllocBytes, seconds: r1(s.seconds),
  };
});
