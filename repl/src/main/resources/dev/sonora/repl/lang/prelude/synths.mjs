// Sonora prelude, synths (docs/api.md, "Synth definitions", "Nodes and groups"): def and defs,
// synth, play and group, the handles they return, and hush.
import { objectKeys, isArray, push, map, slice, includes, setProto, protoOf, ObjectProto, createObject } from './builtins.mjs';
import { B } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';
import { controlValue, whatText as text, withGraph, buildGraph } from './signals.mjs';

// ---------------------------------------------------------------- definitions

function checkName(name, what) {
  if (typeof name === 'string' && name !== '') return name; // the usual case first: no instanceof
  if (name instanceof Def) return name.name;
  fail(`${what}: the first argument is a synth name, like ${what}('bass', ...)`);
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

export function def(name, fn) {
  name = checkName(name, 'def');
  return withGraph((g) => {
    const result = buildGraph(fn, name);
    return new Def(name, slice(B.define(g, name, result), 0)); // its control names
  });
}
api('def', def);

api('defs', function defs() {
  return map(B.defNames(), (n) => new Def(n, []));
});

// ---------------------------------------------------------------- nodes and groups

// A base class linked to Shown by hand: a derived class's super() call and a defineProperty
// per handle were a sixth of synth()'s sampled time (docs/performance.md, "A note's
// JavaScript: the per-call steps"). The private field is as hidden from scripts as the
// non-enumerable property was; __ref stays, read only, for the modules (observe) that take nodes.
class Node {
  #ref;
  constructor(ref) {
    this.#ref = ref;
  }
  get __ref() { return this.#ref; }
  get id() { return B.id(this.#ref); }
  get playing() { return B.playing(this.#ref); }
  set(controls) {
    const c = pairs(controls, () => `set ${this}`);
    if (c !== NO_CONTROLS) B.set(this.#ref, c.names, c.values); // set() and set(null): nothing to set
    return this;
  }
  release() { B.release(this.#ref); return this; }
  free() { B.free(this.#ref); return this; }
  run(on = true) { B.run(this.#ref, !!on); return this; }
  pause() { return this.run(false); }
  resume() { return this.run(true); }
  onEnd(fn) {
    if (typeof fn !== 'function') fail(`onEnd: expected a function, got ${describe(fn)}`);
    B.onEnd(this.#ref, () => fn(this));
    return this;
  }
  moveBefore(m) { B.move(this.#ref, 'before', nodeRef(m, 'moveBefore')); return this; }
  moveAfter(m) { B.move(this.#ref, 'after', nodeRef(m, 'moveAfter')); return this; }
  moveToHead(g) { B.move(this.#ref, 'head', nodeRef(g, 'moveToHead')); return this; }
  moveToTail(g) { B.move(this.#ref, 'tail', nodeRef(g, 'moveToTail')); return this; }
  toString() { return B.label(this.#ref); }
}
class Group extends Node {
  freeAll() { B.freeAll(this.__ref); return this; }
  synth(name, controls) { return synth(name, controls, { head: this }); }
  play(fn, controls) { return play(fn, controls, { head: this }); }
  group(options) { return group(options !== null && typeof options === 'object' && options.parallel !== undefined
    ? { parallel: options.parallel, head: this } : { head: this }); }
}
setProto(Node.prototype, Shown.prototype);
members('id', 'playing', 'set', 'release', 'free', 'run', 'pause', 'resume', 'onEnd', 'moveBefore', 'moveAfter',
  'moveToHead', 'moveToTail', 'freeAll', 'synth', 'group');
const wrap = (ref) => (B.isGroup(ref) ? new Group(ref) : new Node(ref));

function nodeRef(n, what) {
  if (n instanceof Node) return n.__ref;
  fail(`${text(what)}: expected a node or group, got ${describe(n)}`);
}

// what (in pairs, place and nodeRef) names the call in an error: see whatText
const NO_CONTROLS = { names: null, values: null }; // read only, as every result of pairs
const DEFAULT_PLACE = { action: 'head', target: null }; // read only, as every result of place

export function pairs(controls, what) {
  if (controls === undefined || controls === null) return NO_CONTROLS;
  // an object literal (the usual case) is neither an array nor a Shown: one test instead of three
  if (typeof controls !== 'object' || protoOf(controls) !== ObjectProto) checkControls(controls, what);
  const names = objectKeys(controls);
  const values = [];
  for (let i = 0; i < names.length; i++) values[i] = controlValue(controls[names[i]], what, names[i]);
  return { names, values };
}
function checkControls(controls, what) {
  if (typeof controls !== 'object' || isArray(controls) || controls instanceof Shown) {
    fail(`${text(what)}: controls are an object like {freq: 220, amp: 0.2}, got ${describe(controls)}`);
  }
}

// where a new node goes: a group (its head), or {head|tail: group} / {before|after|replace: node};
// a lookup table rather than a list, as every note asks it
const PLACES = createObject(null);
PLACES.head = PLACES.tail = PLACES.before = PLACES.after = PLACES.replace = true;
function place(where, what) {
  if (where === undefined || where === null) return DEFAULT_PLACE;
  // {tail: g} and the like (an object literal) first: the node tests are for a group given alone
  const literal = typeof where === 'object' && protoOf(where) === ObjectProto;
  if (!literal && where instanceof Group) return { action: 'head', target: where.__ref };
  if (literal || (typeof where === 'object' && !(where instanceof Node))) {
    const ks = objectKeys(where);
    const k = ks[0];
    if (ks.length === 1 && PLACES[k] === true) {
      return { action: k, target: nodeRef(where[k], what) };
    }
  }
  fail(`${text(what)}: say where with a group or {head: g}, {tail: g}, {before: n}, {after: n}, {replace: n}; got ${describe(where)}`);
}

export function synth(name, controls, where) {
  name = checkName(name, 'synth');
  const what = () => `synth '${name}'`;
  const c = pairs(controls, what);
  const p = place(where, what);
  return new Node(B.synth(name, c.names, c.values, p.action, p.target)); // a synth, never a group
}
api('synth', synth);

export function play(fn, controls, where) {
  const def = withGraph((g) => B.anonymous(g, 'play', buildGraph(fn, 'play')));
  const c = pairs(controls, 'play');
  const p = place(where, 'play');
  return wrap(B.play(def, c.names, c.values, p.action, p.target));
}
api('play', play);


// group(where) or group({parallel: true, ...where}): a parallel group's children may run at
// the same time on the audio worker threads (docs/api.md, "Parallel groups")
function group(where) {
  let parallel = false;
  if (where !== null && typeof where === 'object' && !(where instanceof Node) && !isArray(where)) {
    const ks = objectKeys(where);
    for (let i = 0; i < ks.length; i++) {
      if (ks[i] !== 'parallel' && PLACES[ks[i]] !== true) {
        fail(`group: unknown option '${ks[i]}' (options: parallel, and one of head, tail, before, after, replace)`);
      }
    }
    if (includes(ks, 'parallel')) {
      const v = where.parallel;
      if (v !== true && v !== false) fail(`group: parallel is true or false, got ${describe(v)}`);
      parallel = v;
      const rest = {};
      for (let i = 0; i < ks.length; i++) if (ks[i] !== 'parallel') rest[ks[i]] = where[ks[i]];
      where = objectKeys(rest).length === 0 ? undefined : rest;
    }
  }
  const p = place(where, 'group');
  return wrap(parallel ? B.parallelGroup(p.action, p.target) : B.group(p.action, p.target));
}
api('group', group);
let theDefaultGroup = null; // a server's default group never changes: one handle, made on first use
api('defaultGroup', () => theDefaultGroup || (theDefaultGroup = wrap(B.defaultGroup())));

// what else a panic stops (loops, the MIDI file player): the time and midi modules add to it
const hushHooks = [];
export function onHush(fn) {
  push(hushHooks, fn);
}
// every part runs even when one fails (a full queue): the first failure is thrown after them all
api('hush', function hush() {
  let failed;
  try { B.hush(); } catch (e) { failed = e; }
  for (let i = 0; i < hushHooks.length; i++) {
    try { hushHooks[i](); } catch (e) { if (failed === undefined) failed = e; }
  }
  if (failed !== undefined) throw failed;
});
