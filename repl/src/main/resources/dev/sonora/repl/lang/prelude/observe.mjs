// Sonora prelude, meters and scopes (docs/api.md, "Meters and scopes"; issue 15) over the Java
// side (dev.sonora.repl.observe.ObserveBridge, handed to connect() by JsHost). meter() calls a
// function with the level of a node, a group, an audio bus or the main output at most `rate`
// times a second; scope() prints the last 50 ms as braille. Both return a handle with off().
// This module checks arguments and words the errors; Java keeps the taps.
import { isFiniteNumber, isInteger, objectKeys, includes, join } from './builtins.mjs';
import { guard } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';
import { Bus } from './buses.mjs';
import { topic } from './help.mjs';

let O = null; // the observe bridge, guarded

export function connect(bridge) {
  O = guard(bridge);
}

class Observer extends Shown {
  constructor(kind, id, label) {
    super();
    this.kind = kind;
    this.id = id;
    this.target = label;
  }
  get on() { return O.on(this.id); }
  off() { O.off(this.id); return this; }
  toString() { return `${this.kind}(${this.target}${O.on(this.id) ? '' : ', off'})`; }
}
members('off');

// what to watch: 'out', an audio bus (a Bus, or a bus number: that bus and the next), a node or group
function source(target, what, bus) {
  if (target === 'out') return { kind: 'out', node: null, bus: 0, stereo: true };
  if (target instanceof Bus) {
    if (target.rate !== 'audio') fail(`${what}: ${target} is a control bus; watch an audio bus, a node, a group or 'out'`);
    return { kind: 'bus', node: null, bus: target.index, stereo: target.channels > 1 };
  }
  if (typeof target === 'number' && isInteger(target)) return { kind: 'bus', node: null, bus: target, stereo: true };
  if (target !== null && typeof target === 'object' && target.__ref !== undefined) {
    return { kind: 'node', node: target.__ref, bus, stereo: true };
  }
  fail(`${what}: the target is a node, a group, an audio bus or 'out', got ${describe(target)}`);
}

function options(opts, what, keys, defaults) {
  if (opts === undefined) return defaults;
  if (opts === null || typeof opts !== 'object' || opts instanceof Shown) {
    fail(`${what}: options are an object like {rate: ${defaults.rate}}, got ${describe(opts)}`);
  }
  const ks = objectKeys(opts);
  const out = { rate: defaults.rate, bus: defaults.bus };
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    if (!includes(keys, k)) fail(`${what}: no option '${k}' (options: ${join(keys, ', ')})`);
    const v = opts[k];
    if (k === 'rate' && (typeof v !== 'number' || !isFiniteNumber(v))) {
      fail(`${what}: rate is readings a second, like {rate: ${defaults.rate}}; got ${describe(v)}`);
    }
    if (k === 'bus' && !isInteger(v)) fail(`${what}: bus is the first of the two audio buses a node is measured on, like {bus: 0}; got ${describe(v)}`);
    out[k] = v;
  }
  return out;
}

api('meter', function meter(target, fn, opts) {
  const o = options(opts, 'meter', ['rate', 'bus'], { rate: 20, bus: 0 });
  const s = source(target, 'meter', o.bus);
  if (typeof fn !== 'function') fail(`meter: the second argument is a function of {peak, rms}, got ${describe(fn)}`);
  const adapter = (pl, pr, rl, rr, seconds) => fn({ peak: [pl, pr], rms: [rl, rr], seconds });
  const id = O.meter(s.kind, s.node, s.bus, s.stereo, adapter, o.rate);
  return new Observer('meter', id, O.label(id, String(target)));
});

api('scope', function scope(target, opts) {
  const o = options(opts, 'scope', ['rate', 'bus'], { rate: 1, bus: 0 });
  const s = source(target, 'scope', o.bus);
  const id = O.scope(s.kind, s.node, s.bus, s.stereo, o.rate);
  return new Observer('scope', id, O.label(id, String(target)));
});

topic('meters', `meter(target, ({peak, rms}) => ..., {rate: 20})   levels of a node, group, audio bus or 'out':
  peak and rms are [left, right], up to rate times a second (at most 100); m.off() stops it
  scope(target, {rate: 1})   prints the last 50 ms as braille (left above right), rate frames a second (at most 10)
  A node's meter measures what it adds to the main output (or {bus: n}: buses n and n + 1) and
  stops, with one line, when the node ends. A function that throws is reported once and its meter turned off.`);
