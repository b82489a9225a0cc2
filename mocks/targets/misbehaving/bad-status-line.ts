import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'bad-status-line',
  does: 'Answers refusals with an invalid status line ("HTTP/1.1 4O1", a letter O for a zero), then a well-formed rest.',
  on: 'refusals',
  act: ({ socket }) =>
    void socket.end('HTTP/1.1 4O1 Unauthorized\r\nwww-authenticate: Bearer error="invalid_token"\r\ncontent-length: 0\r\n\r\n'),
});
