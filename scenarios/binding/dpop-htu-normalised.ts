import { defineScenario, type ProbeSpec } from '../define.ts';
import { rfc } from '../lib/refs.ts';
import { notDpop, withProof } from './dpop.ts';

/** The URL with its scheme and host in upper case: the same URL (RFC 3986 §6.2.2.1). */
const upperCased = (u: URL): string => u.href.replace(`${u.protocol}//${u.host}`, `${u.protocol}//${u.host}`.toUpperCase());

export default defineScenario({
  id: 'dpop-htu-normalised',
  title: 'A valid DPoP proof whose htu differs only in scheme or host case, or writes out the default port',
  category: 'binding',
  refs: [rfc(9449, '4.3'), rfc(3986, '6.2.2'), rfc(3986, '6.2.3')],
  expect: 'OK',
  resolution:
    'Compare htu after syntax- and scheme-based normalisation (RFC 9449 §4.3 check 9): `HTTP://Host` and `http://host:80` name the same resource, and refusing them breaks valid clients.',
  skip: notDpop,
  probes: async (ctx) => {
    const specs: ProbeSpec[] = [await withProof(ctx, 'scheme and host in upper case', { htu: upperCased }, false)];
    // A default port can only be written out where the API's URL has none.
    const url = ctx.config.targetUrl ? new URL(ctx.config.targetUrl) : undefined;
    if (url && url.port === '') {
      specs.push(
        await withProof(
          ctx,
          'the default port written out',
          { htu: (u) => u.href.replace(u.host, `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`) },
          false,
        ),
      );
    }
    return specs;
  },
});
