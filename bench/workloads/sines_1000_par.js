// sines_1000 (bench/workloads/sines_1000.js) split in two: the first 500 voices in one group,
// the last 500 in another, both inside one parallel group, so the two halves may render on two
// cores at once (issue 14, item 3). The same voices, levels and frequencies as sines_1000.
//   ./sonora --render /tmp/sines_1000_par.wav --duration 60 bench/workloads/sines_1000_par.js
//   ./sonora --workers 0 --render ...   the same tree on the audio thread alone
def('sine_voice', ({freq = 440, amp = 0.1}) => sine(freq).mul(amp))
const N = 1000
const both = group({parallel: true, tail: defaultGroup()})
const halves = [group({tail: both}), group({tail: both})]
for (let i = 0; i < N; i++) synth('sine_voice', {freq: 100 + 1900 * i / N, amp: 0.5 / N}, {tail: halves[i < N / 2 ? 0 : 1]})
