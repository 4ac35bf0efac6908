// Schema pieces shared by the REST routes: pagination, the error body, id parameters.
import { Type } from 'typebox';
import { invalid } from '../../src/protocol/errors.ts';

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  start: Type.Optional(
    Type.String({ maxLength: 64, description: 'the `last` of the previous page' }),
  ),
};

export const ErrorBody = Type.Object(
  {
    code: Type.Integer({ description: 'the HTTP status' }),
    message: Type.String(),
    details: Type.Array(Type.String(), { description: 'a machine-readable reason' }),
  },
  { $id: 'ErrorBody' },
);

export const Id = Type.String({ pattern: '^[a-zA-Z0-9_-]{1,64}$' });

/** A `{limit, data, last}` page of `item`. */
export function PageOf<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({ limit: Type.Integer(), data: Type.Array(item), last: Type.String() });
}

export function pageRequest(query: { limit?: number; start?: string }) {
  return { limit: query.limit ?? 10, start: query.start || undefined };
}

/**
 * An `after`/`before` filter in the stored form: times (created_at) are toISOString() text
 * compared as text, so `…:02Z` or `…:02+00:00` would otherwise sort after `…:02.555Z`.
 */
export function storedTime(
  field: 'after' | 'before',
  dateTime: string | undefined,
): string | undefined {
  if (dateTime === undefined) return undefined;
  const time = new Date(dateTime);
  // RFC 3339 allows times JavaScript cannot hold, such as a leap second.
  if (Number.isNaN(time.getTime())) {
    throw invalid(
      `invalid query parameter ${field}: not a time this server can read`,
      `invalid_field:${field}`,
    );
  }
  return time.toISOString();
}
