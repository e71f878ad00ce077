// Sonora prelude, MIDI (docs/api.md, "MIDI"): controllers, handlers, direct cc and note mappings,
// MIDI files, over dev.sonora.repl.midi.MidiBridge (handed to connect() by JsHost).
// Handlers run on the Lang loop; what they start sounds at the next block, or with midi.latency(ms)
// at the message's arrival plus that latency, sample-exact.
import { String, objectKeys, defineProp, setProto, isInteger, isFiniteNumber, round, slice, includes, join,
  strLower } from './builtins.mjs';
import { guard, rawBridge } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe, show } from './show.mjs';
import { Bus } from './buses.mjs';
import { onHush, pairs } from './synths.mjs';
import { topic } from './help.mjs';
import { callSite, handleSet } from './handlers.mjs';

let M = null; // the MIDI bridge, guarded

// the type names handlers may use ('any' last) come from Java's one table (MidiType), as does
// a message's type, so the velocity-0 rule and the names are known in one place
let TYPES = [];

export function connect(midiBridge) {
  M = guard(midiBridge);
  M.attach(rawBridge); // constant latency timestamps the node commands handlers send
  TYPES = slice(M.types(), 0);
}

// ---------------------------------------------------------------- messages

// what 'any' handlers get: type and channel (1..16) plus the fields of that type
function message(s, d1, d2) {
  const type = M.typeOf(s, d2); // a note-on with velocity 0 is a note-off (MidiMessage.isNoteOff)
  if (s >= 0xF0) return { type, status: s, data1: d1, data2: d2 };
  const m = { type, channel: (s & 15) + 1 };
  switch (type) {
    case 'noteon': case 'noteoff': m.note = d1; m.velocity = d2; break;
    case 'cc': m.cc = d1; m.value = d2; break;
    case 'polytouch': m.note = d1; m.value = d2; break;
    case 'bend': m.value = d1 | (d2 << 7); break;
    default: m.value = d1; // program, touch
  }
  m.status = s;
  m.data1 = d1;
  m.data2 = d2;
  return m;
}

// the Java side calls adapter(status, data1, data2); the user's function gets the arguments docs/api.md lists
function adapter(type, fn) {
  switch (type) {
    case 'noteon': case 'noteoff': case 'cc': case 'polytouch':
      return (s, a, b) => { fn(a, b, (s & 15) + 1); };
    case 'bend': return (s, a, b) => { fn(a | (b << 7), (s & 15) + 1); };
    case 'program': case 'touch': return (s, a) => { fn(a, (s & 15) + 1); };
    case 'any': return (s, a, b) => { fn(message(s, a, b)); };
    default: return () => { fn(); }; // clock, start, continue, stop
  }
}

// ---------------------------------------------------------------- options

// {channel: 1..16, name: 'x'}; a bare number is a channel
function options(o, what) {
  if (o === undefined || o === null) return { channel: -1, name: undefined };
  if (typeof o === 'number') o = { channel: o };
  if (typeof o !== 'object') fail(`${what}: options are {channel: 1..16, name: 'x'}, got ${describe(o)}`);
  const given = objectKeys(o);
  for (let i = 0; i < given.length; i++) {
    if (given[i] !== 'channel' && given[i] !== 'name') fail(`${what}: unknown option '${given[i]}' (options: channel, name)`);
  }
  let channel = -1;
  if (o.channel !== undefined && o.channel !== 'all') {
    if (!isInteger(o.channel) || o.channel < 1 || o.channel > 16) {
      fail(`${what}: channel is 1..16, got ${describe(o.channel)}`);
    }
    channel = o.channel - 1;
  }
  if (o.name !== undefined && typeof o.name !== 'string') fail(`${what}: name is a string, got ${describe(o.name)}`);
  return { channel, name: o.name };
}

// ---------------------------------------------------------------- handles

// a file that runs again replaces the handlers it made (handlers.mjs)
const handles = handleSet('MidiHandler');
const register = handles.register;

function keyOf(what, o) {
  if (o.name !== undefined) return 'name:' + o.name;
  const site = callSite();
  return site === undefined ? undefined : `${site} ${what} ${o.channel}`;
}
const chLabel = (o) => (o.channel >= 0 ? `, channel ${o.channel + 1}` : '') + (o.name ? `, '${o.name}'` : '');

function on(type, fn, opts) {
  const t = typeof type === 'string' ? strLower(type) : type;
  if (!includes(TYPES, t)) fail(`midi.on: unknown type ${describe(type)} (types: ${join(TYPES, ', ')})`);
  if (typeof fn !== 'function') fail(`midi.on('${t}', fn): expected a function, got ${describe(fn)}`);
  const o = options(opts, `midi.on('${t}')`);
  let id;
  return register(`'${t}'${chLabel(o)}`, keyOf(`on ${t}`, o),
    () => { id = M.on(t, o.channel, adapter(t, fn)); }, () => M.off(id));
}

function ccNumber(n) {
  if (!isInteger(n) || n < 0 || n > 127) fail(`midi.cc: controller numbers are 0..127, got ${describe(n)}`);
  return n;
}

export function controlBus(b, what) {
  if (isInteger(b) && b >= 0) return b;
  if (b instanceof Bus && b.rate === 'control' && isInteger(b.index)) return b.index;
  if (b instanceof Bus && b.rate === 'audio') fail(`${what}: ${b} is an audio bus; map controllers to a control bus: bus.control()`);
  return fail(`${what}: expected a control bus (bus.control()), got ${describe(b)}`);
}

class CcTarget extends Shown {
  constructor(n, o) {
    super();
    this.cc = n;
    defineProp(this, '__o', { value: o });
  }
  // the audio thread sets the bus to lo + (hi - lo) * value / 127: no JS on the way
  to(b, lo = 0, hi = 1) {
    const what = `midi.cc(${this.cc}).to`;
    const index = controlBus(b, what);
    if (typeof lo !== 'number' || typeof hi !== 'number') fail(`${what}(bus, lo, hi): lo and hi are numbers`);
    const n = this.cc;
    const ch = this.__o.channel;
    // keyed by line, cc and channel, not bus: a reloaded file that makes a new bus.control() each run
    // still replaces its mapping instead of adding one beside it (as osc.on(...).to does)
    const site = callSite();
    return register(`cc ${n} -> ${b}${chLabel(this.__o)}`, site === undefined ? undefined : `${site} to cc ${n} ${ch}`,
      () => M.mapCc(n, ch, index, lo, hi), () => M.unmapCc(n, ch, index));
  }
  toString() { return `midi.cc(${this.cc})`; }
}

function cc(n, fn, opts) {
  ccNumber(n);
  if (typeof fn !== 'function') {
    if (opts !== undefined) fail(`midi.cc(${n}, fn, options): expected a function, got ${describe(fn)}`);
    return new CcTarget(n, options(fn, `midi.cc(${n})`));
  }
  const o = options(opts, `midi.cc(${n})`);
  let id;
  return register(`cc ${n}${chLabel(o)}`, keyOf(`cc ${n}`, o),
    () => { id = M.onCc(n, o.channel, (s, a, b) => { fn(b, (s & 15) + 1); }); }, () => M.off(id));
}

// direct note mapping: each note-on starts the def, its note-off releases it (gate 0), played by
// Java off the Lang loop (MidiNotes): no JS between the key and the sound, so midi.latency holds
// sample-exact whatever the set's JavaScript is doing
class NotesTarget extends Shown {
  constructor(o) {
    super();
    defineProp(this, '__o', { value: o });
  }
  play(def, controls) {
    const what = 'midi.notes().play';
    if (typeof def !== 'string') fail(`${what}(def, controls): the def's name, e.g. midi.notes().play('pad'), got ${describe(def)}`);
    const c = pairs(controls, () => `${what}('${def}')`);
    const ch = this.__o.channel;
    const site = callSite();
    let id;
    return register(`notes -> '${def}'${chLabel(this.__o)}`, site === undefined ? undefined : `${site} notes ${ch}`,
      () => { id = M.mapNotes(ch, def, c.names, c.values); }, () => M.unmapNotes(id));
  }
  toString() { return 'midi.notes()'; }
}

function notes(opts) {
  return new NotesTarget(options(opts, 'midi.notes'));
}

// ---------------------------------------------------------------- files

class MidiPlayback extends Shown {
  constructor(info) {
    super();
    this.file = info.file;
    this.seconds = round(info.seconds * 1000) / 1000;
    this.events = info.events;
  }
  get playing() { return M.playing(); }
  stop() { M.stop(); return this; }
  toString() { return `MidiFile('${this.file}', ${this.seconds} s, ${this.events} events)`; }
}

function play(path) {
  if (typeof path !== 'string') fail(`midi.play: expected a file name, e.g. midi.play('song.mid'), got ${describe(path)}`);
  return new MidiPlayback(M.play(path)); // {file, seconds, events}
}

// ---------------------------------------------------------------- constant latency

// midi.latency(ms): handlers' sound at arrival + ms, sample-exact; 0 = as soon as possible (the next block)
function latency(ms) {
  if (ms === undefined) return M.latencyMillis();
  if (typeof ms !== 'number' || !isFiniteNumber(ms) || ms < 0 || ms > 1000) {
    fail(`midi.latency: milliseconds from arrival to sound, 0..1000 (0 = as soon as possible), like midi.latency(10); got ${describe(ms)}`);
  }
  M.setLatency(ms);
  return ms;
}

// ---------------------------------------------------------------- the midi object

export const midi = {
  devices: function devices() { return slice(M.devices(), 0); },
  open: function open(name) {
    if (typeof name !== 'string') fail(`midi.open: which input? midi.open('all') or a part of its name (inputs: ${show(slice(M.devices(), 0), 0)})`);
    return slice(M.open(name), 0);
  },
  close: function close(name = 'all') { M.close(String(name)); },
  opened: function opened() { return slice(M.opened(), 0); },
  on,
  cc,
  notes,
  off: function off() { return handles.offAll(); },
  play,
  stop: function stop() { M.stop(); },
  latency,
  status: function status() {
    const c = M.counters(); // {dropped, malformedBytes, handlerErrors, late}
    return { open: slice(M.opened(), 0), playing: M.playing(), handlers: M.handlers(), dropped: c.dropped,
      malformedBytes: c.malformedBytes, handlerErrors: c.handlerErrors, late: c.late };
  },
  toString() { return 'midi'; },
};
setProto(midi, Shown.prototype); // the REPL shows it as 'midi', not its functions
api('midi', midi);
members('devices', 'open', 'close', 'opened', 'on', 'cc', 'to', 'notes', 'off', 'play', 'stop', 'playing', 'latency');

onHush(() => M.stop()); // panic stops the file; controllers stay mapped (they are the instrument)

topic('midi', `MIDI: controllers and files (channels are 1..16)
  midi.devices()  midi.open('name' | 'all')  midi.close()   list, open (a part of the name is enough), close inputs
  midi.on('noteon', (note, vel, ch) => synth('pluck', {freq: midicps(note), amp: vel / 127 * 0.3}))
    also 'noteoff' (note, vel, ch), 'cc' (cc, value, ch), 'bend' (0..16383, 8192 = centre; ch), 'program' (n, ch),
    'touch' (value, ch), 'polytouch' (note, value, ch), 'clock' 'start' 'continue' 'stop' (), 'any' ({type, channel, ...})
  midi.on('noteon', fn, {channel: 10})   one channel only      {name: 'keys'}: replaces the handler of that name
  midi.cc(74, (v, ch) => n.set({cutoff: linexp(v, 0, 127, 200, 8000)}))    midi.cc(74, fn, {channel: 2})
  const c = bus.control(); midi.cc(1).to(c, 200, 4000)   direct: the audio thread sets the bus, no JS in between;
    read it in a def with in(c)
  midi.notes().play('pad', {cutoff: 2000})   direct: each note-on starts 'pad' (freq = midicps(note), amp × velocity,
    also 'note' and 'velocity' if the def has them), its note-off releases it (gate 0); no JS in between, so it keeps
    midi.latency exactly whatever the set's JavaScript is doing. midi.notes({channel: 2}).play(...) for one channel
  midi.play('song.mid')  midi.stop()   a Standard MIDI File through the same handlers and mappings (hush() stops it);
    one file at a time: a new midi.play replaces the one playing and says so
  h.off() removes one handler or mapping (h is what midi.on / midi.cc / .to return); midi.off() removes them all
  midi.latency(10)   constant latency: what a handler starts sounds 10 ms after the message arrived, sample-exact,
    however late the handler ran (one that ran later than that plays at once and is reported: raise the latency);
    midi.latency() is the value now; midi.latency(0), the default, plays at the next block (jitters with the Lang loop).
    Also --midi-latency MS. Direct mappings (.to) are not delayed: the audio thread applies them at the next block.
  Handlers run on the Lang loop. One that throws is reported with its file:line (at most once a second) and stays on;
  one that runs longer than --step-timeout is stopped and turned off.
  Running a file again replaces the handlers and mappings it made (line by line).`);
