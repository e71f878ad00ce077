// The peer workload subtractive_200 as a Sonora script: 200 voices of
// Saw > RLPF(rq 0.3) > ADSR(0.01, 0.1, 0.7, 0.3), gate held > Pan2 (level amp); the pitch
// cycles over 4 octaves from A1, cutoff = 4 freq + 200, pans spread from -1 to 1.
//   ./sonora --render /tmp/subtractive_200.wav --duration 60 bench/workloads/subtractive_200.js
def('sub', ({freq = 110, cutoff = 1000, pan = 0, amp = 0.1, gate = 1}) =>
  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.1, 0.7, 0.3, gate)).pan(pan, amp))
const N = 200
for (let i = 0; i < N; i++) {
  const freq = 55 * Math.pow(2, (i % 48) / 12)
  synth('sub', {freq, cutoff: 4 * freq + 200, pan: -1 + 2 * i / (N - 1), amp: 0.5 / N}, {tail: defaultGroup()})
}
