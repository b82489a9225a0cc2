/**
 * The mock IdP: keys, clock, minter and state behind one fetch-style handler. Create it for an issuer,
 * then serve it (serve.ts) on a port or through msw.
 */
import { systemClock, type Clock } from './clock.ts';
import { guardFor } from './guard.ts';
import { createIdpHandler } from './handlers.ts';
import { extraIssuers, type ExtraIssuer } from './issuers.ts';
import { KeySet, SIGNING_ALGS, type KeySetSnapshot, type SigningAlg } from './keys.ts';
import { DEFAULT_SHAPE, Minter, type BaselineShape } from './mint.ts';
import { OpaqueTokens } from './opaque.ts';
import { newSecret } from './secret.ts';
import { defaultClients, IdpState, type ClientRegistration, type IdpStateSnapshot } from './state.ts';

/** What a scenario may change in the IdP, copied (MockIdp.snapshot): state and key publication. */
export interface IdpSnapshot {
  readonly state: IdpStateSnapshot;
  readonly keys: KeySetSnapshot;
}

export interface IdpOptions {
  issuer: string;
  /** Algorithms to load; the baseline is signed with the first. Default all four. */
  algs?: readonly SigningAlg[];
  /** A key set to reuse (tests), or a file to persist keys in across runs. */
  keys?: KeySet;
  keysFile?: string;
  clock?: Clock;
  shape?: Partial<BaselineShape>;
  clients?: ClientRegistration[];
  stallMs?: number;
  /**
   * Host names (URL.host, with the port) the IdP answers to besides its issuer's: startIdp passes the
   * loopback names with its port. A request naming any other host is refused (DNS rebinding).
   */
  authorities?: string[];
  /** The control API's secret; a random one per IdP by default. Never stored with the keys. */
  controlSecret?: string;
  /** How many issuers to serve, the primary included (default 1): the others at `${issuer}/issuers/b`... (issuers.ts). */
  issuers?: number;
}

export class MockIdp {
  readonly state: IdpState;
  readonly minter: Minter;
  readonly handle: (request: Request) => Promise<Response>;
  /** Required in the x-gauntlet-control header of every /_gauntlet/ call over HTTP (the audit sink excepted). */
  readonly controlSecret: string;

  private constructor(
    readonly issuer: string,
    readonly keys: KeySet,
    readonly clock: Clock,
    opts: IdpOptions,
    /** The issuers served beside this one, each with its own keys (empty unless `issuers` > 1). */
    readonly extraIssuers: readonly ExtraIssuer[] = [],
  ) {
    const opaque = new OpaqueTokens();
    this.minter = new Minter({ keys, clock, issuer, shape: opts.shape, opaque });
    this.state = new IdpState(opts.clients ?? defaultClients(this.minter.shape.clientId, keys.clientSecret), opaque);
    this.controlSecret = opts.controlSecret ?? newSecret();
    this.handle = createIdpHandler({
      issuer,
      keys,
      clock,
      minter: this.minter,
      state: this.state,
      stallMs: opts.stallMs ?? 10_000,
      guard: guardFor([new URL(issuer).host, ...(opts.authorities ?? [])], ['http', 'https']),
      controlSecret: this.controlSecret,
      extraIssuers,
    });
  }

  static async create(opts: IdpOptions): Promise<MockIdp> {
    const clock = opts.clock ?? systemClock;
    const keys = await MockIdp.keysFor(opts);
    const issuer = opts.issuer.replace(/\/$/, '');
    const extras = await extraIssuers(issuer, opts.issuers ?? 1, opts.shape?.alg ?? keys.algs[0]!, clock.now());
    return new MockIdp(issuer, keys, clock, opts, extras);
  }

  /** The key set `create` would use for these options: the given one, the persisted one, or new keys. */
  static async keysFor(opts: Omit<IdpOptions, 'issuer'>): Promise<KeySet> {
    if (opts.keys) return opts.keys;
    const now = (opts.clock ?? systemClock).now();
    const algs = opts.algs?.length ? opts.algs : SIGNING_ALGS;
    return opts.keysFile ? KeySet.loadOrCreate(opts.keysFile, algs, now) : KeySet.generate(algs, now);
  }

  get jwksUri(): string {
    return `${this.issuer}/jwks`;
  }

  get tokenEndpoint(): string {
    return `${this.issuer}/token`;
  }

  get introspectionEndpoint(): string {
    return `${this.issuer}/introspect`;
  }

  /** The registered client the baseline token names (for introspection credentials etc.). */
  get client(): ClientRegistration {
    const c = this.state.clients.get(this.minter.shape.clientId);
    if (!c) throw new TypeError('the baseline client is not registered');
    return c;
  }

  /** Copy what scenarios may change: failures, leeway, clients, revocations, token faults, key publication. */
  snapshot(): IdpSnapshot {
    return { state: this.state.snapshot(), keys: this.keys.snapshot() };
  }

  /** Put the IdP back as `snapshot` found it (lifting any stall). */
  restore(snapshot: IdpSnapshot): void {
    this.keys.restore(snapshot.keys);
    this.state.restore(snapshot.state);
  }

  /**
   * What changed between two snapshots in the state every token sees (failures, leeway, clients,
   * disabled subjects, blocked clients, the publication of keys that existed at `before`, the active
   * keys), in words; undefined when nothing did. Facts scoped to one token or to a key added since are
   * not counted: changing those is how a scenario stays out of the others' way.
   */
  static sharedChanges(before: IdpSnapshot, after: IdpSnapshot): string | undefined {
    const changed: string[] = [];
    const a = JSON.parse(IdpState.shared(before.state)) as Record<string, unknown>;
    const b = JSON.parse(IdpState.shared(after.state)) as Record<string, unknown>;
    for (const key of Object.keys(a)) if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changed.push(key);
    const n = before.keys.count;
    if (before.keys.published.some((p, i) => after.keys.published[i] !== p)) changed.push('the publication of existing keys');
    if (KeySet.shared({ ...before.keys }) !== KeySet.shared({ count: n, published: before.keys.published, active: after.keys.active }))
      changed.push('the active keys');
    return changed.length ? changed.join(', ') : undefined;
  }

  /** The URL a jku/x5u forgery points at: served by the IdP, recorded in the journal as 'attacker'. */
  attackerUrl(name = 'jwks'): string {
    return `${this.issuer}/_gauntlet/attacker/${name}`;
  }
}

export { DEFAULT_SHAPE };
