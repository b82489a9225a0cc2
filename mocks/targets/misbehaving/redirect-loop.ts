import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'redirect-loop',
  does: 'Redirects every refusal to the very URL that was asked for (302, Location: itself), forever.',
  on: 'refusals',
  act: ({ req, send }) => send({ status: 302, headers: { location: req.url ?? '/' }, body: Buffer.alloc(0) }),
});
