/** The identities the API knows in a special state (config `fixtures`), for the identity scenarios. */
export interface Fixtures {
  unknownClient?: string;
  blockedClient?: string;
  disabledSubject?: string;
  /** A claim naming a tenant whose token auth is switched off, e.g. { claim: 'tenant', value: 't-off' }. */
  disabledTenant?: { claim: string; value: string };
  /** A client registered only for another grant; `claim`/`value` say how the token names its grant (e.g. gty). */
  grantRestricted?: { clientId: string; claim: string; value: string };
}
