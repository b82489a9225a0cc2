/**
 * What it means when the API accepts what a scenario sends, and how grave that is. Unset: `critical`,
 * "a token it must reject" (forged, expired, another audience...). A VALID token accepted through a
 * forbidden channel (the query string, two methods at once, added whitespace) or with a required
 * claim missing is a conformance breach without a direct hole: `major`, in the words of `means`.
 */
export interface IfAccepted {
  severity: 'critical' | 'major';
  /** What was accepted, for the finding: "a valid token sent in the query string". */
  means: string;
}
