/**
 * Everything the IdP remembers between requests: registered clients, revoked token ids, disabled
 * subjects, injected failures and the request journal. One object, reset in one call.
 */
import { randomBytes } from 'node:crypto';

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
  readonly audit: AuditEvent[] = [];
  private seq = 0;
  private stalls = new Set<() => void>();

  constructor(private readonly initialClients: ClientRegistration[]) {
    this.reset();
  }

  record(entry: Omit<JournalEntry, 'seq' | 'at'>): JournalEntry {
    const full = { ...entry, seq: ++this.seq, at: Date.now() };
    this.journal.push(full);
    // Bounded: a long soak must not grow without limit.
    if (this.journal.length > 10_000) this.journal.splice(0, this.journal.length - 10_000);
    return full;
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
