// Sonora's own default kit, made by Sonora: scripts/make-samples.sh renders each voice with
//   ./sonora --render samples/<bank>/00_<name>.wav --duration D scripts/make-samples.js -e "kit('bd')"
// Run on its own, this script plays a short preview loop of the kit's colours.
def('bd', ({ amp = 0.9 }) => sine(line(160, 45, 0.12)).mul(perc(0.002, 0.42)).mul(amp))
def('sn', ({ amp = 0.6 }) => mix(noise().bpf(1800, 0.9).mul(perc(0.001, 0.2)),
  sine(185).mul(perc(0.001, 0.09)).mul(0.6)).mul(amp))
def('hh', ({ amp = 0.35 }) => noise().hpf(7500).mul(perc(0.001, 0.05)).mul(amp))
def('cp', ({ amp = 0.7 }) => mix(noise().bpf(1150, 0.6).mul(perc(0.0005, 0.011)).delay(0.009, 0.55),
  noise().bpf(1300, 0.8).mul(perc(0.004, 0.18)).mul(0.5)).mul(amp))
def('tone', ({ freq = 220, amp = 0.4 }) => saw(freq).rlpf(line(3200, 350, 0.35), 0.3).mul(perc(0.004, 0.6)).mul(amp))

const KIT = { bd: 0.5, sn: 0.35, hh: 0.15, cp: 0.4, tone: 0.8 } // seconds each file lasts
globalThis.kit = (name) => {
  if (!(name in KIT)) throw new Error(`kit: no voice '${name}' (voices: ${Object.keys(KIT).join(', ')})`)
  return synth(name)
}

// preview (when run on its own): hats and a low ring, the colours of the kit
play(() => mix(impulse(6).mul(0.9).hpf(6000).rlpf(9000, 0.2), impulse(2).rlpf(55, 0.02).mul(0.6),
  saw(110).rlpf(700, 0.4).mul(0.05)).limit(0.8))
