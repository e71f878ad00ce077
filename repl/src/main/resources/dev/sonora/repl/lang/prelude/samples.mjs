// Sonora prelude, samples, buffers, streaming and recording (docs/api.md, "Samples, buffers,
// streams, recording"), over dev.sonora.repl.samples.SamplesBridge (handed to connect() by JsHost).
import { Function, Number, objectKeys, includes, isFiniteNumber, isInteger, regexExec, toFixed, slice, strSlice, strIndexOf } from './builtins.mjs';
import { B, guard } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe, quote } from './show.mjs';
import { callUnit } from './signals.mjs';
import { def, synth, play } from './synths.mjs';
import { topic } from './help.mjs';

// the slowest playback of a sample or stream: 100 times slower than recorded
const MIN_RATE = 0.01;

let S = null; // the samples bridge, guarded

export function connect(samplesBridge) {
  S = guard(samplesBridge);
}

// ---------------------------------------------------------------- buffers

class Buffer extends Shown {
  constructor(slot, name) {
    super();
    this.slot = slot;
    this.name = name;
  }
  get loaded() { return S.state(this.slot) === 'ready'; }
  valueOf() { return this.slot; }
  toString() { return `Buffer(${this.slot} ${quote(this.name)}${this.loaded ? '' : ', loading'})`; }
}
members('slot', 'loaded');

api('buffer', function buffer(path) {
  if (typeof path !== 'string') fail(`buffer: expected a file path, like buffer('kick.wav'), got ${describe(path)}`);
  const b = S.load(path); // {slot, name}
  return new Buffer(b.slot, b.name);
});

// playbuf(b): a buffer handle plays its slot (numbers and signals still work)
const slotOf = (b) => (b instanceof Buffer ? b.slot : b);
api('playbuf', function playbuf(b, rate, loop, begin, end) {
  if (b === undefined) fail("playbuf: which buffer? e.g. playbuf(buffer('kick.wav')) or playbuf(b, 1.5, true)");
  return callUnit('playbuf', [slotOf(b), rate, loop, begin, end]);
});

// ---------------------------------------------------------------- samples

// one def per channel count: mono files are placed with pan, stereo ones balanced. Built from
// text (new Function): a def reads its controls from the function's source, and functions of
// this internal module do not show theirs. Every sample() passes buf, rate, amp, pan, begin and
// end (the part of the file, as fractions of its length: a pattern's chop sets them).
const defs = { mono: '__sample1', stereo: '__sample2' };
def(defs.mono, new Function('c', 'return playbuf(c.buf, c.rate, 0, c.begin, c.end).channel(0).pan(c.pan).mul(c.amp)'));
// stereo: pan on a stereo signal is a balance (left and right kept apart, one side turned down)
def(defs.stereo, new Function('c', 'return playbuf(c.buf, c.rate, 0, c.begin, c.end).pan(c.pan, c.amp)'));

function sampleArgs(name, opts, what) {
  if (typeof name !== 'string' || name === '') fail(`${what}: the first argument is a bank name, like ${what}('bd')`);
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    fail(`${what}: options are an object like {n: 1, rate: 1.5, amp: 0.8, pan: -0.3}, got ${describe(opts)}`);
  }
  const o = opts || {};
  let bank = name;
  let n = o.n === undefined ? 0 : o.n;
  const m = regexExec(/^(.*):(\d+)$/, name);
  if (m) { bank = m[1]; n = Number(m[2]); }
  // 'bd:x' or 'bd:-1' was looked up as a bank of that whole name ("no bank 'bd:x'")
  else if (regexExec(/^[^:]+:/, name)) fail(`${what}: '${name}': after ':' comes the file's number in the bank, like '${strSlice(name, 0, strIndexOf(name, ':'))}:1'`);
  if (!isInteger(n)) fail(`${what}: n is a whole number (file n of the bank), got ${describe(n)}`);
  const controls = { rate: 1, amp: 1, pan: 0, begin: 0, end: 1 };
  const CONTROLS = ['rate', 'amp', 'pan', 'begin', 'end'];
  for (let i = 0; i < CONTROLS.length; i++) {
    const k = CONTROLS[i];
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'number' || !isFiniteNumber(o[k])) fail(`${what}: ${k} is ${describe(o[k])}, not a finite number`);
    controls[k] = o[k];
  }
  // a sample ends when its play-through does: at rate 0 it would hold its first sample, and its node stay, for ever
  if (controls.rate === 0) fail(`${what}: rate 0 never reaches the end; 1 is as recorded, 0.5 an octave down, -1 backwards`);
  // nor in any time that matters below a hundredth (1e-9 held a level on the output for ever)
  if (controls.rate > -MIN_RATE && controls.rate < MIN_RATE) fail(`${what}: rate ${controls.rate} is too slow to reach the end: at least ${MIN_RATE} either way`);
  if (controls.begin < 0 || controls.end > 1 || controls.begin >= controls.end) {
    fail(`${what}: begin and end are the part to play, fractions of the file with 0 <= begin < end <= 1, like {begin: 0.25, end: 0.5}; got ${controls.begin} and ${controls.end}`);
  }
  const given = objectKeys(o);
  for (let i = 0; i < given.length; i++) {
    if (!includes(['n', 'rate', 'amp', 'pan', 'begin', 'end'], given[i])) fail(`${what}: no option '${given[i]}' (options: n, rate, amp, pan, begin, end)`);
  }
  return { bank, n, controls };
}

export function sample(name, opts) {
  const { bank, n, controls } = sampleArgs(name, opts, 'sample');
  const e = S.resolve(bank, n); // {slot, channels, ready, failed, file}
  if (e.failed) fail(`sample('${bank}'): ${e.file} could not be loaded`);
  controls.buf = e.slot;
  if (e.ready) return synth(e.channels > 1 ? defs.stereo : defs.mono, controls);
  // still loading: play it the moment it is ready, and say how late it was; never drop it
  S.whenReady(bank, n, (channels, late) => {
    synth(channels > 1 ? defs.stereo : defs.mono, controls);
    B.printError(`sample('${bank}'): played ${toFixed(late, 2)} s late (it was still loading)`);
  });
  return undefined;
}
api('sample', sample);

api('samples', function samples(folder) {
  if (folder === undefined) return slice(S.banks(), 0);
  if (typeof folder !== 'string') fail(`samples: expected a folder path, like samples('my-kit'), got ${describe(folder)}`);
  return slice(S.addFolder(folder), 0);
});

// ---------------------------------------------------------------- streaming

api('stream', function stream(path, opts) {
  if (typeof path !== 'string') fail(`stream: expected a file path, like stream('set.wav'), got ${describe(path)}`);
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    fail(`stream: options are an object like {rate: 1, amp: 0.8, loop: true}, got ${describe(opts)}`);
  }
  const o = opts || {};
  const given = objectKeys(o);
  for (let i = 0; i < given.length; i++) {
    if (!includes(['rate', 'amp', 'loop'], given[i])) fail(`stream: no option '${given[i]}' (options: rate, amp, loop)`);
  }
  // a stream plays forward only: at rate 0 or below (or nearly 0) its node stayed, silent, for ever
  if (o.rate !== undefined && (typeof o.rate !== 'number' || !(o.rate >= MIN_RATE) || !isFiniteNumber(o.rate))) {
    fail(`stream: rate is how fast it plays forward, ${MIN_RATE} or more (1 as recorded), got ${describe(o.rate)}`);
  }
  if (o.amp !== undefined && (typeof o.amp !== 'number' || !isFiniteNumber(o.amp))) fail(`stream: amp is ${describe(o.amp)}, not a finite number`);
  if (o.loop !== undefined && typeof o.loop !== 'boolean') fail(`stream: loop is true or false, got ${describe(o.loop)}`);
  const id = S.openStream(path, !!o.loop);
  try {
    return play(new Function('c', `return diskin(${id}, c.rate).mul(c.amp)`),
      { rate: o.rate === undefined ? 1 : o.rate, amp: o.amp === undefined ? 1 : o.amp });
  } catch (e) {
    S.closeStream(id);
    throw e;
  }
});

// ---------------------------------------------------------------- recording

api('record', function record(path, opts) {
  if (typeof path !== 'string') fail(`record: expected a file name, like record('take.wav'), got ${describe(path)}`);
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    fail(`record: options are an object like {bits: 24}, got ${describe(opts)}`);
  }
  const given = opts ? objectKeys(opts) : [];
  for (let i = 0; i < given.length; i++) {
    if (!includes(['bits', 'force'], given[i])) fail(`record: no option '${given[i]}' (options: bits, force)`);
  }
  const bits = opts && opts.bits !== undefined ? opts.bits : 32;
  if (!includes([16, 24, 32], bits)) fail(`record: bits is 16, 24 or 32 (float), got ${describe(bits)}`);
  const force = opts && opts.force !== undefined ? opts.force : false;
  if (force !== true && force !== false) fail(`record: force is true or false, got ${describe(force)}`);
  const p = S.record(path, bits, force);
  B.print(`recording to ${p}`);
});
api('stopRecording', function stopRecording() {
  const p = S.stopRecording();
  if (p === null) B.print('stopRecording: nothing is being recorded');
});

topic('samples', `sample('bd') plays file 0 of the bank samples/bd; sample('bd', {n: 2, rate: 1.5, amp: 0.8, pan: -0.3, begin: 0, end: 0.5})
  samples() lists the banks; samples('my-kit') adds every sub-folder of my-kit as a bank
  const b = buffer('file.wav')  loads any WAV/AIFF; playbuf(b, rate, loop) plays it in a def
  stream('long.wav', {rate, amp, loop})  plays a file of any length from disk
  record('take.wav', {bits: 24}); stopRecording()   records the main output (32-bit float by default)`);
