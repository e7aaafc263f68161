import { loadSdk } from './load-sdk.js';

/** What both SDK constructors get: the key and endpoint when set, and no SDK retries (`withRetry` retries). */
export interface SdkClientOptions {
  apiKey?: string;
  baseURL?: string;
  maxRetries: 0;
}

export interface LazySdkClientOptions<T> {
  /** A ready client (tests, custom transports); used as is. */
  client?: T | undefined;
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  /** npm package of the SDK, named when it is missing. */
  packageName: string;
  provider: string;
  load: () => Promise<{ default: new (options: SdkClientOptions) => T }>;
}

/** The provider SDK client, created on first use (the optional SDK loads through `loadSdk`), then reused. */
export function lazySdkClient<T>(options: LazySdkClientOptions<T>): () => Promise<T> {
  let sdk: Promise<T> | undefined;
  return () => {
    sdk ??= options.client
      ? Promise.resolve(options.client)
      : loadSdk(options.packageName, options.provider, options.load).then(
          ({ default: Sdk }) =>
            new Sdk({
              ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
              ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
              maxRetries: 0,
            }),
        );
    return sdk;
  };
}
