import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'half-headers',
  does: 'Sends the status line and half a header line, then closes the connection.',
  on: 'refusals',
  act: ({ answer, socket }) => void socket.end(`HTTP/1.1 ${answer.status} Unauthorized\r\ncontent-type: applic`),
});
