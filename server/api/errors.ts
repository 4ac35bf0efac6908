// Errors a caller can act on. Every failure leaves the API as 100ms shapes it:
// `{code: <HTTP status>, message, details: [<reason>]}`. 100ms's web SDK reads `code` from the
// body (it retries on 429 and 5xx codes, and its prebuilt UI words 403 and 404 differently), so
// the numeric code is the contract and `details[0]` carries our finer machine-readable reason.
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  code: number;
  message: string;
  details: string[];
}

export function errorBody(statusCode: number, message: string, reason: string): ErrorBody {
  return { code: statusCode, message, details: [reason] };
}

export const badRequest = (message: string, reason = 'invalid_request') =>
  new ApiError(400, message, reason);
export const unauthorized = (message: string, reason = 'unauthorized') =>
  new ApiError(401, message, reason);
export const forbidden = (message: string, reason = 'forbidden') =>
  new ApiError(403, message, reason);
export const notFound = (message: string, reason = 'not_found') =>
  new ApiError(404, message, reason);
export const conflict = (message: string, reason = 'conflict') =>
  new ApiError(409, message, reason);
