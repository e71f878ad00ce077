// Sonora prelude, helpers (docs/api.md, "Helpers"): pitch, level and range conversions, chance.
import { isArray, floor, pow, log2, log10, random } from './builtins.mjs';
import { api, fail } from './api.mjs';
import { describe } from './show.mjs';

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
