// Sonora prelude, help(topic): a tour and one summary per topic. The core topics are here; the
// time, samples and midi modules add theirs with topic().
import { String, objectKeys, strIndexOf, strSlice, filter, join } from './builtins.mjs';
import { B } from './bridge.mjs';
import { api, fail, loadAllModules } from './api.mjs';
import { unitNames } from './signals.mjs';

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
  n.moveBefore(m) n.moveAfter(m) n.moveToHead(g) n.moveToTail(g)   g.freeAll()   g.free()
  group({parallel: true}) / g.group({parallel: true})   children may run at once on the worker threads (siblings must not read each other's buses)`,
  units: () => `units now: ${join(unitNames(), ', ')}
  call them as functions, sine(440), or as methods on a signal, saw(110).mul(0.2).pan(-0.5); numbers and signals mix.
  in(bus) reads a bus; sig.out(bus) writes one. mix(a, b, ...) sums signals.`,
  buses: `const b = bus.audio(2); bus.control()   allocate buses; sig.out(b) writes, in(b) reads`,
  helpers: `midicps(69) = 440  dbamp(-6)  linlin(x, inLo, inHi, outLo, outHi)  linexp(...)  choose([1, 2])  rand(lo, hi)`,
  files: `load('set.js') runs a file (paths are relative to the file that loads them)
  watch('set.js') runs it now and again on every save (one that does not parse leaves the previous version)`,
  keys: `Enter evaluates (an unfinished expression continues on the next line), Tab completes,
  Up/Down browse history, Ctrl-C stops running code (not the music), Ctrl-D quits with a short fade`,
};

// another module's topic: help('name') prints text (a string, or a function that makes it)
export function topic(name, text) {
  HELP[name] = text;
}

api('help', function help(topic) {
  loadAllModules(); // their topics too
  const key = topic === undefined ? '' : typeof topic === 'function' ? topic.name : String(topic);
  const topics = join(filter(objectKeys(HELP), (k) => k), ', ');
  let h = HELP[key];
  if (key === '') {
    // the first line lists every topic, the other modules' too
    const lead = "help('topic') for more: ";
    const at = strIndexOf(h, lead) + lead.length;
    const end = strIndexOf(h, '\n', at);
    h = strSlice(h, 0, at) + topics + (end < 0 ? '' : strSlice(h, end));
  }
  if (h === undefined) fail(`help: no topic '${key}' (topics: ${topics})`);
  B.print(typeof h === 'function' ? h() : h);
});
