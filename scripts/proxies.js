// Crossfading proxies (docs/api.md, "Proxies"): named sounds that change without a click.
// ./sonora scripts/proxies.js   (or --render out.wav --duration 12 scripts/proxies.js)
tempo(110)

// a pad on its own bus; every change below crossfades to the new graph
ndef('pad', ({cutoff = 900}) => saw(55).rlpf(cutoff, 0.3).mul(0.12).pan(0))
ndef('pad').fadeTime = 2
ndef('pad').quant = 4            // changes start on the next 4-beat line

// a second proxy reads the first: it is kept after it in the node order
ndef('verb', () => in(ndef('pad')).reverb(0.6, 0.8, 0.4).mul(0.5))
ndef('pad').stop(0.01)           // hear the pad only through the reverb ...
at(4, () => ndef('pad').play())  // ... then dry too, fading in

// controls are kept across redefinitions; xset crossfades to new values
at(6, () => ndef('pad').set({cutoff: 1600}))
at(8, () => ndef('pad', ({cutoff = 900}) => pulse(55, 0.3).rlpf(cutoff, 0.3).mul(0.12).pan(0)))
at(12, () => ndef('pad').xset({cutoff: 500}))

// redefined from a loop: a new chord every 4 beats, each one crossfaded on the bar
ndef('chord').fadeTime = 1
loop('chords', 4, (beat) => {
  const root = [48, 53, 55, 50][(beat / 4) % 4]
  ndef('chord', () => mix([0, 4, 7].map((i) => sine(midicps(root + i)))).mul(0.05).pan(0))
})

at(18, () => console.log(ndefs()))
at(20, () => hush())             // every proxy fades out over its own fadeTime
