// A small piece in three layers: a bass line, an arpeggio and a hi-hat, each a chain of
// notes that starts the next one when the last ends (onEnd). No clock is needed: every
// note's length is its envelope, so the chains keep their own time.
//   ./sonora --render piece.wav --duration 16 scripts/piece.js

def('bass', ({freq = 55, amp = 0.3, dur = 0.45}) =>
  mix(saw(freq), sine(freq.div(2)).mul(0.8)).mul(perc(0.01, dur)).mul(amp))

def('arp', ({freq = 440, amp = 0.12, dur = 0.14, pos = 0}) =>
  mix(sine(freq), saw(freq).lpf(2500).mul(0.3)).mul(perc(0.003, dur)).mul(amp).pan(pos))

def('hat', ({amp = 0.06, dur = 0.05, pos = 0.3}) =>
  noise().hpf(7000).mul(perc(0.001, dur)).mul(amp).pan(pos))

// An echo bus: the arpeggio also goes into a delay that runs after it, in its own group.
const echoBus = bus.audio(1)
const voices = group()
const fx = group({after: voices})
def('echo', ({inBus = 0, time = 0.375, feedback = 0.45, amp = 0.5}) =>
  in(inBus).delay(time, feedback).lpf(3000).mul(amp).pan(0))
synth('echo', {inBus: echoBus}, fx)

// the arpeggio's echo send: the same note, quieter, written to the echo bus (not the speakers)
def('send', ({freq = 440, out = 0, dur = 0.14}) =>
  sine(freq).mul(perc(0.003, dur)).mul(0.1).out(out))

// A-minor, F, C, G: four bars, each a root for the bass and a chord for the arpeggio.
const bars = [
  {root: 45, chord: [57, 60, 64, 69]},
  {root: 41, chord: [53, 57, 60, 65]},
  {root: 48, chord: [55, 60, 64, 67]},
  {root: 43, chord: [55, 59, 62, 67]},
]
let bar = 0

// the bass plays four notes per bar and moves the bar forward
let bassStep = 0
function bassNote() {
  const b = bars[bar % bars.length]
  synth('bass', {freq: midicps(b.root + (bassStep % 4 === 3 ? 7 : 0))}, voices).onEnd(bassNote)
  bassStep++
  if (bassStep % 4 === 0) bar++
}

// the arpeggio climbs through the current chord, two octaves
let arpStep = 0
function arpNote() {
  const chord = bars[bar % bars.length].chord
  const note = chord[arpStep % chord.length] + 12 * (Math.floor(arpStep / chord.length) % 2)
  synth('arp', {freq: midicps(note), pos: Math.sin(arpStep * 0.7) * 0.6}, voices).onEnd(arpNote)
  synth('send', {freq: midicps(note), out: echoBus}, voices)
  arpStep++
}

// the hat alternates short and long, left and right
let hatStep = 0
function hat() {
  const open = hatStep % 4 === 2
  synth('hat', {dur: open ? 0.17 : 0.05, amp: open ? 0.05 : 0.07, pos: hatStep % 2 ? 0.4 : -0.4}, voices).onEnd(hat)
  hatStep++
}

bassNote()
arpNote()
hat()
