/** Every error the API answers with: an HTTP status, a stable code and a Chinese message. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ErrorCode } from '../../src/domain/team/contract';

export class ApiFailure extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: readonly string[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    details?: readonly string[],
    headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export const unauthenticated = (): ApiFailure =>
  new ApiFailure(401, 'unauthenticated', '未登录或登录已过期，请重新登录。');

export const forbidden = (message = '没有权限执行此操作。'): ApiFailure =>
  new ApiFailure(403, 'forbidden', message);

export const notFound = (what: string): ApiFailure =>
  new ApiFailure(404, 'not_found', `${what}不存在。`);

export function errorBody(code: ErrorCode, message: string, details?: readonly string[]): ApiError {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

/** The app's onError: known failures as they are, anything else as a 500 that hides the cause. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiFailure) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException && error.status === 413) {
    return c.json(errorBody('body_too_large', '请求内容过大。'), 413);
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, error);
  return c.json(
    errorBody('internal', '服务器内部错误，请稍后重试；如果一直出现，请联系管理员。'),
    500,
  );
}
