// The peer workload sines_500 (../shared/peers/README.md) as a Sonora script:
// 500 sine voices, freq = 100 + 1900 i/N Hz, amp = 0.5/N, mono to both sides.
//   ./sonora --render /tmp/sines_500.wav --duration 60 bench/workloads/sines_500.js
def('sine_voice', ({freq = 440, amp = 0.1}) => sine(freq).mul(amp))
const N = 500
for (let i = 0; i < N; i++) synth('sine_voice', {freq: 100 + 1900 * i / N, amp: 0.5 / N}, {tail: defaultGroup()})
