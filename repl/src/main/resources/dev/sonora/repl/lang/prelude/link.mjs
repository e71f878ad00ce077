// Sonora prelude, Ableton Link (docs/api.md, "Link"): play in time with other players over
// dev.sonora.repl.link.LinkBridge (handed to connect() by JsHost). The clock follows the
// session; tempo() changes it for every peer; cycle() is the quantum phase is aligned at.
import { guard } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { describe } from './show.mjs';
import { topic } from './help.mjs';

let L = null; // the Link bridge, guarded

export function connect(linkBridge) {
  L = guard(linkBridge);
}

function state() {
  const s = L.state();
  return { enabled: s.enabled, peers: s.peers, tempo: s.tempo, beat: s.beat, phase: s.phase, playing: s.playing };
}

function link(on) {
  if (on === undefined) return state();
  if (on !== true && on !== false) fail(`link: true joins a Link session, false leaves it, link() tells; got ${describe(on)}`);
  L.enable(on);
  return state();
}

function flag(x, what) {
  if (x !== true && x !== false) fail(`${what}: true or false; got ${describe(x)}`);
  return x;
}

link.startStop = function startStop(on) {
  if (on === undefined) return L.startStopSync();
  L.setStartStopSync(flag(on, 'link.startStop'));
  return on;
};
link.start = function start() { L.play(true); };
link.stop = function stop() { L.play(false); };
link.status = function status() {
  const s = L.status();
  return s.enabled ? { enabled: true, dropped: s.dropped, refused: s.refused, clamped: s.clamped, startStop: s.startStop, node: s.node, session: s.session }
    : { enabled: false };
};

api('link', link);
members('startStop', 'start', 'stop', 'status');

topic('link', `Ableton Link: tempo and beat phase shared with other players on the network
  link(true)   join (or start) a session: the clock follows its tempo and bars; link(false) leaves
  link()       {enabled, peers, tempo, beat, phase, playing}
  tempo(128)   with Link on, changes the tempo for every peer     cycle(4)  the quantum (beats a bar)
  link.startStop(true)   share start/stop: loops and patterns stop with the session and start on its next bar;
                         link.start() link.stop() (every sharing peer, Sonora included); link().playing tells
  link.status()          {dropped, refused, clamped, ...}: bad packets, absurd tempos refused, tempos clamped`);
