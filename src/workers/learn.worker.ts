/**
 * The training worker: one full training or cross-validation, off the UI thread. The desk cancels a
 * task by terminating its worker.
 */
import { expose } from 'comlink';
import { fetchModel } from './fetch-model';
import { createLearnWorkerApi } from './learn-api';

expose(createLearnWorkerApi(fetchModel));
