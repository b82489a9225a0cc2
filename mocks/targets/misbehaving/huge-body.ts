import { defineMisbehaviour } from './define.ts';

/** 50 MB: each answer is the reference's, followed by spaces (still valid JSON, to whoever reads it all). */
export const HUGE_BODY = 50 * 1024 * 1024;
let padding: Buffer | undefined;

export default defineMisbehaviour({
  name: 'huge-body',
  does: 'Answers every request, accepted or refused, with the right status and a 50 MB body.',
  on: 'every',
  act: ({ answer, send }) => {
    padding ??= Buffer.alloc(HUGE_BODY, ' ');
    send(answer, padding.subarray(0, HUGE_BODY - answer.body.length));
  },
});
