// Sonora prelude, buses (docs/api.md, "Buses"): bus.audio(), bus.control().
import { isInteger } from './builtins.mjs';
import { B } from './bridge.mjs';
import { api, members, fail } from './api.mjs';
import { Shown, describe } from './show.mjs';

const HARDWARE_BUSES = 16; // audio buses below this are kept for device inputs and outputs
let nextAudio = HARDWARE_BUSES;
let nextControl = 0;

export class Bus extends Shown {
  constructor(rate, index, channels) {
    super();
    this.rate = rate;
    this.index = index;
    this.channels = channels;
  }
  toString() { return `Bus(${this.rate} ${this.index}${this.channels > 1 ? ', ' + this.channels + ' ch' : ''})`; }
}

function channelCount(c, what) {
  if (c === undefined) return 1;
  if (!isInteger(c) || c < 1 || c > 64) fail(`${what}: channels is a whole number 1..64, got ${describe(c)}`);
  return c;
}

api('bus', {
  audio(channels) {
    const c = channelCount(channels, 'bus.audio');
    if (nextAudio + c > B.audioBuses()) fail(`bus.audio: all ${B.audioBuses()} audio buses are taken`);
    const b = new Bus('audio', nextAudio, c);
    nextAudio += c;
    return b;
  },
  control(channels) {
    const c = channelCount(channels, 'bus.control');
    if (nextControl + c > B.controlBuses()) fail(`bus.control: all ${B.controlBuses()} control buses are taken`);
    const b = new Bus('control', nextControl, c);
    nextControl += c;
    return b;
  },
});
members('audio', 'control', 'index', 'rate');
