/**
 * The few defaults the command line shows in its help, in a module that imports nothing, so that
 * `gauntlet --help` and `gauntlet idp` do not load the config, target and report code to print them.
 */

/** Report formats `gauntlet run` can write. */
export const FORMATS = ['json', 'junit', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Consecutive timeouts on one endpoint after which the rest of its probes are not sent. */
export const DEFAULT_MAX_TIMEOUTS = 3;

/** Bytes of an answer's body read by default: the rest is left unread and the connection closed. */
export const DEFAULT_MAX_BODY = 4 * 1024 * 1024;
