/** A wrong command line: printed with a pointer to `lectern help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
