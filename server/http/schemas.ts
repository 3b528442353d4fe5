/**
 * The request schemas. Objects are strict (an unknown field is an error, never silently ignored),
 * strings and lists are bounded. Each schema is checked against its type in the shared contract
 * (src/domain/team/contract.ts) at the end of this file, so the two cannot drift apart.
 */
import * as v from 'valibot';
import type {
  AssignRequest,
  CreateProjectRequest,
  CreateUserRequest,
  LoginRequest,
  PasteNoticesRequest,
  PushRequest,
  ReviewRequest,
  TakeRequest,
  UpdateProjectRequest,
  UpdateUserRequest,
} from '../../src/domain/team/contract';

/** Decisions per push: a day of a clerk's work offline fits in a few pushes. */
export const MAX_PUSH = 500;
/** Notices taken or assigned at once. */
export const MAX_TAKE = 500;
export const MAX_PASTE_NOTICES = 200;

const id = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2_147_483_647));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64));
const role = v.picklist(['admin', 'reviewer', 'clerk']);
/** scrypt hashes any length; the bound only keeps a request from making the server hash megabytes. */
const password = v.pipe(v.string(), v.minLength(10), v.maxLength(256));
const share = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const threshold = v.nullable(v.pipe(v.number(), v.minValue(0.01), v.maxValue(1)));

export const topicPath = v.strictObject({
  label1: text(64),
  label2: v.nullable(text(64)),
});

export const loginRequest = v.strictObject({
  name: text(64),
  password: text(256),
});

export const createUserRequest = v.strictObject({
  name,
  displayName: v.optional(v.nullable(text(64))),
  role,
  password,
});

export const updateUserRequest = v.strictObject({
  displayName: v.optional(v.nullable(text(64))),
  role: v.optional(role),
  password: v.optional(password),
  disabled: v.optional(v.boolean()),
});

export const createProjectRequest = v.strictObject({
  name,
  description: v.optional(v.nullable(text(500))),
  doubleShare: v.optional(share),
  reviewSuggestionAbove: v.optional(threshold),
  reviewOriginal: v.optional(v.boolean()),
});

export const updateProjectRequest = v.strictObject({
  name: v.optional(name),
  description: v.optional(v.nullable(text(500))),
  doubleShare: v.optional(share),
  reviewSuggestionAbove: v.optional(threshold),
  reviewOriginal: v.optional(v.boolean()),
});

export const pasteNoticesRequest = v.strictObject({
  notices: v.pipe(
    v.array(
      v.strictObject({
        text: v.pipe(v.string(), v.minLength(1)),
        name: v.optional(v.nullable(text(200))),
      }),
    ),
    v.minLength(1),
    v.maxLength(MAX_PASTE_NOTICES),
  ),
});

export const assignRequest = v.strictObject({
  userId: id,
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TAKE))),
  noticeIds: v.optional(v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_TAKE))),
});

export const takeRequest = v.strictObject({
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TAKE)),
});

export const pushRequest = v.strictObject({
  decisions: v.pipe(
    v.array(
      v.strictObject({
        clientId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/)),
        noticeId: id,
        path: topicPath,
        decidedAt: v.pipe(v.string(), v.isoTimestamp()),
        baseRev: v.pipe(v.number(), v.integer(), v.minValue(1)),
      }),
    ),
    v.minLength(1),
    v.maxLength(MAX_PUSH),
  ),
});

export const reviewRequest = v.strictObject({
  noticeId: id,
  rev: v.pipe(v.number(), v.integer(), v.minValue(1)),
  path: topicPath,
  note: v.optional(v.nullable(text(1000))),
});

/** A query-string integer (`?limit=50`). */
const queryInt = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d{1,10}$/), v.transform(Number), v.minValue(min), v.maxValue(max));

export const pageQuery = v.strictObject({
  after: v.optional(queryInt(0, 2 ** 53 - 1)),
  limit: v.optional(queryInt(1, 1000)),
});

export const noticeListQuery = v.strictObject({
  after: v.optional(queryInt(0, 2_147_483_647)),
  limit: v.optional(queryInt(1, 1000)),
  state: v.optional(v.picklist(['open', 'review', 'done'])),
});

export const pullQuery = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(queryInt(1, 2000)),
});

export const exportQuery = v.strictObject({
  separator: v.optional(v.picklist(['-', '\\', '/'])),
});

export const sessionsQuery = v.strictObject({
  userId: v.optional(queryInt(1, 2_147_483_647)),
});

// Compile-time checks: each schema's output is assignable to its contract type.
type Satisfies<Out extends Contract, Contract> = Out;
export type CheckedSchemas = [
  Satisfies<v.InferOutput<typeof loginRequest>, LoginRequest>,
  Satisfies<v.InferOutput<typeof createUserRequest>, CreateUserRequest>,
  Satisfies<v.InferOutput<typeof updateUserRequest>, UpdateUserRequest>,
  Satisfies<v.InferOutput<typeof createProjectRequest>, CreateProjectRequest>,
  Satisfies<v.InferOutput<typeof updateProjectRequest>, UpdateProjectRequest>,
  Satisfies<v.InferOutput<typeof pasteNoticesRequest>, PasteNoticesRequest>,
  Satisfies<v.InferOutput<typeof assignRequest>, AssignRequest>,
  Satisfies<v.InferOutput<typeof takeRequest>, TakeRequest>,
  Satisfies<v.InferOutput<typeof pushRequest>, PushRequest>,
  Satisfies<v.InferOutput<typeof reviewRequest>, ReviewRequest>,
];
