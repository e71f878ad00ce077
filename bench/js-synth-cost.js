// What one synth() call costs the Lang thread's (interpreted) JavaScript, by the shape of the call.
// 12 000 calls in batches of 40, the shapes taking turns batch by batch; each shape's mean over
// its last two thirds (the first third runs while the JIT compiles the interpreter):
//   ./sonora --render /tmp/x.wav --duration 15.2 bench/js-synth-cost.js
def('perc_voice', ({freq = 440, amp = 0.1}) => sine(freq).mul(perc(0.001, 0.2, amp)))
tempo(120)
const g = defaultGroup()
const shapes = {
  'a bare loop step': () => {},
  "synth('perc_voice')": () => synth('perc_voice'),
  "synth('perc_voice', {freq})": (f) => synth('perc_voice', {freq: f}),
  "synth('perc_voice', {freq}, {tail: g})": (f) => synth('perc_voice', {freq: f}, {tail: g}),
}
const names = Object.keys(shapes)
const ms = names.map(() => 0), calls = names.map(() => 0)
let batch = 0, k = 0
loop('batch', 0.1, () => {
  const s = batch % names.length, late = batch >= 100
  const t0 = Date.now()
  for (let i = 0; i < 40; i++) shapes[names[s]](220 * Math.pow(2, ((k++ * 7) % 24) / 12))
  if (late) { ms[s] += Date.now() - t0; calls[s] += 40 }
  if (++batch === 300) names.forEach((n, j) => console.log(`${n}: ${(ms[j] * 1000 / calls[j]).toFixed(1)} us per call (${calls[j]} calls)`))
})
