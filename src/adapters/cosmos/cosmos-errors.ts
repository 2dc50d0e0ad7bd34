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
