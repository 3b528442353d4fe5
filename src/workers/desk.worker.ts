/**
 * The desk's worker: loads the model once, then parses and classifies notices off the UI thread and
 * keeps the local model (src/workers/desk-api.ts). comlink carries the calls.
 */
import { expose } from 'comlink';
import { fetchModel } from './fetch-model';
import { createDeskWorkerApi } from './desk-api';
import type { DeskWorkerApi } from './protocol';

const api: DeskWorkerApi = createDeskWorkerApi(fetchModel);
expose(api);
