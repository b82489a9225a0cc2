/** "METHOD /path" with the method upper-cased and spaces collapsed, as report rows name endpoints (apart from expected-failures.ts so the gate loads no YAML parser). */
export function normalEndpoint(e: string): string {
  const [method = '', ...rest] = e.trim().split(/\s+/);
  return [method.toUpperCase(), ...rest].join(' ');
}
