// Sonora prelude, time (docs/api.md, "Time"): tempo, loop, at, now, stop, latency over the Java
// clock (dev.sonora.repl.time.TimeBridge, handed to connect() by JsHost).
import { protoOf, isFiniteNumber, slice } from './builtins.mjs';
import { guard } from './bridge.mjs';
import { api, fail } from './api.mjs';
import { describe } from './show.mjs';
import { onHush } from './synths.mjs';
import { topic } from './help.mjs';

let T = null; // the clock's bridge, guarded

// the clock's bridge, for the modules that play on the clock (patterns.mjs)
export const clock = () => T;

export function connect(timeBridge) {
  T = guard(timeBridge); // its clock holds the main bridge from the start (Features)
}

const GeneratorFunction = protoOf(function* () {}).constructor;
const AsyncGeneratorFunction = protoOf(async function* () {}).constructor;
const MIN_BEATS = 0.001;

function beatsArg(x, what, example) {
  if (typeof x !== 'number' || !isFiniteNumber(x)) fail(`${what}: expected a number of beats, like ${example}; got ${describe(x)}`);
  return x;
}

api('tempo', function tempo(bpm) {
  if (bpm === undefined) return T.tempo();
  if (typeof bpm !== 'number' || !isFiniteNumber(bpm) || bpm < 1 || bpm > 1000) {
    fail(`tempo: beats per minute from 1 to 1000, like tempo(120); got ${describe(bpm)}`);
  }
  T.setTempo(bpm);
  return bpm;
});

api('latency', function latency(seconds) {
  if (seconds === undefined) return T.latency();
  if (typeof seconds !== 'number' || !isFiniteNumber(seconds) || seconds < 0 || seconds > 2) {
    fail(`latency: seconds from 0 to 2, like latency(0.1); got ${describe(seconds)}`);
  }
  T.setLatency(seconds);
  return seconds;
});

api('now', function now() {
  return T.now();
});

api('at', function at(beats, fn) {
  if (typeof beats === 'function') fail('at: say when first, then what: at(0.5, () => synth(\'pluck\'))');
  beatsArg(beats, 'at', 'at(0.5, () => ...)');
  if (beats < 0) fail(`at: ${beats} is in the past; use 0 or more beats from now`);
  if (typeof fn !== 'function') fail(`at: the second argument is a function, like at(0.5, () => synth('pluck')); got ${describe(fn)}`);
  T.at(beats, fn);
});

api('loop', function loop(name, beats, fn) {
  if (typeof name !== 'string' || name === '') {
    fail(`loop: the first argument is a name, like loop('drums', 1, (beat) => ...); got ${describe(name)}`);
  }
  if (typeof beats === 'function' && fn === undefined) {
    fn = beats;
    beats = undefined;
  }
  if (typeof fn !== 'function') {
    fail(`loop '${name}': expected a function, like loop('${name}', 1, (beat) => ...) or loop('${name}', function* () { ...; yield 0.25 }); got ${describe(fn)}`);
  }
  if (fn instanceof AsyncGeneratorFunction) {
    // its passes would run nothing at all: next() only returns a promise, never a wait in beats
    fail(`loop '${name}': an async function* cannot wait on the beat; use function* and yield beats, like loop('${name}', function* () { ...; yield 0.25 })`);
  }
  const generator = fn instanceof GeneratorFunction;
  if (beats === undefined) {
    if (!generator) fail(`loop '${name}': how often? loop('${name}', 1, (beat) => ...) runs every beat (or give a function* that yields waits)`);
    beats = 1; // a generator loop starts on the next whole beat
  }
  beatsArg(beats, `loop '${name}'`, `loop('${name}', 1, ...)`);
  if (beats < MIN_BEATS) fail(`loop '${name}': the period must be at least ${MIN_BEATS} beats; got ${beats}`);
  T.loop(name, beats, fn, generator);
});

api('stop', function stop(name) {
  if (name === undefined) {
    T.stopAll();
    return;
  }
  if (typeof name !== 'string') fail(`stop: the name of a loop, like stop('drums'); got ${describe(name)}`);
  return T.stop(name);
});

api('loops', function loops() {
  return slice(T.loops(), 0);
});

api('timing', function timing() {
  const t = T.timing();
  return { events: t.events, late: t.late, worstLateMs: t.worstLateMs, minLeadMs: t.minLeadMs, startLeadMs: t.startLeadMs };
});

onHush(() => T.hush());

topic('time', `tempo(120)                       beats per minute (tempo() reads it); changes keep the beat position
  loop('drums', 1, (beat) => ...)  every beat, starting on the next multiple of 1; re-evaluate to change the body
                                   (it takes over at the next cycle, same phase)
  loop('arp', function* () { synth('pluck'); yield 0.25 })   generator form: yield waits N beats; restarts when done
  at(0.5, () => ...)   runs at now() + 0.5 beats     now()   the current beat (inside a loop: that event's beat)
  stop('drums')  stop() every loop   loops()   hush() stops loops and sound
  latency(0.1)   seconds events are computed ahead: every event they make lands on its exact sample
  timing()       {events, late, worstLateMs, minLeadMs, startLeadMs}: how punctual the clock has been`);
