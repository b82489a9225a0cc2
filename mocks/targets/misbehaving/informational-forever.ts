import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'informational-forever',
  does: 'Answers each request it would refuse with "102 Processing" interim answers, one every 50 ms, and never a final one.',
  on: 'refusals',
  act: ({ socket }) => {
    const tick = setInterval(() => socket.write('HTTP/1.1 102 Processing\r\n\r\n'), 50);
    socket.once('close', () => clearInterval(tick));
  },
});
