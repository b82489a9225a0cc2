/** A curl command that sends exactly what a probe sent: "Reproduce with:" for every failure. */
import type { Probe } from './probe.ts';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlFor(probe: Probe, baseUrl: string, redact = false): string {
  const hide = (v: string): string => (redact && probe.credential && v.includes(probe.credential) ? v.replace(probe.credential, '<redacted>') : v);
  const parts = ['curl', '-i', '-X', probe.method, quote(hide(baseUrl + probe.path))];
  for (const [name, value] of probe.headers) parts.push('-H', quote(hide(`${name}: ${value}`)));
  if (probe.body !== undefined) parts.push('--data-raw', quote(hide(probe.body)));
  return parts.join(' ');
}
