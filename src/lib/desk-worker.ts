/** The desk's side of its worker: requests as promises, and the model's status as it loads. */
import type { Classification } from '../domain/classifier/types';
import type { NoticeAnalysis } from '../domain/desk/analyse';
import type { ModelFile } from '../domain/classifier';
import type { SuggestedTopic } from '../domain/desk/record';
import type { TopicPath } from '../domain/taxonomy/taxonomy';
import type { Provenance } from '../workers/learning';
import type { ModelInfo, WorkerRequest, WorkerResponse } from '../workers/protocol';

export type ModelEvent =
  | { readonly ok: true; readonly info: ModelInfo }
  | { readonly ok: false; readonly message: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class DeskWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(onModel: (event: ModelEvent) => void) {
    this.worker = new Worker(new URL('../workers/desk.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.worker.addEventListener('message', (e: MessageEvent<WorkerResponse>) => {
      const msg = e.data;
      if (msg.type === 'model') {
        onModel(msg.ok ? { ok: true, info: msg.info } : { ok: false, message: msg.message });
        return;
      }
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (msg.type === 'failed') waiting.reject(new Error(msg.message));
      else waiting.resolve(msg.value);
    });
    this.worker.addEventListener('error', (e) => {
      const error = new Error(`后台处理出错：${e.message}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      onModel({ ok: false, message: error.message });
    });
    // Resolved against the page, so it works wherever the built app is served from.
    const modelUrl = new URL('model/model.json', document.baseURI).href;
    this.send({ type: 'init', modelUrl });
  }

  private send(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  private call<T>(make: (id: number) => WorkerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      this.send(make(id));
    });
  }

  analyse(texts: readonly string[]): Promise<NoticeAnalysis[]> {
    return this.call((id) => ({ type: 'analyse', id, texts }));
  }

  explain(text: string): Promise<Classification | null> {
    return this.call((id) => ({ type: 'explain', id, text }));
  }

  /** Analyse and explain with this local model from now on (null: back to the shipped model). */
  useLocalModel(file: ModelFile | null): Promise<Provenance | null> {
    return this.call((id) => ({ type: 'useLocalModel', id, file }));
  }

  /** Learns one decision into the local model (made from the shipped model on the first one). */
  learn(text: string, path: TopicPath): Promise<Provenance> {
    return this.call((id) => ({ type: 'learn', id, text, path }));
  }

  /** Takes the last learnt decision back out (the clerk undid it); null: back to the shipped model. */
  unlearn(): Promise<Provenance | null> {
    return this.call((id) => ({ type: 'unlearn', id }));
  }

  /** Fresh suggestions from the model in use; null for each when no model is loaded. */
  rescore(texts: readonly string[]): Promise<(SuggestedTopic[] | null)[]> {
    return this.call((id) => ({ type: 'rescore', id, texts }));
  }

  exportLocalModel(): Promise<ModelFile | null> {
    return this.call((id) => ({ type: 'exportLocalModel', id }));
  }
}
