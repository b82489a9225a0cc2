import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'hang',
  does: 'Reads each request it would refuse and never answers it, keeping the connection open.',
  on: 'refusals',
  act: () => {},
});
