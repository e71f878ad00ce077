// Sonora prelude, patterns (docs/api.md, "Patterns"): Tidal's mini-notation and pattern functions
// over dev.sonora.repl.pattern (PatternBridge, handed to connect() by JsHost), played by the tempo
// clock (time.mjs) so that every event lands on its exact sample.
import { Error, String, Function, objectKeys, defineProp, createObject, isArray, isFiniteNumber, isInteger, push, pow,
  regexExec, split, strStartsWith, includes, slice, join, Map, mapGet, mapSet, round } from './builtins.mjs';
import { B, guard } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe, show, quote } from './show.mjs';
import { def, synth } from './synths.mjs';
import { sample } from './samples.mjs';
import { clock } from './time.mjs';
import { topic } from './help.mjs';

let P = null; // the pattern bridge, guarded

export function connect(patternBridge) {
  P = guard(patternBridge);
  clock().patPlayer(playEvent);
}

// ---------------------------------------------------------------- the Pattern object

class Pattern extends Shown {
  constructor(p, text) {
    super();
    defineProp(this, '__p', { value: p });
    defineProp(this, '__text', { value: text });
  }
  toString() { return `Pattern(${this.__text})`; }

  // events that begin in [begin, end) cycles, sorted: [{begin, end, value}]
  query(begin, end) {
    if (typeof begin !== 'number' || !isFiniteNumber(begin)) fail(`query: cycles from and to, like .query(0, 2); got ${describe(begin)}`);
    if (end === undefined) end = begin + 1;
    if (typeof end !== 'number' || !isFiniteNumber(end) || end < begin) fail(`query: the end is a number of cycles after the beginning; got ${describe(end)}`);
    if (end - begin > 10000) fail(`query: at most 10000 cycles at a time; got ${end - begin}`);
    const hs = P.query(this.__p, begin, end);
    const out = [];
    for (let i = 0; i < hs.length; i++) push(out, { begin: hs[i][0], end: hs[i][1], value: plain(hs[i][2]) });
    return out;
  }

  fast(x) { return this.__with('fast', x); }
  slow(x) { return this.__with('slow', x); }
  early(x) { return this.__with('early', x); }
  late(x) { return this.__with('late', x); }
  ply(x) { return this.__with('ply', x); }
  segment(x) { return this.__with('segment', x); }
  struct(x) { return this.__with('struct', x); }
  mask(x) { return this.__with('mask', x); }
  add(x) { return this.__with('add', x); }
  sub(x) { return this.__with('sub', x); }
  mul(x) { return this.__with('mul', x); }
  div(x) { return this.__with('div', x); }
  degradeBy(x) {
    // 2 dropped every event and -1 none, without a word, as sometimesBy refuses them
    if (typeof x === 'number' && !(x >= 0 && x <= 1)) fail(`degradeBy: a probability from 0 to 1, like .degradeBy(0.3); got ${describe(x)}`);
    return this.__with('degradeBy', x === undefined ? 0.5 : x);
  }
  degrade() { return this.degradeBy(0.5); }
  rev() { return wrap(P.rev(this.__p), `${this.__text}.rev()`); }
  euclid(pulses, steps, rotation) {
    return wrap(P.euclid(this.__p, reify(pulses, 'euclid'), reify(steps, 'euclid'), reify(rotation === undefined ? 0 : rotation, 'euclid')),
      `${this.__text}.euclid(${args(pulses, steps, rotation)})`);
  }
  range(lo, hi) { return wrap(P.range(this.__p, reify(lo, 'range'), reify(hi, 'range')), `${this.__text}.range(${args(lo, hi)})`); }
  chop(n) {
    if (!isInteger(n) || n < 1 || n > 1024) fail(`chop: a whole number of parts from 1 to 1024, like .chop(4); got ${describe(n)}`);
    return wrap(P.chop(this.__p, n), `${this.__text}.chop(${n})`);
  }
  scale(name) {
    if (typeof name !== 'string') fail(`scale: a root and a mode, like .scale('C:minor'); got ${describe(name)}`);
    return wrap(P.scale(this.__p, name), `${this.__text}.scale(${quote(name)})`);
  }
  every(n, f) { return this.firstOf(n, f, 'every'); }
  firstOf(n, f, what) { return this.__cycles(n, f, what || 'firstOf', true); }
  lastOf(n, f) { return this.__cycles(n, f, 'lastOf', false); }
  off(t, f) {
    fnArg(f, 'off', ".off(0.25, (p) => p.add(12))");
    return stackOf([this, apply(f, this.late(t), 'off')], `${this.__text}.off(${args(t)}, …)`);
  }
  superimpose(f) {
    fnArg(f, 'superimpose', '.superimpose((p) => p.fast(2))');
    return stackOf([this, apply(f, this, 'superimpose')], `${this.__text}.superimpose(…)`);
  }
  sometimesBy(x, f) {
    if (typeof x !== 'number') {
      // a patterned probability ("<0.2 0.8>", sig.sine): per event of it, as Tidal's sometimesBy
      fnArg(f, 'sometimesBy', '.sometimesBy("<0.2 0.8>", (p) => p.fast(2))');
      const amount = toPattern(x, 'sometimesBy');
      const kept = this.__with('degradeBy', amount);
      const changed = apply(f, wrap(P.apply(this.__p, 'undegradeBy', reify(amount.mul(-1).add(1), 'sometimesBy')), this.__text), 'sometimesBy');
      return stackOf([kept, changed], `${this.__text}.sometimesBy(${args(x)}, …)`);
    }
    if (!isFiniteNumber(x) || x < 0 || x > 1) fail(`sometimesBy: a probability from 0 to 1, like .sometimesBy(0.3, (p) => p.fast(2)); got ${describe(x)}`);
    fnArg(f, 'sometimesBy', '.sometimesBy(0.3, (p) => p.fast(2))');
    const kept = wrap(P.degrade(this.__p, x, false), this.__text);
    const changed = apply(f, wrap(P.degrade(this.__p, 1 - x, true), this.__text), 'sometimesBy');
    return stackOf([kept, changed], `${this.__text}.sometimesBy(${x}, …)`);
  }
  sometimes(f) { return this.sometimesBy(0.5, f); }
  often(f) { return this.sometimesBy(0.75, f); }
  rarely(f) { return this.sometimesBy(0.25, f); }
  jux(f) {
    fnArg(f, 'jux', '.jux((p) => p.rev())');
    return stackOf([this.pan(-1), apply(f, this, 'jux').pan(1)], `${this.__text}.jux(…)`);
  }
  stack(...ps) { return stackOf(concatArgs(this, ps), 'stack'); }

  // controls: each takes a value, a mini-notation string or a pattern
  s(x) { return this.__control('s', x); }
  n(x) { return this.__control('n', x); }
  note(x) { return this.__control('note', x); }
  freq(x) { return this.__control('freq', x); }
  gain(x) { return this.__control('gain', x); }
  amp(x) { return this.__control('amp', x); }
  pan(x) { return this.__control('pan', x); }
  speed(x) { return this.__control('speed', x); }
  rate(x) { return this.__control('rate', x); }
  cutoff(x) { return this.__control('cutoff', x); }
  legato(x) { return this.__control('legato', x); }
  // the def the events play (a name, or a pattern of names)
  def(name) {
    if (name !== null && typeof name === 'object' && typeof name.name === 'string' && !(name instanceof Pattern)) name = name.name; // a Def
    return this.__control('def', name);
  }
  // the proxy the events steer (a name, or an ndef handle): each event sets its controls, at its sample
  ndef(name) {
    if (name !== null && typeof name === 'object' && typeof name.name === 'string' && !(name instanceof Pattern)) name = name.name;
    return this.__control('ndef', name);
  }
  // the MIDI output the events play (a part of its name, or a midi.out handle): each event a note
  midi(output) {
    if (output !== null && typeof output === 'object' && typeof output.name === 'string' && !(output instanceof Pattern)) output = output.name;
    return this.__control('midi', output);
  }
  // any controls, by name: .set({cutoff: 800, res: "0.1 0.5"})
  set(controls) {
    if (controls === null || typeof controls !== 'object' || isArray(controls) || controls instanceof Pattern) {
      fail(`set: an object of controls, like .set({cutoff: 800}) (values may be patterns); got ${describe(controls)}`);
    }
    let r = this;
    const keys = objectKeys(controls);
    for (let i = 0; i < keys.length; i++) r = r.__control(keys[i], controls[keys[i]]);
    return r;
  }

  __with(fn, x) {
    return wrap(P.apply(this.__p, fn, reify(x, fn)), `${this.__text}.${fn}(${args(x)})`);
  }
  __control(key, x) {
    const c = P.control(reify(x, key), key);
    return wrap(P.apply(this.__p, 'set', c), `${this.__text}.${key}(${args(x)})`);
  }
  __cycles(n, f, what, first) {
    if (!isInteger(n) || n < 1) fail(`${what}: a whole number of cycles, like .${what}(4, (p) => p.fast(2)); got ${describe(n)}`);
    fnArg(f, what, `.${what}(4, (p) => p.fast(2))`);
    const ps = [];
    for (let i = 0; i < n; i++) push(ps, this.__p);
    ps[first ? 0 : n - 1] = apply(f, this, what).__p;
    return wrap(P.combine('slowcatPrime', ps), `${this.__text}.${what}(${n}, …)`);
  }
}
members('query', 'fast', 'slow', 'early', 'late', 'ply', 'segment', 'struct', 'mask', 'add', 'sub', 'mul', 'div', 'degradeBy',
  'degrade', 'rev', 'euclid', 'range', 'chop', 'scale', 'every', 'firstOf', 'lastOf', 'off', 'superimpose', 'sometimesBy',
  'sometimes', 'often', 'rarely', 'jux', 's', 'n', 'note', 'freq', 'gain', 'amp', 'pan', 'speed', 'rate', 'cutoff', 'legato', 'def', 'ndef', 'midi', 'set');

const wrap = (p, text) => new Pattern(p, text);

// arguments as the text of a pattern shows them: Pattern('bd sn').fast(2)
function args(...xs) {
  return argList(xs);
}
function argList(xs) {
  const r = [];
  for (let i = 0; i < xs.length; i++) if (xs[i] !== undefined) push(r, xs[i] instanceof Pattern ? xs[i].__text : show(xs[i], 1));
  let s = '';
  for (let i = 0; i < r.length; i++) s += (i > 0 ? ', ' : '') + r[i];
  return s;
}

function fnArg(f, what, example) {
  if (typeof f !== 'function') fail(`${what}: the last argument is a function of a pattern, like ${example}; got ${describe(f)}`);
}

function apply(f, p, what) {
  const r = f(p);
  if (!(r instanceof Pattern)) fail(`${what}: the function must return a pattern; it returned ${describe(r)}`);
  return r;
}

function concatArgs(first, rest) {
  const r = [first];
  for (let i = 0; i < rest.length; i++) push(r, rest[i]);
  return r;
}

// a value, a string of mini-notation, an array (a sequence) or a pattern, as a Java pattern
function reify(x, what) {
  if (x instanceof Pattern) return x.__p;
  if (typeof x === 'string') return P.mini(x);
  if (typeof x === 'number') {
    if (!isFiniteNumber(x)) fail(`${what}: ${x} is not a finite number`);
    return P.pure(x);
  }
  if (typeof x === 'boolean') return P.pure(x);
  if (isArray(x)) {
    const ps = [];
    for (let i = 0; i < x.length; i++) push(ps, reify(x[i], what));
    return P.combine('fastcat', ps);
  }
  if (x !== null && typeof x === 'object' && typeof x !== 'function') {
    const keys = objectKeys(x);
    for (let i = 0; i < keys.length; i++) {
      const v = x[keys[i]];
      if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') fail(`${what}: control '${keys[i]}' is ${describe(v)}; use numbers and names (or .set for patterns)`);
    }
    return P.pure(x);
  }
  fail(`${what}: expected a pattern, a mini-notation string like "bd sn" or a number; got ${describe(x)}`);
}

function toPattern(x, what) {
  return x instanceof Pattern ? x : wrap(reify(x, what), typeof x === 'string' ? quote(x) : show(x, 1));
}

function stackOf(ps, text) {
  const js = [];
  for (let i = 0; i < ps.length; i++) push(js, reify(ps[i], 'stack'));
  return wrap(P.combine('stack', js), text);
}

// a value from Java (a proxy object for a control map) as plain JavaScript
function plain(v) {
  if (v === null || typeof v !== 'object') return v;
  const o = {};
  const keys = objectKeys(v);
  for (let i = 0; i < keys.length; i++) o[keys[i]] = plain(v[keys[i]]);
  return o;
}

// ---------------------------------------------------------------- global functions

api('mini', function mini(source) {
  if (typeof source !== 'string') fail(`mini: a string of mini-notation, like mini("bd*2 [~ sn]"); got ${describe(source)}`);
  return wrap(P.mini(source), quote(source));
});

function catOf(how, items, what) {
  const ps = [];
  for (let i = 0; i < items.length; i++) push(ps, reify(items[i], what));
  return wrap(P.combine(how, ps), `${what}(${argList(items)})`);
}
api('stack', function stack(...items) { return catOf('stack', items, 'stack'); });
api('cat', function cat(...items) { return catOf('slowcat', items, 'cat'); });
api('slowcat', function slowcat(...items) { return catOf('slowcat', items, 'slowcat'); });
api('fastcat', function fastcat(...items) { return catOf('fastcat', items, 'fastcat'); });
api('seq', function seq(...items) { return catOf('fastcat', items, 'seq'); });

// controls as patterns: s("bd*2 sn"), n("0 3"), note("c4 e4")
function control(key) {
  return function (x) {
    if (x === undefined) fail(`${key}: a pattern of values, like ${key}("${key === 's' ? 'bd*2 [~ sn]' : '0 3 7'}")`);
    return wrap(P.control(reify(x, key), key), `${key}(${args(x)})`);
  };
}
api('s', control('s'));
api('n', control('n'));
api('note', control('note'));

// continuous signals for use inside patterns, 0..1 (under sig: the unit generators own sine, saw, ...)
const sig = createObject(null);
const SIGNALS = ['sine', 'cosine', 'saw', 'isaw', 'tri', 'square', 'rand', 'perlin'];
for (let i = 0; i < SIGNALS.length; i++) {
  const name = SIGNALS[i];
  defineProp(sig, name, { enumerable: true, get: () => wrap(P.signal(name), 'sig.' + name) });
}
defineProp(sig, 'irand', {
  enumerable: true,
  value: function irand(n) {
    if (!isInteger(n) || n < 1) fail(`sig.irand: a whole number above 0, like sig.irand(8); got ${describe(n)}`);
    return wrap(P.irand(n), `sig.irand(${n})`);
  },
});
api('sig', sig);

// ---------------------------------------------------------------- playing

// where the user called pat(): 'file.js:12' or '<repl>:3', for the one line a failing pattern prints
function callSite() {
  const stack = split(String(new Error().stack), '\n');
  for (let i = 1; i < stack.length; i++) {
    const m = regexExec(/\(?([^()\s]+):(\d+):\d+\)?\s*$/, stack[i]);
    if (!m || strStartsWith(m[1], 'sonora:')) continue;
    return m[1] + ':' + m[2];
  }
  return '<unknown>';
}

api('pat', function pat(name, pattern) {
  if (typeof name !== 'string' || name === '') fail(`pat: the first argument is a name, like pat('drums', "bd*2 [~ sn]"); got ${describe(name)}`);
  if (pattern === undefined) fail(`pat '${name}': what to play? like pat('${name}', "bd*2 [~ sn]")`);
  clock().pat(name, reify(pattern, `pat '${name}'`), callSite());
});

api('pats', function pats() {
  return slice(clock().pats(), 0);
});

api('cycle', function cycle(beats) {
  if (beats === undefined) return clock().cycle();
  if (typeof beats !== 'number' || !isFiniteNumber(beats) || beats <= 0 || beats > 1000) {
    fail(`cycle: beats per cycle, above 0 and at most 1000, like cycle(4); got ${describe(beats)}`);
  }
  clock().setCycle(beats);
  return beats;
});

const DEFAULT_DEF = '__pat';
let defaultDefined = false;
const midicps = (n) => 440 * pow(2, (n - 69) / 12);

// one event, at its exact sample (the clock sets the event time around this call)
function playEvent(name, v, beats) {
  let c;
  if (typeof v === 'string') c = { s: v };
  else if (typeof v === 'number') c = { note: v };
  else if (v !== null && typeof v === 'object') c = plain(v);
  else fail(`cannot play ${describe(v)}`);
  if (c.midi !== undefined) return playMidi(c, beats);
  if (c.ndef !== undefined) return playNdef(c);
  if (c.def !== undefined) return playDef(c, beats);
  if (c.s !== undefined) return playSample(c);
  if (c.note !== undefined || c.freq !== undefined) {
    if (!defaultDefined) {
      // built from text, as samples.mjs builds its players: a def reads its controls from the source
      def(DEFAULT_DEF, new Function('c', 'return tri(c.freq).mul(adsr(0.005, 0.1, 0.7, 0.1, c.gate)).mul(c.amp).pan(c.pan)'));
      defaultDefined = true;
    }
    c.def = DEFAULT_DEF;
    if (c.amp === undefined) c.amp = 0.2;
    if (c.pan === undefined) c.pan = 0;
    c.gate = 1;
    return playDef(c, beats);
  }
  fail(`an event plays a sample (s) or a def (def); this one has ${describe(c)}`);
}

function num(c, k, dflt) {
  const v = c[k];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !isFiniteNumber(v)) fail(`${k} is ${describe(v)}, not a number`);
  return v;
}

function playSample(c) {
  if (typeof c.s !== 'string') fail(`s is ${describe(c.s)}, not a sample name`);
  const opts = { rate: num(c, 'speed', num(c, 'rate', 1)), amp: num(c, 'gain', 1) * num(c, 'amp', 1), pan: num(c, 'pan', 0) };
  if (c.n !== undefined) opts.n = num(c, 'n', 0);
  // the part of the file (chop gives each piece its own)
  if (c.begin !== undefined) opts.begin = num(c, 'begin', 0);
  if (c.end !== undefined) opts.end = num(c, 'end', 1);
  sample(c.s, opts);
}

// an event on a MIDI output: a note (note, else n, else 60) of velocity 127 x velocity (0.8) x
// gain, on channel midichan (1), held for the event's length x legato; it leaves at the event's
// instant by the audio clock (midi.out's own timing). Outputs are opened once per name.
const midiOutputs = new Map();
function playMidi(c, beats) {
  const name = c.midi;
  if (typeof name !== 'string') fail(`midi is ${describe(name)}, not a MIDI output's name`);
  const m = globalThis.midi;
  if (m === undefined || m === null || typeof m.out !== 'function') fail(`midi '${name}': MIDI out is not available here`);
  let o = mapGet(midiOutputs, name);
  if (o === undefined) {
    o = m.out(name);
    mapSet(midiOutputs, name, o);
  }
  const note = round(c.note !== undefined ? num(c, 'note', 60) : num(c, 'n', 60));
  if (note < 0 || note > 127) fail(`midi '${name}': note ${note} is outside MIDI's 0..127`);
  const vel = round(127 * num(c, 'velocity', 0.8) * num(c, 'gain', 1));
  o.note(note, vel < 1 ? 1 : (vel > 127 ? 127 : vel), beats * num(c, 'legato', 1), round(num(c, 'midichan', 1)));
}

// an event steering a proxy: its controls (note -> freq) set on the proxy, which keeps playing
const NOT_CONTROLS = ['ndef', 's', 'n', 'def', 'legato', 'note'];
function playNdef(c) {
  const name = c.ndef;
  if (typeof name !== 'string') fail(`ndef is ${describe(name)}, not a proxy name`);
  const proxy = globalThis.ndef;
  if (typeof proxy !== 'function') fail(`ndef '${name}': proxies are not available here`);
  // ndef(name) makes a proxy that does not exist: a typo ('dron') steered a new, silent one
  const list = globalThis.ndefs();
  let known = false;
  const names = [];
  for (let i = 0; i < list.length; i++) {
    if (list[i].name === name) known = true;
    push(names, list[i].name);
  }
  if (!known) fail(`no proxy '${name}' to steer (${names.length === 0 ? 'none is defined' : 'proxies: ' + join(names, ', ')})`);
  const ctl = {};
  const keys = objectKeys(c);
  for (let i = 0; i < keys.length; i++) {
    if (!includes(NOT_CONTROLS, keys[i])) ctl[keys[i]] = num(c, keys[i], 0);
  }
  if (c.note !== undefined && c.freq === undefined) ctl.freq = midicps(num(c, 'note', 0));
  if (objectKeys(ctl).length > 0) proxy(name).set(ctl);
}

function playDef(c, beats) {
  const name = c.def;
  if (typeof name !== 'string') fail(`def is ${describe(name)}, not a def name`);
  const names = B.controlNames(name);
  if (names === null) fail(`no def '${name}'`);
  const ctl = {};
  const keys = objectKeys(c);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k !== 'def' && includes(names, k)) ctl[k] = num(c, k, 0);
  }
  if (c.note !== undefined && c.freq === undefined && includes(names, 'freq')) ctl.freq = midicps(num(c, 'note', 0));
  if (c.gain !== undefined && !includes(names, 'gain') && includes(names, 'amp')) ctl.amp = num(c, 'amp', 0.2) * num(c, 'gain', 1);
  // event length -> gate: released when the event ends (times legato). Checked before the note
  // starts: a note started and then refused its release would hold for ever
  const gated = includes(names, 'gate');
  const legato = gated ? num(c, 'legato', 1) : 0;
  if (gated && !(legato > 0)) fail(`legato is ${legato}: it must be above 0 (the note's length is the event's × legato)`);
  const node = synth(name, ctl);
  if (gated) clock().at(beats * legato, () => { if (node.playing) node.release(); });
}

topic('patterns', `mini("bd*2 [~ sn] hh(3,8) <cp sn:1>")   a pattern (Tidal's mini-notation); .query(0, 2) lists its events
  pat('drums', "bd*2 [~ sn]")                    play it on the clock (samples by name); again: replaced at the next cycle
  pat('bass', note("0 3 <7 10>").add(36).def('bass').set({cutoff: 800}))   play a def: note -> freq, event length -> gate
  pat('hats', s("hh*8").gain("0.6 0.9").pan(sig.sine.range(-1, 1).slow(4)))  controls as patterns
  stop('drums')  pats()  cycle(4) beats per cycle
  functions: fast slow rev early late every firstOf lastOf off ply chop degradeBy sometimesBy often rarely euclid struct
  mask add sub mul range segment superimpose jux scale('C:minor'); stack cat/slowcat fastcat/seq; sig.sine saw tri
  square rand perlin irand(n)`);
