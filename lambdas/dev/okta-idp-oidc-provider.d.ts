/**
 * The slice of oidc-provider 9 that the development IdP uses. The package ships no types;
 * these describe only what lambdas/dev/okta-idp*.ts calls, checked against its source.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type ClientMetadata = Record<string, unknown> & { client_id: string };

  export interface Account {
    accountId: string;
    claims(use: 'id_token' | 'userinfo', scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (init: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  /** Koa's context with the `oidc` bag, as far as the configuration callbacks read it. */
  export interface KoaContextWithOIDC {
    status: number;
    type: string;
    body: unknown;
    host: string;
    set(name: string, value: string): void;
    set(fields: Record<string, string>): void;
    /** A request header ('' when absent). */
    get(name: string): string;
    oidc: {
      provider: Provider;
      route?: string;
      params?: Record<string, unknown>;
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      requestParamOIDCScopes: Set<string>;
      requestParamClaims: Set<string>;
    };
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, string | undefined> & { client_id: string };
    session?: { accountId: string };
  }

  export type InteractionResult = { login: { accountId: string } } | { error: string; error_description?: string };

  export interface ErrorOut {
    error: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface AdapterPayload {
    [key: string]: unknown;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export type Configuration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Client: new (metadata: ClientMetadata) => unknown;
    readonly Grant: GrantConstructor;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each event passes its own arguments; a listener types them
    on(event: string, listener: (ctx: KoaContextWithOIDC, ...args: any[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export class OIDCProviderError extends Error {
    error: string;
    error_description?: string;
    statusCode: number;
  }

  export const errors: { SessionNotFound: typeof OIDCProviderError; OIDCProviderError: typeof OIDCProviderError };
  export default Provider;
}

declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  import type { Adapter } from 'oidc-provider';
  /** A fresh in-memory store per call, so two providers in one process never share state. */
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => Adapter;
}
