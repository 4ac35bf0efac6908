// The clock the latency bench draws into the published picture and reads back from the played
// one: Date.now() (its low 40 bits) and an 8-bit check as 48 black and white cells, 8 by 6, of
// 32 px each in the middle of a 640x360 picture. Large enough to survive VP8 and H.264 at the
// half-height rendition (16 px cells), and read at fixed cell centres: the recorder's fitting of
// the tile into its cell (scale 0.955-0.975, centred) moves the outer centres by 5 px at most.
export const CODE_WIDTH = 640;
export const CODE_HEIGHT = 360;
const COLUMNS = 8;
const ROWS = 6;
const CELL = 32;
const TIME_BITS = 40;
const LEFT = (CODE_WIDTH - COLUMNS * CELL) / 2;
const TOP = (CODE_HEIGHT - ROWS * CELL) / 2;
/** Each cell is read as the mean of this square around its centre. */
const PATCH = 8;

function check(time: number): number {
  let sum = 0xa5;
  for (let i = 0; i < TIME_BITS / 8; i++) sum = (sum * 31 + Math.floor(time / 2 ** (8 * i))) & 0xff;
  return sum;
}

function bitsOf(time: number): boolean[] {
  const low = time % 2 ** TIME_BITS;
  const bits: boolean[] = [];
  for (let i = 0; i < TIME_BITS; i++) bits.push(Math.floor(low / 2 ** i) % 2 === 1);
  const sum = check(low);
  for (let i = 0; i < 8; i++) bits.push(((sum >> i) & 1) === 1);
  return bits;
}

/** Draws `time` over a grey picture of CODE_WIDTH x CODE_HEIGHT. */
export function drawClock(context: CanvasRenderingContext2D, time: number): void {
  context.fillStyle = '#808080';
  context.fillRect(0, 0, CODE_WIDTH, CODE_HEIGHT);
  bitsOf(time).forEach((bit, i) => {
    context.fillStyle = bit ? '#ffffff' : '#000000';
    const x = LEFT + (i % COLUMNS) * CELL;
    const y = TOP + Math.floor(i / COLUMNS) * CELL;
    context.fillRect(x, y, CELL, CELL);
  });
}

/**
 * The time in a picture drawn by drawClock (then encoded, decoded and drawn at CODE_WIDTH x
 * CODE_HEIGHT), read through `luma(x, y)` (0-255), or undefined when the check fails (a frame
 * mid-change, a smeared code). `now` gives the high bits.
 */
export function readClockFrom(luma: (x: number, y: number) => number, now: number) {
  const bits: boolean[] = [];
  for (let i = 0; i < COLUMNS * ROWS; i++) {
    const cx = LEFT + (i % COLUMNS) * CELL + CELL / 2;
    const cy = TOP + Math.floor(i / COLUMNS) * CELL + CELL / 2;
    let sum = 0;
    for (let y = cy - PATCH / 2; y < cy + PATCH / 2; y++)
      for (let x = cx - PATCH / 2; x < cx + PATCH / 2; x++) sum += luma(x, y);
    bits.push(sum / (PATCH * PATCH) > 128);
  }
  let low = 0;
  for (let i = 0; i < TIME_BITS; i++) if (bits[i]) low += 2 ** i;
  let sum = 0;
  for (let i = 0; i < 8; i++) if (bits[TIME_BITS + i]) sum |= 1 << i;
  if (sum !== check(low)) return undefined;
  // The high bits are now's: the code's 40 bits wrap every 34 years.
  return now - (now % 2 ** TIME_BITS) + low;
}

/** readClockFrom a canvas holding the picture at CODE_WIDTH x CODE_HEIGHT. */
export function readClock(context: CanvasRenderingContext2D, now: number): number | undefined {
  const { data } = context.getImageData(0, 0, CODE_WIDTH, CODE_HEIGHT);
  return readClockFrom((x, y) => {
    const at = (y * CODE_WIDTH + x) * 4;
    return data[at]! * 0.299 + data[at + 1]! * 0.587 + data[at + 2]! * 0.114;
  }, now);
}
