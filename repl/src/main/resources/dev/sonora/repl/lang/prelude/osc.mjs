// Sonora prelude, OSC with other programs (docs/api.md, "OSC from scripts"): osc.send, osc.bundle,
// osc.listen, osc.on, .to, over dev.sonora.repl.osc.OscBridge (handed to connect() by JsHost).
// What timed code sends leaves when its event's sample plays; bundles leave at once, time-stamped.
import { setProto, isInteger, isFiniteNumber, isArray, slice, defineProp, push, strIndexOf } from './builtins.mjs';
import { guard, rawBridge } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';
import { topic } from './help.mjs';
import { callSite, handleSet } from './handlers.mjs';
import { controlBus } from './midi.mjs';

let S = null; // the OSC bridge, guarded
const Uint8 = globalThis.Uint8Array, Buffer = globalThis.ArrayBuffer;

export function connect(oscBridge) {
  S = guard(oscBridge);
  S.attach(rawBridge); // timed code's messages carry their event's sample
}

// ---------------------------------------------------------------- arguments

// osc.float(1): sent as a float ('f') although it is a whole number
class OscFloat extends Shown {
  constructor(x) { super(); defineProp(this, 'value', { value: x, enumerable: true }); }
  toString() { return `osc.float(${this.value})`; }
}

const INT_MIN = -2147483648, INT_MAX = 2147483647;

// -> {tags, values}: whole numbers are ints, other numbers floats, strings, booleans, byte arrays blobs
function typed(args, what) {
  let tags = '';
  const values = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'number') {
      if (!isFiniteNumber(a)) fail(`${what}: argument ${i + 1} is ${a}; OSC carries finite numbers`);
      // + 0: -0 (Math.round(-0.2)) is the int 0
      if (isInteger(a) && a >= INT_MIN && a <= INT_MAX) { tags += 'i'; push(values, a + 0); } else { tags += 'f'; push(values, float(a, i, what)); }
    } else if (a instanceof OscFloat) {
      tags += 'f'; push(values, float(a.value, i, what));
    } else if (typeof a === 'string') {
      if (strIndexOf(a, '\0') >= 0) fail(`${what}: argument ${i + 1} holds a NUL character ('\\0'), which ends a string in OSC`);
      tags += 's'; push(values, a);
    } else if (typeof a === 'boolean') {
      tags += a ? 'T' : 'F'; push(values, a);
    } else if (a instanceof Uint8 || a instanceof Buffer) {
      const bytes = a instanceof Buffer ? new Uint8(a) : a;
      const list = [];
      for (let k = 0; k < bytes.length; k++) push(list, bytes[k]);
      tags += 'b'; push(values, list);
    } else {
      fail(`${what}: argument ${i + 1} (${describe(a)}) has no OSC type: use numbers, strings, booleans, osc.float(x) or a Uint8Array (a blob)`);
    }
  }
  return { tags, values };
}

// an OSC float is 32 bits: beyond ±3.4e38 it would go out as infinity
const FLOAT_MAX = 3.4028234663852886e38;
function float(x, i, what) {
  if (x > FLOAT_MAX || x < -FLOAT_MAX) fail(`${what}: argument ${i + 1} is ${x}, beyond an OSC float's ±3.4e38`);
  return x;
}

function address(a, what) {
  if (typeof a !== 'string' || a[0] !== '/') fail(`${what}: an OSC address is a string starting with '/', like '/fader/1'; got ${describe(a)}`);
  return a;
}

function port(p, what) {
  if (!isInteger(p) || p < 1 || p > 65535) fail(`${what}: ports are 1..65535, got ${describe(p)}`);
  return p;
}

function host(h, what) {
  if (typeof h !== 'string' || h === '') fail(`${what}: the host is a name or address string, like 'localhost' or '192.168.1.20'; got ${describe(h)}`);
  return h;
}

// ---------------------------------------------------------------- bundles

class OscBundleValue extends Shown {
  constructor(beats, messages) {
    super();
    defineProp(this, 'beats', { value: beats, enumerable: true });
    defineProp(this, '__messages', { value: messages });
  }
  toString() { return `osc.bundle(${this.beats}, ${this.__messages.length} messages)`; }
}

// osc.bundle(beats, [['/a', 1, 2.5], ['/b', 'x']]): stamped with the logical time plus beats
function bundle(beats, messages) {
  const what = 'osc.bundle';
  if (typeof beats !== 'number' || !isFiniteNumber(beats) || beats < 0) fail(`${what}: the time is a number of beats from now, 0 or more; got ${describe(beats)}`);
  if (!isArray(messages)) fail(`${what}(beats, messages): messages is an array of [address, ...args], like [['/note', 60]]; got ${describe(messages)}`);
  const out = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isArray(m) || m.length === 0) fail(`${what}: message ${i + 1} is not [address, ...args]: ${describe(m)}`);
    const t = typed(slice(m, 1), `${what}: message ${i + 1}`);
    push(out, [address(m[0], `${what}: message ${i + 1}`), t.tags, t.values]);
  }
  return new OscBundleValue(beats, out);
}

// osc.send(host, port, address, ...args) or osc.send(host, port, osc.bundle(...))
function send(h, p, a, ...args) {
  host(h, 'osc.send');
  port(p, 'osc.send');
  if (a instanceof OscBundleValue) {
    if (args.length > 0) fail('osc.send(host, port, bundle): nothing follows a bundle');
    S.sendBundle(h, p, a.beats, a.__messages);
    return;
  }
  const what = `osc.send('${address(a, 'osc.send')}')`;
  const t = typed(args, what);
  S.send(h, p, a, t.tags, t.values);
}

// ---------------------------------------------------------------- receiving

const handles = handleSet('OscHandler');

// what the handler gets: args as JavaScript values (a blob as a Uint8Array), from = {host, port}, the address
function adapter(fn) {
  return (addr, tags, vals, fromHost, fromPort) => {
    const args = [];
    for (let i = 0; i < vals.length; i++) push(args, tags[i] === 'b' ? new Uint8(slice(vals[i], 0)) : vals[i]);
    fn(args, { host: fromHost, port: fromPort }, addr);
  };
}

class OscTarget extends Shown {
  constructor(pattern) { super(); this.pattern = pattern; }
  // the listener's thread sets the bus to lo + (hi - lo) * x (x: the first argument, 0..1 from a fader): no JS on the way
  to(b, lo = 0, hi = 1) {
    const what = `osc.on('${this.pattern}').to`;
    const index = controlBus(b, what);
    if (typeof lo !== 'number' || typeof hi !== 'number') fail(`${what}(bus, lo, hi): lo and hi are numbers`);
    const pattern = this.pattern;
    const site = callSite();
    let id;
    return handles.register(`'${pattern}' -> ${b}`, site === undefined ? undefined : `${site} to ${pattern}`, // a new bus on a reload still replaces
      () => { id = S.map(pattern, index, lo, hi); }, () => S.unmap(id));
  }
  toString() { return `osc.on('${this.pattern}')`; }
}

function on(pattern, fn, opts) {
  S.checkPattern(address(pattern, 'osc.on')); // a malformed pattern is refused here, where it was written
  if (typeof fn !== 'function') {
    if (fn !== undefined) fail(`osc.on('${pattern}', fn): expected a function, got ${describe(fn)}`);
    return new OscTarget(pattern);
  }
  let name;
  if (opts !== undefined) {
    if (opts === null || typeof opts !== 'object' || typeof opts.name !== 'string') fail(`osc.on('${pattern}', fn, options): options are {name: 'x'}`);
    name = opts.name;
  }
  const site = callSite();
  const key = name !== undefined ? 'name:' + name : site === undefined ? undefined : `${site} on ${pattern}`;
  let id;
  return handles.register(`'${pattern}'` + (name ? `, '${name}'` : ''), key,
    () => { id = S.on(pattern, adapter(fn)); }, () => S.off(id));
}

function listen(p) {
  if (!isInteger(p) || p < 0 || p > 65535) fail(`osc.listen: ports are 1..65535 (0: any free port), got ${describe(p)}`);
  return S.listen(p);
}

// ---------------------------------------------------------------- the osc object

const osc = {
  send,
  bundle,
  float: function float(x) {
    if (typeof x !== 'number') fail(`osc.float: expected a number, got ${describe(x)}`);
    return new OscFloat(x);
  },
  listen,
  unlisten: function unlisten(p) { return S.unlisten(p === undefined ? -1 : port(p, 'osc.unlisten')); },
  listening: function listening() { return slice(S.listening(), 0); },
  on,
  off: function off() { return handles.offAll(); },
  status: function status() {
    const s = S.status();
    return { listening: slice(s.listening, 0), handlers: s.handlers, mappings: s.mappings, received: s.received,
      handled: s.handled, timed: s.timed, late: s.late, dropped: s.dropped, malformed: s.malformed, mapped: s.mapped, sent: s.sent, sendFailures: s.sendFailures,
      handlerErrors: s.handlerErrors };
  },
  toString() { return 'osc'; },
};
setProto(osc, Shown.prototype);
api('osc', osc);
members('send', 'bundle', 'float', 'listen', 'unlisten', 'listening', 'on', 'to', 'off', 'status');

topic('osc', `OSC with other programs (TouchOSC, Open Stage Control, visuals, other music software)
  osc.send('localhost', 9000, '/hello', 1, 2.5, 'text')   whole numbers go as ints, others as floats;
    osc.float(1) sends a float, true/false as T/F, a Uint8Array as a blob
  osc.send('localhost', 9000, osc.bundle(0.5, [['/a', 1], ['/b', 'x']]))   a bundle stamped half a beat
    from now: sent at once, ahead by the latency, so a receiver that reads time tags plays it on time
  In loops, patterns and at, plain messages leave when their event's sample plays (the audio clock).
  osc.listen(8000)   then  osc.on('/fader/*', (args, from, address) => ...)   patterns: * ? [a-z] [!0-9] {a,b}
  const c = bus.control(); osc.on('/fader/1').to(c, 200, 4000)   direct: a fader's 0..1 sets the bus to
    200..4000 from the listener's thread, no JS in between; read it in a def with in(c)
  h.off() removes one (h is what osc.on / .to return); osc.off() removes them all; osc.status()
  Running a file again replaces the handlers it made (line by line); {name: 'x'} replaces by name.`);
