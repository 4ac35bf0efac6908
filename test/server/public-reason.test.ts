// What an output's failure says where people see it: ffmpeg's own words, with no RTMP stream key
// and none of the server's folders in them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publicReason } from '../../server/streaming/ffmpeg-output.ts';

test("a file path keeps only its file's name", () => {
  assert.equal(
    publicReason('/srv/convene/data/live/abc/0/r0_00012.m4s: No space left on device'),
    '…/r0_00012.m4s: No space left on device',
  );
  assert.equal(
    publicReason("Error opening input file '/tmp/convene-ffmpeg-x1/in.sdp'."),
    "Error opening input file '…/in.sdp'.",
  );
  // Said twice (a reason that was already cut), it stays the same.
  assert.equal(publicReason('…/in.sdp: Invalid data'), '…/in.sdp: Invalid data');
});

test('an RTMP URL is named by its position, and a URL is not taken for a path', () => {
  const urls = ['rtmp://live.example.com/app/secret-key-1', 'rtmp://127.0.0.1:1/dead'];
  assert.equal(
    publicReason('[flv @ 0x1] rtmp://127.0.0.1:1/dead: Connection refused', urls),
    '[flv @ 0x1] rtmp_urls[1]: Connection refused',
  );
  assert.equal(
    publicReason('Failed to open https://cdn.example.com/a/b.m3u8'),
    'Failed to open https://cdn.example.com/a/b.m3u8',
  );
});

test('words without paths pass as they are', () => {
  assert.equal(
    publicReason('ffmpeg kept failing: Conversion failed!'),
    'ffmpeg kept failing: Conversion failed!',
  );
});
