// Sonora prelude, crossfading proxies (docs/api.md, "Proxies"; issue 16): ndef and ndefs over
// the Java side (dev.sonora.repl.ndef.NdefBridge, handed to connect() by JsHost). A proxy is a
// named sound on a private stereo bus; giving it a new graph crossfades to it (equal power, both
// fades starting on one sample, at the proxy's quant boundary). This module validates arguments
// and words the errors; Java keeps the proxies and sends the commands.
import { Map, Proxy, isArray, isFiniteNumber, objectKeys, push, map, slice, mapGet, mapSet, mapClear, includes } from './builtins.mjs';
import { guard, rawBridge } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';
import { Bus, buses } from './buses.mjs';
import { controlValue, withGraph, buildGraph, addBusResolver } from './signals.mjs';
import { onHush } from './synths.mjs';
import { topic } from './help.mjs';

let N = null; // the ndef bridge, guarded

export function connect(ndefBridge) {
  N = guard(ndefBridge);
  N.attach(rawBridge); // the running clock event's sample comes from the main bridge
}

const handles = new Map(); // name -> Ndef
let reading = null;        // the names in() read while a proxy's graph is built, or null

class Ndef extends Shown {
  constructor(name, bus) {
    super();
    this.name = name;
    this.bus = bus;
  }
  get fadeTime() { return N.fadeTime(this.name); }
  set fadeTime(s) {
    if (typeof s !== 'number' || !isFiniteNumber(s) || s < 0 || s > 600) {
      fail(`ndef('${this.name}').fadeTime: seconds from 0 to 600, like 2; got ${describe(s)}`);
    }
    N.setFadeTime(this.name, s);
  }
  get quant() { return N.quant(this.name); }
  set quant(q) {
    if (typeof q !== 'number' || !isFiniteNumber(q) || q < 0 || q > 1e6) {
      fail(`ndef('${this.name}').quant: beats, 0 (the next block) or more, like 4; got ${describe(q)}`);
    }
    N.setQuant(this.name, q);
  }
  get playing() { return N.playing(this.name); }
  get controls() {
    const c = N.controls(this.name);
    const out = {};
    const ks = objectKeys(c);
    for (let i = 0; i < ks.length; i++) out[ks[i]] = c[ks[i]];
    return out;
  }
  set(controls) { const c = pairs(controls, `ndef('${this.name}').set`); N.set(this.name, c.names, c.values); return this; }
  xset(controls) { const c = pairs(controls, `ndef('${this.name}').xset`); N.xset(this.name, c.names, c.values); return this; }
  stop(seconds) { N.stop(this.name, fadeArg(seconds, this, 'stop')); return this; }
  play() { N.play(this.name); return this; }
  free(seconds) {
    N.free(this.name, fadeArg(seconds, this, 'free')); // the name makes a new proxy next time
    return this;
  }
  toString() { return `Ndef('${this.name}')`; }
}
members('fadeTime', 'quant', 'playing', 'controls', 'set', 'xset', 'stop', 'play', 'free', 'bus', 'name');

// A handle refuses what it cannot take: ndef('pad').fadetime = 3 (a typo) was kept as a new
// property while fadeTime stayed 0.5, and .name = 'z' broke the handle, all without a word
const SETTABLE = ['fadeTime', 'quant'];
const handleTraps = {
  __proto__: null, // traps are looked up on the handler: none may come from Object.prototype
  set(t, k, v) {
    if (typeof k === 'string' && includes(SETTABLE, k)) {
      t[k] = v;
      return true;
    }
    const key = typeof k === 'string' ? k : 'that';
    fail(`ndef('${t.name}').${key} ${key === 'name' || key === 'bus' ? 'cannot be changed' : 'is not a property of a proxy'}; the settable ones are fadeTime and quant`);
  },
  defineProperty(t, k) {
    fail(`ndef('${t.name}'): its properties are fixed (the settable ones are fadeTime and quant)`);
  },
  deleteProperty(t, k) {
    fail(`ndef('${t.name}'): its properties are fixed`);
  },
};

function fadeArg(s, p, what) {
  if (s === undefined) return p.fadeTime;
  if (typeof s !== 'number' || !isFiniteNumber(s) || s < 0 || s > 600) {
    fail(`ndef('${p.name}').${what}: a fade in seconds from 0 to 600, like ${what}(2); got ${describe(s)}`);
  }
  return s;
}

function pairs(controls, what) {
  if (controls === null || typeof controls !== 'object' || isArray(controls) || controls instanceof Shown) {
    fail(`${what}: controls are an object like {cutoff: 2000}, got ${describe(controls)}`);
  }
  const names = objectKeys(controls);
  return { names, values: map(names, (k) => controlValue(controls[k], what, k)) };
}

function handle(name) {
  let h = mapGet(handles, name);
  if (h !== undefined && N.exists(name)) return h;
  // a freed proxy's bus, once silent, before a new one: frees and hushes must not use buses up
  const reuse = N.reusableBus();
  const b = reuse >= 0 ? new Bus('audio', reuse, 2) : buses.audio(2);
  N.create(name, b.index);
  h = new Proxy(new Ndef(name, b), handleTraps);
  mapSet(handles, name, h);
  return h;
}

// in(ndef('pad')) reads the proxy's bus, and a proxy being built remembers that it reads it
addBusResolver((v) => {
  if (!(v instanceof Ndef)) return undefined;
  if (!N.exists(v.name)) fail(`in: ndef '${v.name}' was freed`);
  if (reading !== null) push(reading, v.name);
  // the live proxy's bus: a handle kept from before a free and a new ndef of that name is stale
  return mapGet(handles, v.name).bus;
});

api('ndef', function ndef(name, fn) {
  if (typeof name !== 'string' || name === '') {
    fail(`ndef: the first argument is a name, like ndef('pad', () => saw(110).mul(0.1)); got ${describe(name)}`);
  }
  if (fn === undefined) return handle(name);
  if (typeof fn !== 'function') fail(`ndef '${name}': the second argument is a function, like () => saw(110).mul(0.1); got ${describe(fn)}`);
  const h = handle(name);
  const reads = [];
  withGraph((g) => {
    reading = reads;
    try {
      const result = buildGraph(fn, name);
      reading = null;
      N.define(name, g, result, reads);
    } finally {
      reading = null;
    }
  });
  return h;
});

api('ndefs', function ndefs() {
  return map(slice(N.list(), 0), (p) => ({ name: p.name, playing: p.playing, fadeTime: p.fadeTime, quant: p.quant }));
});

onHush(() => {
  N.hush();
  mapClear(handles);
});

topic('ndef', `ndef('pad', () => saw(110).rlpf(900, 0.3).mul(0.2).pan(0))   a named sound; evaluate again to crossfade
  ndef('pad').fadeTime = 2   seconds of the next change (default 0.5)   ndef('pad').quant = 4   change on the next 4-beat line
  ndef('pad').set({cutoff: 2000})   kept across redefinitions    ndef('pad').xset({cutoff: 400})   crossfade to new values
  ndef('pad').stop(3)  .play()  .free(1)    ndef('verb', () => in(ndef('pad')).reverb(0.5))   one proxy reads another
  ndefs()   names with playing, fadeTime, quant     hush() fades every proxy out; a second hush() ends them at once`);
