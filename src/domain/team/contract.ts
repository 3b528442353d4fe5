/**
 * The team server's JSON API, as types: what the desk's team mode (phase 2) sends and receives.
 * The server validates every request against schemas that match these types (server/http/schemas.ts)
 * and answers with these shapes; server/README.md documents each route. Types only: importing this
 * file adds nothing to the browser bundle.
 */
import type { NoticeMeta, NoticeStatus, SuggestedTopic } from '../desk/record';
import type { TopicPath } from '../taxonomy/taxonomy';
import type { NoticeState, ReviewReason } from './settle';

export type Role = 'admin' | 'reviewer' | 'clerk';

/** Every error answer: `{ "error": { "code", "message", "details"? } }`, message in Chinese. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_query'
  | 'unknown_label'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'bad_credentials'
  | 'rate_limited'
  | 'csrf_failed'
  | 'forbidden'
  | 'not_found'
  | 'name_taken'
  | 'stale_revision'
  | 'not_a_clerk'
  | 'no_model'
  | 'no_final_labels'
  | 'internal';

export interface ApiError {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    /** One Chinese line per problem (a field, a file, a line of an import). */
    readonly details?: readonly string[];
  };
}

export interface Health {
  readonly ok: true;
  readonly db: 'pglite' | 'postgres';
  readonly version: string;
}

// ── Accounts and sessions ─────────────────────────────────────────────────────────────────────

export interface User {
  readonly id: number;
  readonly name: string;
  readonly displayName: string | null;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface LoginRequest {
  readonly name: string;
  readonly password: string;
}

/** The answer to login and to GET /api/session: send csrfToken as X-CSRF-Token on every write. */
export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface SessionSummary {
  readonly id: string;
  readonly userId: number;
  readonly userName: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly current: boolean;
}

export interface CreateUserRequest {
  readonly name: string;
  readonly displayName?: string | null;
  readonly role: Role;
  readonly password: string;
}

export interface UpdateUserRequest {
  readonly displayName?: string | null;
  readonly role?: Role;
  readonly password?: string;
  /** Disabling a user also revokes their sessions. */
  readonly disabled?: boolean;
}

// ── Projects ──────────────────────────────────────────────────────────────────────────────────

export interface ProjectSettings {
  /** Share of newly loaded notices labelled independently by two clerks, 0..1. */
  readonly doubleShare: number;
  /** A clerk's label against a suggestion scored at least this goes to review; null: never. */
  readonly reviewSuggestionAbove: number | null;
  /** A clerk's label against the header's 主题分类 (原标注) goes to review. */
  readonly reviewOriginal: boolean;
}

export interface Project extends ProjectSettings {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly counts: Readonly<Record<NoticeState, number>> & { readonly unassigned: number };
}

export interface CreateProjectRequest extends Partial<ProjectSettings> {
  readonly name: string;
  readonly description?: string | null;
}

export type UpdateProjectRequest = Partial<ProjectSettings> & {
  readonly name?: string;
  readonly description?: string | null;
};

export interface Member {
  readonly userId: number;
  readonly name: string;
  readonly displayName: string | null;
  readonly role: Role;
  readonly addedAt: string;
}

// ── Loading notices ───────────────────────────────────────────────────────────────────────────

export interface PasteNoticesRequest {
  readonly notices: readonly { readonly text: string; readonly name?: string | null }[];
}

export interface LoadResult {
  /** Server ids of the notices added, in input order. */
  readonly added: readonly number[];
  /** Notices already in the project (same content id): never loaded twice. */
  readonly duplicates: number;
  /** Files, rows or lines that could not be read, each with its Chinese reason; the rest loaded. */
  readonly errors: readonly { readonly source: string; readonly reason: string }[];
  /** Which model scored the suggestions. */
  readonly model: ModelRef | null;
}

/** A notice as the reviewer and admin see it in the project's list. */
export interface NoticeSummary {
  readonly id: number;
  readonly contentId: string;
  readonly meta: NoticeMeta;
  readonly originalTopic: TopicPath | null;
  readonly suggestions: readonly SuggestedTopic[] | null;
  readonly double: boolean;
  readonly state: NoticeState;
  readonly final: TopicPath | null;
  readonly rev: number;
  readonly assignees: readonly { readonly userId: number; readonly name: string }[];
  readonly addedAt: string;
}

export interface NoticePage {
  readonly notices: readonly NoticeSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: number | null;
}

// ── Assignment ────────────────────────────────────────────────────────────────────────────────

/** Admin/reviewer: give a clerk the next `count` notices, or the listed ones. */
export interface AssignRequest {
  readonly userId: number;
  readonly count?: number;
  readonly noticeIds?: readonly number[];
}

/** Clerk: take the next `count` notices of the shared queue. */
export interface TakeRequest {
  readonly count: number;
}

export interface AssignResult {
  /** The notices newly assigned (already assigned ones are left as they are). */
  readonly assigned: readonly number[];
}

// ── Sync (clerk) ──────────────────────────────────────────────────────────────────────────────

/** A notice assigned to the clerk, as pulled. */
export interface SyncNotice {
  readonly id: number;
  readonly contentId: string;
  readonly text: string;
  readonly source: { readonly kind: 'paste' | 'file' | 'import'; readonly name: string | null };
  readonly addedAt: string;
  readonly meta: NoticeMeta;
  readonly originalTopic: TopicPath | null;
  readonly suggestions: readonly SuggestedTopic[] | null;
  /**
   * The revision of this clerk's copy: send it back as baseRev with a decision made on this copy.
   * It changes when this clerk's decision is accepted and when the reviewer settles the notice.
   */
  readonly rev: number;
  readonly state: NoticeState;
  /** The clerk's own latest decision the server has. */
  readonly decision: {
    readonly path: TopicPath;
    readonly status: Exclude<NoticeStatus, 'pending'>;
    readonly decidedAt: string;
  } | null;
  /** The final label once settled (by agreement or by the reviewer). */
  readonly final: TopicPath | null;
}

export interface PullResponse {
  readonly notices: readonly SyncNotice[];
  /** Opaque. Send it as `cursor` next time; with `more`, at once for the next page. */
  readonly cursor: string;
  readonly more: boolean;
}

export interface PushDecision {
  /** Made by the client (a UUID) when the clerk decides; the same decision is always resent with it. */
  readonly clientId: string;
  readonly noticeId: number;
  readonly path: TopicPath;
  /** ISO timestamp of the clerk's decision (client clock). */
  readonly decidedAt: string;
  /** The rev of the copy the clerk decided on (see SyncNotice.rev). */
  readonly baseRev: number;
}

export interface PushRequest {
  /** In the order the clerk made them; at most 500. */
  readonly decisions: readonly PushDecision[];
}

/**
 * accepted: stored · duplicate: stored earlier under this clientId (a resend), nothing new ·
 * conflict: stored, and the notice went to review because the decision was made on a stale copy ·
 * rejected: not stored (code says why: forbidden, not_found, stale_revision for a rev from the future);
 * do not resend.
 */
export type PushStatus = 'accepted' | 'duplicate' | 'conflict' | 'rejected';

export interface PushResult {
  readonly clientId: string;
  readonly noticeId: number;
  readonly status: PushStatus;
  /** The clerk's copy's revision after this decision (the new baseRev); null when rejected. */
  readonly rev: number | null;
  readonly state: NoticeState | null;
  readonly code?: ErrorCode;
  readonly message?: string;
}

export interface PushResponse {
  readonly results: readonly PushResult[];
}

// ── Review and agreement ──────────────────────────────────────────────────────────────────────

export interface ReviewDecision {
  readonly id: number;
  readonly clerk: { readonly id: number; readonly name: string };
  readonly path: TopicPath;
  readonly status: Exclude<NoticeStatus, 'pending'>;
  readonly decidedAt: string;
  readonly receivedAt: string;
  readonly baseRev: number;
  /** Made on an out-of-date copy. */
  readonly stale: boolean;
  /** This clerk's latest decision (the one that counts for agreement). */
  readonly latest: boolean;
  /** The model's score for this label (evidence for the reviewer). */
  readonly score: number | null;
}

export interface ReviewItem {
  readonly notice: {
    readonly id: number;
    /** Send it back with the review: a review of an older revision is refused (stale_revision). */
    readonly rev: number;
    readonly contentId: string;
    readonly meta: NoticeMeta;
    readonly double: boolean;
  };
  readonly reasons: readonly ReviewReason[];
  readonly decisions: readonly ReviewDecision[];
  readonly suggestions: readonly SuggestedTopic[] | null;
  readonly originalTopic: TopicPath | null;
  /** The reviewer's earlier label when a review was reopened. */
  readonly final: TopicPath | null;
}

export interface ReviewPage {
  readonly items: readonly ReviewItem[];
  readonly next: number | null;
}

export interface ReviewRequest {
  readonly noticeId: number;
  readonly rev: number;
  readonly path: TopicPath;
  readonly note?: string | null;
}

export interface ReviewResult {
  readonly noticeId: number;
  readonly rev: number;
  readonly state: NoticeState;
  readonly final: TopicPath;
}

/** The classifier's evidence for a notice: the top suggestions and every label a clerk chose. */
export interface Explanation {
  readonly noticeId: number;
  readonly labels: readonly {
    readonly path: TopicPath;
    readonly score: number;
    readonly evidence: readonly { readonly term: string; readonly weight: number }[];
  }[];
  readonly uncertain: boolean;
}

export interface KappaFigure {
  readonly kappa: number | null;
  readonly observed: number;
  readonly expected: number;
  readonly n: number;
}

export interface Agreement {
  /** Notices chosen for double labelling, and those with two clerks' decisions. */
  readonly doubleLabelled: { readonly planned: number; readonly complete: number };
  readonly kappa: { readonly level1: KappaFigure; readonly level2: KappaFigure };
  /** Level-1 classes, each against the rest. */
  readonly perClass: readonly (KappaFigure & {
    readonly label1: string;
    readonly support: number;
  })[];
  readonly clerks: readonly {
    readonly userId: number;
    readonly name: string;
    /** Notices with a final label that this clerk decided. */
    readonly n: number;
    readonly agreed: number;
    readonly rate: number | null;
  }[];
}

// ── Audit trail ───────────────────────────────────────────────────────────────────────────────

export type EventKind =
  | 'user.created'
  | 'user.updated'
  | 'session.revoked'
  | 'project.created'
  | 'project.updated'
  | 'member.added'
  | 'member.removed'
  | 'notices.loaded'
  | 'notices.assigned'
  | 'decision'
  | 'review'
  | 'model.training'
  | 'model.ready'
  | 'model.failed';

export interface AuditEvent {
  readonly id: number;
  readonly at: string;
  readonly kind: EventKind;
  readonly actor: { readonly id: number; readonly name: string } | null;
  readonly projectId: number | null;
  readonly noticeId: number | null;
  /** The notice revision the event was made from (decisions: the base; reviews: the reviewed). */
  readonly rev: number | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface EventPage {
  readonly events: readonly AuditEvent[];
  readonly next: number | null;
}

// ── Office model ──────────────────────────────────────────────────────────────────────────────

export interface ModelRef {
  readonly id: number | null;
  /** `shipped` for public/model/model.json; `office` for one trained here. */
  readonly kind: 'shipped' | 'office';
  readonly createdAt: string;
}

export interface OfficeModel {
  readonly id: number;
  readonly projectId: number;
  readonly status: 'training' | 'ready' | 'failed';
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly provenance: {
    /** Final labels it was trained on. */
    readonly examples: number;
    /** sha-256 of the training examples (texts and labels). */
    readonly dataHash: string;
    readonly trainedBy: { readonly id: number; readonly name: string };
    /** The shipped model it was trained on top of (its createdAt and dataHash). */
    readonly base: { readonly createdAt: string; readonly dataHash: string };
  };
}
