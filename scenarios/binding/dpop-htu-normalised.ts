import { defineScenario, type ProbeSpec } from '../define.ts';
import { DPOP_REFS, notDpop, withProof } from './dpop.ts';

/** The URL with its scheme and host in upper case: the same URL (RFC 3986 §6.2.2.1). */
const upperCased = (u: URL): string => u.href.replace(`${u.protocol}//${u.host}`, `${u.protocol}//${u.host}`.toUpperCase());

export default defineScenario({
  id: 'dpop-htu-normalised',
  title: 'A valid DPoP proof whose htu differs only in scheme or host case, or writes out the default port',
  category: 'binding',
  refs: ['RFC 9449 §4.3', 'RFC 3986 §6.2.2', 'RFC 3986 §6.2.3'],
  expect: 'OK',
  resolution: 'Compare htu after syntax- and scheme-based normalisation (RFC 9449 §4.3 check 9): `HTTP://Host` and `http://host:80` name the same resource, and refusing them breaks valid clients.',
  skip: notDpop,
  probes: async (ctx) => {
    const specs: ProbeSpec[] = [await withProof(ctx, 'scheme and host in upper case', { htu: upperCased }, false)];
    // A default port can only be written out where the API's URL has none.
    const target = ctx.config.target;
    const url = 'url' in target ? new URL(target.url) : undefined;
    if (url && url.port === '') {
      specs.push(await withProof(ctx, 'the default port written out', { htu: (u) => u.href.replace(u.host, `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`) }, false));
    }
    return specs;
  },
});
