// A slow drone: detuned saws and sines that swell and drift.
//   ./sonora scripts/drone.js          (live; hush() or Ctrl-D to stop)
//   ./sonora --render drone.wav --duration 20 scripts/drone.js

// One voice: two saws a few cents apart beat against each other; a sine adds body.
// The amplitude breathes with a very slow LFO whose speed is a control.
def('drone', ({freq = 55, amp = 0.1, breath = 0.07, pos = 0, fade = 6}) =>
  mix(saw(freq), saw(freq.mul(1.004)), sine(freq.mul(2)).mul(0.6))
    .lpf(sine(breath.mul(0.7)).range(300, 1800))     // the filter opens and closes slowly too
    .mul(sine(breath).range(0.2, 1))
    .mul(line(0, 1, fade))
    .mul(amp)
    .pan(pos))

// A stack of fifths and octaves over A, each voice breathing at its own rate.
const root = 45 // A2
const voices = [0, 7, 12, 19, 24].map((interval, i) =>
  synth('drone', {
    freq: midicps(root + interval),
    amp: 0.09 / (1 + i * 0.4),
    breath: 0.03 + i * 0.017,
    pos: linlin(i, 0, 4, -0.6, 0.6),
    fade: 3 + i,
  }))

// A breath of filtered noise on top, very quiet, fading in slowly, in a big room.
play(() => pink().bpf(sine(0.05).range(800, 3000), 0.3).mul(sine(0.05).range(0.01, 0.06)).mul(line(0, 1, 8))
  .reverb(0.6, 0.9, 0.3))

console.log('drone:', voices.length, 'voices;', 'try voices[0].set({freq: 50})')
