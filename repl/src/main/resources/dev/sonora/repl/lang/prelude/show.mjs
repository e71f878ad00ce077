// Sonora prelude: how values print (the REPL's results, console.log, values quoted in errors).
import { Error, String, Map, Set, objectKeys, sameValue, isArray, objToString, regexExec, push, map, slice, join,
  replaceAll, mapForEach, mapSize, setSize, setValues } from './builtins.mjs';
import { B } from './bridge.mjs';
import { api } from './api.mjs';

// objects that print as themselves: Node(1001 'bass'), Def(...), Bus(...), UGen(...)
export class Shown {}

const IDENT = /^[A-Za-z_$][\w$]*$/;
export function quote(s) {
  return "'" + replaceAll(replaceAll(replaceAll(s, '\\', '\\\\'), "'", "\\'"), '\n', '\\n') + "'";
}

export function show(v, depth) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return quote(v);
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

// what the REPL prints for a result (undefined: nothing); JsHost calls it
export const showResult = (v) => (v === undefined ? undefined : show(v, 0));

// a value as an error message quotes it: strings say that they are one
export const describe = (v) => (typeof v === 'string' ? `string ${quote(v)}` : show(v, 1));

const line = (a) => join(map(a, (x) => (typeof x === 'string' ? x : show(x, 0))), ' ');
// block bodies: a void Java call would return null, and console.log must return undefined
api('console', {
  log(...a) { B.print(line(a)); },
  info(...a) { B.print(line(a)); },
  warn(...a) { B.printError(line(a)); },
  error(...a) { B.printError(line(a)); },
});
