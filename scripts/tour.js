// A tour of Sonora. Run it:   ./sonora scripts/tour.js
// or hear it as a file:       ./sonora --render tour.wav --duration 8 scripts/tour.js
// Every line here also works typed at the sonora> prompt.

// 1. A synth definition. The destructured parameters are the controls: their names and
//    defaults. The function returns a signal; mono goes to both speakers, .pan(pos) places it.
def('bass', ({freq = 55, amp = 0.25, cutoff = 900, gate = 1}) =>
  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.3, 0.6, 0.8, gate)).mul(amp).pan(0))

// 2. Start one. synth() returns a node handle that prints as Node(1000 'bass').
const bass = synth('bass', {freq: 55})
console.log('playing', bass, 'with id', bass.id)

// 3. Change controls at any time, any subset.
bass.set({amp: 0.2, cutoff: 1400})

// 4. Numbers and signals mix freely: sine(0.25) is a slow wobble (an LFO), and
//    .range(lo, hi) maps its -1..1 onto the values you want. JS has no operator
//    overloading, so arithmetic on signals is spelled with methods: freq.mul(1.5), not freq * 1.5.
def('pad', ({freq = 220, amp = 0.08}) =>
  mix(sine(freq), sine(freq.mul(1.5)).mul(0.5), saw(freq.div(2)).mul(0.2))
    .mul(sine(0.25).range(0.3, 1))
    .mul(line(0, 1, 2))          // a two-second fade-in
    .mul(amp)
    .pan(sine(0.1).mul(0.6)))    // drifting left and right

// 5. Groups hold and order nodes: {tail: voices} puts the pad last in the group `voices`.
const voices = group()
const pad = synth('pad', {freq: midicps(57)}, {tail: voices})

// 6. Effects chain like everything else (.lpf, .rlpf, .delay, .reverb, .limit, .tanh).
//    Envelopes end their synth: perc() frees the node when it is done, and onEnd runs
//    your function then. Chaining onEnd makes a little melody without a clock.
def('pluck', ({freq = 440, amp = 0.15, dur = 0.25, pos = 0}) =>
  saw(freq).lpf(freq.mul(4)).mul(perc(0.005, dur)).mul(amp).pan(pos).reverb(0.3, 0.6))

const notes = [69, 72, 76, 79, 76, 72]
let step = 0
function nextNote() {
  if (step >= 24) return bass.release()     // gate = 0: the adsr releases, then the node ends
  const n = notes[step % notes.length]
  step++
  synth('pluck', {freq: midicps(n), pos: rand(-0.7, 0.7)}, {head: voices}).onEnd(nextNote)
}
nextNote()

// 7. play() is def + synth in one go, for quick sounds. A def may also return [left, right].
play(() => [noise().mul(perc(0.001, 0.08)).mul(0.1), pink().mul(perc(0.001, 0.12)).mul(0.1)])

// 8. At the prompt: status() tells how the server is doing (cpu, peak, nodes, late, xruns,
//    rtAllocBytes), help() shows more, hush() silences everything, Ctrl-D quits.
