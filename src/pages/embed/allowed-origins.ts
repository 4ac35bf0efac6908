// The origins allowed to drive this frame: the server writes them into the page (from
// CONVENE_EMBED_ORIGINS) as it writes them into the frame-ancestors of its CSP. With none
// configured, only the server's own pages may frame it, so only its own origin may talk to it.
const META_NAME = 'convene-embed-origins';

export function readAllowedOrigins(doc: Document = document): ReadonlySet<string> {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${META_NAME}"]`)?.content ?? '';
  const origins = content
    .split(/[\s,]+/)
    .map((origin) => origin.trim())
    .filter(Boolean);
  return new Set(origins.length > 0 ? origins : [location.origin]);
}
