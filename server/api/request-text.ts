// U+0000 in any text of a request is refused with a 400 naming where it is. PostgreSQL's text
// cannot hold it (the insert or the lookup fails, a 500) while SQLite stores it, so one request
// would get two answers; and no room, role, code or URL needs it.
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../src/protocol/errors.ts';

export const NUL_REFUSAL = 'U+0000 is not accepted in text';

export const holdsNul = (text: string) => text.includes('\u0000');

function check(where: 'path parameter' | 'query parameter', values: unknown): void {
  if (values === null || typeof values !== 'object') return;
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    if (holdsNul(name) || texts.some((text) => typeof text === 'string' && holdsNul(text))) {
      const field = holdsNul(name) ? 'query' : name;
      throw invalid(`invalid ${where} ${field}: ${NUL_REFUSAL}`, `invalid_field:${field}`);
    }
  }
}

/** Refuses U+0000 in path parameters and the query string of every route of `app`. */
export function refuseNulInUrls(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    check('path parameter', request.params);
    check('query parameter', request.query);
  });
}
