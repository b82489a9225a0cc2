/**
 * Colours for the live lines: only when stdout is a terminal and NO_COLOR (https://no-color.org) is
 * unset or empty, so CI logs and redirected output stay plain text. The codes are node's own
 * (util.inspect.colors); the decision is made here, once, for the stream the lines go to.
 */
import { inspect } from 'node:util';

export type Style = 'red' | 'green' | 'yellow' | 'gray' | 'bold';
export type Paint = (style: Style, text: string) => string;

export function colourEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env['NO_COLOR'];
}

export function painter(enabled: boolean): Paint {
  if (!enabled) return (_style, text) => text;
  return (style, text) => {
    const [open, close] = inspect.colors[style] ?? [0, 0];
    return `\x1b[${open}m${text}\x1b[${close}m`;
  };
}
