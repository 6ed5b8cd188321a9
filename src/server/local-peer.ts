/**
 * Problems in a deck (file paths, source lines) are for the person at the serving machine and
 * the presenter, never for a room of audience devices: a window counts as local when it connects
 * from this machine's loopback.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.replace(/^::ffff:/i, '');
  return v4.startsWith('127.') || address === '::1';
}
