// A fixed pool of worker threads that render and verify QR images in batches. The PNG
// steps take most of the demo's run time, and the pool spreads them over the CPU cores.
import { Worker } from 'node:worker_threads';

const BATCH_SIZE = 20;

/**
 * Starts `size` workers. Each receives the trusted issuers and the PNG settings once.
 * @param {{ size: number, trustedIssuers: object[], scale: number, errorCorrectionLevel: string }} options
 */
export function createQrPool(options) {
  const workerUrl = new URL('./qr-worker.mjs', import.meta.url);
  const { size, ...settings } = options;
  const workers = Array.from({ length: size }, () => new Worker(workerUrl, { workerData: settings }));

  /**
   * Runs one task on every item and returns the results in item order. Batches go to
   * whichever worker is free, and a worker that crashes rejects the whole run.
   * @param {'render' | 'verify-png'} task
   * @param {readonly object[]} items
   * @returns {Promise<object[]>}
   */
  function run(task, items) {
    const results = new Array(items.length);
    let next = 0;
    return new Promise((resolve, reject) => {
      let busy = 0;
      const dispatch = (worker) => {
        if (next >= items.length) {
          if (busy === 0) resolve(results);
          return;
        }
        const start = next;
        next = Math.min(items.length, next + BATCH_SIZE);
        busy += 1;
        worker.once('message', ({ results: batch }) => {
          busy -= 1;
          batch.forEach((result, offset) => (results[start + offset] = result));
          dispatch(worker);
        });
        worker.postMessage({ id: start, task, items: items.slice(start, next) });
      };
      for (const worker of workers) {
        worker.once('error', reject);
        dispatch(worker);
      }
    });
  }

  return { size, run, close: () => Promise.all(workers.map((worker) => worker.terminate())) };
}
