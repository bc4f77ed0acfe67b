/** Login transactions in memory, for unit tests; consume is check-and-delete in one step. */
import type { LoginTransaction } from '../core/model.js';
import { ConflictError, type TransactionStore } from '../core/ports.js';

export class MemoryTransactionStore implements TransactionStore {
  private readonly items = new Map<string, LoginTransaction>();

  /** States currently stored, sorted. */
  keys(): string[] {
    return [...this.items.keys()].sort();
  }

  async put(tx: LoginTransaction): Promise<void> {
    if (this.items.has(tx.state)) throw new ConflictError('a login transaction with this state already exists');
    this.items.set(tx.state, structuredClone(tx));
  }

  async consume(state: string, check: { tenant: string; bindingHash: string; nowSeconds: number }): Promise<LoginTransaction | undefined> {
    const tx = this.items.get(state);
    if (!tx || tx.tenant !== check.tenant || tx.bindingHash !== check.bindingHash || !(tx.expiresAt > check.nowSeconds)) return undefined;
    this.items.delete(state);
    return tx;
  }
}
