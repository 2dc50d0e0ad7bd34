// Reads the status code out of an @azure/cosmos error, so repositories can turn 404/409/412 into outcomes.

export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** Runs a create or an etag-conditioned replace: 'conflict' when the item exists or someone wrote in between. */
export async function writeOutcome(action: () => Promise<unknown>): Promise<'saved' | 'conflict'> {
  try {
    await action();
    return 'saved';
  } catch (error) {
    const status = statusOf(error);
    if (status === 409 || status === 412) return 'conflict';
    throw error;
  }
}

/**
 * Whether an id can name a Cosmos DB item: it goes into the request's path, so '/', '\\', '?' and '#'
 * (and ids over 255 characters) cannot, and the SDK refuses one of only whitespace. An id from a card that could not be stored is not there: the
 * read answers "not found" instead of the SDK failing on a path it cannot build.
 */
export const isItemId = (id: string): boolean => id.trim().length > 0 && id.length <= 255 && !/[/\\?#]/.test(id) && ![...id].some((c) => c.charCodeAt(0) < 0x20);
