import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'close-mid-body',
  does: 'Sends the status line, the headers and a body length of 4096, then closes after 20 bytes of the body.',
  on: 'refusals',
  act: ({ answer, socket }) =>
    void socket.end(
      `HTTP/1.1 ${answer.status} Refused\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n{"error":"invalid_to`,
    ),
});
