// A chat message's text cut into plain text and links. Only http and https URLs, as `new URL`
// parses them, become links; anything else (javascript:, data:, a mistyped URL) stays text. The
// pieces are rendered with lit's text and attribute bindings: nothing here is ever HTML.

export type TextPiece = { text: string } | { text: string; href: string };

/** Something shaped like a URL with a scheme: `scheme:` and no whitespace. */
const CANDIDATE = /\b[a-z][a-z0-9+.-]*:[^\s]+/gi;
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = new Set([...'.,;:!?\'"»]}>']);

/**
 * `candidate` without the punctuation that follows it in the sentence. A closing bracket stays
 * when the URL opened it, as in a Wikipedia link: https://en.wikipedia.org/wiki/A_(b).
 */
function withoutTrailing(candidate: string): string {
  let end = candidate.length;
  while (end > 0) {
    const last = candidate[end - 1]!;
    if (last === ')') {
      const body = candidate.slice(0, end);
      if (body.split('(').length >= body.split(')').length) break;
    } else if (!TRAILING.has(last)) {
      break;
    }
    end--;
  }
  return candidate.slice(0, end);
}

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
    const candidate = withoutTrailing(match[0]);
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
