/**
 * Counts the network requests the shell refused. The number is shown to the user (privacy panel,
 * `security.status`) as evidence that the zero-network promise holds; URLs are not kept, because a
 * blocked URL can itself carry personal data (a search term, an e-mail address in a query string).
 */
export interface BlockCounter {
  /** Records one refused request. */
  record(): void;
  /** Total refused since start. */
  count(): number;
}

export function createBlockCounter(): BlockCounter {
  let blocked = 0;
  return {
    record: () => {
      blocked += 1;
    },
    count: () => blocked,
  };
}
