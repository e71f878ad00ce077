// Sonora prelude: the JavaScript built-ins the API uses, captured before any script runs.
//
// A script may change any built-in (Array.prototype.push = null, a throwing getter on
// Object.prototype.then, Math = 0): the API must not notice. Every prelude module takes what it
// needs from here and uses it without looking anything up again: no method calls on built-in
// prototypes, no for-of, spread or array destructuring (they go through
// Array.prototype[Symbol.iterator]), no promises but afterThisTask (their then and constructor
// are reachable). Importing Error, String, Map... from here shadows the global ones in a module.
// This holds for a module's top-level code too: most modules load on the first use of their API,
// after scripts may have run (JsHost.DEFERRED_CORE and the extensions).

const global = globalThis;
export const Error = global.Error, TypeError = global.TypeError, String = global.String, Number = global.Number,
  Function = global.Function, Proxy = global.Proxy, Map = global.Map, Set = global.Set;
const uncurry = Function.prototype.bind.bind(Function.prototype.call); // uncurry(f)(self, ...args)
export const objectKeys = Object.keys, defineProp = Object.defineProperty, ownDescriptor = Object.getOwnPropertyDescriptor,
  setProto = Object.setPrototypeOf,
  protoOf = Object.getPrototypeOf, createObject = Object.create, sameValue = Object.is, isArray = Array.isArray,
  isFiniteNumber = Number.isFinite, isInteger = Number.isInteger, apply = Reflect.apply;
export const ObjectProto = Object.prototype; // an object literal's prototype (a script cannot replace it)
export const { floor, round, min, pow, log2, log10, random, abs } = Math;
export const push = uncurry(Array.prototype.push);
export const strIndexOf = uncurry(String.prototype.indexOf), strSlice = uncurry(String.prototype.slice),
  strStartsWith = uncurry(String.prototype.startsWith), strLower = uncurry(String.prototype.toLowerCase),
  toFixed = uncurry(Number.prototype.toFixed), fnSource = uncurry(Function.prototype.toString),
  regexExec = uncurry(RegExp.prototype.exec), objToString = Object.prototype.toString;
export const mapGet = uncurry(Map.prototype.get), mapSet = uncurry(Map.prototype.set),
  mapClear = uncurry(Map.prototype.clear), mapForEach = uncurry(Map.prototype.forEach),
  setAdd = uncurry(Set.prototype.add), setDelete = uncurry(Set.prototype.delete),
  setSize = uncurry(Object.getOwnPropertyDescriptor(Set.prototype, 'size').get),
  mapSize = uncurry(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get);

// arrays: plain loops (map, slice and filter would also consult Array.prototype.constructor).
// They read only length and indexes, so they also take the arrays Java hands over (proxies):
// slice(a, 0) copies one into a JavaScript array, which is what a script should get.
export function map(a, f) {
  const r = [];
  for (let i = 0; i < a.length; i++) push(r, f(a[i], i));
  return r;
}
export function filter(a, f) {
  const r = [];
  for (let i = 0; i < a.length; i++) if (f(a[i])) push(r, a[i]);
  return r;
}
export function slice(a, from, to) {
  const r = [];
  const end = to === undefined ? a.length : min(to, a.length);
  for (let i = from; i < end; i++) push(r, a[i]);
  return r;
}
export function concat(a, b) {
  const r = slice(a, 0);
  for (let i = 0; i < b.length; i++) push(r, b[i]);
  return r;
}
export function includes(a, x) {
  for (let i = 0; i < a.length; i++) if (a[i] === x) return true;
  return false;
}
export function join(a, sep) {
  let s = '';
  for (let i = 0; i < a.length; i++) s += (i > 0 ? sep : '') + a[i];
  return s;
}
export function split(s, sep) {
  const r = [];
  let from = 0;
  for (;;) {
    const i = strIndexOf(s, sep, from);
    if (i < 0) return (push(r, strSlice(s, from)), r);
    push(r, strSlice(s, from, i));
    from = i + sep.length;
  }
}
export function replaceAll(s, from, to) {
  return join(split(s, from), to);
}
const setForEach = uncurry(Set.prototype.forEach);
export const mapValues = (m) => { const r = []; mapForEach(m, (v) => push(r, v)); return r; };
export const setValues = (s) => { const r = []; setForEach(s, (v) => push(r, v)); return r; };

// a microtask with nothing user-reachable on the way: then() asks the promise for its constructor
// and that for Symbol.species, and both answers are own properties here
const Promise = global.Promise;
const promiseThen = uncurry(Promise.prototype.then);
const SPECIES = createObject(null);
SPECIES[Symbol.species] = Promise;
export function afterThisTask(fn) {
  const p = new Promise((resolve) => resolve());
  defineProp(p, 'constructor', { value: SPECIES });
  promiseThen(p, fn);
}
