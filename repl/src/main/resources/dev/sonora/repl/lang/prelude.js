// Sonora prelude: the live-coding API of API.md, written over the Java bridge.
// Runs once per context, as an internal source: errors point at the user's line, not here.
// Everything lives in this closure; only the API names are put on the global object.
(function (global) {
  'use strict';
  const B = global.__bridge;
  delete global.__bridge; // scripts reach the server only through the API below

  const API = [];      // global names, for help() and tab completion
  const MEMBERS = [];  // method and property names, for completion after a dot
  function api(name, value) {
    global[name] = value;
    API.push(name);
    return value;
  }
  function members(...names) {
    for (const n of names) if (!MEMBERS.includes(n)) MEMBERS.push(n);
  }
  const fail = (message) => { throw new Error(message); };

  // ---------------------------------------------------------------- showing values

  const IDENT = /^[A-Za-z_$][\w$]*$/;
  function quote(s) {
    return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  }
  function show(v, depth) {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string': return depth === 0 ? quote(v) : quote(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return v + 'n';
      case 'boolean': case 'symbol': return String(v);
      case 'function': return v.name ? `[Function: ${v.name}]` : '[Function (anonymous)]';
    }
    if (v instanceof Shown) return v.toString();
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    if (depth > 2) return Array.isArray(v) ? '[Array]' : '[Object]';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const items = v.slice(0, 100).map((x) => show(x, depth + 1));
      if (v.length > 100) items.push(`... ${v.length - 100} more`);
      return `[ ${items.join(', ')} ]`;
    }
    if (v instanceof Map) return `Map(${v.size}) { ${[...v].map(([k, x]) => show(k, depth + 1) + ' => ' + show(x, depth + 1)).join(', ')} }`;
    if (v instanceof Set) return `Set(${v.size}) { ${[...v].map((x) => show(x, depth + 1)).join(', ')} }`;
    let keys;
    try {
      keys = Object.keys(v);
    } catch (e) {
      return String(v);
    }
    if (keys.length === 0) return typeof v.toString === 'function' && v.toString !== Object.prototype.toString ? String(v) : '{}';
    return `{ ${keys.map((k) => (IDENT.test(k) ? k : quote(k)) + ': ' + show(v[k], depth + 1)).join(', ')} }`;
  }
  // what the REPL prints for a result (undefined: nothing)
  global.__show = (v) => (v === undefined ? undefined : show(v, 0));
  const describe = (v) => (typeof v === 'string' ? `string ${quote(v)}` : show(v, 1));

  const line = (a) => a.map((x) => (typeof x === 'string' ? x : show(x, 0))).join(' ');
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
      Object.defineProperty(this, '__sig', { value: sig });
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
      if (!Number.isFinite(v)) fail(`${what} is ${v}, not a finite number`);
      return G.constant(v);
    }
    if (typeof v === 'boolean') return G.constant(v ? 1 : 0);
    if (v instanceof Bus) return G.constant(v.index);
    if (v === undefined || v === null) fail(`${what} is missing (got ${v})`);
    throw new TypeError(`${what} must be a number or a signal, got ${describe(v)}`);
  }

  const UNITS = new Map(JSON.parse(B.unitsJson()).map((u) => [u.name, u]));

  function callUnit(name, args) {
    const u = UNITS.get(name);
    graph(name);
    let n = args.length;
    while (n > 0 && args[n - 1] === undefined) n--;
    // a stereo-in unit (reverb) takes one signal for its left and right inputs
    const split = u.stereoIn && n < u.inputs.length;
    const inputs = split ? ['in', ...u.inputs.slice(2)] : u.inputs;
    const defaults = split ? [null, ...u.defaults.slice(2)] : u.defaults;
    if (!u.variadic && n > inputs.length) {
      fail(`${name} takes ${inputs.length} input${inputs.length === 1 ? '' : 's'} (${inputs.join(', ')}), got ${n}`);
    }
    const ins = [];
    for (let i = 0; i < n; i++) {
      const label = `${name}: ${inputs[Math.min(i, inputs.length - 1)]}`;
      let a = args[i];
      if (a === undefined && i < inputs.length && defaults[i] !== null) a = defaults[i];
      ins.push(toSig(a, label));
    }
    if (name === 'out') usedOut = true;
    return new UGen(G.unit(name, ins));
  }

  // What API.md promises, and whether each name is a function, a method, or both.
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
      if (!UNITS.has(unit)) fail(`in is not available yet (it comes with the unit library, issue #4)`);
      const chans = [];
      for (let k = 0; k < bus.channels; k++) chans.push(callUnit(unit, [bus.index + k]).__sig);
      return chans.length === 1 ? new UGen(chans[0]) : new UGen(G.join(chans));
    }
    if (!UNITS.has('in')) fail(`in is not available yet (it comes with the unit library, issue #4)`);
    return callUnit('in', [bus]);
  }
  function writeBus(bus, sig) {
    if (bus instanceof Bus && bus.rate === 'control') {
      if (!UNITS.has('outk')) fail('writing a control bus is not available yet (issue #4)');
      return callUnit('outk', [bus, sig]);
    }
    return callUnit('out', [bus, sig]);
  }
  if (UNITS.has('out')) {
    UGen.prototype.out = function (bus) { return writeBus(bus, this); };
    api('out', (bus, ...channels) => (channels.length === 1 ? writeBus(bus, channels[0]) : callUnit('out', [bus, ...channels])));
    members('out');
  }
  if (UNITS.has('in')) api('In', (bus) => readBus(bus));

  for (const [name, u] of UNITS) {
    if (name.startsWith('_') || BUS_UNITS.has(name)) continue; // internal units (the exit fade), buses above
    if (!RESERVED_GLOBALS.has(name)) api(jsName(name), (...args) => callUnit(name, args));
    if (u.inputs.length > 0) {
      UGen.prototype[name] = function (...args) { return callUnit(name, [this, ...args]); };
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
    if (signals.length === 1 && Array.isArray(signals[0])) signals = signals[0];
    if (signals.length === 0) fail('mix needs at least one signal');
    return new UGen(G.mix(signals.map((s, i) => toSig(s, `mix: input ${i + 1}`))));
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
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} is ${describe(v)}, not a finite number`);
    return v;
  }

  // Calls fn with its controls as signals; returns the result signal (or null).
  function buildGraph(fn, name) {
    if (typeof fn !== 'function') fail(`def '${name}': the second argument is a function, like ({freq = 440}) => sine(freq)`);
    let p;
    try {
      p = JSON.parse(B.paramPatternJson(fn.toString()));
    } catch (e) {
      fail(`def '${name}': ${e.message}`);
    }
    let arg;
    if (p.kind === 'object') {
      let defaults;
      try {
        defaults = new Function(p.text, `return [${p.locals.join(',')}]`)({});
      } catch (e) {
        fail(`def '${name}': control defaults must be values known outside the def (${e.message})`);
      }
      arg = {};
      p.keys.forEach((k, i) => {
        arg[k] = new UGen(G.control(k, controlValue(defaults[i], `def '${name}': control '${k}' default`)));
      });
    } else if (p.kind === 'name') {
      // (c) => sine(c.freq): controls appear as they are read, default 0
      const made = {};
      arg = new Proxy(made, {
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
    if (Array.isArray(r)) {
      // [left, right]: channels in order
      if (r.length === 0) fail(`def '${name}': the function returned an empty array`);
      return G.join(r.map((x, i) => toSig(x, `def '${name}': channel ${i + 1}`)));
    }
    return toSig(r, `def '${name}': the result`);
  }

  function withGraph(body) {
    if (G !== null) fail('def and play cannot be nested inside another def');
    G = B.newGraph();
    usedOut = false;
    try {
      return body(G);
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
      const names = B.define(g, name, result);
      return new Def(name, names === '' ? [] : names.split(','));
    });
  });

  api('defs', function defs() {
    return JSON.parse(B.defNamesJson()).map((n) => new Def(n, []));
  });

  // ---------------------------------------------------------------- nodes and groups

  class Node extends Shown {
    constructor(ref) {
      super();
      Object.defineProperty(this, '__ref', { value: ref });
    }
    get id() { return B.id(this.__ref); }
    get playing() { return B.playing(this.__ref); }
    set(controls) { const [n, v] = pairs(controls, `set ${this}`); B.set(this.__ref, n, v); return this; }
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
    if (controls === undefined || controls === null) return [null, null];
    if (typeof controls !== 'object' || Array.isArray(controls) || controls instanceof Shown) {
      fail(`${what}: controls are an object like {freq: 220, amp: 0.2}, got ${describe(controls)}`);
    }
    const names = Object.keys(controls);
    return [names, names.map((k) => controlValue(controls[k], `${what}: ${k}`))];
  }

  // where a new node goes: a group (its head), or {head|tail: group} / {before|after|replace: node}
  function place(where, what) {
    if (where === undefined || where === null) return ['head', null];
    if (where instanceof Group) return ['head', where.__ref];
    if (typeof where === 'object' && !(where instanceof Node)) {
      const ks = Object.keys(where);
      if (ks.length === 1 && ['head', 'tail', 'before', 'after', 'replace'].includes(ks[0])) {
        return [ks[0], nodeRef(where[ks[0]], what)];
      }
    }
    fail(`${what}: say where with a group or {head: g}, {tail: g}, {before: n}, {after: n}, {replace: n}; got ${describe(where)}`);
  }

  function synth(name, controls, where) {
    name = checkName(name, 'synth');
    const [n, v] = pairs(controls, `synth '${name}'`);
    const [action, target] = place(where, `synth '${name}'`);
    return wrap(B.synth(name, n, v, action, target));
  }
  api('synth', synth);

  function play(fn, controls, where) {
    const def = withGraph((g) => B.anonymous(g, 'play', buildGraph(fn, 'play')));
    const [n, v] = pairs(controls, 'play');
    const [action, target] = place(where, 'play');
    return wrap(B.play(def, n, v, action, target));
  }
  api('play', play);

  function group(where) {
    const [action, target] = place(where, 'group');
    return wrap(B.group(action, target));
  }
  api('group', group);
  api('defaultGroup', () => wrap(B.defaultGroup()));

  const hushHooks = [];
  api('hush', function hush() {
    B.hush();
    for (const h of hushHooks) h();
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
    if (!Number.isInteger(c) || c < 1 || c > 64) fail(`${what}: channels is a whole number 1..64, got ${describe(c)}`);
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
  api('midicps', (note) => 440 * Math.pow(2, (num(note, 'midicps') - 69) / 12));
  api('cpsmidi', (freq) => 69 + 12 * Math.log2(num(freq, 'cpsmidi') / 440));
  api('dbamp', (db) => Math.pow(10, num(db, 'dbamp') / 20));
  api('ampdb', (amp) => 20 * Math.log10(num(amp, 'ampdb')));
  api('linlin', (x, inLo, inHi, outLo, outHi) =>
    outLo + ((num(x, 'linlin') - inLo) / (inHi - inLo)) * (outHi - outLo));
  api('linexp', (x, inLo, inHi, outLo, outHi) => {
    if (outLo <= 0 || outHi <= 0) fail('linexp: the output range must be above 0');
    return outLo * Math.pow(outHi / outLo, (num(x, 'linexp') - inLo) / (inHi - inLo));
  });
  api('choose', (array) => {
    if (!Array.isArray(array) || array.length === 0) fail(`choose: expected a non-empty array, got ${describe(array)}`);
    return array[Math.floor(Math.random() * array.length)];
  });
  api('rand', (lo, hi) => {
    if (lo === undefined) return Math.random();
    if (hi === undefined) return Math.random() * num(lo, 'rand');
    return num(lo, 'rand') + Math.random() * (num(hi, 'rand') - lo);
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
    const s = JSON.parse(B.statusJson());
    const r1 = (x) => Math.round(x * 10) / 10;
    return {
      cpu: r1(s.cpu), peakCpu: r1(s.peakCpu), peak: Math.round(s.peak * 1000) / 1000, nodes: s.nodes,
      synths: s.synths, late: s.late, xruns: s.xruns, rtAllocBytes: s.rtAllocBytes, seconds: r1(s.seconds),
    };
  });

  // ---------------------------------------------------------------- sandbox stubs

  // GraalJS shell extras a script has no use for (the prelude defines its own load and console)
  for (const k of ['Graal', 'java', 'javax', 'Packages', 'com', 'org', 'edu', 'net', 'loadWithNewGlobal', 'print',
    'printErr', 'quit', 'read', 'readbuffer', 'readline']) {
    delete global[k];
  }
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
    units: () => `units now: ${[...UNITS.keys()].filter((n) => !n.startsWith('_') && n !== 'ink' && n !== 'outk').map(jsName).join(', ')}
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
    const h = key === '' ? HELP[''].replace(/(help\('topic'\) for more: )[^\n]*/,
      (_, lead) => lead + Object.keys(HELP).filter((k) => k).join(', ')) : HELP[key];
    if (h === undefined) fail(`help: no topic '${key}' (topics: ${Object.keys(HELP).filter((k) => k).join(', ')})`);
    B.print(typeof h === 'function' ? h() : h);
  });

  // tab completion: global names, then members prefixed with a dot
  global.__completionNames = () => API.concat(MEMBERS.map((m) => '.' + m));

  // what the API's extension files (prelude-NAME.js: time, samples, midi) build on; JsHost
  // deletes it once they have run, so scripts never see it
  global.__prelude = {
    B, api, members, fail, describe, show, quote, wrap, synth, play, place, pairs, checkName, nodeRef,
    callUnit, toSig, num, Node, Group, UGen, Shown, hushHooks, HELP,
  };
  for (const k of ['__show', '__completionNames', '__prelude', 'require', 'Polyglot']) {
    Object.defineProperty(global, k, { enumerable: false });
  }
})(globalThis);
