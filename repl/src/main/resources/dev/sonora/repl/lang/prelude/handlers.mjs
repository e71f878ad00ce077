// Sonora prelude: handles for the handlers and direct mappings a script makes (midi.on, midi.cc,
// osc.on, .to). Each feature keeps its own set (midi.off() leaves OSC alone); what they share is
// the rule that a file that runs again (watch, load) replaces the handlers it made, line by line,
// instead of doubling them, while the handlers one line made in one run (a for loop) all stay.
import { Map, Set, defineProp, strStartsWith, mapGet, mapSet, mapClear, setAdd, setDelete, setValues, setSize,
  afterThisTask } from './builtins.mjs';
import { Shown } from './show.mjs';
import { callerFrame } from './api.mjs';

// Where the user's code made the call: 'file.js:12', or undefined (REPL lines are all different).
export function callSite() {
  const f = callerFrame();
  return f === undefined ? undefined : f.file + ':' + f.line;
}

let epoch = 0;       // bumped once after each top-level evaluation (a microtask runs after it)
let bumping = false;
function currentEpoch() {
  if (!bumping) {
    afterThisTask(() => { epoch++; bumping = false; });
    bumping = true; // only once the bump is sure to come: otherwise the epoch would never move again
  }
  return epoch;
}

// What midi.on, osc.on and .to return: h.off() removes it. Shown as Kind(label).
class Handle extends Shown {
  constructor(kind, label, remove) {
    super();
    defineProp(this, '__remove', { value: remove });
    defineProp(this, '__label', { value: label });
    defineProp(this, '__kind', { value: kind });
  }
  off() { this.__remove(); return this; }
  toString() { return `${this.__kind}(${this.__label})`; }
}

// One feature's handles. register(label, key, add, remove): key is where the call was made
// (callSite() plus what it registers) or 'name:x' for {name: 'x'}, undefined for none; add()
// installs it now, remove() takes it out once.
export function handleSet(kind) {
  const live = new Set();   // handles in use, for offAll()
  const owners = new Map(); // key -> {epoch, handles}
  function register(label, key, add, remove) {
    const ep = currentEpoch();
    let owner;
    if (key !== undefined) {
      owner = mapGet(owners, key);
      if (owner && (strStartsWith(key, 'name:') || owner.epoch !== ep)) {
        const old = setValues(owner.handles); // the earlier run's handlers from this line (or name)
        for (let i = 0; i < old.length; i++) old[i].off();
        owner = undefined;
      }
      if (!owner) mapSet(owners, key, owner = { epoch: ep, handles: new Set() });
    }
    add();
    const h = new Handle(kind, label, () => {
      if (!setDelete(live, h)) return;
      remove();
      if (owner) setDelete(owner.handles, h);
    });
    setAdd(live, h);
    if (owner) setAdd(owner.handles, h);
    return h;
  }
  function offAll() {
    const n = setSize(live);
    const all = setValues(live);
    for (let i = 0; i < all.length; i++) all[i].off();
    mapClear(owners);
    return n;
  }
  return { register, offAll, size: () => setSize(live) };
}
