import { expect } from '@open-wc/testing';
import { TILE_REPORT_INTERVAL_MS, VisibleTilesReporter } from '../../src/client/visible-tiles.ts';
import type { VisibleTile } from '../../src/protocol/signaling.ts';

const INTERVAL = 40;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tile(peerId: string, width = 320, source: VisibleTile['source'] = 'camera'): VisibleTile {
  return { peerId, source, width, height: Math.round((width * 9) / 16) };
}

/** A reporter whose messages are recorded; `answer` says what each send returns. */
function recordingReporter(answer: () => Promise<unknown> | undefined = () => Promise.resolve()) {
  const sent: VisibleTile[][] = [];
  const reporter = new VisibleTilesReporter((tiles) => {
    sent.push(tiles);
    return answer();
  }, INTERVAL);
  return { reporter, sent };
}

const peersOf = (tiles: VisibleTile[]) => tiles.map((t) => t.peerId);

describe('VisibleTilesReporter', () => {
  it('reports every 100 ms at most by default', () => {
    expect(TILE_REPORT_INTERVAL_MS).to.equal(100);
  });

  it('sends the first set on a connection at once', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([tile('ada')]);
    await wait(0);
    expect(sent).to.deep.equal([[tile('ada')]]);
    reporter.dispose();
  });

  it('answers which tiles are visible as soon as they are set', () => {
    const { reporter } = recordingReporter();
    reporter.set([tile('ada'), tile('bob', 640, 'screen')]);
    expect(reporter.isVisible('ada', 'camera')).to.equal(true);
    expect(reporter.isVisible('bob', 'screen')).to.equal(true);
    expect(reporter.isVisible('bob', 'camera')).to.equal(false);
    reporter.dispose();
  });

  it('coalesces a burst of sets into one message with the last set', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([tile('ada')]);
    await wait(0);

    reporter.set([tile('ada', 400)]);
    reporter.set([tile('ada', 500)]);
    reporter.set([tile('ada', 600), tile('bob')]);
    await wait(0);
    expect(sent).to.have.length(1);
    await wait(INTERVAL * 2);

    expect(sent).to.have.length(2);
    expect(sent[1]).to.deep.equal([tile('ada', 600), tile('bob')]);
    reporter.dispose();
  });

  it('keeps reporting during a long burst: the timer is not pushed back by each set', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([tile('ada', 300)]);
    await wait(0);
    for (let width = 301; width <= 310; width++) {
      reporter.set([tile('ada', width)]);
      await wait(INTERVAL / 4);
    }
    // 10 sets over 2.5 intervals: at least two reports went out meanwhile.
    expect(sent.length).to.be.at.least(3);
    reporter.dispose();
  });

  it('does not send a set the server already has, whatever its order or fractions', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([tile('ada'), tile('bob')]);
    await wait(0);

    reporter.set([{ ...tile('bob'), width: 319.6 }, tile('ada')]);
    await wait(INTERVAL * 2);

    expect(sent).to.have.length(1);
    reporter.dispose();
  });

  it('sends whole pixels, one entry per tile, in a stable order', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([
      { peerId: 'bob', source: 'camera', width: 99.6, height: -3 },
      tile('ada', 100),
      tile('ada', 200),
    ]);
    await wait(0);
    expect(sent[0]).to.deep.equal([
      tile('ada', 200),
      { peerId: 'bob', source: 'camera', width: 100, height: 0 },
    ]);
    reporter.dispose();
  });

  it('sends the current set again on resend (a new connection), even if unchanged', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([tile('ada')]);
    await wait(0);

    reporter.resend();

    expect(sent).to.have.length(2);
    expect(peersOf(sent[1]!)).to.deep.equal(['ada']);
    reporter.dispose();
  });

  it('sends the set once there is a connection, if there was none', async () => {
    let connected = false;
    const { reporter, sent } = recordingReporter(() => (connected ? Promise.resolve() : undefined));
    reporter.set([tile('ada')]);
    await wait(0);
    expect(sent).to.have.length(1); // Tried, with no connection to send it on.

    connected = true;
    reporter.set([tile('ada')]);
    await wait(0);

    expect(sent).to.have.length(2);
    reporter.dispose();
  });

  it('tries again with the next report after a send failed', async () => {
    let fail = true;
    const { reporter, sent } = recordingReporter(() =>
      fail ? Promise.reject(new Error('timeout')) : Promise.resolve(),
    );
    reporter.set([tile('ada')]);
    await wait(0);
    fail = false;

    reporter.set([tile('ada')]);
    await wait(INTERVAL * 2);

    expect(sent).to.have.length(2);
    reporter.dispose();
  });

  it('sends nothing pending after dispose, and the next set goes out at once', async () => {
    const { reporter, sent } = recordingReporter();
    reporter.set([tile('ada')]);
    await wait(0);
    reporter.set([tile('bob')]);

    reporter.dispose();
    await wait(INTERVAL * 2);
    expect(sent).to.have.length(1);

    reporter.set([tile('bob')]);
    await wait(0);
    expect(sent).to.have.length(2);
    expect(peersOf(sent[1]!)).to.deep.equal(['bob']);
    reporter.dispose();
  });
});
