// soak-set.js: the stage-like set bench/soak.sh plays live (issue 12): the subtractive_200
// workload as a drone, a 137 bpm loop of kit samples every eighth and a short synth every
// sixteenth, a MIDI file played into a handler, JS garbage every beat, the sample bank loaded
// again every 30 s, and (from soak.sh) a recording to disk. Every 16 beats it prints one
// 'soak-status {...}' line; soak.sh keeps the last.
tempo(137)

// the 200 voices of peers' subtractive_200: Saw > RLPF > ADSR > Pan2, gate held
def('sub', ({freq = 110, cutoff = 640, pan = 0, amp = 0.0025, gate = 1}) =>
  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.1, 0.7, 0.3, gate)).mul(amp).pan(pan))
// with SOAK_PARALLEL (soak.sh), two halves in a parallel group, one per core (issue 14)
const both = globalThis.SOAK_PARALLEL ? group({parallel: true}) : null
const halves = both ? [group({tail: both}), group({tail: both})] : null
for (let i = 0; i < 200; i++) {
  const f = 55 * Math.pow(2, (i % 48) / 12)
  synth('sub', {freq: f, cutoff: 4 * f + 200, pan: -1 + 2 * i / 199, amp: 0.5 / 200}, halves ? {tail: halves[i < 100 ? 0 : 1]} : undefined)
}

// kit every eighth, a short synth every sixteenth
def('blip', ({freq = 880, amp = 0.05}) => sine(freq).mul(perc(0.001, 0.06)).mul(amp).pan(0))
const kit = ['bd', 'hh', 'sn', 'hh']
let eighth = 0
loop('kit', 0.5, () => sample(kit[eighth++ % 4], {amp: 0.5}))
loop('blips', 0.25, () => synth('blip', {freq: choose([660, 880, 990, 1320])}))

// a MIDI file into a handler, started again whenever it ends
midi.on('noteon', (note, vel) => synth('blip', {freq: midicps(note), amp: vel / 127 * 0.04}))
let song = null
loop('song', 4, () => { if (globalThis.SOAK_MIDI && (song === null || !song.playing)) song = midi.play(globalThis.SOAK_MIDI) })

// garbage: a 100 000-element array built and dropped every beat
loop('garbage', 1, () => {
  const junk = new Array(100000)
  for (let i = 0; i < junk.length; i++) junk[i] = {i}
  globalThis.kept = junk.length
})

// the sample bank again every 30 s (68.5 beats at 137 bpm)
loop('bank', 68.5, () => samples(globalThis.SOAK_SAMPLES || 'samples'))

loop('report', 16, () => console.log('soak-status ' + JSON.stringify(Object.assign(status(), {timing: timing()}))))
