/**
 * The desk's worker: loads the model once, then parses and classifies notices off the UI thread.
 * When the model cannot be loaded the notices are still parsed, and the clerk labels by hand.
 */
import { ModelError, parseModel, type Model } from '../domain/classifier';
import { analyseNotice, explainNotice } from '../domain/desk/analyse';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { activeModel, handleLearning, isLearningRequest } from './learning';

let model: Promise<Model | null> = Promise.resolve(null);

function post(message: WorkerResponse): void {
  postMessage(message);
}

async function loadModel(url: string): Promise<Model | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new ModelError(`模型文件无法读取（HTTP ${response.status}）`);
    const loaded = parseModel(await response.json());
    post({
      type: 'model',
      ok: true,
      info: {
        labels: loaded.labels.length,
        source: `${loaded.meta.generator} · ${loaded.meta.createdAt.slice(0, 10)}`,
      },
    });
    return loaded;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    post({ type: 'model', ok: false, message: `分类模型不可用：${detail}。仍可手动选择分类。` });
    return null;
  }
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'init') {
    model = loadModel(request.modelUrl);
    return;
  }
  const shipped = await model;
  if (isLearningRequest(request)) {
    handleLearning(request, shipped, post);
    return;
  }
  const m = activeModel(shipped);
  try {
    if (request.type === 'analyse') {
      post({
        type: 'analysed',
        id: request.id,
        value: request.texts.map((t) => analyseNotice(t, m)),
      });
    } else {
      post({ type: 'explained', id: request.id, value: m ? explainNotice(request.text, m) : null });
    }
  } catch (e) {
    post({ type: 'failed', id: request.id, message: e instanceof Error ? e.message : String(e) });
  }
}

addEventListener('message', (e: MessageEvent<WorkerRequest>) => {
  void handle(e.data);
});
