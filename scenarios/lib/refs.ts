/** Constructors for a scenario's `refs`: `rfc(6750, '3.1')`, `cwe(613)`, `cve('2022-21449')`, `source('login audit trail')`. */
import type { Ref } from '../../harness/core/ref.ts';

export type { Ref };

export function rfc(n: number, section?: string): Ref {
  const url = `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`;
  return { spec: `RFC ${n}`, ...(section ? { section } : {}), url };
}

export function cwe(n: number): Ref {
  return { spec: `CWE-${n}`, url: `https://cwe.mitre.org/data/definitions/${n}.html` };
}

export function cve(id: string): Ref {
  return { spec: `CVE-${id}`, url: `https://www.cve.org/CVERecord?id=CVE-${id}` };
}

/** A document that is not a standard: an incident write-up, an audit trail's vocabulary, a principle. */
export function source(name: string): Ref {
  return { spec: name };
}
