// A room code becomes an app token at POST /v2/token, with the body 100ms's web SDK sends
// (JSON.stringify({code, user_id}), no content type, so no CORS preflight).
import { ConveneError } from './errors.ts';

/** The REST API's error body: 100ms's `{code: <HTTP status>, message, details: [reason]}`. */
interface ErrorBody {
  token?: unknown;
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

export async function fetchAppToken(
  server: string,
  code: string,
  userId?: string,
): Promise<string> {
  const url = server.replace(/\/+$/, '') + '/v2/token';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ code, user_id: userId }),
    });
  } catch (error) {
    throw ConveneError.from(
      error,
      'connection_failed',
      `Could not reach ${url} to exchange the room code`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
  if (response.ok && typeof body?.token === 'string') return body.token;
  throw new ConveneError(
    errorCode(body, response.status),
    typeof body?.message === 'string'
      ? `The room code was refused: ${body.message}.`
      : `The room code was refused (HTTP ${response.status}).`,
  );
}

/** The machine-readable reason (e.g. `code_not_found`), whichever way the body carries it. */
function errorCode(body: ErrorBody | undefined, status: number): string {
  const [reason] = Array.isArray(body?.details) ? body.details : [];
  if (typeof reason === 'string') return reason;
  if (typeof body?.code === 'string') return body.code;
  return status === 429 ? 'rate_limited' : `http_${status}`;
}
