// What a failed client call says, for the chat's error line: an Error's message, an object's
// `message` (a ConveneError crossing a boundary), or the value itself.
export function reasonOf(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null)
    ? String((error as { message?: unknown }).message ?? error)
    : String(error);
}
