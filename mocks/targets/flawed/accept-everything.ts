import { catalogue } from '../../../scenarios/catalogue.ts';
import { STEP_NAMES, skip, type Steps } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

/** Every scenario a correct API must refuse: those whose expected answers do not include OK. */
/** Categories that apply only where the config declares them (DPoP, a resource identifier, step-up endpoints), which this control does not. */
const DECLARED_ONLY: readonly string[] = ['binding', 'discovery', 'step-up'];

export const NEGATIVE_SCENARIOS = catalogue
  .filter(
    (s) =>
      !DECLARED_ONLY.includes(s.category) && (s.formats ?? ['jwt']).includes('jwt') && !([] as string[]).concat(s.expect).includes('OK'),
  )
  .map((s) => s.id);

/** The binding scenarios: each applies only on a DPoP run, or (the `mtls-` ones) only on an mTLS run. */
export const BINDING_SCENARIOS = catalogue.filter((s) => s.category === 'binding').map((s) => s.id);
export const MTLS_SCENARIOS = BINDING_SCENARIOS.filter((id) => id.startsWith('mtls-'));
export const DPOP_SCENARIOS = BINDING_SCENARIOS.filter((id) => !MTLS_SCENARIOS.includes(id));

/** The RFC 9728 scenarios: they apply only where a resource identifier is declared. */
export const DISCOVERY_SCENARIOS = catalogue.filter((s) => s.category === 'discovery').map((s) => s.id);

/** The RFC 9470 scenarios: they apply only on endpoints that declare an acr or a maximum authentication age. */
export const STEP_UP_SCENARIOS = catalogue.filter((s) => s.category === 'step-up').map((s) => s.id);

/** Scenarios whose acceptance is not a forged token (a valid one through a forbidden channel): graded as each says. */
const GRADED = Object.fromEntries(
  catalogue.filter((s) => s.ifAccepted && NEGATIVE_SCENARIOS.includes(s.id)).map((s) => [s.id, s.ifAccepted!.severity]),
);

export default defineFlawedTarget({
  name: 'accept-everything',
  flaw: 'Serves every request, with or without a token (authentication never runs), on a server that takes headers up to 1 MB.',
  basedOn: 'CWE-306 (missing authentication): a route registered before `app.use(auth)`, or an auth middleware left commented out.',
  catches: NEGATIVE_SCENARIOS,
  severity: 'critical',
  bySeverity: GRADED,
  options: { steps: Object.fromEntries(STEP_NAMES.map((name) => [name, skip])) as Steps },
  // Node's 16 KB header limit would refuse the oversized probes before the app: this control must see them.
  maxHeaderSize: 1024 * 1024,
});
