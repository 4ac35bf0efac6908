// The mediasoup workers of this process, one per core by default, and the placement function
// that picks a worker for a new room (the least loaded). Placement is the one seam a multi-node
// version replaces.
import type { types } from 'mediasoup';
import type * as mediasoupModule from 'mediasoup';
import type { FastifyBaseLogger } from 'fastify';
import type { MediaConfig } from '../config.ts';
import { ensureWorkerBinaryEnv } from './worker-binary.ts';
import { MEDIA_CODECS } from './media-codecs.ts';

type Mediasoup = typeof mediasoupModule;

interface PooledWorker {
  worker: types.Worker;
  /** Routers placed on it: the load measure placement uses. */
  routers: number;
}

export class WorkerPool {
  readonly #workers: PooledWorker[] = [];
  #started: Promise<Mediasoup> | undefined;
  #routerRtpCapabilities: Promise<types.RtpCapabilities> | undefined;
  #closed = false;

  constructor(
    private readonly config: MediaConfig,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Starts the workers once; called by the first room (so a server used only for its REST API
   * never spawns one) or at start-up by main.ts to fail early when the worker is missing.
   */
  start(): Promise<Mediasoup> {
    this.#started ??= (async () => {
      ensureWorkerBinaryEnv();
      // Imported only now: mediasoup reads MEDIASOUP_WORKER_BIN once, when it loads.
      const mediasoup = await import('mediasoup');
      for (let i = 0; i < Math.max(1, this.config.workers); i++) await this.#spawn(mediasoup);
      return mediasoup;
    })();
    return this.#started;
  }

  get size(): number {
    return this.#workers.length;
  }

  async #spawn(mediasoup: Mediasoup): Promise<void> {
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort: this.config.rtcMinPort,
      rtcMaxPort: this.config.rtcMaxPort,
    });
    const pooled: PooledWorker = { worker, routers: 0 };
    this.#workers.push(pooled);
    worker.on('died', (error) => {
      this.log.error(
        { err: error, pid: worker.pid },
        'a mediasoup worker died; starting a new one',
      );
      this.#workers.splice(this.#workers.indexOf(pooled), 1);
      if (!this.#closed)
        this.#spawn(mediasoup).catch((cause) =>
          this.log.error({ err: cause }, 'could not start a worker'),
        );
    });
  }

  /** A new router for a room, on the worker with the fewest routers. */
  async createRouter(): Promise<types.Router> {
    await this.start();
    const pooled = [...this.#workers].sort((a, b) => a.routers - b.routers)[0];
    if (!pooled) throw new Error('no mediasoup worker is running');
    const router = await pooled.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    pooled.routers++;
    router.observer.once('close', () => pooled.routers--);
    return router;
  }

  /**
   * What every router here can handle: they all share one codec list, so one router's answer is
   * every router's. Clients fetch it to load their Device while they join.
   */
  routerRtpCapabilities(): Promise<types.RtpCapabilities> {
    this.#routerRtpCapabilities ??= (async () => {
      await this.start();
      const pooled = this.#workers[0];
      if (!pooled) throw new Error('no mediasoup worker is running');
      const router = await pooled.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
      const capabilities = router.rtpCapabilities;
      router.close();
      return capabilities;
    })();
    this.#routerRtpCapabilities.catch(() => (this.#routerRtpCapabilities = undefined));
    return this.#routerRtpCapabilities;
  }

  close(): void {
    this.#closed = true;
    for (const { worker } of this.#workers) worker.close();
    this.#workers.length = 0;
  }
}
