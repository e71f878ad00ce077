// The peer workload notes_stream as a Sonora script: a percussive sine note every 5 ms
// (12 000 in 60 s), perc(0.001, 0.2) at amp 0.1, each ending (and freed) with its envelope;
// note k plays 220 * 2^(((7k) mod 24) / 12) Hz.
//   ./sonora --render /tmp/notes_stream.wav --duration 60 bench/workloads/notes_stream.js
def('perc_voice', ({freq = 440, amp = 0.1}) => sine(freq).mul(perc(0.001, 0.2, amp)))
tempo(120)                        // 0.01 beats = 5 ms
let k = 0
loop('notes', 0.01, () => {
  synth('perc_voice', {freq: 220 * Math.pow(2, ((k * 7) % 24) / 12)}, {tail: defaultGroup()})
  k++
})
