import { introspectOpaque } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

export default defineFlawedTarget({
  name: 'introspection-active-truthy',
  flaw: 'Takes opaque tokens and serves them when the introspection answer\'s `active` is truthy (`if (body.active)`), so `"active": "false"` passes.',
  basedOn:
    'RFC 7662 §2.2 makes `active` a boolean; JavaScript introspection middleware that tests truthiness, behind a gateway that stringifies booleans.',
  catches: ['introspection-garbage'],
  severity: 'critical',
  opaque: 'json',
  options: { steps: { parseToken: introspectOpaque({ activeTruthy: true }) } },
});
