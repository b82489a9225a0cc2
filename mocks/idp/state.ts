/**
 * Everything the IdP remembers between requests: registered clients, revoked token ids, disabled
 * subjects, injected failures and the request journal. One object, reset in one call.
 */
import { randomBytes } from 'node:crypto';
import { clip, MAX_AUDIT_BYTES, MAX_AUDIT_EVENTS } from './limits.ts';
import { OpaqueTokens } from './opaque.ts';

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

/** What introspection answers instead of the truth: not JSON, HTML, or `"active"` as a string (the truth's opposite, quoted). */
export type IntrospectionGarbage = 'not-json' | 'html' | 'active-string';

/**
 * A forged RFC 9701 JWT introspection response: unsigned (alg none), signed by a key not in the JWKS,
 * addressed to another resource server, or issued an hour ago. Each says the token is active.
 */
export type IntrospectionJwtForgery = 'unsigned' | 'foreign-key' | 'other-audience' | 'stale-iat';

/** A fault scoped to one token (by jti). */
export interface TokenFault {
  /** Introspecting this token fails (503) or stalls (then 504). */
  introspect?: FailureMode;
  /** Introspecting this token answers 200 with this garbage. */
  introspectGarbage?: IntrospectionGarbage;
  /** Introspecting this token as a JWT (RFC 9701, when the API asks for one) answers this forgery. */
  introspectJwt?: IntrospectionJwtForgery;
  /** The skew, seconds, introspection tolerates on this token's exp, nbf and iat. */
  leeway?: number;
}

/** A copy of what scenarios may change in IdpState (see IdpState.snapshot). */
export interface IdpStateSnapshot {
  readonly clients: readonly ClientRegistration[];
  readonly revokedJtis: readonly string[];
  readonly disabledSubjects: readonly string[];
  readonly blockedClients: readonly string[];
  readonly usedRefresh: readonly string[];
  readonly failures: ReadonlyArray<readonly [FailingEndpoint, FailureMode]>;
  readonly leeway: number;
  readonly tokenFaults: ReadonlyArray<readonly [string, TokenFault]>;
}

function refill(set: Set<string>, values: readonly string[]): void {
  set.clear();
  for (const v of values) set.add(v);
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
  /**
   * Faults scoped to one token, by jti: introspection of that token fails or stalls, and the skew the
   * IdP tolerates for it. A scenario changes only its own tokens' facts, so others can run beside it.
   */
  readonly tokenFaults = new Map<string, TokenFault>();
  readonly journal: JournalEntry[] = [];
  /** Audit events the API POSTed, oldest first; bounded by count and bytes (limits.ts), emptied by reset. */
  readonly audit: AuditEvent[] = [];
  private auditSizes: number[] = [];
  private auditBytes = 0;
  private seq = 0;
  private stalls = new Set<() => void>();

  constructor(
    private readonly initialClients: ClientRegistration[],
    /** The opaque tokens issued (records, like minted JWTs: never rolled back nor reset). */
    readonly opaque: OpaqueTokens = new OpaqueTokens(),
  ) {
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

  /** How introspecting this token goes: its own fault, else the endpoint's. */
  introspectionFailure(jti: string | undefined): FailureMode {
    return (jti !== undefined ? this.tokenFaults.get(jti)?.introspect : undefined) ?? 'ok';
  }

  /** The faults of one token, by its jti. */
  faultOf(jti: string | undefined): TokenFault | undefined {
    return jti !== undefined ? this.tokenFaults.get(jti) : undefined;
  }

  /** The clock skew tolerated for this token: its own, else the IdP's. */
  leewayFor(jti: unknown): number {
    return (typeof jti === 'string' ? this.tokenFaults.get(jti)?.leeway : undefined) ?? this.leeway;
  }

  /** Set (merge) the faults of one token. */
  faultToken(jti: string, fault: TokenFault): void {
    this.tokenFaults.set(jti, { ...this.tokenFaults.get(jti), ...fault });
  }

  /**
   * Everything a scenario may change, copied: what `restore` puts back. The journal, the audit events
   * and the registered-at-start clients' secrets are records, not settings, and are not rolled back.
   */
  snapshot(): IdpStateSnapshot {
    return {
      clients: [...this.clients.values()].map((c) => ({ ...c, scopes: [...c.scopes], grants: [...c.grants] })),
      revokedJtis: [...this.revokedJtis],
      disabledSubjects: [...this.disabledSubjects],
      blockedClients: [...this.blockedClients],
      usedRefresh: [...this.usedRefresh],
      failures: [...this.failures],
      leeway: this.leeway,
      tokenFaults: [...this.tokenFaults].map(([jti, f]) => [jti, { ...f }] as const),
    };
  }

  /** Put back what `snapshot` copied; any stall in progress is lifted. */
  restore(s: IdpStateSnapshot): void {
    this.clients.clear();
    for (const c of s.clients) this.clients.set(c.clientId, { ...c, scopes: [...c.scopes], grants: [...c.grants] });
    refill(this.revokedJtis, s.revokedJtis);
    refill(this.disabledSubjects, s.disabledSubjects);
    refill(this.blockedClients, s.blockedClients);
    refill(this.usedRefresh, s.usedRefresh);
    this.failures.clear();
    for (const [k, v] of s.failures) this.failures.set(k, v);
    this.leeway = s.leeway;
    this.tokenFaults.clear();
    for (const [jti, f] of s.tokenFaults) this.tokenFaults.set(jti, { ...f });
    this.releaseStalls();
  }

  /**
   * What every token sees, as one comparable string: failures, leeway, clients, disabled subjects,
   * blocked clients. The facts scoped to one token (revocations, token faults, used refresh tokens)
   * are left out: a scenario running beside others may change those of its own tokens only.
   */
  static shared(s: IdpStateSnapshot): string {
    const sorted = (xs: readonly string[]): string[] => [...xs].sort();
    return JSON.stringify({
      failures: [...s.failures].sort(),
      leeway: s.leeway,
      clients: s.clients.map((c) => JSON.stringify(c)).sort(),
      disabledSubjects: sorted(s.disabledSubjects),
      blockedClients: sorted(s.blockedClients),
    });
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
    this.tokenFaults.clear();
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
