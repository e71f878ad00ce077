// The peer workload sines_1000 (../shared/peers/README.md) as a Sonora script:
// 1000 sine voices, freq = 100 + 1900 i/N Hz, amp = 0.5/N, mono to both sides.
//   ./sonora --render /tmp/sines_1000.wav --duration 60 bench/workloads/sines_1000.js
def('sine_voice', ({freq = 440, amp = 0.1}) => sine(freq).mul(amp))
const N = 1000
for (let i = 0; i < N; i++) synth('sine_voice', {freq: 100 + 1900 * i / N, amp: 0.5 / N}, {tail: defaultGroup()})
