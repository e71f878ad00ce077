// The peer workload fx_chain as a Sonora script: 20 subtractive voices (as subtractive_200,
// amp 0.4) into a stereo bus, then Freeverb (mix 0.33, room 0.8, damp 0.5) and a limiter at
// 0.9 (lookahead 10 ms) to the main output, after the voices.
//   ./sonora --render /tmp/fx_chain.wav --duration 60 bench/workloads/fx_chain.js
const fx = bus.audio(2)
def('sub', ({freq = 110, cutoff = 1000, pan = 0, amp = 0.1, gate = 1}) =>
  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.1, 0.7, 0.3, gate)).pan(pan, amp).out(fx))
const N = 20
for (let i = 0; i < N; i++) {
  const freq = 55 * Math.pow(2, (i % 48) / 12)
  synth('sub', {freq, cutoff: 4 * freq + 200, pan: -1 + 2 * i / (N - 1), amp: 0.4}, {tail: defaultGroup()})
}
play(() => in(fx).reverb(0.33, 0.8, 0.5).limit(0.9, 0.01), {}, {tail: defaultGroup()})
