// lang-lag.js: the soak set (bench/soak-set.js) on any driver, plus a light loop every sixteenth
// that notes how far apart its steps run beyond their 109 ms: the Lang thread's stalls, measured
// without adding load. After 150 s it prints one 'LAG ...' line (the first 100 steps left out:
// start-up). With the launcher's java command (SONORA_VERBOSE=1 prints it), with and without an
// option, it compares JVM settings (docs/performance.md, "the heap's growth"), e.g.
//   ./sonora --no-repl --driver null --duration 152 bench/lang-lag.js
// (run from the project's folder: the MIDI file and samples are found from there)
globalThis.SOAK_MIDI = '../shared/testdata/midi/test-2-tracks-type-1.mid'
globalThis.SOAK_SAMPLES = 'samples'
load('soak-set.js')
const gaps = []
let last = 0
loop('lag', 0.25, () => {
  const t = Date.now()
  if (last) gaps.push(t - last - 60000 / 137 / 4)
  last = t
})
at(68.5 * 5 - 1, () => {
  const s = gaps.slice(100).sort((a, b) => a - b)
  const q = (p) => Math.round(s[Math.floor(p * (s.length - 1))])
  console.log(`LAG steps ${s.length} p50 ${q(0.5)} p99 ${q(0.99)} p999 ${q(0.999)} max ${q(1)} ` +
    `over40 ${s.filter((x) => x > 40).length} over80 ${s.filter((x) => x > 80).length}; timing ${JSON.stringify(timing())}`)
})
