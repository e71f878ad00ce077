// Sonora prelude: the live-coding API of docs/api.md, written over the Java bridge.
// Runs once per context, as an internal source: errors point at the user's line, not here.
// Everything lives in this closure; only the API names are put on the global object.
(function (global) {
  'use strict';

  // ---------------------------------------------------------------- built-ins, captured at start-up

  // A script may change any built-in (Array.prototype.push = null, a throwing getter on
  // Object.prototype.then, Math = 0): the API must not notice. What the prelude needs is taken here,
  // before any user code runs, and used without looking anything up again: no method calls on
  // built-in prototypes, no for-of, spread or array destructuring (they go through
  // Array.prototype[Symbol.iterator]), no promises (their then and constructor are reachable).
  // The extension files (prelude-NAME.js) get the same set as __prelude.$.
  const Error = global.Error, TypeError = global.TypeError, String = global.String, Function = global.Function,
    Proxy = global.Proxy, Map = global.Map, Set = global.Set;
  const uncurry = Function.prototype.bind.bind(Function.prototype.call); // uncurry(f)(self, ...args)
  const objectKeys = Object.keys, defineProp = Object.defineProperty, setProto = Object.setPrototypeOf,
    protoOf = Object.getPrototypeOf, createObject = Object.create, sameValue = Object.is, isArray = Array.isArray,
    isFiniteNumber = Number.isFinite, isInteger = Number.isInteger, apply = Reflect.apply;
  const { floor, round, min, pow, log2, log10, random, abs } = Math;
  const push = uncurry(Array.prototype.push);
  const strIndexOf = uncurry(String.prototype.indexOf), strSlice = uncurry(String.prototype.slice),
    strStartsWith = uncurry(String.prototype.startsWith), strLower = uncurry(String.prototype.toLowerCase),
    toFixed = uncurry(Number.prototype.toFixed), fnSource = uncurry(Function.prototype.toString),
    regexExec = uncurry(RegExp.prototype.exec), objToString = Object.prototype.toString;
  const mapGet = uncurry(Map.prototype.get), mapHas = uncurry(Map.prototype.has), mapSet = uncurry(Map.prototype.set),
    mapDelete = uncurry(Map.prototype.delete), mapClear = uncurry(Map.prototype.clear), mapForEach = uncurry(Map.prototype.forEach),
    setHas = uncurry(Set.prototype.has), setAdd = uncurry(Set.prototype.add), setDelete = uncurry(Set.prototype.delete),
    setForEach = uncurry(Set.prototype.forEach),
    setSize = uncurry(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get),
    mapSize = uncurry(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get);
  // arrays: plain loops (map, slice and filter would also consult Array.prototype.constructor).
  // They read only length and indexes, so they also take the arrays Java hands over (proxies):
  // slice(a, 0) copies one into a JavaScript array, which is what a script should get.
  function map(a, f) {
    const r = [];
    for (let i = 0; i < a.length; i++) push(r, f(a[i], i));
    return r;
  }
  function filter(a, f) {
    const r = [];
    for (let i = 0; i < a.length; i++) if (f(a[i])) push(r, a[i]);
    return r;
  }
  function slice(a, from, to) {
    const r = [];
    const end = to === undefined ? a.length : min(to, a.length);
    for (let i = from; i < end; i++) push(r, a[i]);
    return r;
  }
  function concat(a, b) {
    const r = slice(a, 0);
    for (let i = 0; i < b.length; i++) push(r, b[i]);
    return r;
  }
  function includes(a, x) {
    for (let i = 0; i < a.length; i++) if (a[i] === x) return true;
    return false;
  }
  function join(a, sep) {
    let s = '';
    for (let i = 0; i < a.length; i++) s += (i > 0 ? sep : '') + a[i];
    return s;
  }
  function split(s, sep) {
    const r = [];
    let from = 0;
    for (;;) {
      const i = strIndexOf(s, sep, from);
      if (i < 0) return (push(r, strSlice(s, from)), r);
      push(r, strSlice(s, from, i));
      from = i + sep.length;
    }
  }
  function replaceAll(s, from, to) {
    return join(split(s, from), to);
  }
  // a microtask with nothing user-reachable on the way: then() asks the promise for its constructor
  // and that for Symbol.species, and both answers are own properties here
  const Promise = global.Promise;
  const promiseThen = uncurry(Promise.prototype.then);
  const SPECIES = createObject(null);
  SPECIES[Symbol.species] = Promise;
  function afterThisTask(fn) {
    const p = new Promise((resolve) => resolve());
    defineProp(p, 'constructor', { value: SPECIES });
    promiseThen(p, fn);
  }
  const mapValues = (m) => { const r = []; mapForEach(m, (v) => push(r, v)); return r; };
  const setValues = (s) => { const r = []; setForEach(s, (v) => push(r, v)); return r; };
  const $ = {
    uncurry, Error, TypeError, String, Function, Proxy, Map, Set, objectKeys, defineProp, setProto, protoOf, createObject,
    sameValue, isArray, isFiniteNumber, isInteger, apply, floor, round, min, pow, log2, log10, random, abs,
    push, strIndexOf, strSlice, strStartsWith, strLower, toFixed, fnSource, regexExec, mapGet, mapHas, mapSet,
    mapDelete, mapClear, mapForEach, mapSize, setHas, setAdd, setDelete, setForEach, setSize, map, filter, slice, concat,
    includes, join, split, replaceAll, mapValues, setValues, afterThisTask,
  };

  // ---------------------------------------------------------------- the bridge, guarded

  // A refusal from Java (a full command queue, a corrupt file) would reach scripts as a Java
  // exception: String(e) and e.name start with its class name. Every bridge method is wrapped so
  // that scripts see a plain Error with the message only (its stack is the script's, so the
  // report still names the user's line).
  const rawBridge = global.__bridge;
  delete global.__bridge; // scripts reach the server only through the API below
  const hostMessage = rawBridge.hostMessage;
  function hostError(e) {
    const m = hostMessage(e); // null: a JS error (maybe a script's own, thrown through a callback)
    return m === null ? e : new Error(m);
  }
  function guard(host) {
    const g = createObject(null);
    const names = objectKeys(host);
    for (let i = 0; i < names.length; i++) {
      const method = host[names[i]];
      g[names[i]] = function () {
        try {
          return apply(method, host, arguments);
        } catch (e) {
          throw hostError(e);
        }
      };
    }
    return g;
  }
  $.guard = guard;
  const B = guard(rawBridge);

  const API = [];      // global names, for help() and tab completion
  const MEMBERS = [];  // method and property names, for completion after a dot
  function api(name, value) {
    global[name] = value;
    push(API, name);
    return value;
  }
  function members(...names) {
    for (let i = 0; i < names.length; i++) if (!includes(MEMBERS, names[i])) push(MEMBERS, names[i]);
  }
  const fail = (message) => { throw new Error(message); };

  // ---------------------------------------------------------------- showing values

  const IDENT = /^[A-Za-z_$][\w$]*$/;
  function quote(s) {
    return "'" + replaceAll(replaceAll(replaceAll(s, '\\', '\\\\'), "'", "\\'"), '\n', '\\n') + "'";
  }
  function show(v, depth) {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string': return depth === 0 ? quote(v) : quote(v);
      case 'number': return sameValue(v, -0) ? '-0' : String(v);
      case 'bigint': return v + 'n';
      case 'boolean': case 'symbol': return String(v);
      case 'function': return v.name ? `[Function: ${v.name}]` : '[Function (anonymous)]';
    }
    if (v instanceof Shown) return v.toString();
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    if (depth > 2) return isArray(v) ? '[Array]' : '[Object]';
    if (isArray(v)) {
      if (v.length === 0) return '[]';
      const items = map(slice(v, 0, 100), (x) => show(x, depth + 1));
      if (v.length > 100) push(items, `... ${v.length - 100} more`);
      return `[ ${join(items, ', ')} ]`;
    }
    if (v instanceof Map) {
      const items = [];
      mapForEach(v, (x, k) => push(items, show(k, depth + 1) + ' => ' + show(x, depth + 1)));
      return `Map(${mapSize(v)}) { ${join(items, ', ')} }`;
    }
    if (v instanceof Set) return `Set(${setSize(v)}) { ${join(map(setValues(v), (x) => show(x, depth + 1)), ', ')} }`;
    let keys;
    try {
      keys = objectKeys(v);
    } catch (e) {
      return String(v);
    }
    if (keys.length === 0) return typeof v.toString === 'function' && v.toString !== objToString ? String(v) : '{}';
    return `{ ${join(map(keys, (k) => (regexExec(IDENT, k) !== null ? k : quote(k)) + ': ' + show(v[k], depth + 1)), ', ')} }`;
  }
  // what the REPL prints for a result (undefined: nothing)
  global.__show = (v) => (v === undefined ? undefined : show(v, 0));
  const describe = (v) => (typeof v === 'string' ? `string ${quote(v)}` : show(v, 1));

  const line = (a) => join(map(a, (x) => (typeof x === 'string' ? x : show(x, 0))), ' ');
  // block bodies: a void Java call would return null, and console.log must return undefined
  api('console', {
    log(...a) { B.print(line(a)); },
    info(...a) { B.print(line(a)); },
    warn(...a) { B.printError(line(a)); },
    error(...a) { B.printError(line(a)); },
  });

  // objects that print as themselves: Node(1001 'bass'), Def(...), Bus(...), UGen(...)
  class Shown {}

  // ---------------------------------------------------------------- signals and units

  let G = null;        // the graph being built by def/play, or null
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

  // the largest finite 32-bit float: controls and constants are floats on the server
  const MAX_FLOAT = 3.4028234663852886e38;
  const MAX_FLOAT_TEXT = '3.4e+38';

  // the server's unit registry, read once: {name, inputs, defaults (null: required), variadic, stereoIn}
  const UNITS = new Map(map(B.units(), (u) => [u.name, {
    name: u.name, inputs: slice(u.inputs, 0), defaults: slice(u.defaults, 0), variadic: u.variadic, stereoIn: u.stereoIn,
  }]));
  const UNIT_NAMES = map(mapValues(UNITS), (u) => u.name);

  function callUnit(name, args) {
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
    if (name === 'out') usedOut = true;
    return new UGen(G.unit(name, ins));
  }

  // What the API promises (docs/api.md), and whether each name is a function, a method, or both.
  // Units the server does not have yet give a clear error instead of a ReferenceError.
  const SOURCES = ['sine', 'saw', 'pulse', 'tri', 'noise', 'pink', 'impulse', 'playbuf', 'adsr', 'perc', 'line', 'in'];
  const METHODS = ['lpf', 'hpf', 'rlpf', 'rhpf', 'bpf', 'moog', 'delay', 'reverb', 'limit', 'mul', 'add', 'range',
    'clip', 'tanh', 'pan', 'out'];
  const RESERVED_GLOBALS = new Set(['def', 'synth', 'play', 'group', 'hush', 'status', 'help', 'load', 'watch',
    'unwatch', 'console', 'bus', 'mix', 'defs', 'midi', 'tempo', 'loop', 'at', 'now', 'stop', 'latency', 'sample',
    'buffer', 'samples', 'record', 'stopRecording']);
  // 'in' is a JS keyword: the source rewriter turns in(bus) into In(bus)
  const jsName = (unit) => (unit === 'in' ? 'In' : unit);
  // named stubs, so the REPL shows [Function: lpf] rather than an anonymous function
  const notYet = (name) => {
    const where = name === 'playbuf' ? 'it comes with samples and buffers, issue #6' : 'it comes with the unit library, issue #4';
    return ({ [name.replace('.', '')]: () => fail(`${name} is not available yet (${where})`) })[name.replace('.', '')];
  };

  // bus reads and writes pick the unit by the bus: audio or control, one unit per channel
  const BUS_UNITS = new Set(['in', 'ink', 'out', 'outk']);
  function readBus(bus) {
    if (bus instanceof Bus) {
      const unit = bus.rate === 'control' ? 'ink' : 'in';
      if (!mapHas(UNITS, unit)) fail(`in is not available yet (it comes with the unit library, issue #4)`);
      const chans = [];
      for (let k = 0; k < bus.channels; k++) push(chans, callUnit(unit, [bus.index + k]).__sig);
      return chans.length === 1 ? new UGen(chans[0]) : new UGen(G.join(chans));
    }
    if (!mapHas(UNITS, 'in')) fail(`in is not available yet (it comes with the unit library, issue #4)`);
    return callUnit('in', [bus]);
  }
  function writeBus(bus, sig) {
    if (bus instanceof Bus && bus.rate === 'control') {
      if (!mapHas(UNITS, 'outk')) fail('writing a control bus is not available yet (issue #4)');
      return callUnit('outk', [bus, sig]);
    }
    return callUnit('out', [bus, sig]);
  }
  if (UNITS.has('out')) {
    UGen.prototype.out = function (bus) { return writeBus(bus, this); };
    api('out', (bus, ...channels) => (channels.length === 1 ? writeBus(bus, channels[0]) : callUnit('out', concat([bus], channels))));
    members('out');
  }
  if (UNITS.has('in')) api('In', (bus) => readBus(bus));

  for (const [name, u] of UNITS) {
    if (name.startsWith('_') || BUS_UNITS.has(name)) continue; // internal units (the exit fade), buses above
    if (!RESERVED_GLOBALS.has(name)) api(jsName(name), (...args) => callUnit(name, args));
    if (u.inputs.length > 0) {
      UGen.prototype[name] = function (...args) { return callUnit(name, concat([this], args)); };
      members(name);
    }
  }
  for (const name of SOURCES) if (!UNITS.has(name)) api(jsName(name), notYet(name));
  for (const name of METHODS) {
    if (UNITS.has(name)) continue;
    if (name === 'range' && UNITS.has('mul') && UNITS.has('add')) {
      // lo + (x + 1) * (hi - lo) / 2, for an input in [-1, 1], built from mul and add
      UGen.prototype.range = function (lo, hi) {
        if (typeof lo === 'number' && typeof hi === 'number') return this.mul((hi - lo) / 2).add((hi + lo) / 2);
        const lo_ = lo instanceof UGen ? lo : callUnit('add', [lo, 0]);
        const span = callUnit('add', [hi, callUnit('mul', [lo_, -1])]);
        return callUnit('add', [callUnit('mul', [callUnit('add', [this, 1]), callUnit('mul', [span, 0.5])]), lo_]);
      };
      members(name);
      continue;
    } else {
      UGen.prototype[name] = notYet('.' + name);
    }
    members(name);
    if (!UNITS.has(name) && !(name in global)) api(name, notYet(name));
  }
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

  // ---------------------------------------------------------------- definitions

  function checkName(name, what) {
    if (name instanceof Def) return name.name;
    if (typeof name !== 'string' || name === '') fail(`${what}: the first argument is a synth name, like ${what}('bass', ...)`);
    return name;
  }

  function controlValue(v, what) {
    if (v === undefined) return 0;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v instanceof Bus) return v.index;
    if (typeof v !== 'number' || !isFiniteNumber(v)) fail(`${what} is ${describe(v)}, not a finite number`);
    // narrowed to a float on the server, 1e300 would become Infinity: say what the user gave
    if (abs(v) > MAX_FLOAT) fail(`${what}: ${v} is out of range (controls are 32-bit floats, within ±${MAX_FLOAT_TEXT})`);
    return v;
  }

  // Calls fn with its controls as signals; returns the result signal (or null).
  function buildGraph(fn, name) {
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

  function withGraph(body) {
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

  class Def extends Shown {
    constructor(name, controls) {
      super();
      this.name = name;
      this.controls = controls;
    }
    play(controls, where) {
      return synth(this.name, controls, where);
    }
    toString() {
      const c = B.controlsOf(this.name);
      return `Def('${this.name}'${c ? ', ' + c : ''})`;
    }
  }
  members('play', 'name', 'controls');

  api('def', function def(name, fn) {
    name = checkName(name, 'def');
    return withGraph((g) => {
      const result = buildGraph(fn, name);
      return new Def(name, slice(B.define(g, name, result), 0)); // its control names
    });
  });

  api('defs', function defs() {
    return map(B.defNames(), (n) => new Def(n, []));
  });

  // ---------------------------------------------------------------- nodes and groups

  class Node extends Shown {
    constructor(ref) {
      super();
      defineProp(this, '__ref', { value: ref });
    }
    get id() { return B.id(this.__ref); }
    get playing() { return B.playing(this.__ref); }
    set(controls) { const c = pairs(controls, `set ${this}`); B.set(this.__ref, c.names, c.values); return this; }
    release() { B.release(this.__ref); return this; }
    free() { B.free(this.__ref); return this; }
    run(on = true) { B.run(this.__ref, !!on); return this; }
    pause() { return this.run(false); }
    resume() { return this.run(true); }
    onEnd(fn) {
      if (typeof fn !== 'function') fail(`onEnd: expected a function, got ${describe(fn)}`);
      B.onEnd(this.__ref, () => fn(this));
      return this;
    }
    moveBefore(m) { B.move(this.__ref, 'before', nodeRef(m, 'moveBefore')); return this; }
    moveAfter(m) { B.move(this.__ref, 'after', nodeRef(m, 'moveAfter')); return this; }
    moveToHead(g) { B.move(this.__ref, 'head', nodeRef(g, 'moveToHead')); return this; }
    moveToTail(g) { B.move(this.__ref, 'tail', nodeRef(g, 'moveToTail')); return this; }
    toString() { return B.label(this.__ref); }
  }
  class Group extends Node {
    freeAll() { B.freeAll(this.__ref); return this; }
    synth(name, controls) { return synth(name, controls, { head: this }); }
    play(fn, controls) { return play(fn, controls, { head: this }); }
    group() { return group({ head: this }); }
  }
  members('id', 'playing', 'set', 'release', 'free', 'run', 'pause', 'resume', 'onEnd', 'moveBefore', 'moveAfter',
    'moveToHead', 'moveToTail', 'freeAll', 'synth', 'group');
  const wrap = (ref) => (B.isGroup(ref) ? new Group(ref) : new Node(ref));

  function nodeRef(n, what) {
    if (n instanceof Node) return n.__ref;
    fail(`${what}: expected a node or group, got ${describe(n)}`);
  }

  function pairs(controls, what) {
    if (controls === undefined || controls === null) return { names: null, values: null };
    if (typeof controls !== 'object' || isArray(controls) || controls instanceof Shown) {
      fail(`${what}: controls are an object like {freq: 220, amp: 0.2}, got ${describe(controls)}`);
    }
    const names = objectKeys(controls);
    return { names, values: map(names, (k) => controlValue(controls[k], `${what}: ${k}`)) };
  }

  // where a new node goes: a group (its head), or {head|tail: group} / {before|after|replace: node}
  function place(where, what) {
    if (where === undefined || where === null) return { action: 'head', target: null };
    if (where instanceof Group) return { action: 'head', target: where.__ref };
    if (typeof where === 'object' && !(where instanceof Node)) {
      const ks = objectKeys(where);
      if (ks.length === 1 && includes(['head', 'tail', 'before', 'after', 'replace'], ks[0])) {
        return { action: ks[0], target: nodeRef(where[ks[0]], what) };
      }
    }
    fail(`${what}: say where with a group or {head: g}, {tail: g}, {before: n}, {after: n}, {replace: n}; got ${describe(where)}`);
  }

  function synth(name, controls, where) {
    name = checkName(name, 'synth');
    const c = pairs(controls, `synth '${name}'`);
    const p = place(where, `synth '${name}'`);
    return wrap(B.synth(name, c.names, c.values, p.action, p.target));
  }
  api('synth', synth);

  function play(fn, controls, where) {
    const def = withGraph((g) => B.anonymous(g, 'play', buildGraph(fn, 'play')));
    const c = pairs(controls, 'play');
    const p = place(where, 'play');
    return wrap(B.play(def, c.names, c.values, p.action, p.target));
  }
  api('play', play);

  function group(where) {
    const p = place(where, 'group');
    return wrap(B.group(p.action, p.target));
  }
  api('group', group);
  api('defaultGroup', () => wrap(B.defaultGroup()));

  const hushHooks = [];
  api('hush', function hush() {
    B.hush();
    for (let i = 0; i < hushHooks.length; i++) hushHooks[i]();
  });

  // ---------------------------------------------------------------- buses

  const HARDWARE_BUSES = 16; // audio buses below this are kept for device inputs and outputs
  let nextAudio = HARDWARE_BUSES;
  let nextControl = 0;
  class Bus extends Shown {
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
  api('bus', {
    audio(channels) {
      const c = channelCount(channels, 'bus.audio');
      if (nextAudio + c > B.audioBuses()) fail(`bus.audio: all ${B.audioBuses()} audio buses are taken`);
      const b = new Bus('audio', nextAudio, c);
      nextAudio += c;
      return b;
    },
    control(channels) {
      const c = channelCount(channels, 'bus.control');
      if (nextControl + c > B.controlBuses()) fail(`bus.control: all ${B.controlBuses()} control buses are taken`);
      const b = new Bus('control', nextControl, c);
      nextControl += c;
      return b;
    },
  });
  members('audio', 'control', 'index', 'rate');

  // ---------------------------------------------------------------- helpers

  const num = (x, what) => (typeof x === 'number' ? x : fail(`${what}: expected a number, got ${describe(x)}`));
  api('midicps', (note) => 440 * pow(2, (num(note, 'midicps') - 69) / 12));
  api('cpsmidi', (freq) => 69 + 12 * log2(num(freq, 'cpsmidi') / 440));
  api('dbamp', (db) => pow(10, num(db, 'dbamp') / 20));
  api('ampdb', (amp) => 20 * log10(num(amp, 'ampdb')));
  api('linlin', (x, inLo, inHi, outLo, outHi) =>
    outLo + ((num(x, 'linlin') - inLo) / (inHi - inLo)) * (outHi - outLo));
  api('linexp', (x, inLo, inHi, outLo, outHi) => {
    if (outLo <= 0 || outHi <= 0) fail('linexp: the output range must be above 0');
    return outLo * pow(outHi / outLo, (num(x, 'linexp') - inLo) / (inHi - inLo));
  });
  api('choose', (array) => {
    if (!isArray(array) || array.length === 0) fail(`choose: expected a non-empty array, got ${describe(array)}`);
    return array[floor(random() * array.length)];
  });
  api('rand', (lo, hi) => {
    if (lo === undefined) return random();
    if (hi === undefined) return random() * num(lo, 'rand');
    return num(lo, 'rand') + random() * (num(hi, 'rand') - lo);
  });

  // ---------------------------------------------------------------- files, status, help

  api('load', function load(path) {
    B.load(path);
  });
  api('watch', function watch(path) {
    B.print(`watching ${B.watch(path)} (reloads on save)`);
  });
  api('unwatch', function unwatch(path) {
    return B.unwatch(path);
  });

  api('status', function status() {
    const s = B.status(); // dev.sonora.server.nrt.Status, with seconds of server time
    const r1 = (x) => round(x * 10) / 10;
    return {
      cpu: r1(s.cpu), peakCpu: r1(s.peakCpu), peak: round(s.peak * 1000) / 1000, nodes: s.nodes,
      synths: s.synths, late: s.late, xruns: s.xruns, rtAllocBytes: s.rtAllocBytes, seconds: r1(s.seconds),
    };
  });

  // ---------------------------------------------------------------- sandbox stubs

  // GraalJS shell extras a script has no use for (the prelude defines its own load and console)
  const SHELL_EXTRAS = ['Graal', 'java', 'javax', 'Packages', 'com', 'org', 'edu', 'net', 'loadWithNewGlobal', 'print',
    'printErr', 'quit', 'read', 'readbuffer', 'readline'];
  for (let i = 0; i < SHELL_EXTRAS.length; i++) delete global[SHELL_EXTRAS[i]];
  // GraalJS has no require and (as configured) no Polyglot: say so in words
  global.require = (m) => fail(`require(${describe(m)}) is not available: scripts share one scope; use load('file.js')`);
  global.Polyglot = {
    eval: (lang) => fail(`sandbox: other languages are not available to scripts (asked for ${describe(lang)})`),
    import: () => fail('sandbox: polyglot bindings are not available to scripts'),
  };

  // ---------------------------------------------------------------- help

  const HELP = {
    '': `Sonora: type JavaScript; results print below. help('topic') for more: def, nodes, groups, units, buses, helpers, files, keys
  def('bass', ({freq = 110, amp = 0.3}) => saw(freq).mul(amp).pan(0))   define a synth (controls: freq, amp)
  const n = synth('bass', {freq: 55})                                    play it; n.set({freq: 80}); n.release()
  play(() => sine(440).mul(0.1))                                         quick test sound
  hush()        free every node          status()      cpu, peak, nodes, late, xruns
  load('f.js')  run a script file        watch('f.js') run it again on every save`,
    def: `def(name, ({control = default, ...}) => signal)
  The function's destructured parameters are the controls (names and defaults); it returns a mono or stereo
  signal written to the main output (mono goes to both sides). Redefining affects new synths only.
  Example: def('pluck', ({freq = 220, amp = 0.2}) => saw(freq).mul(perc(0.005, 0.4)).mul(amp).pan(0))`,
    nodes: `const n = synth('name', {control: value}, where?)   start a synth; returns Node(id 'name')
  n.set({freq: 330})  n.release() (gate = 0)  n.free()  n.playing  n.id  n.onEnd(() => ...)  n.pause()  n.resume()
  play(fn, controls?) defines and starts an anonymous synth`,
    groups: `const g = group()                   a group at the head of the default group
  synth('x', {}, g) / {head: g} / {tail: g} / {before: n} / {after: n} / {replace: n}   where a node goes
  n.moveBefore(m) n.moveAfter(m) n.moveToHead(g) n.moveToTail(g)   g.freeAll()   g.free()`,
    units: () => `units now: ${join(map(filter(UNIT_NAMES, (n) => !strStartsWith(n, '_') && n !== 'ink' && n !== 'outk'), jsName), ', ')}
  call them as functions, sine(440), or as methods on a signal, saw(110).mul(0.2).pan(-0.5); numbers and signals mix.
  in(bus) reads a bus; sig.out(bus) writes one. mix(a, b, ...) sums signals.`,
    buses: `const b = bus.audio(2); bus.control()   allocate buses; sig.out(b) writes, in(b) reads`,
    helpers: `midicps(69) = 440  dbamp(-6)  linlin(x, inLo, inHi, outLo, outHi)  linexp(...)  choose([1, 2])  rand(lo, hi)`,
    files: `load('set.js') runs a file (paths are relative to the file that loads them)
  watch('set.js') runs it now and again on every save (on an error the previous version stays)`,
    keys: `Enter evaluates (an unfinished expression continues on the next line), Tab completes,
  Up/Down browse history, Ctrl-C stops running code (not the music), Ctrl-D quits with a short fade`,
  };
  api('help', function help(topic) {
    const key = topic === undefined ? '' : typeof topic === 'function' ? topic.name : String(topic);
    const topics = join(filter(objectKeys(HELP), (k) => k), ', ');
    let h = HELP[key];
    if (key === '') {
      // the first line lists every topic, the extensions' too
      const lead = "help('topic') for more: ";
      const at = strIndexOf(h, lead) + lead.length;
      const end = strIndexOf(h, '\n', at);
      h = strSlice(h, 0, at) + topics + (end < 0 ? '' : strSlice(h, end));
    }
    if (h === undefined) fail(`help: no topic '${key}' (topics: ${topics})`);
    B.print(typeof h === 'function' ? h() : h);
  });

  // tab completion: global names, then members prefixed with a dot
  global.__completionNames = () => concat(API, map(MEMBERS, (m) => '.' + m));

  // what the API's extension files (prelude-NAME.js: time, samples, midi) build on; JsHost
  // deletes it once they have run, so scripts never see it
  global.__prelude = {
    $, B, rawBridge, api, members, fail, describe, show, quote, wrap, synth, play, place, pairs, checkName, nodeRef,
    callUnit, toSig, num, Node, Group, UGen, Shown, hushHooks, HELP,
  };
  const HIDDEN = ['__show', '__completionNames', '__prelude', 'require', 'Polyglot'];
  for (let i = 0; i < HIDDEN.length; i++) defineProp(global, HIDDEN[i], { enumerable: false });
})(globalThis);
