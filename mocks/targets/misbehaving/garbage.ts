import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'garbage',
  does: 'Answers every refusal with bytes that are not HTTP (an SSH banner and binary noise), then closes.',
  on: 'refusals',
  act: ({ socket }) =>
    void socket.end(Buffer.concat([Buffer.from('SSH-2.0-OpenSSH_9.6p1 Debian\r\n'), Buffer.from([0, 255, 13, 10, 7, 0, 0, 42])])),
});
