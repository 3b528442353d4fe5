/**
 * Reading a request: JSON bodies and query strings checked against valibot schemas. Anything that
 * is not exactly what the schema says (invalid JSON, a wrong type, an unknown field) is a 4xx with
 * a Chinese line per problem, before any handler runs, so nothing is written.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { taxonomyLeaves, topicKey, type TopicPath } from '../../src/domain/taxonomy/taxonomy';
import { ApiFailure } from './errors';

type Issue = v.BaseIssue<unknown>;

function pathOf(issue: Issue): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  return keys.length === 0 ? '请求' : keys.join('.');
}

function reason(issue: Issue): string {
  const requirement = 'requirement' in issue ? String(issue.requirement) : '';
  if (issue.received === 'undefined' && issue.kind === 'schema') return '缺少此字段';
  switch (issue.type) {
    case 'strict_object':
      return issue.expected === 'never' ? '不允许的字段' : '应为对象';
    case 'object':
      return '应为对象';
    case 'string':
      return '应为字符串';
    case 'number':
      return '应为数字';
    case 'boolean':
      return '应为 true 或 false';
    case 'array':
      return '应为数组';
    case 'integer':
      return '应为整数';
    case 'picklist':
      return `应为以下之一：${issue.expected ?? ''}`;
    case 'min_value':
      return `不能小于 ${requirement}`;
    case 'max_value':
      return `不能大于 ${requirement}`;
    case 'min_length':
      return `长度不能少于 ${requirement}`;
    case 'max_length':
      return `长度不能超过 ${requirement}`;
    case 'iso_timestamp':
      return '应为 ISO 8601 时间（如 2026-03-30T09:00:00.000Z）';
    case 'regex':
      return '格式不正确';
    default:
      return '取值无效';
  }
}

export function issueLines(issues: readonly Issue[]): string[] {
  return issues.map((issue) => `${pathOf(issue)}：${reason(issue)}`);
}

function invalid(code: 'invalid_body' | 'invalid_query', issues: readonly Issue[]): ApiFailure {
  const lines = issueLines(issues);
  return new ApiFailure(
    400,
    code,
    `${code === 'invalid_body' ? '请求内容' : '查询参数'}有误：${lines[0] ?? ''}`,
    lines,
  );
}

/** The request's JSON body, validated. */
export async function readJson<S extends v.GenericSchema>(
  c: Context,
  schema: S,
): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiFailure(
      415,
      'unsupported_media_type',
      '请求内容须为 JSON（Content-Type: application/json）。',
    );
  }
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'invalid_json', '请求内容不是有效的 JSON。');
  }
  const result = v.safeParse(schema, body);
  if (!result.success) throw invalid('invalid_body', result.issues);
  return result.output;
}

/** The query string, validated (every value arrives as a string). */
export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, c.req.query());
  if (!result.success) throw invalid('invalid_query', result.issues);
  return result.output;
}

/** A path parameter that must be a positive integer id. */
export function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw new ApiFailure(404, 'not_found', '请求的对象不存在。');
  }
  return id;
}

const LEAVES = new Set(taxonomyLeaves().map(topicKey));

/**
 * A decision's label must be a leaf of the taxonomy, written exactly (the desk's picker only offers
 * those; aliases are for reading catalogues, not for the API).
 */
export function checkLabels(paths: readonly TopicPath[]): void {
  const unknown = paths.filter((p) => !LEAVES.has(topicKey(p)));
  if (unknown.length === 0) return;
  const lines = [...new Set(unknown.map(topicKey))].map(
    (key) => `“${key}”不在主题分类表中（须为某一类下的二级分类，或没有二级分类的“其他”）`,
  );
  throw new ApiFailure(400, 'unknown_label', `分类有误：${lines[0] ?? ''}`, lines);
}
