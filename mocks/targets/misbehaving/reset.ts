import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'reset',
  does: 'Reads the whole request, then resets the connection (TCP RST) instead of refusing it.',
  on: 'refusals',
  act: ({ socket }) => void socket.resetAndDestroy(),
});
