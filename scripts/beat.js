// beat.js — a drum-ish loop piece on the tempo clock: every hit lands on its exact sample.
// Kick, snare and hats from sine, noise and perc; a generator loop for the bass line.
tempo(124)

def('kick', ({amp = 0.45}) =>
  sine(line(150, 45, 0.08)).mul(perc(0.001, 0.35)).mul(amp))
def('snare', ({amp = 0.22}) =>
  mix(noise().hpf(1800).mul(perc(0.001, 0.18)), sine(190).mul(perc(0.001, 0.08)).mul(0.5)).mul(amp))
def('hat', ({amp = 0.15, decay = 0.04}) =>
  noise().hpf(7000).mul(perc(0.001, decay)).mul(amp))
def('bass', ({freq = 55, amp = 0.2}) =>
  saw(freq).lpf(600).mul(perc(0.005, 0.3)).mul(amp))

loop('kick', 1, (beat) => {
  synth('kick')
  if (beat % 4 === 3) at(0.75, () => synth('kick', {amp: 0.3}))   // a pickup into the next bar
})
loop('snare', 2, () => at(1, () => synth('snare')))                  // beats 2 and 4
loop('hats', 0.25, (beat) => {
  const accent = beat % 1 === 0.5
  synth('hat', {amp: accent ? 0.14 : 0.06, decay: accent ? 0.09 : 0.03})
})
loop('bass', function* () {
  for (const n of [33, 33, 45, 33, 36, 33, 43, 31]) {
    synth('bass', {freq: midicps(n)})
    yield 0.5
  }
})
