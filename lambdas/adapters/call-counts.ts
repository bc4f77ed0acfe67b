/**
 * How many calls this process has made to the services outside it, by service and operation
 * (`dynamodb GetItem`, `okta /oauth2/v1/token`). Counted where the adapters send them;
 * `npm run bench:login` prints them per sign-in. A counter per name, nothing else is kept.
 */
export const callCounts = new Map<string, number>();

export const countCall = (name: string): void => {
  callCounts.set(name, (callCounts.get(name) ?? 0) + 1);
};
