// Leader election on a coordination.k8s.io/v1 Lease, with client-go's rules: a candidate takes the
// lease when it is free or when its holder has not renewed it for leaseDuration, measured on the
// candidate's own clock from the moment it last saw the record change (so clocks need not agree);
// the leader renews every retryPeriod and steps down if it cannot renew within renewDeadline.
// Writes are conditional on resourceVersion, so two candidates can never both win one round.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { CoordinationV1Api, V1MicroTime, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { isNotFound, toApiError, type RequestInfo } from './errors.js';
import { sleep } from './retry.js';
import { linkSignals, requestOptions } from './transport.js';

export interface LeaderElectionOptions {
  readonly kubeConfig: KubeConfig;
  /** The Lease's name and namespace: every replica of one controller uses the same. */
  readonly name: string;
  readonly namespace: string;
  /** Unique per replica. Default: hostname and a random id. */
  readonly identity?: string;
  /** How long a lease is honoured after its last renewal (default 15 000, as client-go). */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it steps down (default 10 000). */
  readonly renewDeadlineMs?: number;
  /** Between attempts to acquire or renew (default 2 000), jittered by up to 20 %. */
  readonly retryPeriodMs?: number;
  /** Clear the holder when stepping down, so another replica takes over at once (default true). */
  readonly releaseOnCancel?: boolean;
  /** Called with the holder's identity whenever this replica sees the holder change. */
  readonly onNewLeader?: (identity: string) => void;
}

export class LeadershipLostError extends Error {
  constructor(lease: string) {
    super(`lost leadership of Lease ${lease}: it could not be renewed within the renew deadline`);
    this.name = 'LeadershipLostError';
  }
}

const JITTER = 1.2;

export class LeaderElector {
  readonly identity: string;
  readonly #o: Required<Omit<LeaderElectionOptions, 'onNewLeader' | 'identity'>> & Pick<LeaderElectionOptions, 'onNewLeader'>;
  readonly #api: CoordinationV1Api;
  #observedVersion: string | undefined;
  #observedAt = 0;
  #holder: string | undefined;
  #leading = false;

  constructor(options: LeaderElectionOptions) {
    this.identity = options.identity ?? `${hostname()}_${randomUUID()}`;
    this.#o = {
      leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, releaseOnCancel: true, ...options,
    };
    const { leaseDurationMs: lease, renewDeadlineMs: renew, retryPeriodMs: retry } = this.#o;
    if (!(lease > renew)) throw new Error(`leader election: leaseDurationMs (${lease}) must be greater than renewDeadlineMs (${renew})`);
    if (!(renew > JITTER * retry)) throw new Error(`leader election: renewDeadlineMs (${renew}) must be greater than 1.2 x retryPeriodMs (${retry})`);
    this.#api = options.kubeConfig.makeApiClient(CoordinationV1Api);
  }

  get isLeader(): boolean {
    return this.#leading;
  }

  /** The holder this replica saw last (undefined before the first read). */
  get leader(): string | undefined {
    return this.#holder;
  }

  /**
   * Waits until this replica holds the lease, then runs `lead` with a signal that aborts when
   * `signal` does or leadership is lost. Rejects with LeadershipLostError when it was lost.
   */
  async run(signal: AbortSignal, lead: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (!(await this.#acquire(signal))) return;
    const lost = new AbortController();
    const link = linkSignals(signal, lost.signal);
    const leadership = link.signal;
    this.#leading = true;
    const renewing = this.#renew(leadership, lost);
    try {
      await lead(leadership);
    } finally {
      this.#leading = false;
      lost.abort();
      const wasLost = await renewing;
      link.release();
      if (!wasLost && this.#o.releaseOnCancel) await this.#release();
      if (wasLost && !signal.aborted) throw new LeadershipLostError(`${this.#o.namespace}/${this.#o.name}`);
    }
  }

  async #acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.#tryAcquireOrRenew(signal)) return true;
      if (!(await this.#wait(signal))) return false;
    }
    return false;
  }

  /** Renews until `leadership` aborts; true when it stopped because renewing failed. */
  async #renew(leadership: AbortSignal, lost: AbortController): Promise<boolean> {
    while (await this.#wait(leadership)) {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), this.#o.renewDeadlineMs);
      const { signal: deadline, release } = linkSignals(leadership, timeout.signal);
      let renewed = false;
      while (!deadline.aborted && !(renewed = await this.#tryAcquireOrRenew(deadline))) {
        if (!(await this.#wait(deadline))) break;
      }
      clearTimeout(timer);
      release();
      if (leadership.aborted) return false;
      if (!renewed) {
        lost.abort(new LeadershipLostError(`${this.#o.namespace}/${this.#o.name}`));
        return true;
      }
    }
    return false;
  }

  /** One round of client-go's tryAcquireOrRenew; false on any failure (the next round retries). */
  async #tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { name, namespace } = this.#o;
    let lease: V1Lease;
    try {
      lease = await this.#call(signal, (o) => this.#api.readNamespacedLease({ name, namespace }, o));
    } catch (e) {
      if (!isNotFound(e)) return false;
      return this.#write(signal, (o) => this.#api.createNamespacedLease({ namespace, body: this.#record(undefined) }, o));
    }
    this.#observe(lease);
    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity;
    const honouredMs = (spec.leaseDurationSeconds ?? 0) * 1000;
    if (holder && holder !== this.identity && this.#observedAt + honouredMs > Date.now()) return false;
    return this.#write(signal, (o) => this.#api.replaceNamespacedLease({ name, namespace, body: this.#record(lease) }, o));
  }

  /** The lease as this replica holds it: a renewal keeps acquireTime, a takeover counts a transition. */
  #record(current: V1Lease | undefined): V1Lease {
    const now = new V1MicroTime();
    const spec = current?.spec ?? {};
    const renewal = spec.holderIdentity === this.identity;
    return {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { ...(current?.metadata ?? {}), name: this.#o.name, namespace: this.#o.namespace },
      spec: {
        ...spec, holderIdentity: this.identity, renewTime: now,
        leaseDurationSeconds: Math.max(1, Math.ceil(this.#o.leaseDurationMs / 1000)),
        acquireTime: renewal && spec.acquireTime !== undefined ? spec.acquireTime : now,
        leaseTransitions: current === undefined ? 0 : (spec.leaseTransitions ?? 0) + (renewal ? 0 : 1),
      },
    };
  }

  async #write(signal: AbortSignal, call: (o: ReturnType<typeof requestOptions>) => Promise<V1Lease>): Promise<boolean> {
    try {
      this.#observe(await this.#call(signal, call));
      return true;
    } catch {
      // 409: another candidate wrote first; anything else: try again next round.
      return false;
    }
  }

  /** Gives the lease up so that the next candidate need not wait for it to expire. */
  async #release(): Promise<void> {
    const { name, namespace } = this.#o;
    const signal = AbortSignal.timeout(this.#o.renewDeadlineMs);
    try {
      const lease = await this.#call(signal, (o) => this.#api.readNamespacedLease({ name, namespace }, o));
      if (lease.spec?.holderIdentity !== this.identity) return;
      const spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: new V1MicroTime() };
      await this.#call(signal, (o) => this.#api.replaceNamespacedLease({ name, namespace, body: { ...lease, spec } }, o));
    } catch {
      // Not released: the others take over once it expires.
    }
  }

  #observe(lease: V1Lease): void {
    if (lease.metadata?.resourceVersion === this.#observedVersion) return;
    this.#observedVersion = lease.metadata?.resourceVersion;
    this.#observedAt = Date.now();
    const holder = lease.spec?.holderIdentity || undefined;
    if (holder !== undefined && holder !== this.#holder) this.#o.onNewLeader?.(holder);
    this.#holder = holder;
  }

  async #call<R>(signal: AbortSignal, call: (o: ReturnType<typeof requestOptions>) => Promise<R>): Promise<R> {
    const info: RequestInfo = {};
    try {
      return await call(requestOptions({ signal }, info));
    } catch (e) {
      throw toApiError(e, info);
    }
  }

  /** Sleeps one jittered retry period; false when `signal` aborted. */
  async #wait(signal: AbortSignal): Promise<boolean> {
    try {
      await sleep(this.#o.retryPeriodMs * (1 + Math.random() * (JITTER - 1)), signal);
      return true;
    } catch {
      return false;
    }
  }
}
