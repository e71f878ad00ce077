// Sonora prelude, buses (docs/api.md, "Buses"): bus.audio(), bus.control().
import { isInteger, Map, mapGet, mapSet } from './builtins.mjs';
import { B } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';

const HARDWARE_BUSES = 16; // audio buses below this are kept for device inputs and outputs
let nextAudio = HARDWARE_BUSES;
let nextControl = 0;

export class Bus extends Shown {
  constructor(rate, index, channels) {
    super();
    this.rate = rate;
    this.index = index;
    this.channels = channels;
  }
  toString() { return `Bus(${this.rate} ${this.index}${this.channels > 1 ? ', ' + this.channels + ' ch' : ''})`; }
}

function channelCount(c, what) {
  if (c === undefined) return 1;
  if (!isInteger(c) || c < 1 || c > 64) fail(`${what}: channels is a whole number 1..64, got ${describe(c)}`);
  return c;
}

// A file run again (a reload, a watched file saved) gets back the buses its last run took, in the
// order it asks for them: its const fx = bus.audio(2) is the same bus as before, which the synths
// still playing from the last run write, and saving a file fifty times takes no more buses than once.
const byFile = new Map(); // file -> {run, audio: [Bus], control: [Bus], nextAudio, nextControl}
function again(rate, c) {
  const file = B.loadingFile();
  if (file === null) return undefined;
  const run = B.loadingRun();
  let f = mapGet(byFile, file);
  if (f === undefined) mapSet(byFile, file, f = { run, audio: [], control: [], nextAudio: 0, nextControl: 0 });
  if (f.run !== run) { f.run = run; f.nextAudio = 0; f.nextControl = 0; }
  const list = f[rate];
  const k = rate === 'audio' ? f.nextAudio++ : f.nextControl++;
  const kept = list[k];
  return { kept: kept !== undefined && kept.channels === c ? kept : undefined, keep: (b) => { list[k] = b; return b; } };
}

// bus.audio and bus.control; exported for modules that take buses of their own (ndef)
export const buses = api('bus', {
  audio(channels) {
    const c = channelCount(channels, 'bus.audio');
    const a = again('audio', c);
    if (a !== undefined && a.kept !== undefined) return a.kept;
    if (nextAudio + c > B.audioBuses()) fail(`bus.audio: all ${B.audioBuses()} audio buses are taken`);
    const b = new Bus('audio', nextAudio, c);
    nextAudio += c;
    return a === undefined ? b : a.keep(b);
  },
  control(channels) {
    const c = channelCount(channels, 'bus.control');
    const a = again('control', c);
    if (a !== undefined && a.kept !== undefined) return a.kept;
    if (nextControl + c > B.controlBuses()) fail(`bus.control: all ${B.controlBuses()} control buses are taken`);
    const b = new Bus('control', nextControl, c);
    nextControl += c;
    return a === undefined ? b : a.keep(b);
  },
});
members('audio', 'control', 'index', 'rate');
