/** Small Response builders shared by the endpoints. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

/** An OAuth error response. @see RFC 6749 §5.2 */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return json({ error, error_description: description }, status, headers);
}

export async function formBody(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  const text = await request.text();
  if (type.includes('application/json')) {
    try {
      return new URLSearchParams(Object.entries(JSON.parse(text) as Record<string, string>));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}
