// A room code becomes an app token at POST /v2/token, with the body 100ms's web SDK sends
// (JSON.stringify({code, user_id}), no content type, so no CORS preflight).
import { ClientError } from './errors.ts';

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
    throw ClientError.from(
      error,
      'connection_failed',
      `Could not reach ${url} to exchange the room code`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    { token?: unknown; code?: unknown; message?: unknown } | undefined;
  if (response.ok && typeof body?.token === 'string') return body.token;
  throw new ClientError(
    typeof body?.code === 'string' ? body.code : `http_${response.status}`,
    typeof body?.message === 'string'
      ? `The room code was refused: ${body.message}`
      : `The room code was refused (HTTP ${response.status}).`,
  );
}
