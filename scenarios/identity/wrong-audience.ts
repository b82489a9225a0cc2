import { faultScenario } from '../lib/from-fault.ts';
import { rfc } from '../lib/refs.ts';

export default faultScenario('wrong-audience', {
  title: 'Audience of another API',
  category: 'identity',
  formats: ['jwt', 'opaque'],
  refs: [rfc(7519, '4.1.3'), rfc(9068, '4')],
  expect: 'IT',
  resolution: 'Require your own identifier in aud (string or array) and reject tokens meant for other APIs with 401 invalid_token.',
  order: 40,
});
