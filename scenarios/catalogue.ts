/** The built-in catalogue, in the order a report lists it: one index per category folder. */
import type { Scenario } from './define.ts';
import { presence } from './presence/index.ts';
import { signature } from './signature/index.ts';
import { algorithm } from './algorithm/index.ts';
import { time } from './time/index.ts';
import { identity } from './identity/index.ts';
import { type } from './type/index.ts';
import { scope } from './scope/index.ts';
import { revocation } from './revocation/index.ts';
import { exhaustion } from './exhaustion/index.ts';
import { binding } from './binding/index.ts';
import { discovery } from './discovery/index.ts';

export const catalogue: readonly Scenario[] = [...presence, ...signature, ...algorithm, ...time, ...identity, ...type, ...scope, ...revocation, ...exhaustion, ...binding, ...discovery];
