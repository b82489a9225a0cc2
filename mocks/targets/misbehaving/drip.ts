import { defineMisbehaviour } from './define.ts';

export default defineMisbehaviour({
  name: 'drip',
  does: 'Sends its (correct) refusal one byte every 100 ms, so a whole answer would take many seconds.',
  on: 'refusals',
  act: ({ answer, socket }) => {
    const bytes = Buffer.from(
      `HTTP/1.1 ${answer.status} Unauthorized\r\ncontent-length: ${answer.body.length}\r\n\r\n${answer.body.toString()}`,
    );
    let at = 0;
    const tick = setInterval(() => {
      if (socket.destroyed || at >= bytes.length) return void clearInterval(tick);
      socket.write(bytes.subarray(at, ++at));
    }, 100);
    socket.once('close', () => clearInterval(tick));
  },
});
