// Cursor pagination as 100ms does it: `{limit, data, last}`, where `last` is passed back as `start`
// for the next page and is '' on the final page. Queries fetch one row more than asked to know
// whether another page exists.
export interface Page<T> {
  limit: number;
  data: T[];
  last: string;
}

export interface PageRequest {
  limit: number;
  /** Exclusive: the `last` of the previous page. */
  start: string | undefined;
}

export function toPage<Row, T>(
  rows: Row[],
  request: PageRequest,
  present: (row: Row) => T,
  cursorOf: (row: Row) => string = (row) => (row as { id: string }).id,
): Page<T> {
  const more = rows.length > request.limit;
  const pageRows = more ? rows.slice(0, request.limit) : rows;
  const lastRow = pageRows[pageRows.length - 1];
  return {
    limit: request.limit,
    data: pageRows.map(present),
    last: more && lastRow !== undefined ? cursorOf(lastRow) : '',
  };
}
