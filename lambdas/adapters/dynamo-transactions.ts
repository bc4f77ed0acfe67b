/**
 * Login transactions on DynamoDB: written once, consumed once. Both writes survive the SDK
 * retrying a write whose answer was lost (see dynamo-retry-safe.ts).
 */
import { DeleteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoginTransaction } from '../core/model.js';
import { ConflictError, type TransactionStore } from '../core/ports.js';
import { newWriteId, putNew } from './dynamo-retry-safe.js';
import { isConditionFailed } from './dynamo-writes.js';

export class DynamoTransactionStore implements TransactionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(tx: LoginTransaction): Promise<void> {
    // A colliding state is astronomically unlikely; if it happens, never overwrite.
    if (!(await putNew(this.doc, this.tableName, { state: tx.state }, { ...tx }))) {
      throw new ConflictError('a login transaction with this state already exists');
    }
  }

  /**
   * Existence, tenant, browser binding and expiry are checked by DynamoDB inside one
   * conditional write that also stamps the transaction with this call's consume token, so
   * of any number of concurrent callbacks exactly one gets the transaction, and a
   * mismatched attempt leaves it in place. The stamp lets the SDK's retry of that very
   * write (its answer lost) succeed again, while any other request finds the transaction
   * taken. The stamped item is then deleted. Expiry is checked here, not left to TTL.
   */
  async consume(state: string, check: { tenant: string; bindingHash: string; nowSeconds: number }): Promise<LoginTransaction | undefined> {
    const token = newWriteId();
    let item: Record<string, unknown>;
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { state },
          UpdateExpression: 'SET #consumedBy = :token',
          ConditionExpression:
            'attribute_exists(#state) AND #tenant = :tenant AND #bindingHash = :bindingHash AND #expiresAt > :now' +
            ' AND (attribute_not_exists(#consumedBy) OR #consumedBy = :token)',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#tenant': 'tenant',
            '#bindingHash': 'bindingHash',
            '#expiresAt': 'expiresAt',
            '#consumedBy': 'consumedBy',
          },
          ExpressionAttributeValues: {
            ':tenant': check.tenant,
            ':bindingHash': check.bindingHash,
            ':now': check.nowSeconds,
            ':token': token,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      item = Attributes!;
    } catch (e) {
      if (isConditionFailed(e)) return undefined;
      throw e;
    }
    await this.removeConsumed(state, token);
    return fromItem(item);
  }

  /**
   * Deletes the stamped transaction. The sign-in does not depend on it: the stamp already
   * makes the transaction unusable to anyone else, and TTL removes what a failure leaves.
   */
  private async removeConsumed(state: string, token: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { state },
          ConditionExpression: '#consumedBy = :token',
          ExpressionAttributeNames: { '#consumedBy': 'consumedBy' },
          ExpressionAttributeValues: { ':token': token },
        }),
      );
    } catch {
      // A retry of an applied delete fails its condition; any other failure leaves a dead item to TTL.
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
