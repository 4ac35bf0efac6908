import { expect } from '@open-wc/testing';
import { Backoff } from '../../src/client/backoff.ts';

const START = 1_000_000;
/** Math.random() answering the middle of its range: no jitter at all. */
const middle = () => 0.5;

/** The delays `backoff` hands out at `now`, `count` times. */
function delays(backoff: Backoff, count: number, random = middle, now = START): number[] {
  return Array.from({ length: count }, () => backoff.next(now, random) ?? -1);
}

describe('Backoff', () => {
  it('doubles the delay from the first one, 250 ms by default', () => {
    expect(delays(new Backoff({}, START), 4)).to.deep.equal([250, 500, 1000, 2000]);
  });

  it('caps the delay, at 5 s by default', () => {
    expect(delays(new Backoff({}, START), 8).slice(4)).to.deep.equal([4000, 5000, 5000, 5000]);
    const custom = new Backoff({ initialMs: 100, maxMs: 300, jitter: 0 }, START);
    expect(delays(custom, 4)).to.deep.equal([100, 200, 300, 300]);
  });

  it('spreads each delay by at most the jitter either way, 20% by default', () => {
    const low = new Backoff({}, START);
    const high = new Backoff({}, START);
    expect(delays(low, 3, () => 0)).to.deep.equal([200, 400, 800]);
    expect(delays(high, 3, () => 0.999_999)).to.deep.equal([300, 600, 1200]);
  });

  it('hands out different delays to peers that lost the connection at the same time', () => {
    const seen = new Set<number>();
    for (let peer = 0; peer < 20; peer++) {
      const delay = new Backoff({ initialMs: 1000 }, START).next(START)!;
      expect(delay).to.be.within(800, 1200);
      seen.add(delay);
    }
    expect(seen.size).to.be.greaterThan(1);
  });

  it('counts the attempts it handed out', () => {
    const backoff = new Backoff({}, START);
    expect(backoff.attempt).to.equal(0);
    delays(backoff, 3);
    expect(backoff.attempt).to.equal(3);
  });

  it('gives up once the deadline has passed, 60 s after the loss by default', () => {
    const backoff = new Backoff({}, START);
    expect(backoff.next(START + 59_999, middle)).to.equal(1);
    expect(backoff.next(START + 60_000, middle)).to.equal(undefined);
    expect(backoff.next(START + 90_000, middle)).to.equal(undefined);
  });

  it('makes the last attempt at the deadline rather than skipping it', () => {
    const backoff = new Backoff({ initialMs: 1000, giveUpAfterMs: 2500, jitter: 0 }, START);
    expect(backoff.next(START)).to.equal(1000);
    expect(backoff.next(START + 1000)).to.equal(1500); // 2000 would pass the deadline.
    expect(backoff.next(START + 2500)).to.equal(undefined);
  });
});
