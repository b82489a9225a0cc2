/** A curl command that sends exactly what a probe sent: "Reproduce with:" for every failure. */
import type { Probe } from './probe.ts';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Credentials longer than this (many-dots, oversized) are named, not copied, so a report stays readable. */
export const MAX_CREDENTIAL_IN_REPORT = 8192;

export function curlFor(probe: Probe, baseUrl: string, redact = false): string {
  const cred = probe.credential;
  const long = !!cred && cred.length > MAX_CREDENTIAL_IN_REPORT;
  const stand_in = redact
    ? '<redacted>'
    : `<${cred?.length}-byte credential: print it with "npx --no-install gauntlet mint ${probe.scenario}">`;
  const hide = (v: string): string => ((redact || long) && cred && v.includes(cred) ? v.replace(cred, stand_in) : v);
  const parts = ['curl', '-i', '-X', probe.method, quote(hide(baseUrl + probe.path))];
  // RFC 8705: the certificate the connection presented; the harness's are made for the run, so they are named, not copied.
  const cert = probe.binding?.kind === 'mtls' ? (probe.binding.certificate ?? 'own') : 'none';
  if (cert !== 'none') {
    const whose = cert === 'own' ? "the harness's" : "another client's";
    parts.push('--cert', quote(`<${whose} client certificate>`), '--key', quote(`<${whose} client key>`));
  }
  for (const [name, value] of probe.headers) parts.push('-H', quote(hide(`${name}: ${value}`)));
  if (probe.body !== undefined) parts.push('--data-raw', quote(hide(probe.body)));
  return parts.join(' ');
}
