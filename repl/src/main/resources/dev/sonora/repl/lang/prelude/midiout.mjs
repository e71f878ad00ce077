// Sonora prelude, MIDI out and MIDI clock (docs/api.md, "MIDI out"): midi.outputs, midi.out,
// midi.clock, over dev.sonora.repl.midi.MidiOutBridge (handed to connect() by JsHost).
// What timed code sends (loops, patterns, at) leaves when its sample plays, not when JS ran.
import { setProto, isInteger, isFiniteNumber, slice, defineProp } from './builtins.mjs';
import { guard, rawBridge } from './bridge.mjs';
import { members, fail } from './api.mjs';
import { Shown, describe, show } from './show.mjs';
import { onHush } from './synths.mjs';
import { topic } from './help.mjs';
import { midi } from './midi.mjs';

let O = null; // the MIDI out bridge, guarded

export function connect(outBridge) {
  O = guard(outBridge);
  O.attach(rawBridge); // timed code's messages carry their event's sample
}

function byte(x, what, lo, hi) {
  if (!isInteger(x) || x < lo || x > hi) fail(`${what}: expected a whole number ${lo}..${hi}, got ${describe(x)}`);
  return x;
}
const channel = (ch, what) => byte(ch, `${what}: channel`, 1, 16) - 1;

class MidiOutput extends Shown {
  constructor(id) {
    super();
    defineProp(this, '__id', { value: id });
    this.name = O.name(id);
  }
  // a note-on now (at the event's time in timed code) and its note-off `beats` later
  note(note, vel = 100, beats = 1, ch = 1) {
    const what = `${this}.note`;
    byte(note, `${what}: note`, 0, 127);
    byte(vel, `${what}: velocity`, 1, 127);
    if (typeof beats !== 'number' || !isFiniteNumber(beats) || beats <= 0) fail(`${what}: length in beats is a positive number, got ${describe(beats)}`);
    O.note(this.__id, channel(ch, what), note, vel, beats);
    return this;
  }
  on(note, vel = 100, ch = 1) {
    const what = `${this}.on`;
    O.send(this.__id, 0x90 | channel(ch, what), byte(note, `${what}: note`, 0, 127), byte(vel, `${what}: velocity`, 0, 127));
    return this;
  }
  off(note, vel = 0, ch = 1) {
    const what = `${this}.off`;
    O.send(this.__id, 0x80 | channel(ch, what), byte(note, `${what}: note`, 0, 127), byte(vel, `${what}: velocity`, 0, 127));
    return this;
  }
  cc(n, value, ch = 1) {
    const what = `${this}.cc`;
    O.send(this.__id, 0xB0 | channel(ch, what), byte(n, `${what}: controller`, 0, 127), byte(value, `${what}: value`, 0, 127));
    return this;
  }
  // 0..16383, 8192 = centre (as midi.on('bend') reads it)
  bend(value, ch = 1) {
    const what = `${this}.bend`;
    byte(value, `${what}: value (8192 = centre)`, 0, 16383);
    O.send(this.__id, 0xE0 | channel(ch, what), value & 127, value >> 7);
    return this;
  }
  program(n, ch = 1) {
    const what = `${this}.program`;
    O.send(this.__id, 0xC0 | channel(ch, what), byte(n, `${what}: program`, 0, 127), 0);
    return this;
  }
  panic() { O.panic(this.__id); return this; }
  status() { const s = O.outStatus(this.__id); return { name: s.name, sent: s.sent, failed: s.failed }; }
  toString() { return `MidiOut('${this.name}')`; }
}

function out(name) {
  if (typeof name !== 'string') fail(`midi.out: which output? a part of its name, like midi.out('synth') (outputs: ${show(slice(O.outputs(), 0), 0)})`);
  return new MidiOutput(O.open(name));
}

function nameArg(name, what) {
  if (typeof name !== 'string') fail(`${what}: which device? a part of its name, like ${what}('iac'); got ${describe(name)}`);
  return name;
}

const clock = {
  send: function send(name) { O.clockSend(nameArg(name, 'midi.clock.send')); },
  start: function start() { O.clockStart(); },
  stop: function stop() { O.clockStop(); },
  follow: function follow(name) { return O.clockFollow(nameArg(name, 'midi.clock.follow')); },
  unfollow: function unfollow() { O.clockUnfollow(); },
  status: function status() {
    const s = O.clockStatus();
    return { sending: s.sending, pulsesSent: s.pulsesSent, pulsesLate: s.pulsesLate, following: s.following, bpm: s.bpm, running: s.running,
      position: s.position, pulsesHeard: s.pulsesHeard, alignments: s.alignments };
  },
  toString() { return 'midi.clock'; },
};
setProto(clock, Shown.prototype);

midi.outputs = function outputs() { return slice(O.outputs(), 0); };
midi.out = out;
midi.clock = clock;
members('outputs', 'out', 'note', 'bend', 'program', 'panic', 'clock', 'send', 'follow', 'unfollow');

onHush(() => O.hush()); // note-offs for every sounding note; a clock being sent gets a Stop

topic('midiout', `MIDI out and MIDI clock (channels are 1..16)
  midi.outputs()   const o = midi.out('synth')   a part of the name is enough
  o.note(60, 100, 0.5, 1)   note, velocity, length in beats, channel: on now, off half a beat later
  o.on(60, 100, ch)  o.off(60, 0, ch)  o.cc(74, 64, ch)  o.bend(8192, ch)  o.program(5, ch)  o.panic()
  In loops, patterns and at, messages leave when their event's sample plays (the audio clock), not when JS ran.
  hush() ends every note a script started on every output.
  midi.clock.send('name')   24 pulses a beat at tempo(), Start on the next cycle boundary; midi.clock.start()
    sends Start again on the next boundary, midi.clock.stop() sends Stop and ends the pulses (hush() sends Stop)
  midi.clock.follow('name')   tempo() follows the clock on that input; while its song runs (after a Start or
    Continue) the beats follow it too: the next cycle boundary is bent onto its bar lines, so bars line up;
    midi.clock.status() shows {bpm, running, position}; one line when the clock stops arriving; midi.clock.unfollow()`);
