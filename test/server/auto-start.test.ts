// Which recording a template's destinations start with a session (100ms's browserRecordings
// autoStart), read from the free-form destinations object a template holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoStartRecording } from '../../server/streaming/auto-start.ts';

test('only a browser recording with autoStart true starts, at its width and height', () => {
  assert.equal(autoStartRecording({}), undefined);
  assert.equal(autoStartRecording({ browserRecordings: {} }), undefined);
  assert.equal(autoStartRecording({ browserRecordings: 'yes' }), undefined);
  assert.equal(
    autoStartRecording({
      browserRecordings: { a: { autoStart: false }, b: { autoStart: 'true' } },
    }),
    undefined,
  );
  assert.equal(
    autoStartRecording({ hlsDestinations: { live: { autoStart: true } } }),
    undefined,
    'HLS destinations have no autoStart in 100ms’s template',
  );
  assert.deepEqual(
    autoStartRecording({
      browserRecordings: {
        off: { autoStart: false, width: 640, height: 360 },
        on: { autoStart: true, width: 1280, height: 720 },
      },
    }),
    { resolution: { width: 1280, height: 720 } },
  );
  assert.deepEqual(autoStartRecording({ browserRecordings: { on: { autoStart: true } } }), {});
  assert.deepEqual(
    autoStartRecording({ browserRecordings: { on: { autoStart: true, width: 1280 } } }),
    {},
    'a size needs both sides',
  );
});
