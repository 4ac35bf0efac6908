// A chat message's text cut into plain text and links. Only http and https URLs, as `new URL`
// parses them, become links; anything else (javascript:, data:, a mistyped URL) stays text. The
// pieces are rendered with lit's text and attribute bindings: nothing here is ever HTML.

export type TextPiece = { text: string } | { text: string; href: string };

/** Something shaped like a URL with a scheme: `scheme:` and no whitespace. */
const CANDIDATE = /\b[a-z][a-z0-9+.-]*:[^\s]+/gi;
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = /[.,;:!?'"»)\]}>]+$/;

/** The link for `candidate`, or undefined when it is not an http(s) URL. */
function linkFor(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.host ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `text` as pieces in order; joined, their `text` is `text` again. */
export function messagePieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let plain = '';
  let at = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    let candidate = match[0];
    // Keep a closing bracket the URL opened itself, as in a Wikipedia link.
    const trailing = TRAILING.exec(candidate)?.[0] ?? '';
    if (trailing && !(trailing === ')' && candidate.includes('('))) {
      candidate = candidate.slice(0, -trailing.length);
    }
    const href = linkFor(candidate);
    if (!href) continue;
    plain += text.slice(at, start);
    if (plain) pieces.push({ text: plain });
    plain = '';
    pieces.push({ text: candidate, href });
    at = start + candidate.length;
  }
  plain += text.slice(at);
  if (plain) pieces.push({ text: plain });
  return pieces;
}
