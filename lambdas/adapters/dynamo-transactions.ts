/** Login transactions on DynamoDB: written once, consumed once by one conditional delete. */
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoginTransaction } from '../core/model.js';
import { ConflictError, type TransactionStore } from '../core/ports.js';
import { isConditionFailed } from './dynamo-writes.js';

export class DynamoTransactionStore implements TransactionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(tx: LoginTransaction): Promise<void> {
    try {
      // A colliding state is astronomically unlikely; if it happens, never overwrite.
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...tx },
          ConditionExpression: 'attribute_not_exists(#state)',
          ExpressionAttributeNames: { '#state': 'state' },
        }),
      );
    } catch (e) {
      throw isConditionFailed(e) ? new ConflictError('a login transaction with this state already exists') : e;
    }
  }

  /**
   * Existence, tenant, browser binding and expiry are checked by DynamoDB inside the delete
   * itself, so of any number of concurrent callbacks exactly one gets the transaction, and
   * a mismatched attempt leaves it in place. Expiry is checked here, not left to TTL.
   */
  async consume(state: string, check: { tenant: string; bindingHash: string; nowSeconds: number }): Promise<LoginTransaction | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { state },
          ConditionExpression: 'attribute_exists(#state) AND #tenant = :tenant AND #bindingHash = :bindingHash AND #expiresAt > :now',
          ExpressionAttributeNames: { '#state': 'state', '#tenant': 'tenant', '#bindingHash': 'bindingHash', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':tenant': check.tenant, ':bindingHash': check.bindingHash, ':now': check.nowSeconds },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? fromItem(Attributes) : undefined;
    } catch (e) {
      if (isConditionFailed(e)) return undefined;
      throw e;
    }
  }
}

function fromItem(item: Record<string, unknown>): LoginTransaction {
  const tx: LoginTransaction = {
    state: item.state as string,
    tenant: item.tenant as string,
    issuer: item.issuer as string,
    clientId: item.clientId as string,
    redirectUri: item.redirectUri as string,
    nonce: item.nonce as string,
    codeVerifier: item.codeVerifier as string,
    returnTo: item.returnTo as string,
    bindingHash: item.bindingHash as string,
    expiresAt: item.expiresAt as number,
  };
  if (typeof item.loginHint === 'string') tx.loginHint = item.loginHint;
  return tx;
}
