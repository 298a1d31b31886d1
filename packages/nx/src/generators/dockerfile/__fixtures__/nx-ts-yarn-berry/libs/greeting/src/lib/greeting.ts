export function greeting(): string {
  return 'Hello from greeting';
}
