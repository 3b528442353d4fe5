/** The desk's state, as typed slices of one zustand store (built by createDeskStore). */
import type { StateCreator } from 'zustand';
import type { Classification } from '../domain/classifier/types';
import type { NoticeRecord } from '../domain/desk/record';
import type { QueueFilter, QueueSort } from '../domain/desk/queue';
import type {
  Comparison,
  ConflictChoices,
  HistoryError,
  HistoryImportReport,
  HistoryItem,
  LabelDistribution,
  LabelMapping,
  LabelledHistory,
} from '../domain/learning';
import type { Message } from '../domain/message';
import type { Language } from '../domain/messages';
import type { ParsedNotice } from '../domain/notice/types';
import type { TopicCoverage } from '../domain/taxonomy';
import type { PathSeparator, TopicPath } from '../domain/taxonomy/taxonomy';
import type { ModelInfo, Provenance } from '../workers/protocol';
import type {
  Agreement,
  Explanation,
  Member,
  ModelRef,
  OfficeModel,
  Project,
  ReviewItem,
  SessionInfo,
  SyncNotice,
} from '../domain/team/contract';
import type { OutboxEntry, SyncOutcome } from '../domain/team/outbox';

export interface IntakeError {
  /** What it is about: a file (and the line of an import file), the paste, or the import as a whole. */
  readonly about: { readonly file: string; readonly line?: number } | 'paste' | 'import';
  readonly reason: Message;
}

export interface IntakeResult {
  readonly added: number;
  readonly duplicates: number;
  readonly errors: readonly IntakeError[];
  readonly firstId: string | null;
}

/** What resuming from a JSONL did: notices new to the desk, ones brought up to date, ones kept as they were. */
export interface ResumeResult {
  readonly read: number;
  readonly added: number;
  readonly updated: number;
  readonly kept: number;
  readonly errors: number;
}

export interface NoticesSlice {
  readonly hydrated: boolean;
  /** Arrival order. */
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, NoticeRecord>;
  readonly intake: {
    readonly running: boolean;
    readonly done: number;
    readonly total: number;
    readonly errors: readonly IntakeError[];
  };
  /** The decisions that can be undone, newest last: each notice as it was before. */
  readonly undoStack: readonly NoticeRecord[];
  addPaste(text: string): Promise<IntakeResult>;
  addFiles(files: readonly File[]): Promise<IntakeResult>;
  cancelIntake(): void;
  dismissIntakeErrors(): void;
  decide(id: string, path: TopicPath): void;
  undo(): void;
  /** Resumes from the desk's JSONL and says what it did (the clerk's confirmation). */
  importDeskJsonl(file: File): Promise<ResumeResult>;
}

export interface ReviewSlice {
  readonly selectedId: string | null;
  /** The selected notice as the worker read it: its parse and full classification (with evidence). */
  readonly current: {
    readonly id: string;
    readonly pending: boolean;
    readonly parsed: ParsedNotice | null;
    readonly classification: Classification | null;
  } | null;
  /**
   * What each class covers, for the picker's search; null until loaded (names, aliases and pinyin
   * initials match meanwhile).
   */
  readonly topicCoverage: TopicCoverage | null;
  select(id: string | null): void;
  selectNext(): void;
  selectPrevious(): void;
  /** The full classification of any notice (the audit's evidence), without selecting it. */
  explain(id: string): Promise<Classification | null>;
  /** Fetches topicCoverage (a chunk of its own) once; after a failed fetch, the next call tries again. */
  loadTopicCoverage(): void;
}

export interface QueueSlice {
  readonly filter: QueueFilter;
  readonly sort: QueueSort;
  setFilter(filter: Partial<QueueFilter>): void;
  setSort(sort: QueueSort): void;
}

/** The UI's language: Chinese first, English as a switch (the catalogue's languages). */
export type { Language };

/** The queue's columns as the clerk left them: widths in px by column id, and the hidden ones. */
export interface QueueColumns {
  readonly sizes: Readonly<Record<string, number>>;
  readonly hidden: readonly string[];
}

export interface Settings {
  readonly language: Language;
  /** How the two levels are joined in the CSV export. */
  readonly separator: PathSeparator;
  readonly queueColumns: QueueColumns;
}

export interface SettingsSlice {
  readonly settings: Settings;
  setSettings(settings: Partial<Settings>): void;
}

export type StorageStatus = 'ok' | 'unavailable' | 'quota' | 'conflict' | 'newer-version';

export interface SystemSlice {
  readonly storage: { readonly status: StorageStatus; readonly problem: Message | null };
  readonly model: {
    readonly status: 'loading' | 'ready' | 'error';
    readonly info: ModelInfo | null;
    readonly problem: Message | null;
  };
  /** Opens storage and loads the saved notices (the UI waits for this), loads the model, follows other tabs. */
  start(): Promise<void>;
  /** Stops following other tabs and closes storage and the workers. */
  stop(): void;
  /** Clears a conflict notice once read; storage problems stay until they are solved. */
  dismissConflict(): void;
  /** True while a decision or the learned model is not yet in storage. */
  readonly saving: boolean;
  /** Saves whatever is pending now (the page is being hidden or closed); resolves once it is stored. */
  flush(): Promise<void>;
}

export interface ExportSlice {
  exportCsv(scope: 'all' | 'visible'): Promise<void>;
  exportJsonl(scope: 'all' | 'visible'): Promise<void>;
}

export interface LearningTask {
  readonly kind: 'import' | 'train' | 'compare';
  readonly done: number;
  /** 0 while the size is not known (training runs as one step). */
  readonly total: number;
}

export interface MeasuredComparison {
  readonly value: Comparison;
  /** Labelled examples there were; value.n of them were scored (a spread sample when many). */
  readonly available: number;
  readonly ms: number;
  /** ISO timestamp. */
  readonly at: string;
}

export interface LearningState {
  readonly history: readonly HistoryItem[];
  readonly mapping: LabelMapping;
  readonly labelled: LabelledHistory;
  readonly distribution: LabelDistribution;
  readonly importErrors: readonly HistoryError[];
  readonly task: LearningTask | null;
  /** The local model's provenance; null while the shipped model is in use. */
  readonly local: Provenance | null;
  readonly trainMs: number | null;
  readonly comparison: MeasuredComparison | null;
  /** The outcome of the last action, or what went wrong. */
  readonly message: { readonly kind: 'info' | 'error'; readonly body: Message } | null;
  /** Pending notices re-scored after the last decision. */
  readonly rescored: { readonly done: number; readonly total: number } | null;
  /** What the last history import found and did (kept beside the training's own message). */
  readonly importReport: Message | null;
  /** An import whose labels conflict, waiting for the clerk to choose which label wins. */
  readonly pendingImport: PendingImport | null;
}

export interface PendingImport {
  readonly report: HistoryImportReport;
  readonly errors: readonly HistoryError[];
  readonly cancelled: boolean;
}

export interface LearningSlice {
  readonly learning: LearningState;
  /**
   * Reads a labelled history and reports each notice as new, same, duplicate or conflicting; merges
   * at once unless labels conflict, then waits for resolveImport (or discardImport).
   */
  importHistory(files: readonly File[]): Promise<void>;
  /** Merges the pending import, each conflict's winner chosen by the clerk (conflict key → labelKey). */
  resolveImport(choices: ConflictChoices): Promise<void>;
  discardImport(): void;
  cancelLearningTask(): void;
  mapLabel(raw: string, path: TopicPath | null): void;
  trainLocalModel(): Promise<void>;
  compareModels(k?: number): Promise<void>;
  exportLocalModel(): Promise<void>;
  importLocalModel(file: File): Promise<void>;
  resetLocalModel(): Promise<void>;
  clearHistory(): Promise<void>;
  /** Called by decide: teaches the local model the decision and re-scores the pending notices. */
  learnDecision(id: string): void;
  /** Called by undo: takes the last learnt decision back out of the local model. */
  unlearnDecision(id: string): void;
}

/** unknown: not looked yet · none: the desk runs alone (no team server on this origin). */
export type TeamServer = 'unknown' | 'checking' | 'none' | 'available';

export interface TeamState {
  readonly server: TeamServer;
  /** False after a request got no answer (offline, server down); the outbox waits meanwhile. */
  readonly online: boolean;
  readonly session: SessionInfo | null;
  readonly projects: readonly Project[];
  readonly projectId: number | null;
  readonly members: readonly Member[];
  /** The clerk's copies of their assigned notices, by id. */
  readonly copies: readonly SyncNotice[];
  /** Decisions the server has not acknowledged yet, oldest first. */
  readonly outbox: readonly OutboxEntry[];
  readonly syncing: boolean;
  readonly lastSyncAt: string | null;
  /** Pushed decisions that went to review or were refused, newest last. */
  readonly outcomes: readonly SyncOutcome[];
  readonly reviews: readonly ReviewItem[];
  /** Where the next page of reviews starts; null when all are shown. */
  readonly reviewsNext: number | null;
  readonly explanations: ReadonlyMap<number, Explanation>;
  readonly agreement: Agreement | null;
  /** The model the server scores this project's notices with, and its provenance. */
  readonly scoring: { readonly ref: ModelRef; readonly model: OfficeModel | null } | null;
  /** The project's newest office model when it is not the one scoring (training, or failed). */
  readonly latestModel: OfficeModel | null;
  readonly busy: boolean;
  readonly message: { readonly kind: 'info' | 'error'; readonly body: Message } | null;
}

export interface TeamSlice {
  readonly team: TeamState;
  /** Looks for a team server on this origin and, when there is one, resumes the session. */
  openTeam(): Promise<void>;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  selectProject(projectId: number): Promise<void>;
  /** Clerk: takes the next `count` notices of the shared queue, then pulls them. */
  takeWork(count: number): Promise<void>;
  /** Clerk: sends the outbox (in order, resending what got no answer), then pulls what changed. */
  syncTeam(): Promise<void>;
  /** Clerk: records a decision in the outbox (on disk first) and sends it when online. */
  decideTeam(noticeId: number, path: TopicPath): Promise<void>;
  /** Reviewer: loads one pasted notice into the project (the server scores it). */
  loadTeamNotices(text: string): Promise<void>;
  assignTeam(userId: number, count: number): Promise<void>;
  /** The first page of reviews (again), or with `more` the next page after those shown. */
  loadReviews(more?: boolean): Promise<void>;
  settleReview(noticeId: number, rev: number, path: TopicPath): Promise<void>;
  /** Reviewer: a notice's full text, fetched when asked for (not kept in the state); null on failure. */
  teamNoticeText(noticeId: number): Promise<string | null>;
  loadAgreement(): Promise<void>;
  /** Which model scores the project (and any newer one training or failed). */
  loadTeamModel(): Promise<void>;
  /** Reviewer: trains an office model on the project's final labels (in the server's worker). */
  trainOfficeModel(): Promise<void>;
  teamExportUrl(what: 'csv' | 'jsonl' | 'events'): string | null;
  dismissTeamMessage(): void;
}

export type DeskState = NoticesSlice &
  ReviewSlice &
  QueueSlice &
  SettingsSlice &
  SystemSlice &
  ExportSlice &
  LearningSlice &
  TeamSlice;

export type Slice<T> = StateCreator<DeskState, [], [], T>;
