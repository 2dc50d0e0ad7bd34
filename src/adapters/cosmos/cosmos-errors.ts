// Reads the status code out of an @azure/cosmos error, so repositories can turn 404/409/412 into outcomes.

export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}
