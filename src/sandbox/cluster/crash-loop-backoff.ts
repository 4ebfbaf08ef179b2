/**
 * The kubelet's restart back-off: 10 s after the first failure, doubling with each further one
 * (20 s, 40 s, 80 s, 160 s) up to 5 minutes; a container that ran for 10 minutes before it
 * stopped starts again from 10 s.
 */
export const INITIAL_BACKOFF_SECONDS = 10;
export const MAX_BACKOFF_SECONDS = 300;
export const BACKOFF_RESET_SECONDS = 600;

/** The wait before the next restart after the n-th consecutive failure (n >= 1). */
export function backoffSeconds(consecutiveFailures: number): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  return Math.min(INITIAL_BACKOFF_SECONDS * 2 ** Math.min(exponent, 16), MAX_BACKOFF_SECONDS);
}
