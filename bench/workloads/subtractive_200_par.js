// subtractive_200 (bench/workloads/subtractive_200.js) split in two: voices 0-99 in one group,
// 100-199 in another, both inside one parallel group, so the halves may render on two cores at
// once (issue 14, item 3). The same voices as subtractive_200.
//   ./sonora --render /tmp/subtractive_200_par.wav --duration 60 bench/workloads/subtractive_200_par.js
def('sub', ({freq = 110, cutoff = 1000, pan = 0, amp = 0.1, gate = 1}) =>
  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.1, 0.7, 0.3, gate)).pan(pan, amp))
const N = 200
const both = group({parallel: true, tail: defaultGroup()})
const halves = [group({tail: both}), group({tail: both})]
for (let i = 0; i < N; i++) {
  const freq = 55 * Math.pow(2, (i % 48) / 12)
  synth('sub', {freq, cutoff: 4 * freq + 200, pan: -1 + 2 * i / (N - 1), amp: 0.5 / N}, {tail: halves[i < N / 2 ? 0 : 1]})
}
