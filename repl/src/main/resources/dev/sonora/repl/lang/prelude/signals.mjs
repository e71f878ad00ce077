// Sonora prelude, signals and unit generators (docs/api.md, "Unit generators"): every unit of the
// server's registry as a function (sine(440)) and, if it takes inputs, as a method on a signal
// (saw(110).lpf(800)); in/out on buses; mix; and building a graph from a def's function.
import { TypeError, Function, Proxy, Map, defineProp, isArray, isFiniteNumber, isInteger, abs, min, push,
  map, filter, slice, concat, join, fnSource, strStartsWith, mapGet, mapSet, mapValues } from './builtins.mjs';
import { B, guard } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';
import { Bus } from './buses.mjs';

let G = null;        // the graph being built by def/play (the guarded GraphBridge), or null
let usedOut = false; // the graph writes its own outputs (out unit)

class UGen extends Shown {
  constructor(sig) {
    super();
    defineProp(this, '__sig', { value: sig });
  }
  get channels() {
    return G === null ? fail('channels: only inside a def') : G.channels(this.__sig);
  }
  channel(k) {
    return new UGen(graph('channel').channel(this.__sig, k));
  }
  toString() {
    return 'UGen';
  }
  // JS has no operator overloading: freq * 2 on a signal would quietly be NaN. Say why instead.
  [Symbol.toPrimitive](hint) {
    if (hint === 'string') return 'UGen';
    fail('arithmetic operators do not work on signals: write freq.mul(2), freq.add(1), freq.sub(1), freq.div(2)');
  }
}
members('channels', 'channel');

function graph(name) {
  if (G === null) {
    fail(`${name}() makes a signal for a synth: use it inside def('name', () => ...) or play(() => ...)`);
  }
  return G;
}

// the largest finite 32-bit float: controls and constants are floats on the server
const MAX_FLOAT = 3.4028234663852886e38;
const MAX_FLOAT_TEXT = '3.4e+38';

function toSig(v, what) {
  if (v instanceof UGen) return v.__sig;
  if (typeof v === 'number') {
    if (!isFiniteNumber(v)) fail(`${what} is ${v}, not a finite number`);
    if (abs(v) > MAX_FLOAT) fail(`${what}: ${v} is out of range (signals are 32-bit floats, within ±${MAX_FLOAT_TEXT})`);
    return G.constant(v);
  }
  if (typeof v === 'boolean') return G.constant(v ? 1 : 0);
  if (v instanceof Bus) return G.constant(v.index);
  if (v === undefined || v === null) fail(`${what} is missing (got ${v})`);
  throw new TypeError(`${what} must be a number or a signal, got ${describe(v)}`);
}

// what names a value or a call in an error: a string, or a function making it, so that the path
// every note takes builds no text unless something is wrong
export const whatText = (what) => (typeof what === 'function' ? what() : what);

// a control's value (a default, or one given to synth/set): a finite number that fits a float;
// key, if given, is added to what ("synth 'x': freq")
export function controlValue(v, what, key) {
  // the usual case first and cheapest: a number a 32-bit float can hold (NaN fails v === v)
  if (typeof v === 'number' && v === v && v <= MAX_FLOAT && v >= -MAX_FLOAT) return v;
  if (v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Bus) return v.index;
  const w = whatText(what) + (key === undefined ? '' : ': ' + key);
  if (typeof v !== 'number' || !isFiniteNumber(v)) fail(`${w} is ${describe(v)}, not a finite number`);
  // narrowed to a float on the server, 1e300 would become Infinity: say what the user gave
  fail(`${w}: ${v} is out of range (controls are 32-bit floats, within ±${MAX_FLOAT_TEXT})`);
}

// ---------------------------------------------------------------- units

// the server's unit registry, read once: {name, inputs, defaults (null: required), variadic, stereoIn}
const UNITS = new Map();
{
  const units = B.units();
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    mapSet(UNITS, u.name, {
      name: u.name, inputs: slice(u.inputs, 0), defaults: slice(u.defaults, 0), variadic: u.variadic, stereoIn: u.stereoIn,
    });
  }
}

// a unit in the graph being built: args are its inputs (numbers, signals, buses; undefined: the default)
export function callUnit(name, args) {
  const u = mapGet(UNITS, name);
  graph(name);
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  // a stereo-in unit (reverb) takes one signal for its left and right inputs
  const split = u.stereoIn && n < u.inputs.length;
  const inputs = split ? concat(['in'], slice(u.inputs, 2)) : u.inputs;
  const defaults = split ? concat([null], slice(u.defaults, 2)) : u.defaults;
  if (!u.variadic && n > inputs.length) {
    fail(`${name} takes ${inputs.length} input${inputs.length === 1 ? '' : 's'} (${join(inputs, ', ')}), got ${n}`);
  }
  const ins = [];
  for (let i = 0; i < n; i++) {
    const label = `${name}: ${inputs[min(i, inputs.length - 1)]}`;
    let a = args[i];
    if (a === undefined && i < inputs.length && defaults[i] !== null) a = defaults[i];
    push(ins, toSig(a, label));
  }
  if (name === 'out' || name === 'outk') usedOut = true; // a control bus written (an LFO for others) is output too
  return new UGen(G.unit(name, ins));
}

// 'in' is a JS keyword: the source rewriter turns in(bus) into In(bus)
const jsName = (unit) => (unit === 'in' ? 'In' : unit);

// bus reads and writes pick the unit by the bus (in/out below): audio or control, one unit per channel
// other things in() can read (a proxy, ndef.mjs): each resolver gives a Bus, or undefined
const busResolvers = [];
export function addBusResolver(fn) {
  push(busResolvers, fn);
}
// a bus given as a number is checked when the def is built: the server drops a write or read
// outside its buses without a word (safe on the audio thread, silent for the performer)
function checkBusNumber(bus, what) {
  if (typeof bus !== 'number') return;
  const n = B.audioBuses();
  if (!isInteger(bus)) fail(`${what}: a bus is a whole number from 0 to ${n - 1} (or a bus from bus.audio()), got ${describe(bus)}`);
  if (bus < 0 || bus >= n) fail(`${what}: no audio bus ${bus} (0 to ${n - 1})`);
}
function readBus(bus) {
  for (let i = 0; i < busResolvers.length; i++) {
    const b = busResolvers[i](bus);
    if (b !== undefined) {
      bus = b;
      break;
    }
  }
  if (bus instanceof Bus) {
    const unit = bus.rate === 'control' ? 'ink' : 'in';
    const chans = [];
    for (let k = 0; k < bus.channels; k++) push(chans, callUnit(unit, [bus.index + k]).__sig);
    return chans.length === 1 ? new UGen(chans[0]) : new UGen(G.join(chans));
  }
  checkBusNumber(bus, 'in');
  return callUnit('in', [bus]);
}
// more channels than a Bus has would spill into the buses after it, someone else's
function checkFits(bus, sigs) {
  if (!(bus instanceof Bus)) return;
  let n = 0;
  for (let i = 0; i < sigs.length; i++) n += sigs[i] instanceof UGen ? sigs[i].channels : 1;
  if (n > bus.channels) fail(`out: ${bus} has ${bus.channels} channel${bus.channels === 1 ? '' : 's'}, got ${n}`);
}
function writeBus(bus, sig) {
  checkFits(bus, [sig]);
  if (bus instanceof Bus && bus.rate === 'control') return callUnit('outk', [bus, sig]);
  checkBusNumber(bus, 'out');
  return callUnit('out', [bus, sig]);
}
UGen.prototype.out = function (bus, ...more) {
  // sig.out(b, x, y) wrote sig alone and dropped x and y without a word
  if (more.length > 0) fail(`out: sig.out(bus) writes this signal; to write several, out(bus, a, b, ...)`);
  return writeBus(bus, this);
};
api('out', (bus, ...channels) => {
  if (channels.length === 1) return writeBus(bus, channels[0]);
  checkFits(bus, channels);
  checkBusNumber(bus, 'out');
  return callUnit('out', concat([bus], channels));
});
members('out');
api('In', (bus) => readBus(bus));

// which units are global functions and which are methods: dev.sonora.repl.lang.UnitGlobals
// (this runs on the first use of the API, maybe after a script changed built-ins: captured ones only)
const FUNCTIONS = B.unitFunctions();
for (let i = 0; i < FUNCTIONS.length; i++) {
  const name = FUNCTIONS[i];
  api(name, (...args) => callUnit(name, args));
}
const METHODS = B.unitMethods();
for (let i = 0; i < METHODS.length; i++) {
  const name = METHODS[i];
  UGen.prototype[name] = function (...args) { return callUnit(name, concat([this], args)); };
  members(name);
}

// the units a script calls by name, as it spells them (help('units')): not the internal ones, and
// not ink/outk, which in/out pick for a control bus
export const unitNames = () => map(filter(mapValues(UNITS), (u) => !strStartsWith(u.name, '_') && u.name !== 'ink' && u.name !== 'outk'),
  (u) => jsName(u.name));

api('mix', (...signals) => {
  graph('mix');
  if (signals.length === 1 && isArray(signals[0])) signals = signals[0];
  if (signals.length === 0) fail('mix needs at least one signal');
  return new UGen(G.mix(map(signals, (s, i) => toSig(s, `mix: input ${i + 1}`))));
});
// subtraction and division read better than mul(-1): small conveniences over mul/add
UGen.prototype.sub = function (x) {
  return typeof x === 'number' ? this.add(-x) : this.add(callUnit('mul', [x, -1]));
};
UGen.prototype.div = function (x) {
  if (typeof x !== 'number' || x === 0) fail('div: divide by a non-zero number');
  return this.mul(1 / x);
};
members('sub', 'div');

// ---------------------------------------------------------------- building a graph

// Runs body(graphBridge) with a new graph as the one units are added to (def and play).
export function withGraph(body) {
  if (G !== null) fail('def and play cannot be nested inside another def');
  const graphBridge = B.newGraph();
  G = guard(graphBridge); // the prelude calls the guarded one; Java gets the graph itself
  usedOut = false;
  try {
    return body(graphBridge);
  } finally {
    G = null;
  }
}

// Calls fn with its controls as signals; returns the result signal (or null). Inside withGraph.
export function buildGraph(fn, name) {
  if (typeof fn !== 'function') fail(`def '${name}': the second argument is a function, like ({freq = 440}) => sine(freq)`);
  let p;
  try {
    p = B.paramPattern(fnSource(fn)); // {kind, text, keys, locals}: dev.sonora.repl.lang.ParamPattern
  } catch (e) {
    fail(`def '${name}': ${e.message}`);
  }
  let arg;
  if (p.kind === 'object') {
    let defaults;
    try {
      defaults = new Function(p.text, `return [${join(p.locals, ',')}]`)({});
    } catch (e) {
      fail(`def '${name}': control defaults must be values known outside the def (${e.message})`);
    }
    arg = {};
    for (let i = 0; i < p.keys.length; i++) {
      const k = p.keys[i];
      arg[k] = new UGen(G.control(k, controlValue(defaults[i], `def '${name}': control '${k}' default`)));
    }
  } else if (p.kind === 'name') {
    // (c) => sine(c.freq): controls appear as they are read, default 0
    const made = {};
    arg = new Proxy(made, {
      __proto__: null, // traps are looked up on the handler: none may come from Object.prototype
      get(t, k) {
        if (typeof k !== 'string') return undefined;
        if (!(k in made)) made[k] = new UGen(G.control(k, 0));
        return made[k];
      },
    });
  }
  const r = fn(arg);
  if (r === undefined) {
    if (usedOut) return null;
    fail(`def '${name}': the function returned nothing: return the signal (e.g. () => sine(440).mul(0.1)) or write it with .out(bus)`);
  }
  if (isArray(r)) {
    // [left, right]: channels in order
    if (r.length === 0) fail(`def '${name}': the function returned an empty array`);
    return G.join(map(r, (x, i) => toSig(x, `def '${name}': channel ${i + 1}`)));
  }
  return toSig(r, `def '${name}': the result`);
}
