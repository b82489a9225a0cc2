/**
 * Everything the IdP remembers between requests: registered clients, revoked token ids, disabled
 * subjects, injected failures and the request journal. One object, reset in one call.
 */
import { randomBytes } from 'node:crypto';
import { clip, MAX_AUDIT_BYTES, MAX_AUDIT_EVENTS } from './limits.ts';

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  /** Scopes this client may ask for; `*` allows any. */
  scopes: string[];
  grants: Array<'client_credentials' | 'refresh_token'>;
}

export type FailureMode = 'ok' | 'fail' | 'stall';
export type FailingEndpoint = 'jwks' | 'introspect' | 'discovery';

export interface JournalEntry {
  seq: number;
  /** Wall-clock ms: when it arrived, for correlating with probes. */
  at: number;
  method: string;
  path: string;
  query: string;
  /** Which server heard it: the IdP itself or one of its helper servers (e.g. the attacker's jku host). */
  via: 'idp' | 'attacker';
  userAgent: string | null;
}

export interface AuditEvent {
  at: number;
  event: Record<string, unknown>;
}

export class IdpState {
  readonly clients = new Map<string, ClientRegistration>();
  readonly revokedJtis = new Set<string>();
  readonly disabledSubjects = new Set<string>();
  readonly blockedClients = new Set<string>();
  /** Refresh token jti -> already exchanged (rotation: a used refresh token no longer grants). */
  readonly usedRefresh = new Set<string>();
  readonly failures = new Map<FailingEndpoint, FailureMode>();
  /**
   * Clock skew, seconds, that introspection tolerates on exp, nbf and iat: as if the IdP's clock lagged
   * the API's. A scenario sending a token inside the API's declared leeway sets it so that the IdP does
   * not call that token inactive (0 by default: the IdP judges by its own clock).
   */
  leeway = 0;
  readonly journal: JournalEntry[] = [];
  /** Audit events the API POSTed, oldest first; bounded by count and bytes (limits.ts), emptied by reset. */
  readonly audit: AuditEvent[] = [];
  private auditSizes: number[] = [];
  private auditBytes = 0;
  private seq = 0;
  private stalls = new Set<() => void>();

  constructor(private readonly initialClients: ClientRegistration[]) {
    this.reset();
  }

  record(entry: Omit<JournalEntry, 'seq' | 'at'>): JournalEntry {
    const full = {
      ...entry,
      query: clip(entry.query),
      userAgent: entry.userAgent === null ? null : clip(entry.userAgent),
      seq: ++this.seq,
      at: Date.now(),
    };
    this.journal.push(full);
    // Bounded: a long soak must not grow without limit.
    if (this.journal.length > 10_000) this.journal.splice(0, this.journal.length - 10_000);
    return full;
  }

  /** Keep one audit event of `size` bytes, dropping the oldest beyond the caps. */
  addAudit(event: Record<string, unknown>, size: number): void {
    this.audit.push({ at: Date.now(), event });
    this.auditSizes.push(size);
    this.auditBytes += size;
    let drop = 0;
    while (this.audit.length - drop > MAX_AUDIT_EVENTS || (this.auditBytes > MAX_AUDIT_BYTES && this.audit.length - drop > 1)) {
      this.auditBytes -= this.auditSizes[drop]!;
      drop++;
    }
    // In place: a run reads this very array live while it waits for a late event.
    if (drop) {
      this.audit.splice(0, drop);
      this.auditSizes.splice(0, drop);
    }
  }

  /** Bytes of audit events kept. */
  get auditSize(): number {
    return this.auditBytes;
  }

  failure(endpoint: FailingEndpoint): FailureMode {
    return this.failures.get(endpoint) ?? 'ok';
  }

  /** A promise that settles after `ms` or as soon as the stall is lifted (reset, close). */
  stall(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.stalls.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref?.();
      this.stalls.add(done);
    });
  }

  releaseStalls(): void {
    for (const done of [...this.stalls]) done();
  }

  reset(): void {
    this.clients.clear();
    for (const c of this.initialClients) this.clients.set(c.clientId, { ...c });
    this.revokedJtis.clear();
    this.disabledSubjects.clear();
    this.blockedClients.clear();
    this.usedRefresh.clear();
    this.failures.clear();
    this.leeway = 0;
    this.audit.length = 0;
    this.auditSizes = [];
    this.auditBytes = 0;
    this.releaseStalls();
  }
}

export function defaultClients(clientId: string, clientSecret = randomBytes(18).toString('base64url')): ClientRegistration[] {
  return [
    {
      clientId,
      clientSecret,
      scopes: ['*'],
      grants: ['client_credentials', 'refresh_token'],
    },
  ];
}
